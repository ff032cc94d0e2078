/**
 * /questions/:id - one question with its answers (a permalink), and every action on it:
 * answer, edit / delete your own post, mark answered, hide / unhide (facilitators). One action,
 * the intent chosen by the submit button and read with zod. A question on a case the viewer
 * may not see is a 404 like a missing one; a post that is not theirs to change is a 403.
 */
import { Alert, Paragraph } from "@digdir/designsystemet-react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { QuestionStatus } from "~/components/CaseQuestions";
import { QuestionThread, RetryNote } from "~/components/QuestionThread";
import { ErrorSummary } from "~/components/ui/form";
import { ValidationError } from "~/models/errors";
import {
  AnswerNotFound,
  deletePost,
  editPost,
  postAnswer,
  requireViewableQuestion,
  setAnswered,
  setHidden,
} from "~/models/question.server";
import { presentQuestionPage } from "~/presenters/questions.server";
import { readForm, requireUser, toViewer } from "~/utils/auth.server";
import { withDomainErrors } from "~/utils/domain-errors";
import { resolveLocale } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { QuestionActionSchema } from "~/schemas/question";
import { readPostForm, withPostErrors } from "~/utils/question-forms.server";
import { keepRetryAfter } from "~/utils/route-headers";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "questions:meta.question", { title: data?.caseTitle ?? "" });

// Keep Retry-After on a 429 (document responses only carry headers a route passes on).
export const headers = keepRetryAfter;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const user = await requireUser(request);
    const viewer = toViewer(user)!;
    const q = await requireViewableQuestion(params.id, viewer);
    return json(presentQuestionPage(q, viewer, resolveLocale(request, user.locale)));
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const user = await requireUser(request);
    const viewer = toViewer(user)!;
    const locale = resolveLocale(request, user.locale);
    const q = await requireViewableQuestion(params.id, viewer);
    const parsed = QuestionActionSchema.safeParse(Object.fromEntries([...form].filter(([, v]) => typeof v === "string")));
    if (!parsed.success) throw new ValidationError("intent", "common:errors.badRequest");
    const input = parsed.data;
    // An answer id must belong to this question: anything else is "not found" here.
    if ("kind" in input && input.kind === "answer" && !q.answers.some((a) => a.id === input.postId)) throw new AnswerNotFound(input.postId);
    if ("kind" in input && input.kind === "question" && input.postId !== q.id) throw new AnswerNotFound(input.postId);
    const back = (status: string, anchor = `question-${q.id}`) => redirect(`/cases/${q.case.slug}?qa=${status}#${anchor}`);
    const typed = { body: typeof form.get("body") === "string" ? String(form.get("body")) : "" };

    switch (input.intent) {
      case "answer": {
        const read = readPostForm(form, "answer");
        if (!read.ok) return read.reply;
        const done = await withPostErrors("answer", typed, locale, () => postAnswer(viewer, q.id, read.body));
        if (!done.ok) return done.reply;
        return back("answered", `answer-${done.result.answer.id}`);
      }
      case "edit": {
        const name = `edit:${input.postId}`;
        const read = readPostForm(form, name);
        if (!read.ok) return read.reply;
        const done = await withPostErrors(name, typed, locale, () => editPost(viewer, input.kind, input.postId, read.body));
        if (!done.ok) return done.reply;
        return back("edited", input.kind === "answer" ? `answer-${input.postId}` : undefined);
      }
      case "delete":
        await deletePost(viewer, input.kind, input.postId);
        return back("deleted", "questions");
      case "mark":
        await setAnswered(viewer, q.id, input.answered === "1");
        return back(input.answered === "1" ? "marked" : "unmarked");
      case "hide": {
        const name = `hide:${input.postId}`;
        const done = await withPostErrors(name, { reason: input.reason }, locale, () =>
          setHidden(viewer, input.kind, input.postId, input.reason),
        );
        if (!done.ok) return done.reply;
        return back("hidden");
      }
      case "unhide":
        await setHidden(viewer, input.kind, input.postId, null);
        return back("unhidden");
    }
  });
}

export default function QuestionPage() {
  const { question, caseSlug, caseTitle, answeringFor } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const state = data && "state" in data ? data.state : null;
  const [searchParams] = useSearchParams();
  const { t } = useTranslation("questions");
  const fieldKey = state ? (state.form === "answer" ? `answer-${question.id}` : state.form.replace(":", "-")) : "";
  const error = state ? (state.errors.body ?? state.errors.reason) : undefined;
  return (
    <div className="qa-page">
      <Paragraph>
        <Link to={`/cases/${caseSlug}#question-${question.id}`}>{t("page.back")}</Link>
      </Paragraph>
      <h1>{t("page.questionTitle", { title: caseTitle })}</h1>
      <QuestionStatus />
      <ErrorSummary
        errors={state ? { [fieldKey]: error } : undefined}
        labels={{
          [fieldKey]:
            state?.form === "answer" ? t("answer.label") : state?.form.startsWith("hide") ? t("actions.hideLabel") : t("actions.edit"),
        }}
      />
      {state?.retryAt ? (
        <Alert data-color="warning">
          <RetryNote state={state} />
        </Alert>
      ) : null}
      <QuestionThread
        question={question}
        headingLevel={2}
        state={state}
        editing={searchParams.get("edit")}
        caseSlug={caseSlug}
        answeringFor={answeringFor}
      />
    </div>
  );
}
