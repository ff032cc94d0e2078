import { json, redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CaseCardList } from "~/components/CaseCard";
import { FollowButton } from "~/components/FollowButton";
import { Pagination } from "~/components/Pagination";
import { listCases } from "~/models/case.server";
import { OrganisationNotFound } from "~/models/errors";
import { getOrganisationBySlug } from "~/models/organisation.server";
import { presentCaseCard } from "~/presenters/case-card";
import { presentFollow } from "~/presenters/follow.server";
import { getUser, toViewer } from "~/utils/auth.server";
import { withDomainErrors } from "~/utils/domain-errors";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import notificationStyles from "~/styles/notifications.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: notificationStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Løsningsbanken" }];

const PAGE_SIZE = 20;

/** A public organisation page (decision 020): name, kind, county, the cases the viewer may see, and a follow toggle. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const organisation = await getOrganisationBySlug(params.slug ?? "");
    if (!organisation) throw new OrganisationNotFound(params.slug);
    const base = `/organisations/${organisation.slug}`;
    const rawPage = new URL(request.url).searchParams.get("page");
    if (rawPage !== null && !/^[1-9]\d{0,5}$/.test(rawPage)) throw redirect(base);
    const page = rawPage ? Number(rawPage) : 1;
    const user = await getUser(request);
    const viewer = toViewer(user);
    const locale = resolveLocale(request, user?.locale);
    // Owned and co-owned cases, only those this viewer may see (counts included).
    const { items, total } = await listCases({ viewer, organisationId: organisation.id, take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE });
    const totalPages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (page > totalPages) throw redirect(totalPages > 1 ? `${base}?page=${totalPages}` : base);
    return json({
      title: getFixedT(locale, "notifications")("organisation.meta", { name: organisation.name }),
      organisation: { slug: organisation.slug, name: organisation.name, kind: organisation.kind, fylke: organisation.fylke },
      cases: items.map((c) => presentCaseCard(c, locale)),
      total,
      page,
      totalPages,
      follow: await presentFollow(viewer, "organisation", organisation.id),
    });
  });
}

export default function OrganisationPage() {
  const { organisation, cases, total, page, totalPages, follow } = useLoaderData<typeof loader>();
  const { t } = useTranslation("notifications");
  const { t: ts } = useTranslation("search");
  return (
    <>
      <h1>{organisation.name}</h1>
      <dl className="org-facts">
        <div>
          <dt>{t("organisation.kind")}:</dt>
          <dd>{ts(`kinds.${organisation.kind}`)}</dd>
        </div>
        {organisation.fylke ? (
          <div>
            <dt>{t("organisation.fylke")}:</dt>
            <dd>{organisation.fylke}</dd>
          </div>
        ) : null}
      </dl>
      <FollowButton follow={follow} name={organisation.name} />
      <section aria-labelledby="org-cases-title">
        <h2 id="org-cases-title">{t("organisation.cases")}</h2>
        {total ? (
          <>
            <p className="muted">{t("organisation.casesCount", { count: total })}</p>
            <CaseCardList items={cases} />
            <Pagination
              page={page}
              totalPages={totalPages}
              hrefFor={(p) => (p === 1 ? `/organisations/${organisation.slug}` : `/organisations/${organisation.slug}?page=${p}`)}
            />
          </>
        ) : (
          <div className="empty-state">
            <p>{t("organisation.empty")}</p>
          </div>
        )}
      </section>
    </>
  );
}
