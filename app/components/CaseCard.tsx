/**
 * A case in a list: title (link), owner, status, visibility (when not public), a short
 * summary and its challenge areas. Loaders turn a case from listCases() into
 * CaseCardData with presentCaseCard() (app/presenters/case-card.ts).
 */
import { Card, Tag } from "@digdir/designsystemet-react";
import { Link } from "@remix-run/react";
import { AreaTags } from "./AreaTags";
import type { i18n as I18n } from "i18next";
import { useTranslation } from "react-i18next";
import type { CaseCardData } from "~/presenters/case-card";
import { formatDate, isLocale, DEFAULT_LOCALE } from "~/utils/i18n";

/** Status and visibility labels live in the cases namespace (shared with the case pages). */
export function caseLabel(i18n: I18n, kind: "status" | "visibility", value: string): string {
  return String(i18n.t(`cases:${kind}.${value}`));
}

function CaseCard({ item, headingLevel = 3 }: { item: CaseCardData; headingLevel?: 2 | 3 | 4 }) {
  const { t, i18n } = useTranslation("home");
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  const titleId = `case-card-${item.slug}`;
  return (
    <Card asChild data-color="neutral" className="case-card">
      <article aria-labelledby={titleId}>
        <Heading id={titleId} className="case-card__title" lang={item.lang}>
          <Link to={`/cases/${item.slug}`}>{item.title}</Link>
        </Heading>
        <p className="case-card__owner">
          <span className="visually-hidden">{t("card.owner")}: </span>
          {item.ownerName}
        </p>
        <p className="case-card__badges">
          <Tag data-color="neutral" data-size="sm" className={`badge--status-${item.status.toLowerCase()}`}>
            <span className="visually-hidden">{t("card.status")}: </span>
            {caseLabel(i18n, "status", item.status)}
          </Tag>
          {item.visibility !== "PUBLIC" ? (
            <Tag
              data-color={item.visibility === "DRAFT" ? "warning" : "info"}
              data-size="sm"
              className={`badge--${item.visibility.toLowerCase()}`}
            >
              {caseLabel(i18n, "visibility", item.visibility)}
            </Tag>
          ) : null}
        </p>
        <p className="case-card__summary" lang={item.lang}>
          {item.summary}
        </p>
        {item.areas.length ? <AreaTags className="tag-list" label={t("card.areas")} areas={item.areas} /> : null}
        <p className="case-card__meta muted">{t("card.updated", { date: formatDate(item.updatedAt, locale) })}</p>
      </article>
    </Card>
  );
}

/** A grid of case cards (a list, so screen readers announce how many there are). */
export function CaseCardList({ items, headingLevel = 3 }: { items: CaseCardData[]; headingLevel?: 2 | 3 | 4 }) {
  return (
    <ul className="card-list case-list">
      {items.map((item) => (
        <li key={item.slug}>
          <CaseCard item={item} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
