/**
 * The case page's compact "Facts for reuse" box: a <dl> of only the facts that are set
 * (data shaped by app/presenters/reuse-facts.server.ts). Nothing at all when none is set.
 */
import { Heading } from "@digdir/designsystemet-react";
import type { i18n as I18n } from "i18next";
import { useTranslation } from "react-i18next";
import type { ReuseFactsView } from "~/schemas/reuse-facts";

export function CaseReuseFacts({ facts }: { facts: ReuseFactsView | null }) {
  const { t } = useTranslation("reuse");
  if (!facts) return null;
  return (
    <section className="reuse-box" aria-labelledby="reuse-facts-title">
      <Heading level={2} data-size="xs" id="reuse-facts-title">
        {t("view.title")}
      </Heading>
      <dl className="reuse-box__list">
        {facts.numbers.map((f) => (
          <div key={f.key} className="reuse-box__item">
            <dt>{t(`view.${f.key}`)}</dt>
            <dd>{t(f.valueKey, { value: f.value, count: f.count })}</dd>
          </div>
        ))}
        {facts.targetGroup ? (
          <div className="reuse-box__item reuse-box__item--wide">
            <dt>{t("view.targetGroup")}</dt>
            <dd>{facts.targetGroup}</dd>
          </div>
        ) : null}
        {facts.prerequisites.length ? (
          <div className="reuse-box__item reuse-box__item--wide">
            <dt>{t("view.prerequisites")}</dt>
            <dd>
              {facts.prerequisites.map((p, i) => (
                <p key={i}>{p}</p>
              ))}
            </dd>
          </div>
        ) : null}
        {facts.reportLinks.length ? (
          <div className="reuse-box__item reuse-box__item--wide">
            <dt>{t("view.reportLinks")}</dt>
            <dd>
              <ul className="reuse-box__links">
                {facts.reportLinks.map((l, i) => (
                  <li key={i}>
                    <a href={l.url} rel="noopener noreferrer nofollow">
                      {l.title}
                    </a>{" "}
                    <span className="muted">({l.host})</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

/** Labels of the search page's facts facets ("size" = municipality size bracket, "cost" = with cost figures). */
export function reuseFacetLabel(i18n: I18n, param: "size" | "cost", value: string): string {
  return String(param === "size" ? i18n.t(`reuse:search.size.${value}`, { defaultValue: value }) : i18n.t("reuse:search.withCost"));
}
