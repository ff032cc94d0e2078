/**
 * One question with its answers and the actions the viewer may take (answer, edit, delete,
 * mark answered, hide). Used on the case page and on /questions/$id. Every action is a plain
 * form post to /questions/$id, so all of it works without JavaScript.
 */
import { Button, Details, Field, Label, Paragraph, Tag, Textarea } from "@digdir/designsystemet-react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { describedBy, FieldMessages, fieldId } from "~/components/ui/form";
import type { QuestionView } from "~/presenters/question-views";

/** Errors and typed text of one form, as an action returns them. */
export interface PostFormState {
  /** Which form it belongs to: "ask", "answer", "edit:<postId>", "hide:<postId>". */
  form: string;
  errors: Record<string, string | undefined>;
  values: Record<string, string | undefined>;
  retryAt?: string | null;
}

/** A labelled textarea with its hint and error; `field` is unique per form (several forms share a page). */
export function PostTextarea({
  field,
  name = "body",
  label,
  hint,
  error,
  defaultValue,
  rows = 4,
  maxLength,
}: {
  field: string;
  name?: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  rows?: number;
  maxLength?: number;
}) {
  const id = fieldId(field);
  return (
    <Field className="field">
      <Label htmlFor={id}>{label}</Label>
      <FieldMessages id={id} hint={hint} error={error} />
      <Textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
      />
    </Field>
  );
}

/** The "try again after" line under a rate-limited form. */
export function RetryNote({ state }: { state?: PostFormState | null }) {
  const { t } = useTranslation("questions");
  if (!state?.retryAt) return null;
  return <Paragraph data-size="sm">{t("errors.retryAt", { time: state.retryAt })}</Paragraph>;
}

function stateFor(state: PostFormState | null | undefined, form: string) {
  return state && state.form === form ? state : null;
}

function PostBody({ html }: { html: string }) {
  // Rendered on the server from the reduced schema and sanitised (reduced-render.server.ts).
  return <div className="qa-post__body" dangerouslySetInnerHTML={{ __html: html }} />;
}

interface PostViewLike {
  id: string;
  hiddenReason: string | null;
  html: string | null;
  mine: boolean;
}

function HiddenNote({ post }: { post: PostViewLike }) {
  const { t } = useTranslation("questions");
  if (post.hiddenReason === null) return null;
  return (
    <Paragraph className="qa-post__hidden" data-size="sm">
      <strong>{t("hiddenNote", { reason: post.hiddenReason })}</strong>
      {post.html ? <> {t("hiddenYouSee")}</> : null}
    </Paragraph>
  );
}

function HideForm({
  questionId,
  kind,
  post,
  state,
}: {
  questionId: string;
  kind: "question" | "answer";
  post: PostViewLike;
  state?: PostFormState | null;
}) {
  const { t } = useTranslation("questions");
  const mine = stateFor(state, `hide:${post.id}`);
  if (post.hiddenReason !== null) {
    return (
      <Form method="post" action={`/questions/${questionId}`} className="qa-inline-form">
        <CsrfInput />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="postId" value={post.id} />
        <Button type="submit" name="intent" value="unhide" variant="tertiary" data-size="sm">
          {t("actions.unhide")}
        </Button>
      </Form>
    );
  }
  return (
    <Details className="qa-hide" defaultOpen={!!mine}>
      <Details.Summary>{t("actions.hide")}</Details.Summary>
      <Details.Content>
        <Form method="post" action={`/questions/${questionId}`}>
          <CsrfInput />
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="postId" value={post.id} />
          <PostTextarea
            field={`hide-${post.id}`}
            name="reason"
            label={t("actions.hideLabel")}
            hint={t("actions.hideHint")}
            error={mine?.errors.reason}
            defaultValue={mine?.values.reason}
            rows={2}
          />
          <Button type="submit" name="intent" value="hide" data-size="sm" data-color="danger">
            {t("actions.hide")}
          </Button>
        </Form>
      </Details.Content>
    </Details>
  );
}

function EditForm({
  questionId,
  kind,
  post,
  state,
  cancelHref,
}: {
  questionId: string;
  kind: "question" | "answer";
  post: PostViewLike & { text: string | null };
  state?: PostFormState | null;
  cancelHref: string;
}) {
  const { t } = useTranslation("questions");
  const mine = stateFor(state, `edit:${post.id}`);
  return (
    <Form method="post" action={`/questions/${questionId}`} className="qa-form">
      <CsrfInput />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="postId" value={post.id} />
      <PostTextarea
        field={`edit-${post.id}`}
        label={kind === "question" ? t("actions.editQuestion") : t("actions.editAnswer")}
        hint={t("answer.hint")}
        error={mine?.errors.body}
        defaultValue={mine?.values.body ?? post.text ?? ""}
        rows={5}
      />
      <RetryNote state={mine} />
      <div className="form-actions">
        <Button type="submit" name="intent" value="edit" data-size="sm">
          {t("actions.save")}
        </Button>
        <Button asChild variant="secondary" data-size="sm">
          <Link to={cancelHref}>{t("actions.cancel")}</Link>
        </Button>
      </div>
    </Form>
  );
}

function OwnPostActions({
  questionId,
  kind,
  post,
  editing,
}: {
  questionId: string;
  kind: "question" | "answer";
  post: PostViewLike;
  editing: boolean;
}) {
  const { t } = useTranslation("questions");
  return (
    <div className="qa-actions" role="group" aria-label={t("actions.group")}>
      {editing ? null : (
        <Button asChild variant="tertiary" data-size="sm">
          <Link to={`/questions/${questionId}?edit=${post.id}#${fieldId(`edit-${post.id}`)}`}>
            {kind === "question" ? t("actions.editQuestion") : t("actions.editAnswer")}
          </Link>
        </Button>
      )}
      <Form method="post" action={`/questions/${questionId}`} className="qa-inline-form">
        <CsrfInput />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="postId" value={post.id} />
        <Button type="submit" name="intent" value="delete" variant="tertiary" data-size="sm" data-color="danger">
          {kind === "question" ? t("actions.deleteQuestion") : t("actions.deleteAnswer")}
        </Button>
      </Form>
    </div>
  );
}

export function QuestionThread({
  question: q,
  headingLevel = 3,
  state,
  editing,
  showAnswerForm = true,
  answeringFor,
  caseSlug,
  linkToQuestion = false,
}: {
  question: QuestionView;
  headingLevel?: 2 | 3;
  state?: PostFormState | null;
  /** The id of the post whose edit form is open (question or answer). */
  editing?: string | null;
  showAnswerForm?: boolean;
  answeringFor?: string | null;
  caseSlug: string;
  linkToQuestion?: boolean;
}) {
  const { t } = useTranslation("questions");
  const H = headingLevel === 2 ? "h2" : "h3";
  const Ha = headingLevel === 2 ? "h3" : "h4";
  const headingId = `question-${q.id}-title`;
  const answerState = stateFor(state, "answer");
  const editingQuestion = editing === q.id || !!stateFor(state, `edit:${q.id}`);
  const cancelHref = `/questions/${q.id}`;
  return (
    <article className="qa-question" id={`question-${q.id}`} aria-labelledby={headingId}>
      <header className="qa-question__header">
        <H id={headingId} className="qa-question__title">
          {q.deleted ? t("deletedQuestion") : t("askedBy", { name: q.author ?? t("unknownPerson"), date: q.at })}
        </H>
        {q.deleted ? null : (
          <Tag data-color={q.answered ? "success" : "neutral"} data-size="sm">
            {q.answered ? t("answered") : t("notAnswered")}
          </Tag>
        )}
        {q.edited && !q.deleted ? <span className="muted"> ({t("edited")})</span> : null}
      </header>
      {q.deleted ? null : (
        <>
          <HiddenNote post={q} />
          {editingQuestion && q.canEdit ? (
            <EditForm questionId={q.id} kind="question" post={q} state={state} cancelHref={cancelHref} />
          ) : q.html ? (
            <PostBody html={q.html} />
          ) : null}
          {q.canEdit ? <OwnPostActions questionId={q.id} kind="question" post={q} editing={editingQuestion} /> : null}
          {q.canMarkAnswered ? (
            <Form method="post" action={`/questions/${q.id}`} className="qa-inline-form">
              <CsrfInput />
              <input type="hidden" name="answered" value={q.markedAnswered ? "0" : "1"} />
              <Button type="submit" name="intent" value="mark" variant="secondary" data-size="sm">
                {q.markedAnswered ? t("actions.markUnanswered") : t("actions.markAnswered")}
              </Button>
            </Form>
          ) : null}
          {q.canHide ? <HideForm questionId={q.id} kind="question" post={q} state={state} /> : null}
        </>
      )}

      {q.answers.length ? (
        <section className="qa-answers" aria-label={t("answersLabel")}>
          {q.answers.map((a) => {
            const editingAnswer = editing === a.id || !!stateFor(state, `edit:${a.id}`);
            return (
              <article key={a.id} className="qa-answer" id={`answer-${a.id}`} aria-labelledby={`answer-${a.id}-title`}>
                <Ha id={`answer-${a.id}-title`} className="qa-answer__title">
                  {a.organisation ? (
                    <>
                      <Tag data-color="info" data-size="sm">
                        {t("answerFrom", { organisation: a.organisation })}
                      </Tag>{" "}
                    </>
                  ) : null}
                  {t("answeredBy", { name: a.author ?? t("unknownPerson"), date: a.at })}
                  {a.edited ? <span className="muted"> ({t("edited")})</span> : null}
                </Ha>
                <HiddenNote post={a} />
                {editingAnswer && a.canEdit ? (
                  <EditForm questionId={q.id} kind="answer" post={a} state={state} cancelHref={cancelHref} />
                ) : a.html ? (
                  <PostBody html={a.html} />
                ) : null}
                {a.canEdit ? <OwnPostActions questionId={q.id} kind="answer" post={a} editing={editingAnswer} /> : null}
                {a.canHide ? <HideForm questionId={q.id} kind="answer" post={a} state={state} /> : null}
              </article>
            );
          })}
        </section>
      ) : null}

      {linkToQuestion ? (
        <Paragraph data-size="sm">
          <Link to={`/questions/${q.id}`}>{t("actions.open")}</Link>
        </Paragraph>
      ) : null}

      {showAnswerForm && q.canAnswer ? (
        <Details className="qa-answer-form" defaultOpen={!!answerState}>
          <Details.Summary>{t("answer.submit")}</Details.Summary>
          <Details.Content>
            {/* Keyed by the answers: after a posted answer the box is empty (a failed post keeps the text). */}
            <Form key={q.answers.length} method="post" action={`/questions/${q.id}`} className="qa-form">
              <CsrfInput />
              <input type="hidden" name="from" value={caseSlug ? "case" : "question"} />
              <PostTextarea
                field={`answer-${q.id}`}
                label={t("answer.label")}
                hint={answeringFor ? `${t("answer.hint")} ${t("answer.hintOwner", { organisation: answeringFor })}` : t("answer.hint")}
                error={answerState?.errors.body}
                defaultValue={answerState?.values.body}
              />
              <RetryNote state={answerState} />
              <Button type="submit" name="intent" value="answer" data-size="sm">
                {t("answer.submit")}
              </Button>
            </Form>
          </Details.Content>
        </Details>
      ) : null}
    </article>
  );
}
