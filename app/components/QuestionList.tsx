/** A list of questions with their case (the unanswered list, Mine sider). */
import { Paragraph } from "@digdir/designsystemet-react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { QuestionListItemView } from "~/presenters/question-views";

export function QuestionList({ items, empty }: { items: QuestionListItemView[]; empty: string }) {
  const { t } = useTranslation("questions");
  if (!items.length) return <Paragraph>{empty}</Paragraph>;
  return (
    <ul className="qa-summary-list">
      {items.map((q) => (
        <li key={q.id}>
          <Link to={`/questions/${q.id}`}>{q.text}</Link>
          <Paragraph data-size="sm" className="muted">
            {t("askedBy", { name: q.author ?? t("unknownPerson"), date: q.at })} {t("unanswered.onCase", { title: q.case.title })}
            {" · "}
            {t("answers", { count: q.answers })}
          </Paragraph>
        </li>
      ))}
    </ul>
  );
}
