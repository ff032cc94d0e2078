/**
 * Questions and answers on cases ("Spør kommunen", docs/decisions/019-questions-and-answers.md).
 * The only module that writes them. Every write runs in one transaction that re-checks that the
 * actor may see the case (canViewCase, at the time of writing), checks the rate limit, writes the
 * row and records its domain event ("question.asked" / "answer.posted"; notifications follow).
 * Nothing written is lost: an edit keeps the previous body in `previousBodies`, a delete only
 * sets deletedAt, and a facilitator hides (with a reason) rather than removes.
 */
import { normalisePostDoc, type PostBody } from "~/editor/reduced-schema";
import { canViewCase, caseVisibilityScope, type CaseAccessInfo } from "~/policies/case";
import { canWriteFor, isFacilitator, roleIn, type Viewer } from "~/policies/viewer";
import { db, Prisma } from "~/utils/db.server";
import { accessInfo, caseAccessSelect, visibilityWhere } from "./case.server";
import { CaseNotFound, NotAllowedError, NotFoundError, RateLimitedError, ValidationError } from "./errors";
import { recordEvent } from "./events.server";

type Tx = Prisma.TransactionClient;

/** Questions and answers one person may post within RATE_WINDOW_MS (all rows count, deleted ones too). */
export const RATE_LIMIT_POSTS = 5;
export const RATE_WINDOW_MS = 10 * 60 * 1000;
/** A question is "unanswered" for the owner's list once it is this old without an answer. */
export const UNANSWERED_AFTER_DAYS = 7;
export const MAX_HIDE_REASON_CHARS = 500;

export class QuestionNotFound extends NotFoundError {
  constructor(id?: string | null) {
    super("question", id);
  }
}

export class AnswerNotFound extends NotFoundError {
  constructor(id?: string | null) {
    super("answer", id);
  }
}

/** The body broke a rule of the reduced schema (field "body"; messageKey from POST_PROBLEM_MESSAGE). */
export class PostValidationError extends ValidationError<"body" | "reason"> {}

export type PostKind = "question" | "answer";

const caseForQuestionsSelect = {
  id: true,
  slug: true,
  title: true,
  ...caseAccessSelect,
  contactEmail: true,
  owner: { select: { id: true, name: true } },
  coOwners: { select: { organisationId: true, organisation: { select: { id: true, name: true } } } },
} satisfies Prisma.CaseSelect;

type CaseForQuestions = Prisma.CaseGetPayload<{ select: typeof caseForQuestionsSelect }>;

/** Owner first, then co-owners: the organisation an answer is "from" when its author belongs to several. */
function owningOrganisationIds(c: CaseAccessInfo) {
  return [c.ownerOrganisationId, ...c.coOwnerIds];
}

/** The owning/co-owning organisation the viewer answers for, or null (a member of another organisation). */
export function answeringOrganisationId(viewer: Viewer, c: CaseAccessInfo): string | null {
  return owningOrganisationIds(c).find((id) => roleIn(viewer, id) !== null) ?? null;
}

/** The asker, or an editor of an owning or co-owning organisation. */
export function canMarkAnswered(viewer: Viewer | null, question: { authorId: string | null }, c: CaseAccessInfo): boolean {
  if (!viewer) return false;
  if (question.authorId === viewer.id) return true;
  return owningOrganisationIds(c).some((id) => canWriteFor(viewer, id));
}

export function canHidePost(viewer: Viewer | null): boolean {
  return isFacilitator(viewer);
}

function checkBody(body: PostBody): PostBody {
  const result = normalisePostDoc(body.doc);
  if (!result.ok) throw new PostValidationError("body", `questions:errors.${result.problem === "too-long" ? "tooLong" : result.problem}`);
  return result.body;
}

async function lockAuthor(tx: Tx, userId: string) {
  await tx.$queryRaw`SELECT 1 AS ok FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`posts:${userId}`}, 0))) AS l`;
}

/** Throws RateLimitedError when the user already posted RATE_LIMIT_POSTS in the window (under the author lock). */
async function enforceRateLimit(tx: Tx, userId: string, now: Date) {
  const since = new Date(now.getTime() - RATE_WINDOW_MS);
  const rows = await tx.$queryRaw<Array<{ createdAt: Date }>>`
    SELECT "createdAt" FROM "Question" WHERE "authorId" = ${userId} AND "createdAt" > ${since}
    UNION ALL
    SELECT "createdAt" FROM "Answer" WHERE "authorId" = ${userId} AND "createdAt" > ${since}
    ORDER BY "createdAt" DESC LIMIT ${RATE_LIMIT_POSTS}`;
  if (rows.length >= RATE_LIMIT_POSTS) {
    const oldest = rows[rows.length - 1].createdAt;
    throw new RateLimitedError("post", new Date(oldest.getTime() + RATE_WINDOW_MS));
  }
}

async function viewableCase(tx: Tx, caseId: string, viewer: Viewer): Promise<CaseForQuestions> {
  const c = await tx.case.findUnique({ where: { id: caseId }, select: caseForQuestionsSelect });
  if (!c || !canViewCase(viewer, accessInfo(c))) throw new CaseNotFound(caseId);
  return c;
}

/** The question and its case, when the viewer may see the case (else QuestionNotFound, like a missing one). */
async function viewableQuestion(tx: Tx, questionId: string, viewer: Viewer) {
  const q = await tx.question.findUnique({ where: { id: questionId }, include: { case: { select: caseForQuestionsSelect } } });
  if (!q || !canViewCase(viewer, accessInfo(q.case))) throw new QuestionNotFound(questionId);
  return q;
}

async function viewableAnswer(tx: Tx, answerId: string, viewer: Viewer) {
  const a = await tx.answer.findUnique({
    where: { id: answerId },
    include: { question: { include: { case: { select: caseForQuestionsSelect } } } },
  });
  if (!a || !canViewCase(viewer, accessInfo(a.question.case))) throw new AnswerNotFound(answerId);
  return a;
}

/** Asks a question on a case the viewer can see. */
export async function askQuestion(viewer: Viewer, caseId: string, body: PostBody, now = new Date()) {
  const clean = checkBody(body);
  return db().$transaction(async (tx) => {
    await lockAuthor(tx, viewer.id);
    const c = await viewableCase(tx, caseId, viewer);
    await enforceRateLimit(tx, viewer.id, now);
    const question = await tx.question.create({
      data: {
        caseId: c.id,
        authorId: viewer.id,
        body: clean.doc as unknown as Prisma.InputJsonValue,
        bodyText: clean.text,
        createdAt: now,
      },
    });
    await recordEvent(tx, {
      type: "question.asked",
      entity: "question",
      entityId: question.id,
      actorUserId: viewer.id,
      payload: { caseId: c.id },
    });
    return { question, case: { id: c.id, slug: c.slug } };
  });
}

/** Answers a question on a case the viewer can see; members of an owning organisation answer for it. */
export async function postAnswer(viewer: Viewer, questionId: string, body: PostBody, now = new Date()) {
  const clean = checkBody(body);
  return db().$transaction(async (tx) => {
    await lockAuthor(tx, viewer.id);
    const q = await viewableQuestion(tx, questionId, viewer);
    if (q.deletedAt) throw new QuestionNotFound(questionId);
    if (q.hiddenAt && !isFacilitator(viewer)) throw new NotAllowedError("answer a hidden question");
    await enforceRateLimit(tx, viewer.id, now);
    const answer = await tx.answer.create({
      data: {
        questionId: q.id,
        authorId: viewer.id,
        authorOrganisationId: answeringOrganisationId(viewer, accessInfo(q.case)),
        body: clean.doc as unknown as Prisma.InputJsonValue,
        bodyText: clean.text,
        createdAt: now,
      },
    });
    await recordEvent(tx, {
      type: "answer.posted",
      entity: "answer",
      entityId: answer.id,
      actorUserId: viewer.id,
      payload: { caseId: q.caseId, questionId: q.id },
    });
    return { answer, case: { id: q.case.id, slug: q.case.slug } };
  });
}

interface PreviousBody {
  body: unknown;
  bodyText: string;
  until: string;
}

function previousList(previous: unknown): PreviousBody[] {
  return Array.isArray(previous) ? (previous as PreviousBody[]) : [];
}

/** Edits keep every previous text, so they are limited like posts: RATE_LIMIT_POSTS per post per window. */
function enforceEditLimit(previous: unknown, now: Date) {
  const since = now.getTime() - RATE_WINDOW_MS;
  const recent = previousList(previous)
    .map((p) => Date.parse(p.until))
    .filter((t) => Number.isFinite(t) && t > since)
    .sort((a, b) => a - b);
  if (recent.length >= RATE_LIMIT_POSTS)
    throw new RateLimitedError("edit", new Date(recent[recent.length - RATE_LIMIT_POSTS] + RATE_WINDOW_MS));
}

function withPrevious(previous: unknown, row: { body: unknown; bodyText: string }, now: Date): Prisma.InputJsonValue {
  const list = previousList(previous);
  return [...list, { body: row.body, bodyText: row.bodyText, until: now.toISOString() }] as unknown as Prisma.InputJsonValue;
}

/** Loads a post the viewer may change as its author: deleted = not found, hidden or someone else's = not allowed. */
async function ownPost(tx: Tx, kind: PostKind, id: string, viewer: Viewer) {
  const post =
    kind === "question"
      ? await viewableQuestion(tx, id, viewer).then((q) => ({ row: q, c: q.case, questionId: q.id }))
      : await viewableAnswer(tx, id, viewer).then((a) => ({ row: a, c: a.question.case, questionId: a.questionId }));
  if (post.row.deletedAt) throw kind === "question" ? new QuestionNotFound(id) : new AnswerNotFound(id);
  if (post.row.authorId !== viewer.id) throw new NotAllowedError(`change someone else's ${kind}`);
  if (post.row.hiddenAt) throw new NotAllowedError(`change a hidden ${kind}`);
  return post;
}

/** The author edits their own question or answer; the previous text is kept. */
export async function editPost(viewer: Viewer, kind: PostKind, id: string, body: PostBody, now = new Date()) {
  const clean = checkBody(body);
  return db().$transaction(async (tx) => {
    // Only the author edits: their lock serialises edits, so no previous text is overwritten unseen.
    await lockAuthor(tx, viewer.id);
    const { row, c, questionId } = await ownPost(tx, kind, id, viewer);
    enforceEditLimit(row.previousBodies, now);
    const data = {
      body: clean.doc as unknown as Prisma.InputJsonValue,
      bodyText: clean.text,
      editedAt: now,
      previousBodies: withPrevious(row.previousBodies, row, now),
    };
    if (kind === "question") await tx.question.update({ where: { id }, data });
    else await tx.answer.update({ where: { id }, data });
    return { questionId, case: { id: c.id, slug: c.slug } };
  });
}

/** The author deletes their own question or answer (soft: the row and its text stay). */
export async function deletePost(viewer: Viewer, kind: PostKind, id: string, now = new Date()) {
  return db().$transaction(async (tx) => {
    const { c, questionId } = await ownPost(tx, kind, id, viewer);
    if (kind === "question") await tx.question.update({ where: { id }, data: { deletedAt: now } });
    else await tx.answer.update({ where: { id }, data: { deletedAt: now } });
    return { questionId, case: { id: c.id, slug: c.slug } };
  });
}

/** The asker or an owner's editor marks a question answered (or not answered any more). */
export async function setAnswered(viewer: Viewer, questionId: string, answered: boolean, now = new Date()) {
  return db().$transaction(async (tx) => {
    const q = await viewableQuestion(tx, questionId, viewer);
    if (q.deletedAt) throw new QuestionNotFound(questionId);
    if (!canMarkAnswered(viewer, q, accessInfo(q.case))) throw new NotAllowedError("mark question answered");
    await tx.question.update({
      where: { id: q.id },
      data: answered
        ? { answeredAt: q.answeredAt ?? now, answeredById: q.answeredAt ? q.answeredById : viewer.id }
        : { answeredAt: null, answeredById: null },
    });
    return { questionId: q.id, case: { id: q.case.id, slug: q.case.slug } };
  });
}

/** A facilitator hides a post with a reason shown in its place (or shows it again with reason null). */
export async function setHidden(viewer: Viewer, kind: PostKind, id: string, reason: string | null, now = new Date()) {
  if (!canHidePost(viewer)) throw new NotAllowedError(`hide ${kind}`);
  const trimmed = reason?.trim() ?? null;
  if (reason !== null && !trimmed) throw new PostValidationError("reason", "questions:errors.reasonRequired");
  if (trimmed && trimmed.length > MAX_HIDE_REASON_CHARS) throw new PostValidationError("reason", "questions:errors.reasonTooLong");
  return db().$transaction(async (tx) => {
    const post =
      kind === "question"
        ? await viewableQuestion(tx, id, viewer).then((q) => ({ row: q, c: q.case, questionId: q.id }))
        : await viewableAnswer(tx, id, viewer).then((a) => ({ row: a, c: a.question.case, questionId: a.questionId }));
    if (post.row.deletedAt) throw kind === "question" ? new QuestionNotFound(id) : new AnswerNotFound(id);
    const data = trimmed
      ? { hiddenAt: now, hiddenReason: trimmed, hiddenById: viewer.id }
      : { hiddenAt: null, hiddenReason: null, hiddenById: null };
    if (kind === "question") await tx.question.update({ where: { id }, data });
    else await tx.answer.update({ where: { id }, data });
    return { questionId: post.questionId, case: { id: post.c.id, slug: post.c.slug } };
  });
}

// ---------------------------------------------------------------- reading

const postAuthor = { select: { id: true, name: true } } as const;

const questionInclude = {
  author: postAuthor,
  answers: {
    orderBy: { createdAt: "asc" },
    include: { author: postAuthor, authorOrganisation: { select: { id: true, name: true } } },
  },
} satisfies Prisma.QuestionInclude;

export type QuestionWithAnswers = Prisma.QuestionGetPayload<{ include: typeof questionInclude }>;

/** Every question of a case with its answers, oldest first (the presenter decides what each viewer sees). */
export async function listCaseQuestions(caseId: string): Promise<QuestionWithAnswers[]> {
  return db().question.findMany({ where: { caseId }, orderBy: { createdAt: "asc" }, include: questionInclude });
}

/** One question with its answers and its case's access facts, if the viewer may see the case (else QuestionNotFound). */
export async function requireViewableQuestion(questionId: string | undefined, viewer: Viewer) {
  if (!questionId || questionId.length > 64) throw new QuestionNotFound(questionId);
  const q = await db().question.findUnique({
    where: { id: questionId },
    include: { ...questionInclude, case: { select: caseForQuestionsSelect } },
  });
  if (!q || !canViewCase(viewer, accessInfo(q.case))) throw new QuestionNotFound(questionId);
  return q;
}

export type QuestionWithCase = Awaited<ReturnType<typeof requireViewableQuestion>>;

/** A question counts as answered when it was marked answered or has an answer nobody deleted or hid. */
const answeredWhere: Prisma.QuestionWhereInput = {
  OR: [{ answeredAt: { not: null } }, { answers: { some: { deletedAt: null, hiddenAt: null } } }],
};

const openWhere: Prisma.QuestionWhereInput = {
  deletedAt: null,
  hiddenAt: null,
  answeredAt: null,
  answers: { none: { deletedAt: null, hiddenAt: null } },
};

/** What a visitor learns about a case they can see: how many questions, how many answered. */
export async function countCaseQuestions(caseId: string) {
  const visible: Prisma.QuestionWhereInput = { caseId, deletedAt: null, hiddenAt: null };
  const [total, answered] = await Promise.all([
    db().question.count({ where: visible }),
    db().question.count({ where: { ...visible, ...answeredWhere } }),
  ]);
  return { total, answered };
}

const listInclude = {
  author: postAuthor,
  case: { select: { id: true, slug: true, title: true } },
  _count: { select: { answers: { where: { deletedAt: null, hiddenAt: null } } } },
} satisfies Prisma.QuestionInclude;

export type QuestionListItem = Prisma.QuestionGetPayload<{ include: typeof listInclude }>;

/**
 * Unanswered questions older than UNANSWERED_AFTER_DAYS. `scope` "visible": on every case the
 * viewer can see (facilitators); "owned": on cases the viewer's organisations own or co-own
 * (and can see), for Mine sider.
 */
export async function listUnansweredQuestions(viewer: Viewer, scope: "visible" | "owned", now = new Date(), take = 100) {
  const before = new Date(now.getTime() - UNANSWERED_AFTER_DAYS * 24 * 60 * 60 * 1000);
  const orgIds = viewer.memberships.map((m) => m.organisationId);
  if (scope === "owned" && !orgIds.length) return [];
  const caseWhere: Prisma.CaseWhereInput =
    scope === "owned"
      ? {
          AND: [
            visibilityWhere(caseVisibilityScope(viewer)),
            { OR: [{ ownerOrganisationId: { in: orgIds } }, { coOwners: { some: { organisationId: { in: orgIds } } } }] },
          ],
        }
      : visibilityWhere(caseVisibilityScope(viewer));
  return db().question.findMany({
    where: { ...openWhere, createdAt: { lt: before }, case: caseWhere },
    orderBy: { createdAt: "asc" },
    include: listInclude,
    take,
  });
}

/** The viewer's own questions (not deleted) on cases they can still see, newest first, with their answers. */
export async function listMyQuestions(viewer: Viewer, take = 50) {
  return db().question.findMany({
    where: { authorId: viewer.id, deletedAt: null, case: visibilityWhere(caseVisibilityScope(viewer)) },
    orderBy: { createdAt: "desc" },
    include: { ...questionInclude, case: { select: caseForQuestionsSelect } },
    take,
  });
}
