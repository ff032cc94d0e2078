/**
 * Mine sider: "Mine spørsmål" (my questions and their answers) and, for members of an
 * organisation, "Ubesvarte spørsmål på våre saker (eldre enn 7 dager)".
 */
import { Paragraph, Tag } from "@digdir/designsystemet-react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { QuestionList } from "~/components/QuestionList";
import type { MyQuestionsView } from "~/presenters/question-views";

function short(text: string | null) {
  return text && text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

export function MyQuestions({ data }: { data: MyQuestionsView }) {
  const { t } = useTranslation("questions");
  return (
    <>
      <section className="me-section my-questions" aria-labelledby="my-questions-title">
        <h2 id="my-questions-title">{t("mine.title")}</h2>
        {data.mine.length ? (
          <ul className="qa-summary-list">
            {data.mine.map((q) => (
              <li key={q.id} className="qa-question">
                <h3 className="qa-question__title">
                  <Link to={`/questions/${q.id}`}>{short(q.text) ?? t("questionLabel")}</Link>
                </h3>
                <Paragraph data-size="sm" className="muted">
                  {t("askedBy", { name: q.author ?? t("unknownPerson"), date: q.at })} {t("unanswered.onCase", { title: q.caseTitle })}{" "}
                  <Tag data-color={q.answered ? "success" : "neutral"} data-size="sm">
                    {q.answered ? t("answered") : t("notAnswered")}
                  </Tag>
                </Paragraph>
                {q.hiddenReason !== null ? <Paragraph data-size="sm">{t("hiddenNote", { reason: q.hiddenReason })}</Paragraph> : null}
                {q.answers.length ? (
                  <ul className="qa-answers">
                    {q.answers.map((a) => (
                      <li key={a.id} className="qa-answer">
                        <Paragraph data-size="sm">
                          <strong>
                            {a.organisation ? `${t("answerFrom", { organisation: a.organisation })} – ` : null}
                            {t("answeredBy", { name: a.author ?? t("unknownPerson"), date: a.at })}
                          </strong>
                        </Paragraph>
                        {a.hiddenReason !== null ? (
                          <Paragraph data-size="sm">{t("hiddenNote", { reason: a.hiddenReason })}</Paragraph>
                        ) : null}
                        {a.html ? <div className="qa-post__body" dangerouslySetInnerHTML={{ __html: a.html }} /> : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Paragraph data-size="sm">{t("mine.noAnswers")}</Paragraph>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <Paragraph>{t("mine.none")}</Paragraph>
        )}
      </section>
      {data.showOwned ? (
        <section className="me-section" aria-labelledby="our-unanswered-title">
          <h2 id="our-unanswered-title">{t("mine.ownedTitle")}</h2>
          <QuestionList items={data.unanswered} empty={t("mine.ownedNone")} />
        </section>
      ) : null}
    </>
  );
}
