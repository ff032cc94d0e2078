/**
 * The adaptation part of the case page ("Bygger på …", "Tatt i bruk i N kommuner", the
 * "Ta i bruk hos oss" button) and of Mine sider. Everything in here was already filtered by
 * the viewer's visibility in app/models/case-adapt.server.ts.
 */
import type { CaseWithRelations } from "~/models/case.server";
import { accessInfo } from "~/models/case.server";
import { adaptationChain, listAdaptationsOfOrganisationsCases, listVisibleAdaptations, type CaseLink } from "~/models/case-adapt.server";
import { canAdaptCase } from "~/policies/case-adapt";
import type { Viewer } from "~/policies/viewer";

function linkView(c: CaseLink) {
  return { slug: c.slug, title: c.title, organisation: c.owner.name, draft: c.visibility === "DRAFT" };
}

export type AdaptationLinkView = ReturnType<typeof linkView>;

/** Page data for app/components/CaseAdaptations.tsx. */
export async function presentCaseAdaptations(c: CaseWithRelations, viewer: Viewer | null) {
  const [chain, adaptations] = await Promise.all([adaptationChain(c, viewer), listVisibleAdaptations(c.id, viewer)]);
  // "Tatt i bruk i N kommuner": organisations, not cases (one organisation adapting twice is one).
  const organisations = new Set(adaptations.map((a) => a.ownerOrganisationId));
  return {
    slug: c.slug,
    basedOn: chain.map(linkView),
    adoptedBy: { organisations: organisations.size, cases: adaptations.map(linkView) },
    whatWeChanged: c.whatWeChanged
      ? c.whatWeChanged
          .split(/\n\s*\n/)
          .map((p) => p.trim())
          .filter(Boolean)
      : [],
    canAdapt: canAdaptCase(viewer, accessInfo(c)),
    loggedIn: !!viewer,
  };
}

export type CaseAdaptationsView = Awaited<ReturnType<typeof presentCaseAdaptations>>;

/** "Våre saker tatt i bruk av andre" on Mine sider: visible adaptations of my organisations' cases. */
export async function presentOurAdaptedCases(viewer: Viewer) {
  const orgIds = viewer.memberships.map((m) => m.organisationId);
  const rows = await listAdaptationsOfOrganisationsCases(orgIds, viewer);
  return rows
    .filter((r) => !orgIds.includes(r.ownerOrganisationId))
    .map((r) => ({ ...linkView(r), original: r.adaptedFrom ? { slug: r.adaptedFrom.slug, title: r.adaptedFrom.title } : null }));
}

export type OurAdaptedCasesView = Awaited<ReturnType<typeof presentOurAdaptedCases>>;
