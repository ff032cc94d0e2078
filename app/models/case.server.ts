/**
 * Cases. The only module that writes cases: every change runs in one transaction that
 * writes the row, its relations, a full revision snapshot (nothing is ever lost) and a
 * search-outbox row (search stays in sync).
 */
import { parseDoc } from "~/editor/render.server";
import { docToText, SECTION_KEYS, type CaseSections } from "~/editor/sections";
import { caseVisibilityScope, type CaseAccessInfo, type VisibilityScope } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";
import type { CaseInput } from "~/schemas/case";
import { db, Prisma } from "~/utils/db.server";

export type Tx = Prisma.TransactionClient;

export const caseInclude = {
  owner: { select: { id: true, name: true, slug: true, kind: true, fylke: true } },
  coOwners: { include: { organisation: { select: { id: true, name: true, slug: true, kind: true, fylke: true } } } },
  challengeAreas: { include: { challengeArea: true } },
  results: { orderBy: { position: "asc" } },
  createdBy: { select: { id: true, name: true } },
  updatedBy: { select: { id: true, name: true } },
} satisfies Prisma.CaseInclude;

export type CaseWithRelations = Prisma.CaseGetPayload<{ include: typeof caseInclude }>;

export function accessInfo(c: { visibility: CaseAccessInfo["visibility"]; ownerOrganisationId: string; coOwners: Array<{ organisationId: string }>; deletedAt?: Date | null }): CaseAccessInfo {
  return {
    visibility: c.visibility,
    ownerOrganisationId: c.ownerOrganisationId,
    coOwnerIds: c.coOwners.map((o) => o.organisationId),
    deleted: !!c.deletedAt,
  };
}

/** Prisma filter for the cases a viewer may see (same rules as canViewCase). */
export function visibilityWhere(scope: VisibilityScope): Prisma.CaseWhereInput {
  const base: Prisma.CaseWhereInput = { deletedAt: null };
  if (scope.all) return base;
  const or: Prisma.CaseWhereInput[] = [{ visibility: "PUBLIC" }];
  if (scope.members) or.push({ visibility: "MEMBERS" });
  if (scope.draftOrganisationIds.length) {
    or.push({
      visibility: "DRAFT",
      OR: [
        { ownerOrganisationId: { in: scope.draftOrganisationIds } },
        { coOwners: { some: { organisationId: { in: scope.draftOrganisationIds } } } },
      ],
    });
  }
  return { ...base, OR: or };
}

export function viewerCaseWhere(viewer: Viewer | null) {
  return visibilityWhere(caseVisibilityScope(viewer));
}

// ---------------------------------------------------------------- reading

export async function getCaseBySlug(slug: string) {
  return db().case.findFirst({ where: { slug, deletedAt: null }, include: caseInclude });
}

export async function getCaseById(id: string) {
  return db().case.findFirst({ where: { id, deletedAt: null }, include: caseInclude });
}

export async function listCases(options: {
  viewer: Viewer | null;
  challengeAreaId?: string;
  organisationId?: string;
  take?: number;
  skip?: number;
}) {
  const where: Prisma.CaseWhereInput = { AND: [viewerCaseWhere(options.viewer)] };
  if (options.challengeAreaId) (where.AND as Prisma.CaseWhereInput[]).push({ challengeAreas: { some: { challengeAreaId: options.challengeAreaId } } });
  if (options.organisationId) {
    (where.AND as Prisma.CaseWhereInput[]).push({
      OR: [{ ownerOrganisationId: options.organisationId }, { coOwners: { some: { organisationId: options.organisationId } } }],
    });
  }
  const [items, total] = await Promise.all([
    db().case.findMany({ where, include: caseInclude, orderBy: { updatedAt: "desc" }, take: options.take ?? 20, skip: options.skip ?? 0 }),
    db().case.count({ where }),
  ]);
  return { items, total };
}

/** Visible case counts per challenge area id. */
export async function countCasesByChallengeArea(viewer: Viewer | null): Promise<Record<string, number>> {
  const rows = await db().caseChallengeArea.groupBy({
    by: ["challengeAreaId"],
    where: { case: viewerCaseWhere(viewer) },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((r) => [r.challengeAreaId, r._count._all]));
}

export async function listRevisions(caseId: string) {
  return db().caseRevision.findMany({
    where: { caseId },
    orderBy: { version: "desc" },
    select: { id: true, version: true, createdAt: true, author: { select: { id: true, name: true } } },
  });
}

// ---------------------------------------------------------------- writing

export class CaseValidationError extends Error {
  constructor(public readonly field: string, public readonly messageKey: string) {
    super(`${field}: ${messageKey}`);
  }
}

/** Someone else saved in between: the caller shows both versions, nothing is lost. */
export class CaseConflictError extends Error {
  constructor(public readonly current: CaseWithRelations) {
    super("The case was changed by someone else");
  }
}

export function slugify(title: string) {
  const map: Record<string, string> = { æ: "ae", ø: "o", å: "a", ä: "a", ö: "o", ü: "u", é: "e", è: "e" };
  return (
    title
      .toLowerCase()
      .replace(/[æøåäöüéè]/g, (c) => map[c] ?? c)
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80)
      .replace(/-+$/g, "") || "case"
  );
}

/** Slugs that are routes of their own (/cases/new) and so can never be a case's address. */
const RESERVED_SLUGS = new Set(["new"]);

async function uniqueSlug(tx: Tx, title: string, excludeId?: string) {
  const base = slugify(title);
  const taken = await tx.case.findMany({
    where: { slug: { startsWith: base }, ...(excludeId ? { id: { not: excludeId } } : {}) },
    select: { slug: true },
  });
  const set = new Set([...taken.map((t) => t.slug), ...RESERVED_SLUGS]);
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}-${i}`)) return `${base}-${i}`;
}

function validateSections(sections: CaseSections) {
  for (const key of SECTION_KEYS) {
    try {
      parseDoc(sections[key]);
    } catch {
      throw new CaseValidationError(`sections.${key}`, "cases:errors.section");
    }
  }
}

export function casePlainText(input: { title: string; summary: string; sections: CaseSections }) {
  return [input.title, input.summary, ...SECTION_KEYS.map((k) => docToText(input.sections[k]))].filter(Boolean).join("\n\n");
}

async function assertReferences(tx: Tx, input: CaseInput) {
  const owner = await tx.organisation.count({ where: { id: input.ownerOrganisationId } });
  if (!owner) throw new CaseValidationError("ownerOrganisationId", "cases:errors.unknownOrganisation");
  const coOwnerIds = [...new Set(input.coOwnerIds)];
  const coOwners = await tx.organisation.count({ where: { id: { in: coOwnerIds } } });
  if (coOwners !== coOwnerIds.length) throw new CaseValidationError("coOwnerIds", "cases:errors.unknownOrganisation");
  const areas = await tx.challengeArea.count({ where: { id: { in: input.challengeAreaIds } } });
  if (areas !== new Set(input.challengeAreaIds).size) throw new CaseValidationError("challengeAreaIds", "validation.invalid");
}

function scalarData(input: CaseInput) {
  return {
    title: input.title,
    summary: input.summary,
    sections: input.sections as unknown as Prisma.InputJsonValue,
    plainText: casePlainText(input),
    status: input.status,
    visibility: input.visibility,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    ownerOrganisationId: input.ownerOrganisationId,
    contactName: input.contactName,
    contactRole: input.contactRole,
    contactEmail: input.contactEmail,
  };
}

async function writeRelations(tx: Tx, caseId: string, input: CaseInput) {
  await tx.caseCoOwner.deleteMany({ where: { caseId } });
  await tx.caseChallengeArea.deleteMany({ where: { caseId } });
  await tx.caseResult.deleteMany({ where: { caseId } });
  if (input.coOwnerIds.length) await tx.caseCoOwner.createMany({ data: input.coOwnerIds.map((organisationId) => ({ caseId, organisationId })) });
  await tx.caseChallengeArea.createMany({ data: [...new Set(input.challengeAreaIds)].map((challengeAreaId) => ({ caseId, challengeAreaId })) });
  if (input.results.length) {
    await tx.caseResult.createMany({
      data: input.results.map((r, position) => ({
        caseId,
        position,
        indicator: r.indicator,
        unit: r.unit,
        baseline: r.baseline,
        result: r.result,
        period: r.period,
      })),
    });
  }
}

/** A self-contained copy of the case as it is now (for revisions and conflict views). */
export function snapshotOf(c: CaseWithRelations) {
  return {
    title: c.title,
    slug: c.slug,
    summary: c.summary,
    sections: c.sections,
    status: c.status,
    visibility: c.visibility,
    periodStart: c.periodStart?.toISOString() ?? null,
    periodEnd: c.periodEnd?.toISOString() ?? null,
    ownerOrganisationId: c.ownerOrganisationId,
    coOwnerIds: c.coOwners.map((o) => o.organisationId),
    challengeAreaIds: c.challengeAreas.map((a) => a.challengeAreaId),
    contactName: c.contactName,
    contactRole: c.contactRole,
    contactEmail: c.contactEmail,
    results: c.results.map((r) => ({
      indicator: r.indicator,
      unit: r.unit,
      baseline: r.baseline?.toString() ?? null,
      result: r.result?.toString() ?? null,
      period: r.period,
    })),
    deletedAt: c.deletedAt?.toISOString() ?? null,
  };
}

async function recordRevisionAndOutbox(tx: Tx, caseId: string, authorId: string | null, op: "UPSERT" | "DELETE") {
  const current = await tx.case.findUniqueOrThrow({ where: { id: caseId }, include: caseInclude });
  await tx.caseRevision.create({
    data: { caseId, version: current.version, authorId, snapshot: snapshotOf(current) as unknown as Prisma.InputJsonValue },
  });
  await enqueueSearchUpdate(tx, "case", caseId, op);
  return current;
}

/** Search outbox: written inside the caller's transaction. Drained by the search worker. */
export async function enqueueSearchUpdate(tx: Tx, entity: "case" | "organisation", entityId: string, op: "UPSERT" | "DELETE") {
  await tx.searchOutbox.create({ data: { entity, entityId, op } });
}

/**
 * Creates a case with its first revision and an outbox row. Pass `tx` to run inside a
 * caller's transaction (the importer and the seed write many cases all-or-nothing).
 */
export async function createCase(input: CaseInput, actorId: string | null, options: { tx?: Tx } = {}) {
  validateSections(input.sections);
  const create = async (tx: Tx) => {
    await assertReferences(tx, input);
    const slug = await uniqueSlug(tx, input.title);
    const created = await tx.case.create({
      data: { ...scalarData(input), slug, createdById: actorId, updatedById: actorId },
    });
    await writeRelations(tx, created.id, input);
    return recordRevisionAndOutbox(tx, created.id, actorId, "UPSERT");
  };
  if (options.tx) return create(options.tx);
  // Two people creating cases with the same title at the same moment pick the same free
  // slug; the unique index rejects the second, which then simply picks again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(create);
    } catch (error) {
      if (attempt < 5 && isSlugClash(error)) continue;
      throw error;
    }
  }
}

function isSlugClash(error: unknown) {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  return JSON.stringify(error.meta ?? {}).includes("slug");
}

/**
 * Saves a new version. `expectedVersion` is the version the editor started from; if
 * someone saved in between, throws CaseConflictError carrying the current case.
 */
export async function updateCase(caseId: string, input: CaseInput, actorId: string | null, expectedVersion: number) {
  validateSections(input.sections);
  return db().$transaction(async (tx) => {
    await assertReferences(tx, input);
    // Row lock: two saves of the same case are serialised, so the version check is exact.
    const locked = await tx.$queryRaw<Array<{ version: number }>>`SELECT version FROM "Case" WHERE id = ${caseId} AND "deletedAt" IS NULL FOR UPDATE`;
    if (!locked.length) throw new Response("Not found", { status: 404 });
    if (locked[0].version !== expectedVersion) {
      throw new CaseConflictError(await tx.case.findUniqueOrThrow({ where: { id: caseId }, include: caseInclude }));
    }
    await tx.case.update({
      where: { id: caseId },
      data: { ...scalarData(input), updatedById: actorId, version: { increment: 1 } },
    });
    await writeRelations(tx, caseId, input);
    return recordRevisionAndOutbox(tx, caseId, actorId, "UPSERT");
  });
}

/** Soft delete: the row and all revisions stay (restorable by an admin); search drops it. */
export async function deleteCase(caseId: string, actorId: string | null) {
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ version: number }>>`SELECT version FROM "Case" WHERE id = ${caseId} AND "deletedAt" IS NULL FOR UPDATE`;
    if (!locked.length) throw new Response("Not found", { status: 404 });
    await tx.case.update({ where: { id: caseId }, data: { deletedAt: new Date(), updatedById: actorId, version: { increment: 1 } } });
    return recordRevisionAndOutbox(tx, caseId, actorId, "DELETE");
  });
}
