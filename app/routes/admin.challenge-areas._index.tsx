import { json, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert, Button, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import { StackCell, StackTable } from "~/components/StackTable";
import { useTranslation } from "react-i18next";
import { countCasesByChallengeArea } from "~/models/case.server";
import { listChallengeAreas } from "~/models/challenge-area.server";
import { presentChallengeAreaRows } from "~/presenters/admin.server";
import { requireTaxonomyEditor, statusParam } from "~/utils/admin.server";
import { getUser } from "~/utils/auth.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import tableStyles from "~/styles/tables.css";
import { withDomainErrors } from "~/utils/domain-errors";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: tableStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const viewer = await requireTaxonomyEditor(request);
    const locale = resolveLocale(request, (await getUser(request))?.locale);
    const [areas, counts] = await Promise.all([listChallengeAreas(), countCasesByChallengeArea(viewer)]);
    const status = statusParam(request, ["created", "saved"]);
    const changed = status ? areas.find((a) => a.id === status.id) : undefined;
    return json({
      title: getFixedT(locale, "admin")("meta.challengeAreas"),
      areas: presentChallengeAreaRows(areas, counts),
      status: status && changed ? { key: status.status, name: locale === "en" ? changed.nameEn : changed.nameNb } : null,
    });
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Løsningsbanken" }];

export default function AdminChallengeAreas() {
  const { areas, status } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("admin");
  const cols = {
    sortOrder: { label: t("challengeAreas.sortOrder"), num: true },
    nameNb: { label: t("challengeAreas.nameNb") },
    nameEn: { label: t("challengeAreas.nameEn") },
    slug: { label: t("challengeAreas.slug") },
    cases: { label: t("challengeAreas.cases"), num: true },
  };
  return (
    <>
      <div className="page-heading">
        <h1>{t("challengeAreas.title")}</h1>
        <Button asChild>
          <Link to="/admin/challenge-areas/new">{t("challengeAreas.new")}</Link>
        </Button>
      </div>
      <p className="lead">{t("challengeAreas.intro")}</p>
      {status ? (
        <Alert data-color="success" role="status">
          {t(`challengeAreas.${status.key}`, { name: status.name })}
        </Alert>
      ) : null}
      {areas.length ? (
        <StackTable columns={[cols.sortOrder, cols.nameNb, cols.nameEn, cols.slug, cols.cases]} caption={t("challengeAreas.caption")} zebra>
          {areas.map((a) => (
            <TableRow key={a.id}>
              <StackCell column={cols.sortOrder}>{a.sortOrder}</StackCell>
              <TableHeaderCell scope="row" lang="nb">
                <Link
                  to={`/admin/challenge-areas/${a.id}`}
                  aria-label={t("challengeAreas.edit", { name: i18n.language === "en" ? a.nameEn : a.nameNb })}
                >
                  {a.nameNb}
                </Link>
              </TableHeaderCell>
              <StackCell column={cols.nameEn} lang="en">
                {a.nameEn}
              </StackCell>
              <StackCell column={cols.slug}>
                <Link to={`/areas/${a.slug}`}>
                  <code>{a.slug}</code>
                </Link>
              </StackCell>
              <StackCell column={cols.cases}>{a.count}</StackCell>
            </TableRow>
          ))}
        </StackTable>
      ) : (
        <p className="empty-state">{t("challengeAreas.empty")}</p>
      )}
    </>
  );
}
