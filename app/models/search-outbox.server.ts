/**
 * The search consumer's side of the domain events (app/models/events.server.ts): which
 * cases a batch of "search" deliveries stands for, the locks it shares with the reindex, and
 * the bookkeeping the reindex and drift check need. The worker is search/worker.server.ts.
 */
import { db, type Prisma } from "~/utils/db.server";
import { caseInclude, type CaseWithRelations, type Tx } from "./case.server";
import {
  lockOrRedeliver,
  processDeliveryBatch,
  redeliver,
  releaseDeliveryBackoff,
  withEntityLocks,
  type DeliveryBatchResult,
  type DeliveryGroup,
  type DeliveryOutcome,
} from "./events.server";

/** The consumer name of the search indexer (app/events/registry.ts). */
export const SEARCH_CONSUMER = "search";

export type OutboxEntity = DeliveryGroup;
export type OutboxOutcome = DeliveryOutcome;
export type OutboxBatchResult = DeliveryBatchResult;

export interface OutboxBatchContext {
  /** Cases by id with everything a search document needs; deleted cases included (deletedAt set). */
  loadCases(ids: string[]): Promise<CaseWithRelations[]>;
  /** Live cases an organisation owns or co-owns (for "organisation" deliveries). */
  caseIdsOfOrganisation(organisationId: string): Promise<string[]>;
  /** Live cases tagged with a challenge area (for "challenge_area" deliveries). */
  caseIdsOfChallengeArea(challengeAreaId: string): Promise<string[]>;
  /**
   * The case a delivered case is an adaptation of (its adoption figures change with the
   * adaptation's visibility): indexed along, under its own case lock. Empty for none.
   */
  originalsOf?(caseId: string): Promise<string[]>;
}

/**
 * One round of the search worker: processDeliveryBatch for consumer "search" (claim, coalesce
 * per entity, advisory lock per entity, backoff), with the reads the indexer needs done in the
 * claiming transaction.
 */
export async function processOutboxBatch(
  options: { limit: number; timeoutMs?: number; maxBackoffMs?: number },
  handle: (entities: OutboxEntity[], context: OutboxBatchContext) => Promise<Map<string, OutboxOutcome>>,
): Promise<OutboxBatchResult> {
  return processDeliveryBatch(SEARCH_CONSUMER, options, (groups, tx) => {
    // An organisation's or area's cases are indexed under their own case locks (lockOrRedeliver):
    // with several workers, a case another one is indexing right now is queued again instead.
    const fanOut = async (entity: string, entityId: string, caseIds: string[]) => {
      const group = groups.find((g) => g.entity === entity && g.entityId === entityId);
      const eventId = group?.events.reduce((max, e) => (e.id > max ? e.id : max), 0n) ?? 0n;
      return eventId ? lockOrRedeliver(tx, SEARCH_CONSUMER, "case", caseIds, eventId) : caseIds;
    };
    return handle(groups, {
      loadCases: (ids) => loadCasesForSearch(ids, tx),
      caseIdsOfOrganisation: async (organisationId) => {
        const cases = await tx.case.findMany({
          where: { deletedAt: null, OR: [{ ownerOrganisationId: organisationId }, { coOwners: { some: { organisationId } } }] },
          select: { id: true },
        });
        return fanOut(
          "organisation",
          organisationId,
          cases.map((c) => c.id),
        );
      },
      originalsOf: async (caseId) => {
        const row = await tx.case.findUnique({ where: { id: caseId }, select: { adaptedFromId: true } });
        return row?.adaptedFromId ? fanOut("case", caseId, [row.adaptedFromId]) : [];
      },
      caseIdsOfChallengeArea: async (challengeAreaId) => {
        const cases = await tx.case.findMany({
          where: { deletedAt: null, challengeAreas: { some: { challengeAreaId } } },
          select: { id: true },
        });
        return fanOut(
          "challenge_area",
          challengeAreaId,
          cases.map((c) => c.id),
        );
      },
    });
  });
}

/**
 * Rows waiting for a retry become due now (the worker calls this when Meilisearch is
 * reachable again, so the backlog does not sit out the rest of its backoff).
 */
export async function releaseOutboxBackoff(): Promise<number> {
  return releaseDeliveryBackoff(SEARCH_CONSUMER);
}

/** What a search document needs of a case's adaptations (adoption figures): published ones only. */
const adoptionInclude = {
  adaptations: {
    where: { deletedAt: null, visibility: { in: ["PUBLIC", "MEMBERS"] } },
    select: { visibility: true, ownerOrganisationId: true },
  },
} satisfies Prisma.CaseInclude;

export type SearchCase = CaseWithRelations & { adaptations?: Array<{ visibility: string; ownerOrganisationId: string }> };

/** Cases with the relations a search document needs, deleted ones included. */
export async function loadCasesForSearch(ids: string[], client: Tx | ReturnType<typeof db> = db()): Promise<SearchCase[]> {
  if (!ids.length) return [];
  return client.case.findMany({ where: { id: { in: ids } }, include: { ...caseInclude, ...adoptionInclude } });
}

/** Ids of all live (not deleted) cases, in id order, a page at a time (reindex, drift check). */
export async function listLiveCaseIds(options: { after?: string; take: number }): Promise<string[]> {
  const cases = await db().case.findMany({
    where: { deletedAt: null, ...(options.after ? { id: { gt: options.after } } : {}) },
    orderBy: { id: "asc" },
    take: options.take,
    select: { id: true },
  });
  return cases.map((c) => c.id);
}

export async function countLiveCases(): Promise<number> {
  return db().case.count({ where: { deletedAt: null } });
}

/** The database's clock (reindex marks when it started reading with it). */
export async function databaseNow(): Promise<Date> {
  const [row] = await db().$queryRaw<Array<{ now: Date }>>`SELECT now() AS now`;
  return row.now;
}

/**
 * A reindex calls this after its swap. Delivered once more are the entities whose search
 * rows were processed since the copy started (`since`, database clock) - the copy may have
 * read such a case before the change, and the worker wrote the change into the index that
 * was then swapped out - and those a worker is processing at this very moment (their
 * advisory lock is taken). Rows still waiting need nothing: they reach the new index anyway.
 */
export async function requeueChangedSince(since: Date): Promise<number> {
  return redeliver(SEARCH_CONSUMER, since);
}

/**
 * Runs `fn` holding the same per-case locks the search worker takes (waiting for them), so
 * whatever `fn` writes to the index for these cases cannot overtake, or be overtaken by, the
 * worker indexing the same case. `loadCases` reads their current state under the locks.
 */
export async function withCaseSearchLocks<T>(
  caseIds: string[],
  fn: (loadCases: (ids: string[]) => Promise<CaseWithRelations[]>) => Promise<T>,
): Promise<T> {
  return withEntityLocks(
    SEARCH_CONSUMER,
    caseIds.map((entityId) => ({ entity: "case", entityId })),
    (tx) => fn((ids) => loadCasesForSearch(ids, tx)),
  );
}

/** Cases with unprocessed search deliveries (drift that may still resolve itself). */
export async function pendingOutboxCaseIds(): Promise<Set<string>> {
  const rows = await db().eventDelivery.findMany({
    where: { consumer: SEARCH_CONSUMER, processedAt: null, entity: "case" },
    select: { entityId: true },
    distinct: ["entityId"],
  });
  return new Set(rows.map((r) => r.entityId));
}
