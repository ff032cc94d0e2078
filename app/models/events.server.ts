/**
 * Domain events (docs/decisions/012-domain-events.md): the ONE way a model tells the rest
 * of the system that something changed.
 *
 * - recordEvent(tx, ...) writes the event and one delivery row per subscribed consumer
 *   (app/events/registry.ts) inside the writer's transaction: both exist exactly when the
 *   change itself was committed. A trigger NOTIFYs "domain_events" at commit (every process
 *   listens: app/utils/domain-events.server.ts) and "event_deliveries" (wakes consumers).
 * - processDeliveryBatch(consumer, ...) is what every consumer runs: claim due rows of that
 *   consumer, coalesce them per entity, lock each entity, handle, then mark processed or back
 *   off. Delivery is at-least-once: consumers are idempotent.
 * - getEventBacklog() per consumer (admin page, metrics); pruneEvents() drops old history.
 */
import { CONSUMER_NAMES, consumersOf, type EventType } from "~/events/registry";
import { db, Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

type Tx = Prisma.TransactionClient;

export interface RecordEventInput {
  type: EventType;
  /** What the event is about: "case", "organisation", "challenge_area", "all", ... */
  entity: string;
  entityId?: string | null;
  actorUserId?: string | null;
  /** Small facts a consumer needs beyond the entity (never personal data it could read itself). */
  payload?: Record<string, unknown>;
}

/**
 * Records an event in `tx` (the transaction that makes the change) with its delivery rows, in
 * one statement. Call it only from app/models. Returns the event's id.
 */
export async function recordEvent(tx: Tx, event: RecordEventInput): Promise<bigint> {
  const entityId = event.entityId ?? null;
  const consumers = consumersOf({ type: event.type, entity: event.entity, entityId, payload: event.payload });
  const payload = JSON.stringify(event.payload ?? {});
  const rows = await tx.$queryRaw<Array<{ id: bigint }>>`
    WITH e AS (
      INSERT INTO "DomainEvent" (type, entity, "entityId", "actorUserId", payload)
      VALUES (${event.type}, ${event.entity}, ${entityId}, ${event.actorUserId ?? null}, ${payload}::jsonb)
      RETURNING id
    ), d AS (
      INSERT INTO "EventDelivery" (consumer, "eventId", entity, "entityId")
      SELECT c, e.id, ${event.entity}, ${entityId ?? "*"} FROM e, unnest(${consumers}::text[]) AS c
    )
    SELECT id FROM e`;
  return rows[0].id;
}

// ---------------------------------------------------------------- backlog

export interface ConsumerBacklog {
  consumer: string;
  /** Delivery rows not yet processed. */
  pending: number;
  /** Of those, rows whose last attempt failed (retried later). */
  failing: number;
  /** When the oldest unprocessed row was written, or null when nothing waits. */
  oldestCreatedAt: Date | null;
}

/** One entry per registered consumer (also when nothing waits), plus any unknown consumer that has rows. */
export async function getEventBacklog(): Promise<ConsumerBacklog[]> {
  const rows = await db().$queryRaw<Array<{ consumer: string; pending: bigint; failing: bigint; oldest: Date | null }>>`
    SELECT consumer, count(*) AS pending, count(*) FILTER (WHERE "lastError" IS NOT NULL) AS failing, min("createdAt") AS oldest
    FROM "EventDelivery" WHERE "processedAt" IS NULL GROUP BY consumer`;
  const byName = new Map(rows.map((r) => [r.consumer, r]));
  const names = [...new Set([...CONSUMER_NAMES, ...byName.keys()])];
  return names.map((consumer) => {
    const r = byName.get(consumer);
    return { consumer, pending: Number(r?.pending ?? 0), failing: Number(r?.failing ?? 0), oldestCreatedAt: r?.oldest ?? null };
  });
}

// ---------------------------------------------------------------- consumers' side

export interface DeliveryGroup {
  entity: string;
  entityId: string;
  /** The delivery rows of this entity claimed in this batch (all handled as one). */
  rowIds: bigint[];
  /** Their events, oldest first. */
  events: Array<{ id: bigint; type: string; payload: unknown; actorUserId: string | null; createdAt: Date }>;
  /** Highest attempt count among them. */
  attempts: number;
}

export type DeliveryOutcome = { ok: true } | { ok: false; error: string };

/** What a consumer does with one batch: an outcome per group (key `${entity}:${entityId}`); `tx` is the claiming transaction. */
export type DeliveryHandler = (groups: DeliveryGroup[], tx: Tx) => Promise<Map<string, DeliveryOutcome>>;

export interface DeliveryBatchResult {
  /** Rows claimed (due, unprocessed, not locked by another worker). */
  claimed: number;
  processed: number;
  failed: number;
  /** Rows of entities another worker is busy with right now (left for the next round). */
  skipped: number;
}

export const groupKey = (entity: string, entityId: string) => `${entity}:${entityId}`;

/** The advisory-lock key of one entity for one consumer (also taken by withEntityLocks). */
export const lockKey = (consumer: string, entity: string, entityId: string) => `${consumer}:${entity}:${entityId}`;

/**
 * One round of a consumer, in one transaction:
 * 1. claims up to `limit` due rows OF THIS CONSUMER with FOR UPDATE SKIP LOCKED (two workers
 *    never get the same row) and groups them per entity (repeated changes coalesce);
 * 2. takes a transaction-scoped advisory lock per (consumer, entity), so two workers never
 *    handle the same entity concurrently; entities another worker holds are left for later;
 * 3. calls `handle` (with the transaction, for reads that must see the claimed state), then
 *    marks rows processed, or failed with attempts + 1, exponential backoff (1 s doubling,
 *    capped) and lastError.
 * A worker that dies mid-batch rolls back, and its rows are simply due again.
 */
export async function processDeliveryBatch(
  consumer: string,
  options: { limit: number; timeoutMs?: number; maxBackoffMs?: number },
  handle: DeliveryHandler,
): Promise<DeliveryBatchResult> {
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  return db().$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<
        Array<{
          id: bigint;
          entity: string;
          entityId: string;
          attempts: number;
          eventId: bigint;
          type: string;
          payload: unknown;
          actorUserId: string | null;
          createdAt: Date;
        }>
      >`
        SELECT d.id, d.entity, d."entityId", d.attempts, e.id AS "eventId", e.type, e.payload, e."actorUserId", e."createdAt"
        FROM "EventDelivery" d JOIN "DomainEvent" e ON e.id = d."eventId"
        WHERE d.consumer = ${consumer} AND d."processedAt" IS NULL AND d."nextAttemptAt" <= now()
        ORDER BY d.id LIMIT ${options.limit}
        FOR UPDATE OF d SKIP LOCKED`;
      const result: DeliveryBatchResult = { claimed: rows.length, processed: 0, failed: 0, skipped: 0 };
      if (!rows.length) return result;

      const groups = new Map<string, DeliveryGroup>();
      for (const row of rows) {
        const key = groupKey(row.entity, row.entityId);
        const group = groups.get(key) ?? { entity: row.entity, entityId: row.entityId, rowIds: [], events: [], attempts: 0 };
        group.rowIds.push(row.id);
        group.events.push({
          id: row.eventId,
          type: row.type,
          payload: row.payload,
          actorUserId: row.actorUserId,
          createdAt: row.createdAt,
        });
        group.attempts = Math.max(group.attempts, row.attempts);
        groups.set(key, group);
      }
      const keys = [...groups.keys()];
      const locks = await tx.$queryRaw<Array<{ key: string; locked: boolean }>>`
        SELECT k AS key, pg_try_advisory_xact_lock(hashtextextended(${consumer} || ':' || k, 0)) AS locked
        FROM unnest(${keys}::text[]) AS k`;
      const mine: DeliveryGroup[] = [];
      for (const { key, locked } of locks) {
        const group = groups.get(key)!;
        if (locked) mine.push(group);
        else result.skipped += group.rowIds.length;
      }
      if (!mine.length) return result;

      const outcomes = await handle(mine, tx);

      const done: string[] = [];
      const failures = new Map<string, string[]>();
      for (const group of mine) {
        const outcome = outcomes.get(groupKey(group.entity, group.entityId)) ?? {
          ok: false,
          error: `no outcome from consumer ${consumer}`,
        };
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
        await tx.$executeRaw`UPDATE "EventDelivery" SET "processedAt" = now() WHERE id = ANY(${done}::bigint[])`;
      }
      for (const [error, ids] of failures) {
        await tx.$executeRaw`
          UPDATE "EventDelivery"
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

/** A consumer's rows waiting for a retry become due now (e.g. its service is reachable again). */
export async function releaseDeliveryBackoff(consumer: string): Promise<number> {
  return db().$executeRaw`
    UPDATE "EventDelivery" SET "nextAttemptAt" = now()
    WHERE consumer = ${consumer} AND "processedAt" IS NULL AND "nextAttemptAt" > now()`;
}

/**
 * Delivers once more (a new row for the entity's latest event) the entities of `consumer`
 * whose rows were processed since `since` (database clock), and those a worker is handling
 * at this very moment (their advisory lock is held). Used by the search reindex after its swap.
 */
export async function redeliver(consumer: string, since: Date): Promise<number> {
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ count: bigint }>>`
      WITH processed AS (
        SELECT entity, "entityId", max("eventId") AS "eventId" FROM "EventDelivery"
        WHERE consumer = ${consumer} AND "processedAt" >= ${since} GROUP BY entity, "entityId"
      ), waiting AS (
        SELECT entity, "entityId", max("eventId") AS "eventId" FROM "EventDelivery"
        WHERE consumer = ${consumer} AND "processedAt" IS NULL GROUP BY entity, "entityId"
      ), in_flight AS (
        SELECT * FROM waiting
        WHERE NOT pg_try_advisory_xact_lock(hashtextextended(${consumer} || ':' || entity || ':' || "entityId", 0))
      ), again AS (
        SELECT entity, "entityId", max("eventId") AS "eventId" FROM (SELECT * FROM processed UNION ALL SELECT * FROM in_flight) AS u
        GROUP BY entity, "entityId"
      ), inserted AS (
        INSERT INTO "EventDelivery" (consumer, "eventId", entity, "entityId")
        SELECT ${consumer}, "eventId", entity, "entityId" FROM again
        RETURNING 1
      )
      SELECT count(*) AS count FROM inserted`;
    return Number(rows[0]?.count ?? 0);
  });
}

/**
 * For a consumer that fans one delivered entity out to others (search: an organisation or a
 * challenge area stands for its cases): takes each target's lock, as if it had been delivered
 * itself. A target another worker holds right now may have been read by that worker before
 * this change committed, so it gets a delivery of its own (for `eventId`) and is handled again
 * after that worker is done - an older state can never land last. Returns the ids locked here.
 */
export async function lockOrRedeliver(tx: Tx, consumer: string, entity: string, entityIds: string[], eventId: bigint): Promise<string[]> {
  if (!entityIds.length) return [];
  const rows = await tx.$queryRaw<Array<{ id: string; locked: boolean }>>`
    SELECT id, pg_try_advisory_xact_lock(hashtextextended(${consumer} || ':' || ${entity} || ':' || id, 0)) AS locked
    FROM unnest(${entityIds}::text[]) AS id`;
  const busy = rows.filter((r) => !r.locked).map((r) => r.id);
  if (busy.length) {
    await tx.$executeRaw`
      INSERT INTO "EventDelivery" (consumer, "eventId", entity, "entityId")
      SELECT ${consumer}, ${eventId}, ${entity}, id FROM unnest(${busy}::text[]) AS id`;
  }
  return rows.filter((r) => r.locked).map((r) => r.id);
}

/**
 * Runs `fn` holding `consumer`'s per-entity locks (waiting for them, one at a time in a fixed
 * order so two callers never deadlock): whatever `fn` does for these entities cannot overtake,
 * or be overtaken by, a worker of that consumer handling the same entity.
 */
export async function withEntityLocks<T>(
  consumer: string,
  entities: Array<{ entity: string; entityId: string }>,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const keys = [...new Set(entities.map((e) => groupKey(e.entity, e.entityId)))].sort();
  return db().$transaction(
    async (tx) => {
      for (const key of keys) {
        await tx.$queryRaw`SELECT 1 AS ok FROM (SELECT pg_advisory_xact_lock(hashtextextended(${consumer} || ':' || ${key}, 0))) AS locked`;
      }
      return fn(tx);
    },
    { timeout: 300_000, maxWait: 10_000 },
  );
}

// ---------------------------------------------------------------- pruning

/** How long processed deliveries and events are kept (EVENT_RETENTION_DAYS, default 14). */
export function eventRetentionMs() {
  return env().EVENT_RETENTION_DAYS * 24 * 60 * 60 * 1000;
}

/**
 * Deletes processed deliveries older than the retention, and events older than it that no
 * unprocessed delivery still needs (a consumer that has been failing for weeks keeps its
 * events). Safe to run from several processes at once.
 */
export async function pruneEvents(options: { olderThanMs?: number } = {}): Promise<{ deliveries: number; events: number }> {
  const olderThanMs = options.olderThanMs ?? eventRetentionMs();
  const deliveries = await db().$executeRaw`
    DELETE FROM "EventDelivery" WHERE "processedAt" IS NOT NULL AND "processedAt" < now() - ${olderThanMs}::float8 * interval '1 millisecond'`;
  const events = await db().$executeRaw`
    DELETE FROM "DomainEvent" e
    WHERE e."createdAt" < now() - ${olderThanMs}::float8 * interval '1 millisecond'
      AND NOT EXISTS (SELECT 1 FROM "EventDelivery" d WHERE d."eventId" = e.id AND d."processedAt" IS NULL)`;
  return { deliveries, events };
}
