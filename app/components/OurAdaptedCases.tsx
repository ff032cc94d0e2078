/**
 * "Våre saker tatt i bruk av andre" on Mine sider (docs/decisions/017-adaptations.md): the
 * adaptations of my organisations' cases that I may see, newest first. Data:
 * presentOurAdaptedCases (app/presenters/case-adaptations.server.ts).
 */
import { Link as DsLink, Tag } from "@digdir/designsystemet-react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface OurAdaptedCasesProps {
  items: Array<{ slug: string; title: string; organisation: string; draft: boolean; original: { slug: string; title: string } | null }>;
}

export function OurAdaptedCases({ items }: OurAdaptedCasesProps) {
  const { t } = useTranslation("adapt");
  return (
    <section aria-labelledby="me-adapted">
      <h2 id="me-adapted">{t("mine.title")}</h2>
      {items.length ? (
        <ul className="me-list">
          {items.map((c) => (
            <li key={c.slug}>
              <span>
                {c.original ? <>{t("mine.item", { organisation: c.organisation, original: c.original.title })} </> : null}
                <DsLink asChild>
                  <Link to={`/cases/${c.slug}`}>{c.title}</Link>
                </DsLink>
              </span>
              {c.draft ? (
                <span>
                  <Tag data-color="warning" data-size="sm">
                    {t("adoptedBy.draft")}
                  </Tag>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("mine.empty")}</p>
      )}
    </section>
  );
}
