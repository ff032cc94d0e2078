import { json, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert, Button, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import { StackCell, StackTable } from "~/components/StackTable";
import { useTranslation } from "react-i18next";
import { listOrganisations } from "~/models/organisation.server";
import { presentOrganisationRows } from "~/presenters/admin.server";
import { requireFacilitator, statusParam } from "~/utils/admin.server";
import { getUser } from "~/utils/auth.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import tableStyles from "~/styles/tables.css";
import { withDomainErrors } from "~/utils/domain-errors";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: tableStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    await requireFacilitator(request);
    const locale = resolveLocale(request, (await getUser(request))?.locale);
    const organisations = await listOrganisations();
    const status = statusParam(request, ["created", "saved"]);
    const changed = status ? organisations.find((o) => o.id === status.id) : undefined;
    return json({
      title: getFixedT(locale, "admin")("meta.organisations"),
      organisations: presentOrganisationRows(organisations),
      status: status && changed ? { key: status.status, name: changed.name } : null,
    });
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Løsningsbanken" }];

export default function AdminOrganisations() {
  const { organisations, status } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const cols = {
    name: { label: t("organisations.name") },
    kind: { label: t("organisations.kind") },
    orgNumber: { label: t("organisations.orgNumber") },
    fylke: { label: t("organisations.fylke") },
    activeMember: { label: t("organisations.activeMember") },
    members: { label: t("organisations.members"), num: true },
    cases: { label: t("organisations.cases"), num: true },
  };
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
        <StackTable
          columns={[cols.name, cols.kind, cols.orgNumber, cols.fylke, cols.activeMember, cols.members, cols.cases]}
          caption={t("organisations.caption")}
          zebra
        >
          {organisations.map((o) => (
            <TableRow key={o.id}>
              <TableHeaderCell scope="row">
                <Link to={`/admin/organisations/${o.id}`}>{o.name}</Link>
              </TableHeaderCell>
              <StackCell column={cols.kind}>{t(`kinds.${o.kind}`)}</StackCell>
              <StackCell column={cols.orgNumber}>{o.orgNumber ?? ""}</StackCell>
              <StackCell column={cols.fylke}>{o.fylke ?? ""}</StackCell>
              <StackCell column={cols.activeMember}>{o.isActiveMember ? t("organisations.yes") : t("organisations.no")}</StackCell>
              <StackCell column={cols.members}>{o.memberCount}</StackCell>
              <StackCell column={cols.cases}>{o.caseCount}</StackCell>
            </TableRow>
          ))}
        </StackTable>
      ) : (
        <p className="empty-state">{t("organisations.empty")}</p>
      )}
    </>
  );
}
