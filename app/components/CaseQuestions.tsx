/**
 * "Spørsmål og svar" on the case page (docs/decisions/019). Visitors see how many questions
 * were asked and answered and are invited to log in; logged-in readers see the questions with
 * their answers, an answer form under each and the ask form. Outcomes of the forms (?qa=...)
 * are announced in a status region.
 */
import { Alert, Button, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { PostTextarea, QuestionThread } from "~/components/QuestionThread";
import type { CaseQuestionsView } from "~/presenters/question-views";

const STATUSES = ["asked", "answered", "edited", "deleted", "marked", "unmarked", "hidden", "unhidden"] as const;

export function QuestionStatus() {
  const { t } = useTranslation("questions");
  const [searchParams] = useSearchParams();
  const qa = searchParams.get("qa");
  const status = STATUSES.find((s) => s === qa);
  return (
    <div role="status" className="qa-status">
      {status ? (
        <Alert data-color="success">
          <Paragraph>{t(`status.${status}`)}</Paragraph>
        </Alert>
      ) : null}
    </div>
  );
}

export function AskForm({ slug, values, error }: { slug: string; values?: { body?: string }; error?: string }) {
  const { t } = useTranslation("questions");
  return (
    <Form method="post" action={`/cases/${slug}/questions`} className="qa-form qa-ask">
      <CsrfInput />
      <PostTextarea field="ask" label={t("ask.label")} hint={t("ask.hint")} error={error} defaultValue={values?.body} rows={5} />
      <Button type="submit">{t("ask.submit")}</Button>
    </Form>
  );
}

export function CaseQuestions({ data }: { data: CaseQuestionsView }) {
  const { t } = useTranslation("questions");
  return (
    <section className="case__section case-questions no-print" id="questions" aria-labelledby="questions-title">
      <h2 id="questions-title">{t("title")}</h2>
      <QuestionStatus />
      {data.loggedIn ? (
        <>
          <Paragraph>{data.total ? t("visitorCount", { count: data.total, answered: data.answered }) : t("none")}</Paragraph>
          {data.questions.length ? (
            <ol className="qa-list">
              {data.questions.map((q) => (
                <li key={q.id}>
                  <QuestionThread question={q} caseSlug={data.slug} answeringFor={data.answeringFor} />
                </li>
              ))}
            </ol>
          ) : null}
          <h3 id="ask-title">{t("ask.heading")}</h3>
          <Paragraph>{t("intro")}</Paragraph>
          {/* Keyed by the count: once a question is posted the form is new and empty, not the sent text again. */}
          <AskForm key={data.total} slug={data.slug} />
        </>
      ) : (
        <Paragraph>
          {data.total ? t("visitorCount", { count: data.total, answered: data.answered }) : t("visitorNone")} –{" "}
          <Link to={data.loginHref}>{t("loginToRead")}</Link>
        </Paragraph>
      )}
    </section>
  );
}
