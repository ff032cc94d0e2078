import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Alert, Button, Paragraph } from "@digdir/designsystemet-react";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CaseCardList } from "~/components/CaseCard";
import { AreaList } from "~/components/AreaList";
import { countCasesByChallengeArea, listCases } from "~/models/case.server";
import { listChallengeAreas } from "~/models/challenge-area.server";
import { canCreateCase } from "~/policies/case";
import { presentCaseCard } from "~/presenters/case-card";
import { presentAreaSummary } from "~/presenters/challenge-area";
import { canEditTaxonomy } from "~/policies/viewer";
import { getUser, toViewer } from "~/utils/auth.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { withDomainErrors } from "~/utils/domain-errors";

const LATEST = 6;

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const user = await getUser(request);
    const viewer = toViewer(user);
    const locale = resolveLocale(request, user?.locale);
    const [latest, areas, counts] = await Promise.all([
      listCases({ viewer, take: LATEST }),
      listChallengeAreas(),
      countCasesByChallengeArea(viewer),
    ]);
    return json({
      title: getFixedT(locale, "home")("meta.title"),
      cases: latest.items.map((c) => presentCaseCard(c, locale)),
      areas: areas.map((a) => presentAreaSummary(a, counts, locale)),
      loggedIn: !!viewer,
      canWrite: canCreateCase(viewer),
      // Logged in but in no organisation: told how to join one, not to ask "your organisation's" admin for a role.
      noOrganisation: !!viewer && viewer.memberships.length === 0 && !canCreateCase(viewer),
      canEditTaxonomy: canEditTaxonomy(viewer),
      deleted: new URL(request.url).searchParams.get("deleted") === "1",
    });
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Løsningsbanken" }];

export default function Index() {
  const { cases, areas, loggedIn, canWrite, noOrganisation, canEditTaxonomy, deleted } = useLoaderData<typeof loader>();
  const { t } = useTranslation("home");
  const { t: tc } = useTranslation("cases");
  return (
    <>
      <div role="status">
        {deleted ? (
          <Alert data-color="success">
            <Paragraph>{tc("delete.done")}</Paragraph>
          </Alert>
        ) : null}
      </div>
      <section className="hero" aria-labelledby="intro-title">
        <h1 id="intro-title">{t("intro.heading")}</h1>
        <p className="hero__lead">{t("intro.lead")}</p>
        <p>
          {!loggedIn ? t("intro.visitor") : canWrite ? t("intro.editor") : noOrganisation ? t("intro.noOrganisation") : t("intro.member")}
        </p>
        <p className="hero__actions">
          {!loggedIn ? (
            <Button asChild>
              <Link to="/login?redirectTo=%2F">{t("intro.login")}</Link>
            </Button>
          ) : canWrite ? (
            <Button asChild>
              <Link to="/cases/new">{t("intro.writeCase")}</Link>
            </Button>
          ) : null}
          <Button asChild variant="secondary">
            <Link to="/areas">{t("intro.browseAreas")}</Link>
          </Button>
        </p>
      </section>

      <section aria-labelledby="latest-title">
        <h2 id="latest-title">{t("latest.heading")}</h2>
        {cases.length ? (
          <CaseCardList items={cases} />
        ) : (
          <div className="empty-state">
            <h3>{t("latest.emptyTitle")}</h3>
            <p>
              {!loggedIn
                ? t("latest.emptyVisitor")
                : canWrite
                  ? t("latest.emptyEditor")
                  : noOrganisation
                    ? t("latest.emptyNoOrganisation")
                    : t("latest.emptyMember")}
            </p>
            {!loggedIn ? (
              <p>
                <Link to="/login?redirectTo=%2F">{t("intro.login")}</Link>
              </p>
            ) : canWrite ? (
              <p>
                <Button asChild>
                  <Link to="/cases/new">{t("intro.writeCase")}</Link>
                </Button>
              </p>
            ) : null}
          </div>
        )}
      </section>

      <section aria-labelledby="areas-title">
        <h2 id="areas-title">{t("areas.heading")}</h2>
        <p>{t("areas.intro")}</p>
        <AreaList areas={areas} canEditTaxonomy={canEditTaxonomy} />
      </section>
    </>
  );
}
