/**
 * Live co-editing's side of the case model (docs/decisions/007). The collaboration server
 * (server/collab.ts) only talks to the database through these functions:
 *
 * - liveAccess: who may open a case's document, and whether read-only (same policies as the app).
 * - ensureLiveState: the stored Yjs state; built ONCE on the server from the stored JSON
 *   when a case has none yet, and stored at once - so every client and every restart starts
 *   from the same Yjs items (a client never seeds content; that would duplicate it).
 * - storeLiveContent: Y state + derived TipTap JSON + plain text + the "case.live_stored" event
 *   in one transaction (writeCaseContent, the same path as form and restore); unchanged content
 *   is not rewritten; a LIVE revision at most every few minutes.
 * - snapshotLiveRevision: a LIVE revision when the last editor leaves (if the text changed).
 */
import { EMPTY_DOC, SECTION_KEYS, type CaseSections } from "~/editor/sections";
import { buildYDoc, encodeState, sameJson } from "~/editor/ydoc";
import { canEditCase, canViewCase } from "~/policies/case";
import { getUser, toViewer } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { accessInfo, lockCase, recordRevision, writeCaseContent } from "./case.server";

/** At most one automatic LIVE revision per this many ms of activity (COLLAB_REVISION_INTERVAL_MS). */
export function liveRevisionIntervalMs() {
  return env().COLLAB_REVISION_INTERVAL_MS;
}

export interface LiveAccess {
  user: { id: string; name: string; organisation: string | null } | null;
  canView: boolean;
  canEdit: boolean;
}

/** The same decision as the case page and the edit page, for a WebSocket's request headers. */
export async function liveAccess(headers: Headers, caseId: string): Promise<LiveAccess> {
  const user = await getUser(new Request("http://collab.invalid/", { headers: { cookie: headers.get("cookie") ?? "" } }));
  const viewer = toViewer(user);
  const c = await db().case.findFirst({
    where: { id: caseId, deletedAt: null },
    select: { visibility: true, ownerOrganisationId: true, deletedAt: true, coOwners: { select: { organisationId: true } } },
  });
  const who = user ? { id: user.id, name: user.name, organisation: user.memberships[0]?.organisation.name ?? null } : null;
  if (!c) return { user: who, canView: false, canEdit: false };
  const info = accessInfo(c);
  return { user: who, canView: canViewCase(viewer, info), canEdit: !!viewer && canEditCase(viewer, info) };
}

export class LiveCaseGoneError extends Error {
  constructor(caseId: string) {
    super(`Case ${caseId} does not exist or was deleted`);
  }
}

function storedSections(value: unknown): CaseSections {
  const raw = (value ?? {}) as Partial<CaseSections>;
  return Object.fromEntries(SECTION_KEYS.map((k) => [k, raw[k] ?? structuredClone(EMPTY_DOC)])) as CaseSections;
}

/**
 * The case's Yjs state. Throws (and so never yields an empty document) when the case is
 * gone or the database fails.
 */
export async function ensureLiveState(caseId: string): Promise<Uint8Array> {
  const existing = await db().case.findFirst({ where: { id: caseId, deletedAt: null }, select: { yState: true } });
  if (!existing) throw new LiveCaseGoneError(caseId);
  if (existing.yState) return existing.yState;
  return db().$transaction(async (tx) => {
    const locked = await lockCase(tx, caseId);
    if (!locked) throw new LiveCaseGoneError(caseId);
    if (locked.yState) return locked.yState; // another process built it meanwhile
    const doc = buildYDoc(storedSections(locked.sections));
    const state = encodeState(doc);
    doc.destroy();
    // Raw SQL: building the state changes no content, so updatedAt must not move.
    await tx.$executeRaw`UPDATE "Case" SET "yState" = ${Buffer.from(state)} WHERE id = ${caseId}`;
    return state;
  });
}

/** The stored Yjs state of a case (null when it has none or is gone). */
export async function readStoredLiveState(caseId: string): Promise<Uint8Array | null> {
  const row = await db().case.findFirst({ where: { id: caseId, deletedAt: null }, select: { yState: true } });
  return row?.yState ? new Uint8Array(row.yState) : null;
}

export type StoreOutcome =
  | { status: "stored"; revision: boolean }
  /** Someone else wrote the case's content since `basedOn` (a form save, a restore, another process): nothing was written; merge `state` and store again. */
  | { status: "diverged"; state: Uint8Array }
  | { status: "state-only" }
  | { status: "unchanged" }
  | { status: "gone" };

function sameBytes(a: Uint8Array | null, b: Uint8Array) {
  return !!a && a.byteLength === b.byteLength && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

export async function storeLiveContent(
  caseId: string,
  content: {
    state: Uint8Array;
    /** Sections left out (they could not be read from the live document) keep their stored JSON. */
    sections: Partial<CaseSections>;
    actorId: string | null;
    contributorIds: string[];
    /** The stored state this document last loaded or stored: anything else in the row was written by someone else. */
    basedOn?: Uint8Array | null;
  },
): Promise<StoreOutcome> {
  return db().$transaction(async (tx) => {
    const locked = await lockCase(tx, caseId);
    if (!locked) return { status: "gone" } as const;
    // Never overwrite content that was saved elsewhere meanwhile: the caller merges it first
    // (Yjs updates merge without loss; the stored state holds the other save as Yjs items).
    if (content.basedOn && locked.yState && !sameBytes(locked.yState, content.basedOn)) {
      return { status: "diverged", state: new Uint8Array(locked.yState) } as const;
    }
    const stored = storedSections(locked.sections);
    const sections = { ...stored, ...content.sections } as CaseSections;
    const sectionsChanged = !sameJson(stored, sections);
    if (!sectionsChanged) {
      if (sameBytes(locked.yState, content.state)) return { status: "unchanged" } as const;
      await tx.$executeRaw`UPDATE "Case" SET "yState" = ${Buffer.from(content.state)} WHERE id = ${caseId}`;
      return { status: "state-only" } as const;
    }
    const last = await tx.caseRevision.findFirst({ where: { caseId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
    const due = !last || Date.now() - last.createdAt.getTime() >= liveRevisionIntervalMs();
    await writeCaseContent(tx, caseId, {
      source: "live",
      sections,
      contentChanged: true,
      yState: content.state,
      actorId: content.actorId,
      revision: due ? { authorId: content.actorId, kind: "LIVE", contributorIds: content.contributorIds } : null,
    });
    return { status: "stored", revision: due } as const;
  });
}

/** When the last editor leaves: a LIVE revision, unless the latest revision already holds this text. */
export async function snapshotLiveRevision(caseId: string, actorId: string | null, contributorIds: string[]): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const locked = await lockCase(tx, caseId);
    if (!locked) return false;
    const last = await tx.caseRevision.findFirst({ where: { caseId }, orderBy: { createdAt: "desc" }, select: { snapshot: true } });
    const lastSections = (last?.snapshot as { sections?: unknown } | null)?.sections;
    if (last && sameJson(storedSections(lastSections), storedSections(locked.sections))) return false;
    await recordRevision(tx, caseId, { authorId: actorId, kind: "LIVE", contributorIds });
    return true;
  });
}
