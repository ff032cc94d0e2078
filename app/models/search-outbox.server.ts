/** The search outbox as operators see it: how much is waiting, and for how long. */
import { db } from "~/utils/db.server";
import { caseInclude, type CaseWithRelations, type Tx } from "./case.server";

export interface OutboxBacklog {
  /** Rows not yet processed by the search worker. */
  pending: number;
  /** Of those, rows whose last attempt failed (the worker retries them later). */
  failing: number;
  /** When the oldest unprocessed row was written, or null when nothing is waiting. */
  oldestCreatedAt: Date | null;
}

export async function getOutboxBacklog(): Promise<OutboxBacklog> {
  const where = { processedAt: null };
  const [pending, failing, oldest] = await Promise.all([
    db().searchOutbox.count({ where }),
    db().searchOutbox.count({ where: { ...where, lastError: { not: null } } }),
    db().searchOutbox.aggregate({ where, _min: { createdAt: true } }),
  ]);
  return { pending, failing, oldestCreatedAt: oldest._min.createdAt ?? null };
}

// ---------------------------------------------------------------- the search worker's side

export interface OutboxEntity {
  entity: string;
  entityId: string;
  /** The outbox rows of this entity claimed in this batch (all coalesced into one update). */
  rowIds: bigint[];
  /** Highest attempt count among them (for logging). */
  attempts: number;
}

export type OutboxOutcome = { ok: true } | { ok: false; error: string };

export interface OutboxBatchResult {
  /** Rows claimed (due, unprocessed, not locked by another worker). */
  claimed: number;
  processed: number;
  failed: number;
  /** Rows of entities another worker is busy with right now (left for the next round). */
  skipped: number;
}

export interface OutboxBatchContext {
  /** Cases by id with everything a search document needs; deleted cases included (deletedAt set). */
  loadCases(ids: string[]): Promise<CaseWithRelations[]>;
  /** Live cases an organisation owns or co-owns (for "organisation" rows). */
  caseIdsOfOrganisation(organisationId: string): Promise<string[]>;
}

const entityKey = (entity: string, entityId: string) => `${entity}:${entityId}`;

/**
 * One round of the search worker, in one transaction:
 * 1. claims up to `limit` due rows with FOR UPDATE SKIP LOCKED (two workers never get the
 *    same row) and groups them per entity (repeated changes coalesce: the handler indexes
 *    the entity's state as it is now);
 * 2. takes a transaction-scoped advisory lock per entity, so two workers can never index
 *    the same case concurrently (an older state overtaking a newer one); entities another
 *    worker holds are left for later;
 * 3. calls `handle`, then marks rows processed, or failed with attempts + 1, exponential
 *    backoff (1 s doubling, capped) and lastError.
 * Locks live until the outcome is written. A worker that dies mid-batch (connection gone)
 * rolls back, and its rows are simply due again for the next worker.
 */
export async function processOutboxBatch(
  options: { limit: number; timeoutMs?: number; maxBackoffMs?: number },
  handle: (entities: OutboxEntity[], context: OutboxBatchContext) => Promise<Map<string, OutboxOutcome>>,
): Promise<OutboxBatchResult> {
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  return db().$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: bigint; entity: string; entityId: string; attempts: number }>>`
        SELECT id, entity, "entityId", attempts FROM "SearchOutbox"
        WHERE "processedAt" IS NULL AND "nextAttemptAt" <= now()
        ORDER BY id LIMIT ${options.limit}
        FOR UPDATE SKIP LOCKED`;
      const result: OutboxBatchResult = { claimed: rows.length, processed: 0, failed: 0, skipped: 0 };
      if (!rows.length) return result;

      const groups = new Map<string, OutboxEntity>();
      for (const row of rows) {
        const key = entityKey(row.entity, row.entityId);
        const group = groups.get(key) ?? { entity: row.entity, entityId: row.entityId, rowIds: [], attempts: 0 };
        group.rowIds.push(row.id);
        group.attempts = Math.max(group.attempts, row.attempts);
        groups.set(key, group);
      }
      const keys = [...groups.keys()];
      const locks = await tx.$queryRaw<Array<{ key: string; locked: boolean }>>`
        SELECT k AS key, pg_try_advisory_xact_lock(hashtextextended('search-outbox:' || k, 0)) AS locked
        FROM unnest(${keys}::text[]) AS k`;
      const mine: OutboxEntity[] = [];
      for (const { key, locked } of locks) {
        const group = groups.get(key)!;
        if (locked) mine.push(group);
        else result.skipped += group.rowIds.length;
      }
      if (!mine.length) return result;

      const outcomes = await handle(mine, {
        loadCases: (ids) => loadCasesForSearch(ids, tx),
        caseIdsOfOrganisation: async (organisationId) => {
          const cases = await tx.case.findMany({
            where: { deletedAt: null, OR: [{ ownerOrganisationId: organisationId }, { coOwners: { some: { organisationId } } }] },
            select: { id: true },
          });
          return cases.map((c) => c.id);
        },
      });

      const done: string[] = [];
      const failures = new Map<string, string[]>();
      for (const group of mine) {
        const outcome = outcomes.get(entityKey(group.entity, group.entityId)) ?? { ok: false, error: "no outcome from the search worker" };
        const ids = group.rowIds.map(String);
        if (outcome.ok) {
          done.push(...ids);
          result.processed += ids.length;
        } else {
          const error = outcome.error.slice(0, 2000);
          failures.set(error, [...(failures.get(error) ?? []), ...ids]);
          result.failed += ids.length;
        }
      }
      if (done.length) {
        await tx.$executeRaw`UPDATE "SearchOutbox" SET "processedAt" = now() WHERE id = ANY(${done}::bigint[])`;
      }
      for (const [error, ids] of failures) {
        await tx.$executeRaw`
          UPDATE "SearchOutbox"
          SET attempts = attempts + 1,
              "lastError" = ${error},
              "nextAttemptAt" = clock_timestamp() + LEAST(${maxBackoffMs}::float8, 1000 * power(2, attempts)) * interval '1 millisecond'
          WHERE id = ANY(${ids}::bigint[])`;
      }
      return result;
    },
    { timeout: options.timeoutMs ?? 120_000, maxWait: 10_000 },
  );
}

/**
 * Rows waiting for a retry become due now (the worker calls this when Meilisearch is
 * reachable again, so the backlog does not sit out the rest of its backoff).
 */
export async function releaseOutboxBackoff(): Promise<number> {
  return db().$executeRaw`UPDATE "SearchOutbox" SET "nextAttemptAt" = now() WHERE "processedAt" IS NULL AND "nextAttemptAt" > now()`;
}

/** Cases with the relations a search document needs, deleted ones included. */
export async function loadCasesForSearch(ids: string[], client: Tx | ReturnType<typeof db> = db()): Promise<CaseWithRelations[]> {
  if (!ids.length) return [];
  return client.case.findMany({ where: { id: { in: ids } }, include: caseInclude });
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
 * A reindex calls this after its swap. Queued once more (as UPSERT) are the entities whose
 * outbox rows were processed since the copy started (`since`, database clock) - the copy may
 * have read such a case before the change, and the worker wrote the change into the index
 * that was then swapped out - and those a worker is processing at this very moment (their
 * advisory lock is taken). Rows still waiting need nothing: they reach the new index anyway.
 */
export async function requeueChangedSince(since: Date): Promise<number> {
  return db().$transaction(async (tx) => {
    const processed = await tx.$queryRaw<Array<{ entity: string; entityId: string }>>`
      SELECT DISTINCT entity, "entityId" FROM "SearchOutbox" WHERE "processedAt" >= ${since}`;
    const inFlight = await tx.$queryRaw<Array<{ entity: string; entityId: string }>>`
      SELECT entity, "entityId" FROM (SELECT DISTINCT entity, "entityId" FROM "SearchOutbox" WHERE "processedAt" IS NULL) AS waiting
      WHERE NOT pg_try_advisory_xact_lock(hashtextextended('search-outbox:' || entity || ':' || "entityId", 0))`;
    const keys = new Map([...processed, ...inFlight].map((r) => [`${r.entity}:${r.entityId}`, r]));
    if (!keys.size) return 0;
    const { count } = await tx.searchOutbox.createMany({
      data: [...keys.values()].map((r) => ({ entity: r.entity, entityId: r.entityId, op: "UPSERT" as const })),
    });
    return count;
  });
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
  const keys = [...new Set(caseIds)].map((id) => entityKey("case", id)).sort();
  return db().$transaction(
    async (tx) => {
      // One at a time in a fixed order: two callers can never deadlock.
      for (const key of keys) await tx.$queryRaw`SELECT 1 AS ok FROM (SELECT pg_advisory_xact_lock(hashtextextended('search-outbox:' || ${key}, 0))) AS locked`;
      return fn((ids) => loadCasesForSearch(ids, tx));
    },
    { timeout: 300_000, maxWait: 10_000 },
  );
}

/** Unprocessed outbox rows for these case ids (drift that may still resolve itself). */
export async function pendingOutboxCaseIds(): Promise<Set<string>> {
  const rows = await db().searchOutbox.findMany({ where: { processedAt: null, entity: "case" }, select: { entityId: true }, distinct: ["entityId"] });
  return new Set(rows.map((r) => r.entityId));
}
