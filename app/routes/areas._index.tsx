import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AreaList } from "~/components/AreaList";
import { countCasesByChallengeArea } from "~/models/case.server";
import { listChallengeAreas } from "~/models/challenge-area.server";
import { canEditTaxonomy } from "~/policies/viewer";
import { presentAreaSummary } from "~/presenters/challenge-area";
import { getUser, toViewer } from "~/utils/auth.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { withDomainErrors } from "~/utils/domain-errors";

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const user = await getUser(request);
    const viewer = toViewer(user);
    const locale = resolveLocale(request, user?.locale);
    const [areas, counts] = await Promise.all([listChallengeAreas(), countCasesByChallengeArea(viewer)]);
    return json({
      title: getFixedT(locale, "home")("meta.areas"),
      areas: areas.map((a) => presentAreaSummary(a, counts, locale)),
      canEditTaxonomy: canEditTaxonomy(viewer),
    });
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Løsningsbanken" }];

export default function Areas() {
  const { areas, canEditTaxonomy } = useLoaderData<typeof loader>();
  const { t } = useTranslation("home");
  return (
    <>
      <h1>{t("areas.heading")}</h1>
      <p className="lead">{t("areas.pageIntro")}</p>
      <AreaList areas={areas} canEditTaxonomy={canEditTaxonomy} showDescriptions />
    </>
  );
}
