/**
 * Cases. The only module that writes cases: every change runs in one transaction that
 * writes the row, its relations, a full revision snapshot (nothing is ever lost) and its
 * domain events (search, open live documents and other consumers follow; events.server.ts).
 * Content from the form, the live editor and a restore goes through ONE routine,
 * writeCaseContent.
 */
import { parseDoc } from "~/editor/render.server";
import { docToText, SECTION_KEYS, type CaseSections } from "~/editor/sections";
import { docFromState, encodeState, writeSections } from "~/editor/ydoc";
import { caseVisibilityScope, restorableAccess, type CaseAccessInfo, type VisibilityScope } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";
import type { CaseInput } from "~/schemas/case";
import { reuseFactsData, reuseFactsInputOfSnapshot, reuseFactsSnapshot } from "./case-reuse-facts.server";
import { db, Prisma } from "~/utils/db.server";
import type { RevisionKind } from "~/generated/prisma/client";
import { contentDiffers, isRevisedKind } from "~/events/case-revised";
import { CaseNotFound, ConflictError, RevisionNotFound, ValidationError } from "./errors";
import { recordEvent } from "./events.server";

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

/** The columns accessInfo needs: spread into a select, then pass the row to accessInfo. */
export const caseAccessSelect = {
  visibility: true,
  ownerOrganisationId: true,
  deletedAt: true,
  coOwners: { select: { organisationId: true } },
} as const satisfies Prisma.CaseSelect;

export function accessInfo(c: {
  visibility: CaseAccessInfo["visibility"];
  ownerOrganisationId: string;
  coOwners: Array<{ organisationId: string }>;
  deletedAt?: Date | null;
}): CaseAccessInfo {
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
  if (options.challengeAreaId)
    (where.AND as Prisma.CaseWhereInput[]).push({ challengeAreas: { some: { challengeAreaId: options.challengeAreaId } } });
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
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      version: true,
      contentVersion: true,
      kind: true,
      contributorIds: true,
      restoredFromId: true,
      createdAt: true,
      author: { select: { id: true, name: true } },
    },
  });
}

// ---------------------------------------------------------------- writing

export class CaseValidationError extends ValidationError {}

/** Someone else saved in between: the caller shows both versions, nothing is lost. */
export class CaseConflictError extends ConflictError {
  constructor(public readonly current: CaseWithRelations) {
    super("The case was changed by someone else");
  }
}

/** Where the sections of a save come from. */
export interface UpdateCaseOptions {
  /**
   * "live": the sections are edited live (Yjs) and saved by the collaboration server; the
   * form's save keeps them as stored. "form" (default): the posted sections are saved - a
   * section whose text equals the stored one keeps its stored rich content.
   */
  sections?: "live" | "form";
  /** The content version the form's sections started from (no-JS form): detects live edits in between. */
  expectedContentVersion?: number;
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
    contentLanguage: input.contentLanguage,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    ownerOrganisationId: input.ownerOrganisationId,
    contactName: input.contactName,
    contactRole: input.contactRole,
    contactEmail: input.contactEmail,
    ...reuseFactsData(input),
    // Callers that build an input by hand may leave it out: then it stays as stored.
    ...(input.whatWeChanged !== undefined ? { whatWeChanged: input.whatWeChanged } : {}),
  };
}

async function writeRelations(tx: Tx, caseId: string, input: CaseInput) {
  await tx.caseCoOwner.deleteMany({ where: { caseId } });
  await tx.caseChallengeArea.deleteMany({ where: { caseId } });
  await tx.caseResult.deleteMany({ where: { caseId } });
  if (input.coOwnerIds.length)
    await tx.caseCoOwner.createMany({ data: input.coOwnerIds.map((organisationId) => ({ caseId, organisationId })) });
  await tx.caseChallengeArea.createMany({
    data: [...new Set(input.challengeAreaIds)].map((challengeAreaId) => ({ caseId, challengeAreaId })),
  });
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
    contentLanguage: c.contentLanguage,
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
    ...reuseFactsSnapshot(c),
    whatWeChanged: c.whatWeChanged ?? null,
    deletedAt: c.deletedAt?.toISOString() ?? null,
  };
}

export interface RevisionMeta {
  authorId: string | null;
  kind: RevisionKind;
  contributorIds?: string[];
  restoredFromId?: string;
}

/**
 * A full snapshot of the case as it is now in `tx`. A revision that carries an edit (form,
 * live, restore) whose content differs from the previous revision's records "case.revised"
 * (followers are told; app/events/case-revised.ts).
 */
export async function recordRevision(tx: Tx, caseId: string, meta: RevisionMeta) {
  const current = await tx.case.findUniqueOrThrow({ where: { id: caseId }, include: caseInclude });
  const contributorIds = [...new Set([...(meta.contributorIds ?? []), ...(meta.authorId ? [meta.authorId] : [])])];
  const snapshot = snapshotOf(current);
  const previous = isRevisedKind(meta.kind)
    ? await tx.caseRevision.findFirst({ where: { caseId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { snapshot: true } })
    : null;
  const revision = await tx.caseRevision.create({
    data: {
      caseId,
      version: current.version,
      contentVersion: current.contentVersion,
      kind: meta.kind,
      authorId: meta.authorId,
      contributorIds,
      restoredFromId: meta.restoredFromId ?? null,
      snapshot: snapshot as unknown as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  if (isRevisedKind(meta.kind) && contentDiffers(previous?.snapshot, JSON.parse(JSON.stringify(snapshot)))) {
    await recordEvent(tx, {
      type: "case.revised",
      entity: "case",
      entityId: caseId,
      actorUserId: meta.authorId,
      payload: { revisionId: revision.id, kind: meta.kind },
    });
  }
  return current;
}

/** Where a save of a case's content comes from. */
export type CaseWriteSource = "form" | "restore" | "live";

const EVENT_OF_SOURCE = { form: "case.updated", restore: "case.restored", live: "case.live_stored" } as const;

export interface CaseContentWrite {
  source: CaseWriteSource;
  /** Form and restore: the whole row (scalars and relations). The live editor writes only sections. */
  input?: CaseInput;
  /** The case's sections after this save. */
  sections: CaseSections;
  /** The sections differ from the stored ones: contentVersion moves and, outside the live editor, open documents merge them. */
  contentChanged: boolean;
  /** The new Yjs state; undefined leaves the stored one as it is. */
  yState?: Uint8Array | null;
  actorId: string | null;
  /** A revision snapshot after the write (null: none, e.g. a live store between snapshots). */
  revision: RevisionMeta | null;
  /** Visibility, owner or co-owners changed: open connections are re-checked. */
  accessChanged?: boolean;
}

/**
 * THE write path of a case's content - the form (updateCase), a restore (restoreRevision) and
 * the live editor (storeLiveContent, case-live.server.ts) all end here, inside their own
 * transaction, after locking the row and deciding what changed: the row (sections, plain
 * text, Yjs state, versions), its relations, the revision, and the events. Only for models.
 */
export async function writeCaseContent(tx: Tx, caseId: string, w: CaseContentWrite) {
  const texts = w.input ?? (await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { title: true, summary: true } }));
  const live = w.source === "live";
  // Leaving DRAFT for the first time publishes the case (once: firstPublishedAt stays set).
  const publishes =
    !!w.input &&
    w.input.visibility !== "DRAFT" &&
    !(await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { firstPublishedAt: true } })).firstPublishedAt;
  await tx.case.update({
    where: { id: caseId },
    data: {
      ...(w.input
        ? scalarData({ ...w.input, sections: w.sections })
        : {
            sections: w.sections as unknown as Prisma.InputJsonValue,
            plainText: casePlainText({ title: texts.title, summary: texts.summary, sections: w.sections }),
          }),
      // The form's version (optimistic locking of the whole form) moves with form and restore saves only.
      ...(live ? (w.actorId ? { updatedById: w.actorId } : {}) : { updatedById: w.actorId, version: { increment: 1 } }),
      ...(w.contentChanged ? { contentVersion: { increment: 1 } } : {}),
      ...(w.yState !== undefined ? { yState: w.yState ? new Uint8Array(w.yState) : null } : {}),
      ...(publishes ? { firstPublishedAt: new Date() } : {}),
    },
  });
  if (w.input) await writeRelations(tx, caseId, { ...w.input, sections: w.sections });
  const current = w.revision ? await recordRevision(tx, caseId, w.revision) : null;
  const about = { entity: "case", entityId: caseId, actorUserId: w.actorId };
  await recordEvent(tx, { type: EVENT_OF_SOURCE[w.source], ...about });
  if (w.contentChanged && !live) await recordEvent(tx, { type: "case.content_saved", ...about });
  if (w.accessChanged) await recordEvent(tx, { type: "access.changed", ...about });
  if (publishes) await recordEvent(tx, { type: "case.published", ...about });
  return current;
}

function sameAccess(
  a: { visibility: string; ownerOrganisationId: string; coOwnerIds: string[] },
  b: { visibility: string; ownerOrganisationId: string; coOwnerIds: string[] },
) {
  return (
    a.visibility === b.visibility &&
    a.ownerOrganisationId === b.ownerOrganisationId &&
    [...new Set(a.coOwnerIds)].sort().join() === [...new Set(b.coOwnerIds)].sort().join()
  );
}

/**
 * Creates a case with its first revision and its "case.created" event. Pass `tx` to run inside a
 * caller's transaction (the importer and the seed write many cases all-or-nothing).
 */
export async function createCase(input: CaseInput, actorId: string | null, options: { tx?: Tx } = {}) {
  validateSections(input.sections);
  const create = async (tx: Tx) => {
    await assertReferences(tx, input);
    const slug = await uniqueSlug(tx, input.title);
    const published = input.visibility !== "DRAFT";
    const created = await tx.case.create({
      data: {
        ...scalarData(input),
        slug,
        createdById: actorId,
        updatedById: actorId,
        ...(published ? { firstPublishedAt: new Date() } : {}),
      },
    });
    await writeRelations(tx, created.id, input);
    const current = await recordRevision(tx, created.id, { authorId: actorId, kind: "CREATE" });
    const about = { entity: "case", entityId: created.id, actorUserId: actorId };
    await recordEvent(tx, { type: "case.created", ...about });
    if (published) await recordEvent(tx, { type: "case.published", ...about });
    return current;
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
 * someone saved in between, throws CaseConflictError carrying the current case. Sections
 * that change here (no-JS form) are also merged into the stored Yjs state, and the
 * "case.content_saved" event brings them into open live documents.
 */
export async function updateCase(
  caseId: string,
  input: CaseInput,
  actorId: string | null,
  expectedVersion: number,
  options: UpdateCaseOptions = {},
) {
  validateSections(input.sections);
  return db().$transaction(async (tx) => {
    await assertReferences(tx, input);
    // Row lock: two saves of the same case (and a live store) are serialised, so the version check is exact.
    const locked = await lockCase(tx, caseId);
    if (!locked) throw new CaseNotFound(caseId);
    if (locked.version !== expectedVersion)
      throw new CaseConflictError(await tx.case.findUniqueOrThrow({ where: { id: caseId }, include: caseInclude }));
    const stored = locked.sections as CaseSections;
    const sections = { ...stored } as CaseSections;
    const changedSections: Partial<CaseSections> = {};
    if (options.sections !== "live") {
      for (const key of SECTION_KEYS) {
        if (docToText(input.sections[key]) === docToText(stored[key]) && stored[key]) continue;
        sections[key] = input.sections[key];
        changedSections[key] = input.sections[key];
      }
    }
    const contentChanged = Object.keys(changedSections).length > 0;
    if (contentChanged && options.expectedContentVersion !== undefined && options.expectedContentVersion !== locked.contentVersion) {
      throw new CaseConflictError(await tx.case.findUniqueOrThrow({ where: { id: caseId }, include: caseInclude }));
    }
    const before = await tx.case.findUniqueOrThrow({ where: { id: caseId }, include: { coOwners: true } });
    const saved = await writeCaseContent(tx, caseId, {
      source: "form",
      input,
      sections,
      contentChanged,
      ...(contentChanged ? { yState: locked.yState ? mergedYState(locked.yState, changedSections) : null } : {}),
      actorId,
      revision: { authorId: actorId, kind: "EDIT" },
      accessChanged: !sameAccess({ ...before, coOwnerIds: before.coOwners.map((o) => o.organisationId) }, input),
    });
    return saved!;
  });
}

interface LockedCase {
  version: number;
  contentVersion: number;
  sections: unknown;
  yState: Uint8Array | null;
}

/** Locks the case row for the transaction; null when it does not exist or is deleted. */
export async function lockCase(tx: Tx, caseId: string): Promise<LockedCase | null> {
  const rows = await tx.$queryRaw<
    LockedCase[]
  >`SELECT version, "contentVersion", sections, "yState" FROM "Case" WHERE id = ${caseId} AND "deletedAt" IS NULL FOR UPDATE`;
  return rows[0] ?? null;
}

/** The stored Yjs state with `sections` written into it (smallest change, history kept). */
function mergedYState(state: Uint8Array, sections: Partial<CaseSections>): Uint8Array<ArrayBuffer> {
  const doc = docFromState(state);
  writeSections(doc, sections);
  const out = encodeState(doc);
  doc.destroy();
  return new Uint8Array(out);
}

/**
 * Puts the case back to what a revision holds (text and metadata; owner, co-owners and
 * visibility only as far as restorableAccess lets `actor` change them). Restoring is itself a
 * change: it bumps the versions and writes a new RESTORE revision, so nothing is lost -
 * not even what the case held before the restore. Open live editors receive the text.
 */
export async function restoreRevision(caseId: string, revisionId: string, actor: Viewer | string | null) {
  // A Viewer: owner, co-owners and visibility follow restorableAccess (the ownership policy of
  // the edit form). An id alone (system, tests): the content only, access stays as it is.
  const viewer = actor && typeof actor === "object" ? actor : null;
  const actorId = viewer ? viewer.id : (actor as string | null);
  return db().$transaction(async (tx) => {
    const locked = await lockCase(tx, caseId);
    if (!locked) throw new CaseNotFound(caseId);
    const revision = await tx.caseRevision.findFirst({ where: { id: revisionId, caseId } });
    if (!revision) throw new RevisionNotFound(revisionId);
    const snap = revision.snapshot as unknown as ReturnType<typeof snapshotOf>;
    const sections = snap.sections as unknown as CaseSections;
    // Organisations and areas deleted since then are left out rather than failing the restore.
    const [orgs, areas] = await Promise.all([
      tx.organisation.findMany({ where: { id: { in: [snap.ownerOrganisationId, ...snap.coOwnerIds] } }, select: { id: true } }),
      tx.challengeArea.findMany({ where: { id: { in: snap.challengeAreaIds } }, select: { id: true } }),
    ]);
    const orgIds = new Set(orgs.map((o) => o.id));
    const areaIds = new Set(areas.map((a) => a.id));
    const current = await tx.case.findUniqueOrThrow({ where: { id: caseId }, include: caseInclude });
    const currentAccess = {
      ownerOrganisationId: current.ownerOrganisationId,
      coOwnerIds: current.coOwners.map((o) => o.organisationId),
      visibility: current.visibility,
    };
    const access = restorableAccess(viewer, currentAccess, {
      ownerOrganisationId: orgIds.has(snap.ownerOrganisationId) ? snap.ownerOrganisationId : current.ownerOrganisationId,
      coOwnerIds: snap.coOwnerIds.filter((id) => orgIds.has(id)),
      visibility: snap.visibility,
    });
    const input: CaseInput = {
      title: snap.title,
      summary: snap.summary,
      sections,
      status: snap.status,
      // Revisions from before content languages were all bokmål.
      contentLanguage: snap.contentLanguage ?? "nb",
      visibility: access.visibility,
      periodStart: snap.periodStart ? new Date(snap.periodStart) : null,
      periodEnd: snap.periodEnd ? new Date(snap.periodEnd) : null,
      ownerOrganisationId: access.ownerOrganisationId,
      coOwnerIds: access.coOwnerIds,
      challengeAreaIds: snap.challengeAreaIds.filter((id) => areaIds.has(id)),
      contactName: snap.contactName,
      contactRole: snap.contactRole,
      contactEmail: snap.contactEmail,
      results: snap.results.map((r) => ({
        indicator: r.indicator,
        unit: r.unit,
        baseline: r.baseline,
        result: r.result,
        period: r.period,
      })),
      ...reuseFactsInputOfSnapshot(snap),
      // Revisions from before adaptations existed have no such field: null, like then.
      whatWeChanged: snap.whatWeChanged ?? null,
    } as unknown as CaseInput;
    if (!input.challengeAreaIds.length) input.challengeAreaIds = current.challengeAreas.map((a) => a.challengeAreaId);
    validateSections(input.sections);
    const saved = await writeCaseContent(tx, caseId, {
      source: "restore",
      input,
      sections,
      contentChanged: true,
      yState: locked.yState ? mergedYState(locked.yState, sections) : null,
      actorId,
      revision: { authorId: actorId, kind: "RESTORE", restoredFromId: revision.id },
      accessChanged: !sameAccess(currentAccess, access),
    });
    return saved!;
  });
}

/** Soft delete: the row and all revisions stay (restorable by an admin); search drops it. */
export async function deleteCase(caseId: string, actorId: string | null) {
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      Array<{ version: number }>
    >`SELECT version FROM "Case" WHERE id = ${caseId} AND "deletedAt" IS NULL FOR UPDATE`;
    if (!locked.length) throw new CaseNotFound(caseId);
    await tx.case.update({ where: { id: caseId }, data: { deletedAt: new Date(), updatedById: actorId, version: { increment: 1 } } });
    const current = await recordRevision(tx, caseId, { authorId: actorId, kind: "DELETE" });
    const about = { entity: "case", entityId: caseId, actorUserId: actorId };
    await recordEvent(tx, { type: "case.deleted", ...about });
    // Open editors of a deleted case are disconnected (the live server stores nothing more).
    await recordEvent(tx, { type: "access.changed", ...about });
    return current;
  });
}
