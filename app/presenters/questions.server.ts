/**
 * Questions and answers -> what a page shows, for one viewer at the time they look.
 * Visitors get counts only (the case is visible to them, so the counts are too). Hidden posts
 * show the facilitator's reason; their text only reaches the author and facilitators.
 * Deleted answers are left out; a deleted question stays as a note while it has answers.
 */
import { renderPostHtml } from "~/editor/reduced-render.server";
import {
  answeringOrganisationId,
  canHidePost,
  canMarkAnswered,
  type QuestionListItem,
  type QuestionWithAnswers,
  type QuestionWithCase,
} from "~/models/question.server";
import { accessInfo } from "~/models/case.server";
import { canViewCase } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";
import { formatDate, type AppLocale } from "~/utils/i18n";
import type {
  AnswerView,
  CaseQuestionsView,
  MyQuestionsView,
  PostView,
  QuestionListItemView,
  QuestionPageView,
  QuestionView,
} from "./question-views";

export type { AnswerView, CaseQuestionsView, MyQuestionsView, QuestionListItemView, QuestionPageView, QuestionView };

const DATE_TIME = { dateStyle: "medium", timeStyle: "short" } as const;

interface CaseFacts {
  slug: string;
  visibility: "DRAFT" | "MEMBERS" | "PUBLIC";
  ownerOrganisationId: string;
  coOwners: Array<{ organisationId: string; organisation?: { id: string; name: string } }>;
  owner?: { id: string; name: string };
  deletedAt?: Date | null;
}

function organisationName(c: CaseFacts, id: string) {
  if (c.owner?.id === id) return c.owner.name;
  return c.coOwners.find((o) => o.organisationId === id)?.organisation?.name ?? null;
}

interface PostRow {
  id: string;
  authorId: string | null;
  author: { id: string; name: string } | null;
  body: unknown;
  bodyText: string;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  editedAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
}

function presentPost(p: PostRow, viewer: Viewer, locale: AppLocale): PostView {
  const mine = !!p.authorId && p.authorId === viewer.id;
  const hidden = !!p.hiddenAt;
  const showText = !hidden || mine || canHidePost(viewer);
  return {
    id: p.id,
    author: p.author?.name ?? null,
    mine,
    at: formatDate(p.createdAt, locale, DATE_TIME),
    iso: p.createdAt.toISOString(),
    edited: !!p.editedAt,
    hiddenReason: hidden ? (p.hiddenReason ?? "") : null,
    html: showText ? renderPostHtml(p.body) : null,
    /** The text for the edit form (own posts only). */
    text: mine && !hidden ? p.bodyText : null,
    canEdit: mine && !hidden,
    canHide: canHidePost(viewer),
  };
}

export function presentQuestion(q: QuestionWithAnswers, c: CaseFacts, viewer: Viewer, locale: AppLocale): QuestionView {
  const access = accessInfo(c);
  const answers = q.answers
    .filter((a) => !a.deletedAt)
    .map((a): AnswerView => ({ ...presentPost(a, viewer, locale), organisation: a.authorOrganisation?.name ?? null }));
  const visibleAnswers = q.answers.filter((a) => !a.deletedAt && !a.hiddenAt).length;
  return {
    ...presentPost(q, viewer, locale),
    deleted: !!q.deletedAt,
    answered: !!q.answeredAt || visibleAnswers > 0,
    markedAnswered: !!q.answeredAt,
    canMarkAnswered: !q.deletedAt && canMarkAnswered(viewer, q, access),
    canAnswer: !q.deletedAt && (!q.hiddenAt || canHidePost(viewer)),
    answers,
  };
}

/** The case page's questions section: counts for visitors, everything (as allowed) for the logged in. */
export function presentCaseQuestions(
  questions: QuestionWithAnswers[],
  c: CaseFacts,
  viewer: Viewer | null,
  locale: AppLocale,
): CaseQuestionsView {
  const loginHref = `/login?redirectTo=${encodeURIComponent(`/cases/${c.slug}#questions`)}`;
  const visible = questions.filter((q) => !q.deletedAt && !q.hiddenAt);
  const answered = visible.filter((q) => q.answeredAt || q.answers.some((a) => !a.deletedAt && !a.hiddenAt)).length;
  if (!viewer) return { loggedIn: false, slug: c.slug, total: visible.length, answered, loginHref };
  const answeringFor = answeringOrganisationId(viewer, accessInfo(c));
  return {
    loggedIn: true,
    slug: c.slug,
    total: visible.length,
    answered,
    answeringFor: answeringFor ? organisationName(c, answeringFor) : null,
    questions: questions
      .filter((q) => !q.deletedAt || q.answers.some((a) => !a.deletedAt))
      .map((q) => presentQuestion(q, c, viewer, locale)),
  };
}

/** The /questions/$id page. */
export function presentQuestionPage(q: QuestionWithCase, viewer: Viewer, locale: AppLocale): QuestionPageView {
  const answering = answeringOrganisationId(viewer, accessInfo(q.case));
  return {
    question: presentQuestion(q, q.case, viewer, locale),
    caseSlug: q.case.slug,
    caseTitle: q.case.title,
    answeringFor: answering ? organisationName(q.case, answering) : null,
  };
}

/** A row of the unanswered list (/questions/unanswered, Mine sider). */
export function presentQuestionListItem(q: QuestionListItem, locale: AppLocale): QuestionListItemView {
  const text = q.bodyText.length > 200 ? `${q.bodyText.slice(0, 199)}…` : q.bodyText;
  return {
    id: q.id,
    text,
    author: q.author?.name ?? null,
    at: formatDate(q.createdAt, locale, DATE_TIME),
    iso: q.createdAt.toISOString(),
    answers: q._count.answers,
    case: { slug: q.case.slug, title: q.case.title },
  };
}

/** Mine sider: my questions (with their answers) and, for members of organisations, the unanswered ones on our cases. */
export function presentMyQuestions(
  mine: Array<QuestionWithAnswers & { case: CaseFacts & { id: string; title: string } }>,
  unansweredOnOurCases: QuestionListItem[],
  viewer: Viewer,
  locale: AppLocale,
): MyQuestionsView {
  return {
    mine: mine
      .filter((q) => canViewCase(viewer, accessInfo(q.case)))
      .map((q) => ({ ...presentQuestion(q, q.case, viewer, locale), caseSlug: q.case.slug, caseTitle: q.case.title })),
    showOwned: viewer.memberships.length > 0,
    unanswered: unansweredOnOurCases.map((q) => presentQuestionListItem(q, locale)),
  };
}
