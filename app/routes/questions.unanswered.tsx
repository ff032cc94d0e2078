/**
 * /questions/unanswered - questions without an answer for more than 7 days. Facilitators see
 * them on every case they can see; anyone else on the cases their organisations own or
 * co-own (owners also find the list on Mine sider). Only cases the viewer can see count.
 */
import { Paragraph } from "@digdir/designsystemet-react";
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { QuestionList } from "~/components/QuestionList";
import { listUnansweredQuestions } from "~/models/question.server";
import { isFacilitator } from "~/policies/viewer";
import { presentQuestionListItem } from "~/presenters/questions.server";
import { requireUser, toViewer } from "~/utils/auth.server";
import { withDomainErrors } from "~/utils/domain-errors";
import { resolveLocale } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "questions:meta.unanswered");

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const user = await requireUser(request);
    const viewer = toViewer(user)!;
    const all = isFacilitator(viewer);
    const locale = resolveLocale(request, user.locale);
    const rows = await listUnansweredQuestions(viewer, all ? "visible" : "owned");
    return json({ all, items: rows.map((q) => presentQuestionListItem(q, locale)) });
  });
}

export default function UnansweredQuestionsPage() {
  const { all, items } = useLoaderData<typeof loader>();
  const { t } = useTranslation("questions");
  return (
    <div className="qa-page">
      <h1>{t("unanswered.title")}</h1>
      <Paragraph>{all ? t("unanswered.introAll") : t("unanswered.introOwned")}</Paragraph>
      <QuestionList items={items} empty={t("unanswered.none")} />
    </div>
  );
}
