import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOrganisations } from "~/models/organisation.server";
import { requireFacilitator, statusParam } from "~/utils/admin.server";
import { getUser } from "~/utils/auth.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";

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
        <Link className="button" to="/admin/organisations/new">
          {t("organisations.new")}
        </Link>
      </div>
      <p className="lead">{t("organisations.intro")}</p>
      {status ? (
        <p role="status" className="alert alert--success">
          {t(`organisations.${status.key}`, { name: status.name })}
        </p>
      ) : null}
      {organisations.length ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="organisations-caption">
          <table className="table">
            <caption id="organisations-caption" className="visually-hidden">
              {t("organisations.caption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("organisations.name")}</th>
                <th scope="col">{t("organisations.kind")}</th>
                <th scope="col">{t("organisations.orgNumber")}</th>
                <th scope="col">{t("organisations.fylke")}</th>
                <th scope="col">{t("organisations.activeMember")}</th>
                <th scope="col" className="num">
                  {t("organisations.members")}
                </th>
                <th scope="col" className="num">
                  {t("organisations.cases")}
                </th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <Link to={`/admin/organisations/${o.id}`}>{o.name}</Link>
                  </th>
                  <td>{t(`kinds.${o.kind}`)}</td>
                  <td>{o.orgNumber ?? ""}</td>
                  <td>{o.fylke ?? ""}</td>
                  <td>{o.isActiveMember ? t("organisations.yes") : t("organisations.no")}</td>
                  <td className="num">{o.memberCount}</td>
                  <td className="num">{o.caseCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-state">{t("organisations.empty")}</p>
      )}
    </>
  );
}
