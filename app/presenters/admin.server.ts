/**
 * The admin pages' data: the facilitators' overview, the organisation and challenge-area
 * tables, and a stored organisation or area as its edit form's values.
 */
import type { ChallengeAreaInput } from "~/models/challenge-area.server";
import type { getAdminOverview } from "~/models/admin.server";
import type { listOrganisations } from "~/models/organisation.server";

type Overview = Awaited<ReturnType<typeof getAdminOverview>>;

/** The overview's numbers; each consumer's oldest waiting delivery as an age, so the page shows the same whatever the browser's clock says. */
export function presentAdminOverview(overview: Overview, now = Date.now()) {
  return {
    ...overview,
    backlog: overview.backlog.map((b) => ({
      consumer: b.consumer,
      pending: b.pending,
      failing: b.failing,
      oldestAgeSeconds: b.oldestCreatedAt ? Math.max(0, Math.round((now - b.oldestCreatedAt.getTime()) / 1000)) : null,
    })),
  };
}

export function presentOrganisationRows(organisations: Awaited<ReturnType<typeof listOrganisations>>) {
  return organisations.map((o) => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    orgNumber: o.orgNumber,
    fylke: o.fylke,
    isActiveMember: o.isActiveMember,
    memberCount: o.memberCount,
    caseCount: o.caseCount,
  }));
}

/** A stored organisation as the admin form's values (strings, a checkbox as "on"). */
export function presentOrganisationFormValues(organisation: {
  name: string;
  kind: string;
  orgNumber: string | null;
  kommunenummer: string | null;
  fylke: string | null;
  isActiveMember: boolean;
}) {
  return {
    name: organisation.name,
    kind: organisation.kind,
    orgNumber: organisation.orgNumber ?? "",
    kommunenummer: organisation.kommunenummer ?? "",
    fylke: organisation.fylke ?? "",
    isActiveMember: organisation.isActiveMember ? "on" : "",
  };
}

type ChallengeAreaRow = ChallengeAreaInput & { id: string };

/** The taxonomy table: both names, and how many cases the viewer can see in each area. */
export function presentChallengeAreaRows(areas: ChallengeAreaRow[], counts: Record<string, number>) {
  return areas.map((a) => ({
    id: a.id,
    slug: a.slug,
    nameNb: a.nameNb,
    nameEn: a.nameEn,
    sortOrder: a.sortOrder,
    count: counts[a.id] ?? 0,
  }));
}

export function presentChallengeAreaFormValues(area: ChallengeAreaRow) {
  return {
    slug: area.slug,
    nameNb: area.nameNb,
    nameEn: area.nameEn,
    descriptionNb: area.descriptionNb,
    descriptionEn: area.descriptionEn,
    sortOrder: String(area.sortOrder),
  };
}
