import { json, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert, Button, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { listOrganisations } from "~/models/organisation.server";
import { requireFacilitator, statusParam } from "~/utils/admin.server";
import { getUser } from "~/utils/auth.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import tableStyles from "~/styles/tables.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: tableStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireFacilitator(request);
  const locale = resolveLocale(request, (await getUser(request))?.locale);
  const organisations = await listOrganisations();
  const status = statusParam(request, ["created", "saved"]);
  const changed = status ? organisations.find((o) => o.id === status.id) : undefined;
  return json({
    title: getFixedT(locale, "admin")("meta.organisations"),
    organisations: organisations.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      orgNumber: o.orgNumber,
      fylke: o.fylke,
      isActiveMember: o.isActiveMember,
      memberCount: o.memberCount,
      caseCount: o.caseCount,
    })),
    status: status && changed ? { key: status.status, name: changed.name } : null,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Løsningsbanken" }];

export default function AdminOrganisations() {
  const { organisations, status } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  return (
    <>
      <div className="page-heading">
        <h1>{t("organisations.title")}</h1>
        <Button asChild>
          <Link to="/admin/organisations/new">{t("organisations.new")}</Link>
        </Button>
      </div>
      <p className="lead">{t("organisations.intro")}</p>
      {status ? (
        <Alert data-color="success" role="status">
          {t(`organisations.${status.key}`, { name: status.name })}
        </Alert>
      ) : null}
      {organisations.length ? (
        // On a phone each organisation is a card (CSS .table-stack) instead of a table of which only two columns fit.
        <Table className="table-stack" data-size="sm" zebra>
          <caption className="visually-hidden">{t("organisations.caption")}</caption>
          <TableHead>
            <TableRow>
              <TableHeaderCell scope="col">{t("organisations.name")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("organisations.kind")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("organisations.orgNumber")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("organisations.fylke")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("organisations.activeMember")}</TableHeaderCell>
              <TableHeaderCell scope="col" className="num">
                {t("organisations.members")}
              </TableHeaderCell>
              <TableHeaderCell scope="col" className="num">
                {t("organisations.cases")}
              </TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {organisations.map((o) => (
              <TableRow key={o.id}>
                <TableHeaderCell scope="row">
                  <Link to={`/admin/organisations/${o.id}`}>{o.name}</Link>
                </TableHeaderCell>
                <TableCell data-label={t("organisations.kind")}>{t(`kinds.${o.kind}`)}</TableCell>
                <TableCell data-label={t("organisations.orgNumber")}>{o.orgNumber ?? ""}</TableCell>
                <TableCell data-label={t("organisations.fylke")}>{o.fylke ?? ""}</TableCell>
                <TableCell data-label={t("organisations.activeMember")}>{o.isActiveMember ? t("organisations.yes") : t("organisations.no")}</TableCell>
                <TableCell data-label={t("organisations.members")} className="num">
                  {o.memberCount}
                </TableCell>
                <TableCell data-label={t("organisations.cases")} className="num">
                  {o.caseCount}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <p className="empty-state">{t("organisations.empty")}</p>
      )}
    </>
  );
}
