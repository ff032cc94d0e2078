/**
 * The shapes of question and answer page data (built by questions.server.ts). Pure types, so
 * components can use them without importing server code.
 */
export interface PostView {
  id: string;
  author: string | null;
  mine: boolean;
  at: string;
  iso: string;
  edited: boolean;
  /** The facilitator's reason when hidden, else null. */
  hiddenReason: string | null;
  /** Sanitised HTML, or null when hidden from this viewer. */
  html: string | null;
  /** The text for the edit form (own posts only). */
  text: string | null;
  canEdit: boolean;
  canHide: boolean;
}

export interface AnswerView extends PostView {
  /** "Svar fra <organisation>" when the author answered for an owning organisation. */
  organisation: string | null;
}

export interface QuestionView extends PostView {
  deleted: boolean;
  answered: boolean;
  markedAnswered: boolean;
  canMarkAnswered: boolean;
  canAnswer: boolean;
  answers: AnswerView[];
}

export type CaseQuestionsView =
  | { loggedIn: false; slug: string; total: number; answered: number; loginHref: string }
  | { loggedIn: true; slug: string; total: number; answered: number; answeringFor: string | null; questions: QuestionView[] };

export interface QuestionPageView {
  question: QuestionView;
  caseSlug: string;
  caseTitle: string;
  answeringFor: string | null;
}

export interface QuestionListItemView {
  id: string;
  text: string;
  author: string | null;
  at: string;
  iso: string;
  answers: number;
  case: { slug: string; title: string };
}

export interface MyQuestionsView {
  mine: Array<QuestionView & { caseSlug: string; caseTitle: string }>;
  /** Whether to show the owners' list (the viewer belongs to an organisation). */
  showOwned: boolean;
  unanswered: QuestionListItemView[];
}
