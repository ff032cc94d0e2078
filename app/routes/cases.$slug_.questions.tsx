/**
 * /cases/:slug/questions - ask a question about a case. The case page's ask form posts here;
 * success goes back to the case (?qa=asked, at the new question). A failed post (empty, too
 * long, rate limited) is shown on this page with the text kept; GET shows the form alone.
 */
import { Alert, Paragraph } from "@digdir/designsystemet-react";
import { redirect, json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AskForm } from "~/components/CaseQuestions";
import { RetryNote } from "~/components/QuestionThread";
import { ErrorSummary } from "~/components/ui/form";
import { askQuestion } from "~/models/question.server";
import { readForm, requireUser, toViewer } from "~/utils/auth.server";
import { requireViewableCase } from "~/utils/case-access.server";
import { withDomainErrors } from "~/utils/domain-errors";
import { resolveLocale } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { readPostForm, withPostErrors } from "~/utils/question-forms.server";
import { keepRetryAfter } from "~/utils/route-headers";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "questions:meta.ask", { title: data?.title ?? "" });

// Keep Retry-After on a 429 (document responses only carry headers a route passes on).
export const headers = keepRetryAfter;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const user = await requireUser(request);
    const c = await requireViewableCase(params.slug, toViewer(user));
    return json({ slug: c.slug, title: c.title });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const user = await requireUser(request);
    const viewer = toViewer(user)!;
    const c = await requireViewableCase(params.slug, viewer);
    const read = readPostForm(form, "ask");
    if (!read.ok) return read.reply;
    const done = await withPostErrors("ask", { body: String(form.get("body") ?? "") }, resolveLocale(request, user.locale), () =>
      askQuestion(viewer, c.id, read.body),
    );
    if (!done.ok) return done.reply;
    return redirect(`/cases/${c.slug}?qa=asked#question-${done.result.question.id}`);
  });
}

export default function AskQuestionPage() {
  const { slug, title } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const state = data && "state" in data ? data.state : null;
  const { t } = useTranslation("questions");
  return (
    <div className="qa-page">
      <Paragraph>
        <Link to={`/cases/${slug}#questions`}>{t("page.back")}</Link>
      </Paragraph>
      <h1>{t("page.askTitle", { title })}</h1>
      <ErrorSummary errors={state ? { ask: state.errors.body } : undefined} labels={{ ask: t("ask.label") }} />
      {state?.retryAt ? (
        <Alert data-color="warning">
          <RetryNote state={state} />
        </Alert>
      ) : null}
      <Paragraph>{t("intro")}</Paragraph>
      <AskForm slug={slug} values={state?.values} error={state?.errors.body} />
    </div>
  );
}
