/**
 * Adaptations ("Ta i bruk hos oss", docs/decisions/017-adaptations.md): an organisation starts
 * its own case from another organisation's case. The new case is an ordinary DRAFT case
 * (createCase, same transaction, same revision and events) that remembers where it came
 * from: Case.adaptedFromId (the original) and Case.adaptedFromRevisionId (the original's
 * latest revision at that moment). Reading adaptations always goes through the viewer's
 * visibility: nobody learns that a draft elsewhere exists.
 */
import { canViewCase, type CaseAccessInfo } from "~/policies/case";
import { canAdaptCase } from "~/policies/case-adapt";
import type { Viewer } from "~/policies/viewer";
import type { CaseInput } from "~/schemas/case";
import type { CaseSections } from "~/editor/sections";
import { db, Prisma } from "~/utils/db.server";
import { accessInfo, caseAccessSelect, createCase, getCaseBySlug, viewerCaseWhere, type CaseWithRelations, type Tx } from "./case.server";
import { CaseNotFound, NotAllowedError, ValidationError } from "./errors";
import { recordEvent } from "./events.server";

/** The chosen organisation owns or co-owns the original: it cannot adapt its own case. */
export class AdaptOwnCaseError extends ValidationError {
  constructor() {
    super("organisationId", "adapt:errors.ownCase");
  }
}

/** What an adaptation starts with: the original's texts, areas and indicators - never its numbers, contact or status. */
export function adaptedInput(original: CaseWithRelations, organisationId: string): CaseInput {
  return {
    title: original.title,
    summary: original.summary,
    sections: original.sections as unknown as CaseSections,
    status: "IDEA",
    visibility: "DRAFT",
    // The copied texts keep their language.
    contentLanguage: original.contentLanguage,
    periodStart: null,
    periodEnd: null,
    ownerOrganisationId: organisationId,
    coOwnerIds: [],
    challengeAreaIds: original.challengeAreas.map((a) => a.challengeAreaId),
    contactName: null,
    contactRole: null,
    contactEmail: null,
    results: original.results.map((r) => ({ indicator: r.indicator, unit: r.unit, baseline: null, result: null, period: r.period })),
    whatWeChanged: null,
  };
}

/**
 * Marks `caseId` (just created in `tx`) as an adaptation of `originalId` at the original's
 * latest revision, and records "case.adapted". For adaptCase and the demo seed only.
 */
export async function linkAdaptation(tx: Tx, caseId: string, originalId: string, actorId: string | null, whatWeChanged?: string) {
  const revision = await tx.caseRevision.findFirst({
    where: { caseId: originalId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  const link = { adaptedFromId: originalId, adaptedFromRevisionId: revision?.id ?? null };
  await tx.case.update({ where: { id: caseId }, data: { ...link, ...(whatWeChanged !== undefined ? { whatWeChanged } : {}) } });
  await recordEvent(tx, {
    type: "case.adapted",
    entity: "case",
    entityId: caseId,
    actorUserId: actorId,
    payload: { originalCaseId: originalId, originalRevisionId: link.adaptedFromRevisionId },
  });
  return link;
}

function isSlugClash(error: unknown) {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  return JSON.stringify(error.meta ?? {}).includes("slug");
}

/**
 * Starts `organisationId`'s own case from the case at `originalSlug`. CaseNotFound when the
 * viewer may not see the original (like a missing one), NotAllowedError when the viewer may
 * not create cases for the organisation, AdaptOwnCaseError when it owns or co-owns the original.
 * One transaction: the case (createCase: row, relations, CREATE revision, "case.created"),
 * the link, and "case.adapted".
 */
export async function adaptCase(viewer: Viewer, originalSlug: string, options: { organisationId: string }) {
  const original = await getCaseBySlug(originalSlug);
  if (!original || !canViewCase(viewer, accessInfo(original))) throw new CaseNotFound(originalSlug);
  const access = accessInfo(original);
  const { organisationId } = options;
  if ([access.ownerOrganisationId, ...access.coOwnerIds].includes(organisationId)) {
    // Only tell an editor of that organisation; anyone else simply may not.
    if (viewer.memberships.some((m) => m.organisationId === organisationId && m.role !== "MEMBER")) throw new AdaptOwnCaseError();
    throw new NotAllowedError("adapt case");
  }
  if (!canAdaptCase(viewer, access, organisationId)) throw new NotAllowedError("adapt case");
  const input = adaptedInput(original, organisationId);
  const create = async (tx: Tx) => {
    // The original as it is in this transaction: deleted meanwhile is gone.
    const still = await tx.case.findFirst({ where: { id: original.id, deletedAt: null }, select: { id: true } });
    if (!still) throw new CaseNotFound(originalSlug);
    const created = await createCase(input, viewer.id, { tx });
    const link = await linkAdaptation(tx, created.id, original.id, viewer.id);
    return { ...created, ...link };
  };
  // Two adaptations of the same case at the same moment pick the same free slug: pick again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(create);
    } catch (error) {
      if (attempt < 5 && isSlugClash(error)) continue;
      throw error;
    }
  }
}

// ---------------------------------------------------------------- reading

const linkSelect = {
  id: true,
  slug: true,
  title: true,
  ...caseAccessSelect,
  adaptedFromId: true,
  createdAt: true,
  owner: { select: { id: true, name: true, slug: true } },
} satisfies Prisma.CaseSelect;

export type CaseLink = Prisma.CaseGetPayload<{ select: typeof linkSelect }>;

const MAX_CHAIN = 20;

/**
 * The cases this one builds on, nearest first: its original, the original's original, ...
 * It stops at the first one the viewer may not see (never revealed, nor anything beyond it),
 * at a deleted one, and at a loop.
 */
export async function adaptationChain(c: { id: string; adaptedFromId: string | null }, viewer: Viewer | null): Promise<CaseLink[]> {
  const chain: CaseLink[] = [];
  const seen = new Set([c.id]);
  let next = c.adaptedFromId;
  while (next && !seen.has(next) && chain.length < MAX_CHAIN) {
    seen.add(next);
    const link = await db().case.findUnique({ where: { id: next }, select: linkSelect });
    if (!link || !canViewCase(viewer, linkAccess(link))) break;
    chain.push(link);
    next = link.adaptedFromId;
  }
  return chain;
}

export function linkAccess(link: CaseLink): CaseAccessInfo {
  return accessInfo({ ...link, coOwners: link.coOwners });
}

/** Adaptations of a case the viewer may see (the database filter is the same rule as canViewCase), oldest first. */
export async function listVisibleAdaptations(caseId: string, viewer: Viewer | null): Promise<CaseLink[]> {
  return db().case.findMany({
    where: { AND: [{ adaptedFromId: caseId }, viewerCaseWhere(viewer)] },
    select: linkSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/**
 * Visible adaptations of the cases the given organisations own or co-own ("Våre saker tatt i
 * bruk av andre" on Mine sider), newest first, with the original each one builds on.
 */
export async function listAdaptationsOfOrganisationsCases(organisationIds: string[], viewer: Viewer | null, take = 50) {
  if (!organisationIds.length) return [];
  return db().case.findMany({
    where: {
      AND: [
        viewerCaseWhere(viewer),
        {
          adaptedFrom: {
            deletedAt: null,
            OR: [{ ownerOrganisationId: { in: organisationIds } }, { coOwners: { some: { organisationId: { in: organisationIds } } } }],
          },
        },
      ],
    },
    select: { ...linkSelect, adaptedFrom: { select: { id: true, slug: true, title: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
}
