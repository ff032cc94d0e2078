import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Breadcrumbs } from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CaseCardList } from "~/components/CaseCard";
import { FollowButton } from "~/components/FollowButton";
import { Pagination } from "~/components/Pagination";
import { listCases } from "~/models/case.server";
import { NotFoundError } from "~/models/errors";
import { areaDescription, areaName, getChallengeAreaBySlug } from "~/models/challenge-area.server";
import { canCreateCase } from "~/policies/case";
import { presentCaseCard } from "~/presenters/case-card";
import { presentFollow } from "~/presenters/follow.server";
import { getUser, toViewer } from "~/utils/auth.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { withDomainErrors } from "~/utils/domain-errors";

const PAGE_SIZE = 20;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const area = await getChallengeAreaBySlug(params.slug ?? "");
    if (!area) throw new NotFoundError("challenge area", params.slug);
    const url = new URL(request.url);
    const base = `/areas/${area.slug}`;
    const rawPage = url.searchParams.get("page");
    if (rawPage !== null && !/^[1-9]\d{0,5}$/.test(rawPage)) throw redirect(base);
    const page = rawPage ? Number(rawPage) : 1;

    const user = await getUser(request);
    const viewer = toViewer(user);
    const locale = resolveLocale(request, user?.locale);
    const { items, total } = await listCases({ viewer, challengeAreaId: area.id, take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE });
    const totalPages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    // Past the end (the list shrank, or a hand-edited URL): go to the last page that exists.
    if (page > totalPages) throw redirect(totalPages > 1 ? `${base}?page=${totalPages}` : base);

    const name = areaName(area, locale);
    return json({
      title: getFixedT(locale, "home")("meta.area", { name }),
      area: { slug: area.slug, name, description: areaDescription(area, locale) },
      cases: items.map((c) => presentCaseCard(c, locale)),
      page,
      totalPages,
      total,
      from: total ? (page - 1) * PAGE_SIZE + 1 : 0,
      to: (page - 1) * PAGE_SIZE + items.length,
      loggedIn: !!viewer,
      canWrite: canCreateCase(viewer),
      follow: await presentFollow(viewer, "challenge_area", area.id),
    });
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Løsningsbanken" }];

export default function AreaPage() {
  const { area, cases, page, totalPages, total, from, to, loggedIn, canWrite } = useLoaderData<typeof loader>();
  const { t } = useTranslation("home");
  return (
    <>
      {/* DS Breadcrumbs in its "back" form: one link up to the list of areas. */}
      <Breadcrumbs className="breadcrumb">
        <Breadcrumbs.Link asChild>
          <Link to="/areas">{t("area.allAreas")}</Link>
        </Breadcrumbs.Link>
      </Breadcrumbs>
      <h1>{area.name}</h1>
      {area.description ? <p className="lead">{area.description}</p> : null}
      <FollowButton follow={useLoaderData<typeof loader>().follow} name={area.name} />

      <section aria-labelledby="area-cases-title">
        <h2 id="area-cases-title">{t("area.casesHeading")}</h2>
        {total ? (
          <>
            <p className="muted">
              {t("area.total", { count: total })}
              {totalPages > 1 ? ` ${t("area.showing", { from, to, total })}` : null}
            </p>
            <CaseCardList items={cases} />
            <Pagination
              page={page}
              totalPages={totalPages}
              hrefFor={(p) => (p === 1 ? `/areas/${area.slug}` : `/areas/${area.slug}?page=${p}`)}
            />
          </>
        ) : (
          <div className="empty-state">
            <p>{t("area.empty")}</p>
            {!loggedIn ? (
              <p>
                {t("area.emptyVisitor")}{" "}
                <Link to={`/login?redirectTo=${encodeURIComponent(`/areas/${area.slug}`)}`}>{t("intro.login")}</Link>
              </p>
            ) : canWrite ? (
              <p>
                {t("area.emptyEditor", { name: area.name })} <Link to="/cases/new">{t("intro.writeCase")}</Link>
              </p>
            ) : null}
          </div>
        )}
      </section>
    </>
  );
}
