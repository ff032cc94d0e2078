/** Challenge areas with the number of cases the viewer can see in each (front page, /areas). */
import { Card, Paragraph } from "@digdir/designsystemet-react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { AreaSummary } from "~/presenters/challenge-area";

export function AreaList({
  areas,
  canEditTaxonomy,
  showDescriptions = false,
}: {
  areas: AreaSummary[];
  canEditTaxonomy: boolean;
  showDescriptions?: boolean;
}) {
  const { t } = useTranslation("home");
  if (!areas.length) {
    return (
      <div className="empty-state">
        <p>{t("areas.empty")}</p>
        {canEditTaxonomy ? (
          <p>
            <Link to="/admin/challenge-areas/new">{t("areas.emptyAdmin")}</Link>
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <ul className={`area-list${showDescriptions ? " area-list--detailed" : ""}`}>
      {areas.map((a) => (
        <Card asChild key={a.slug} data-color="neutral" className="area-item">
          <li>
            <Link to={`/areas/${a.slug}`} className="area-item__link">
              <span className="area-item__name">{a.name}</span>{" "}
              <span className="area-item__count" data-count={a.count}>
                {t("areas.count", { count: a.count })}
              </span>
            </Link>
            {showDescriptions && a.description ? (
              <Paragraph className="area-item__description" data-size="sm">
                {a.description}
              </Paragraph>
            ) : null}
          </li>
        </Card>
      ))}
    </ul>
  );
}
