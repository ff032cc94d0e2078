import { json, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  Alert,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableFoot,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { caseLabel } from "~/components/CaseCard";
import { getAdminOverview } from "~/models/admin.server";
import { canEditTaxonomy } from "~/policies/viewer";
import { presentAdminOverview } from "~/presenters/admin.server";
import { requireFacilitator } from "~/utils/admin.server";
import { getUser } from "~/utils/auth.server";
import { formatNumber, getFixedT, intlLocale, isLocale, DEFAULT_LOCALE, type AppLocale } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import tableStyles from "~/styles/tables.css";
import { withDomainErrors } from "~/utils/domain-errors";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: tableStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const viewer = await requireFacilitator(request);
    const locale = resolveLocale(request, (await getUser(request))?.locale);
    const overview = await getAdminOverview();
    return json({
      title: getFixedT(locale, "admin")("meta.overview"),
      ...presentAdminOverview(overview),
      canEditTaxonomy: canEditTaxonomy(viewer),
    });
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Løsningsbanken" }];

/** "5 minutes ago" / "for 5 minutter siden", in the largest whole unit. */
function formatAge(seconds: number, locale: AppLocale) {
  const rtf = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: "auto" });
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ["day", 86400],
    ["hour", 3600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) if (seconds >= size) return rtf.format(-Math.floor(seconds / size), unit);
  return rtf.format(-seconds, "second");
}

export default function AdminOverview() {
  const { organisations, users, cases, casesTotal, backlog, canEditTaxonomy } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("admin");
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  const n = (v: number) => formatNumber(v, locale);
  return (
    <>
      <h1>{t("overview.title")}</h1>
      <p className="lead">{t("overview.intro")}</p>

      <section aria-labelledby="numbers-title">
        <h2 id="numbers-title">{t("overview.numbersHeading")}</h2>
        <ul className="stat-list">
          <li className="stat">
            <span className="stat__value">{n(organisations.total)}</span>
            <span className="stat__label">{t("overview.organisations")}</span>
            <span className="stat__note">{t("overview.activeMembers", { count: organisations.activeMembers })}</span>
            <Link to="/admin/organisations" className="stat__link">
              {t("overview.manage")}
              <span className="visually-hidden"> {t("overview.organisations").toLowerCase()}</span>
            </Link>
          </li>
          <li className="stat">
            <span className="stat__value">{n(users)}</span>
            <span className="stat__label">{t("overview.users")}</span>
          </li>
          <li className="stat">
            <span className="stat__value">{n(casesTotal)}</span>
            <span className="stat__label">{t("overview.cases")}</span>
          </li>
        </ul>
      </section>

      <section aria-labelledby="cases-title">
        <h2 id="cases-title">{t("overview.casesHeading")}</h2>
        <Table className="table--narrow" data-size="sm">
          <caption className="visually-hidden">{t("overview.casesCaption")}</caption>
          <TableHead>
            <TableRow>
              <TableHeaderCell scope="col">{t("overview.visibility")}</TableHeaderCell>
              <TableHeaderCell scope="col" className="num">
                {t("overview.count")}
              </TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {cases.map((c) => (
              <TableRow key={c.visibility}>
                <TableHeaderCell scope="row">{caseLabel(i18n, "visibility", c.visibility)}</TableHeaderCell>
                <TableCell className="num" data-visibility={c.visibility}>
                  {n(c.count)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
          <TableFoot>
            <TableRow>
              <TableHeaderCell scope="row">{t("overview.total")}</TableHeaderCell>
              <TableCell className="num">{n(casesTotal)}</TableCell>
            </TableRow>
          </TableFoot>
        </Table>
      </section>

      <section aria-labelledby="backlog-title">
        <h2 id="backlog-title">{t("overview.backlogHeading")}</h2>
        <p className="muted">{t("overview.backlogHint")}</p>
        {backlog.map((b) => (
          <section key={b.consumer} aria-labelledby={`backlog-${b.consumer}`}>
            <h3 id={`backlog-${b.consumer}`}>{t(`overview.consumers.${b.consumer}`, { defaultValue: b.consumer })}</h3>
            {b.pending ? (
              <Alert data-color={b.failing ? "danger" : "info"} data-backlog-consumer={b.consumer} data-backlog-pending={b.pending}>
                <Paragraph>
                  {t("overview.backlogPending", { count: b.pending })}{" "}
                  {b.oldestAgeSeconds !== null ? t("overview.backlogOldest", { age: formatAge(b.oldestAgeSeconds, locale) }) : null}
                </Paragraph>
                {b.failing ? <Paragraph>{t("overview.backlogFailing", { count: b.failing })}</Paragraph> : null}
              </Alert>
            ) : (
              <Alert data-color="success" data-backlog-consumer={b.consumer} data-backlog-pending="0">
                <Paragraph>{t("overview.backlogEmpty")}</Paragraph>
              </Alert>
            )}
          </section>
        ))}
      </section>

      {canEditTaxonomy ? (
        <p>
          <Link to="/admin/challenge-areas">{t("nav.challengeAreas")}</Link>
        </p>
      ) : null}
    </>
  );
}
