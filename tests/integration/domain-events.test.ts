/**
 * Domain events (docs/decisions/012-domain-events.md), against the test run's real PostgreSQL
 * and server:
 * - an event and its delivery rows are written in the writer's transaction: a rolled-back
 *   transaction leaves no event, no delivery and sends no notification; notifications come
 *   only at commit;
 * - a listener receives case.content_saved / access.changed after a save; a listener whose
 *   connection is killed reconnects and runs the resync handlers;
 * - consumers: coalescing per entity, advisory locks, retry with backoff, backlog per consumer;
 * - pruning of old events and processed deliveries;
 * - across processes: saves and revocations made by THIS process (the test runner, which has
 *   no live server of its own) reach the open documents and sockets of the server process -
 *   only PostgreSQL connects the two.
 *
 * Other test files record events at the same time, so every check follows its own ids.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { updateCase } from "~/models/case.server";
import { allOk, startConsumerWorker } from "~/events/consumer.server";
import { listChallengeAreasForSearch } from "~/models/challenge-area.server";
import { removeMember } from "~/models/membership.server";
import {
  getEventBacklog,
  lockOrRedeliver,
  processDeliveryBatch,
  pruneEvents,
  recordEvent,
  releaseDeliveryBackoff,
  withEntityLocks,
  type DeliveryGroup,
  type DeliveryOutcome,
} from "~/models/events.server";
import { textToDoc, type CaseSections } from "~/editor/sections";
import { db } from "~/utils/db.server";
import {
  onDomainEvent,
  onEventStreamResync,
  startDomainEventListener,
  type DomainEventListener,
  type DomainEventNotice,
} from "~/utils/domain-events.server";
import { createCaseWorld, createFullCase, inputFor, loggedIn } from "../support/case-factories";
import { until } from "../support/collab-client";
import { live } from "../support/collab";
import { uniqueSuffix } from "../support/factories";

let listener: DomainEventListener | undefined;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const off of cleanups.splice(0)) off();
  await listener?.stop();
  listener = undefined;
});

/** A listener of our own (unique application_name) and everything it hands out. */
async function listen() {
  const name = `events-test-${uniqueSuffix()}`;
  const seen: DomainEventNotice[] = [];
  const lines: string[] = [];
  let resyncs = 0;
  cleanups.push(onDomainEvent((e) => seen.push(e)));
  cleanups.push(onEventStreamResync(() => resyncs++));
  listener = startDomainEventListener({ databaseUrl: process.env.DATABASE_URL!, log: (l) => lines.push(l), applicationName: name });
  expect(await listener.ready).toBe(true);
  return { name, seen, lines, resyncs: () => resyncs, has: (id: bigint | string) => seen.some((e) => e.id === String(id)) };
}

/** A committed event of its own (an entity nobody else uses): a marker in the notification stream. */
async function marker() {
  // Entity "test-marker": the server's live side ignores it (it only looks at entity "case").
  return db().$transaction((tx) => recordEvent(tx, { type: "case.content_saved", entity: "test-marker", entityId: uniqueSuffix() }));
}

let world: Awaited<ReturnType<typeof createCaseWorld>>;
beforeAll(async () => {
  world = await createCaseWorld();
});

describe("recording", () => {
  it("writes the event and its deliveries in the writer's transaction", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "MEMBERS" });
    const sections = { ...(c.sections as unknown as CaseSections), lessons: textToDoc(`Ny lærdom ${uniqueSuffix()}`) };
    await updateCase(c.id, { ...inputFor(c), sections, visibility: "PUBLIC" }, world.users.ownerEditor.id, c.version);

    const events = await db().domainEvent.findMany({
      where: { entity: "case", entityId: c.id },
      include: { deliveries: true },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual([
      "case.created",
      "case.published",
      "case.revised",
      "case.updated",
      "case.content_saved",
      "access.changed",
    ]);
    // Search is subscribed to created/updated, notifications to published/revised; the live-side events have no delivery rows.
    expect(events.map((e) => e.deliveries.map((d) => d.consumer))).toEqual([
      ["search"],
      ["notifications"],
      ["notifications"],
      ["search"],
      [],
      [],
    ]);
    expect(events[3].actorUserId).toBe(world.users.ownerEditor.id);

    // Same transaction as the save: PostgreSQL stamps every row a transaction writes with its id.
    const ids = events.slice(2).map((e) => e.id);
    const [caseTx] = await db().$queryRaw<Array<{ xid: string }>>`SELECT xmin::text AS xid FROM "Case" WHERE id = ${c.id}`;
    const eventTx = await db().$queryRaw<Array<{ xid: string }>>`
      SELECT DISTINCT xmin::text AS xid FROM "DomainEvent" WHERE id = ANY(${ids}::bigint[])`;
    expect(eventTx).toEqual([caseTx]);
    // Delivery rows may already have been processed (an UPDATE, a new xmin) by the server's
    // workers; their creation time is the transaction's start, the events' own.
    const stamps = await db().$queryRaw<Array<{ at: Date }>>`
      SELECT DISTINCT "createdAt" AS at FROM "DomainEvent" WHERE id = ANY(${ids}::bigint[])
      UNION SELECT DISTINCT "createdAt" FROM "EventDelivery" WHERE "eventId" = ANY(${ids}::bigint[])`;
    expect(stamps).toHaveLength(1);
  });

  it("a rolled-back transaction leaves no event, no delivery and sends no notification", async () => {
    const l = await listen();
    let rolledBack = 0n;
    await expect(
      db().$transaction(async (tx) => {
        rolledBack = await recordEvent(tx, { type: "case.updated", entity: "case", entityId: `rollback-${uniqueSuffix()}` });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(rolledBack).toBeGreaterThan(0n);
    // Notifications arrive in commit order: once a later commit's has arrived, the rolled-back one never will.
    const later = await marker();
    await until(() => l.has(later), "the later event's notification", 5000);
    expect(l.has(rolledBack)).toBe(false);
    expect(await db().domainEvent.count({ where: { id: rolledBack } })).toBe(0);
    expect(await db().eventDelivery.count({ where: { eventId: rolledBack } })).toBe(0);
  });

  it("notifies only at commit, once per event, with {id, type, entity, entityId}", async () => {
    const l = await listen();
    const entityId = `commit-${uniqueSuffix()}`;
    let inside = 0n;
    let seenBeforeCommit = true;
    await db().$transaction(
      async (tx) => {
        inside = await recordEvent(tx, { type: "case.content_saved", entity: "case", entityId });
        // Another transaction commits while this one is open; its notification arrives first.
        const other = await marker();
        await until(() => l.has(other), "the other transaction's notification", 5000);
        seenBeforeCommit = l.has(inside);
      },
      { timeout: 15_000 },
    );
    expect(seenBeforeCommit).toBe(false);
    await until(() => l.has(inside), "the notification after the commit", 5000);
    const after = await marker();
    await until(() => l.has(after), "a later notification", 5000);
    expect(l.seen.filter((e) => e.id === String(inside))).toEqual([
      { id: String(inside), type: "case.content_saved", entity: "case", entityId },
    ]);
  });
});

describe("the listener", () => {
  it("delivers case.content_saved and access.changed of a form save after its commit", async () => {
    const l = await listen();
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "MEMBERS" });
    const sections = { ...(c.sections as unknown as CaseSections), challenge: textToDoc(`Endret ${uniqueSuffix()}`) };
    await updateCase(c.id, { ...inputFor(c), sections, visibility: "DRAFT" }, null, c.version);
    await until(() => l.seen.some((e) => e.type === "access.changed" && e.entityId === c.id), "access.changed", 5000);
    const mine = l.seen.filter((e) => e.entityId === c.id).map((e) => `${e.type}:${e.entity}`);
    expect(mine).toEqual([
      "case.created:case",
      "case.published:case",
      "case.revised:case",
      "case.updated:case",
      "case.content_saved:case",
      "access.changed:case",
    ]);
  });

  it("reconnects when its connection is killed, runs the resync handlers, and listens again", async () => {
    const l = await listen();
    const killed = await db().$queryRaw<Array<{ ok: boolean }>>`
      SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = ${l.name}`;
    expect(killed).toEqual([{ ok: true }]);
    await until(() => l.lines.some((line) => line.includes("lost the event notifications")), "the lost connection to be noticed", 5000);
    await until(() => l.resyncs() === 1, "the resync after the reconnect", 10_000);
    expect(listener!.listening).toBe(true);
    const after = await marker();
    await until(() => l.has(after), "a notification on the new connection", 5000);
  });
});

describe("in-process caches", () => {
  it("the challenge-area list is dropped when challenge_areas.changed arrives from the database", async () => {
    const l = await listen();
    const area = world.area;
    expect((await listChallengeAreasForSearch()).find((a) => a.id === area.id)?.nameNb).toBe(area.nameNb);
    // Another process renames the area: its row and its event, nothing of this process involved.
    const renamed = `${area.nameNb} (omdøpt) ${uniqueSuffix()}`;
    const eventId = await db().$transaction(async (tx) => {
      await tx.challengeArea.update({ where: { id: area.id }, data: { nameNb: renamed } });
      return recordEvent(tx, { type: "challenge_areas.changed", entity: "challenge_area", entityId: area.id });
    });
    await until(() => l.has(eventId), "the event", 5000);
    // Well inside the cache's 30 s age limit: the event dropped the copy.
    expect((await listChallengeAreasForSearch()).find((a) => a.id === area.id)?.nameNb).toBe(renamed);
  });
});

describe("consumers", () => {
  /** Delivery rows for a consumer of this test only (recordEvent writes them for registered consumers). */
  async function deliver(consumer: string, entityIds: string[]) {
    await db().$transaction(async (tx) => {
      for (const entityId of entityIds) {
        const eventId = await recordEvent(tx, { type: "case.content_saved", entity: "case", entityId });
        await tx.eventDelivery.create({ data: { consumer, eventId, entity: "case", entityId } });
      }
    });
  }
  const ok = (groups: DeliveryGroup[]) => new Map<string, DeliveryOutcome>(groups.map((g) => [`${g.entity}:${g.entityId}`, { ok: true }]));

  it("claim only their own rows, coalesced per entity", async () => {
    const consumer = `test-${uniqueSuffix()}`;
    const [a, b] = [`a-${uniqueSuffix()}`, `b-${uniqueSuffix()}`];
    await deliver(consumer, [a, a, b]);
    const handled: Array<[string, number, string[]]> = [];
    const result = await processDeliveryBatch(consumer, { limit: 10 }, async (groups) => {
      for (const g of groups) handled.push([g.entityId, g.rowIds.length, g.events.map((e) => e.type)]);
      return ok(groups);
    });
    expect(result).toEqual({ claimed: 3, processed: 3, failed: 0, skipped: 0 });
    expect(handled.sort()).toEqual(
      [
        [a, 2, ["case.content_saved", "case.content_saved"]],
        [b, 1, ["case.content_saved"]],
      ].sort(),
    );
    expect(await db().eventDelivery.count({ where: { consumer, processedAt: null } })).toBe(0);
  });

  it("skip an entity another worker holds the lock of", async () => {
    const consumer = `test-${uniqueSuffix()}`;
    const a = `locked-${uniqueSuffix()}`;
    await deliver(consumer, [a]);
    const result = await withEntityLocks(consumer, [{ entity: "case", entityId: a }], () =>
      processDeliveryBatch(consumer, { limit: 10 }, async (groups) => ok(groups)),
    );
    expect(result).toEqual({ claimed: 1, processed: 0, failed: 0, skipped: 1 });
    expect(await db().eventDelivery.count({ where: { consumer, processedAt: null } })).toBe(1);
  });

  it("a fan-out target another worker holds is delivered again, not handled on an older read", async () => {
    // Search: an organisation delivery stands for its cases. A case another worker is indexing
    // right now may have been read before the organisation changed: it must come again later.
    const consumer = `test-${uniqueSuffix()}`;
    const [held, free] = [`held-${uniqueSuffix()}`, `free-${uniqueSuffix()}`];
    const eventId = await db().$transaction((tx) =>
      recordEvent(tx, { type: "organisation.updated", entity: "organisation", entityId: uniqueSuffix() }),
    );
    const locked = await withEntityLocks(consumer, [{ entity: "case", entityId: held }], () =>
      db().$transaction((tx) => lockOrRedeliver(tx, consumer, "case", [held, free], eventId)),
    );
    expect(locked).toEqual([free]);
    const again = await db().eventDelivery.findMany({
      where: { consumer, processedAt: null },
      select: { entity: true, entityId: true, eventId: true },
    });
    expect(again).toEqual([{ entity: "case", entityId: held, eventId }]);
    // Nobody holding it: the same call takes both and queues nothing.
    const both = await db().$transaction((tx) => lockOrRedeliver(tx, consumer, "case", [held, free], eventId));
    expect(both.sort()).toEqual([free, held].sort());
    expect(await db().eventDelivery.count({ where: { consumer } })).toBe(1);
  });

  it("a consumer worker is woken by the deliveries' NOTIFY, not by its poll", async () => {
    await listen();
    const consumer = `test-${uniqueSuffix()}`;
    const handled: string[] = [];
    // An hour between polls: only the wake-up can make it run.
    const worker = startConsumerWorker({
      name: consumer,
      idleMs: 3_600_000,
      handle: async (groups) => {
        handled.push(...groups.map((g) => g.entityId));
        return allOk(groups);
      },
    });
    cleanups.push(() => void worker.stop());
    await until(() => worker.stats.rounds >= 1, "the first round (it then sleeps for an hour)");
    const a = `woken-${uniqueSuffix()}`;
    await deliver(consumer, [a, a]);
    await until(() => handled.includes(a), "the worker to handle the new deliveries", 5000);
    expect(handled).toEqual([a]);
    await until(
      async () => (await db().eventDelivery.count({ where: { consumer, processedAt: null } })) === 0,
      "the rows marked processed",
      5000,
    );
    expect(worker.stats.processed).toBe(2);
  });

  it("retry a failing entity with backoff, show it in the backlog, and succeed later", async () => {
    const consumer = `test-${uniqueSuffix()}`;
    const a = `failing-${uniqueSuffix()}`;
    await deliver(consumer, [a, a]);
    const fail = async (groups: DeliveryGroup[]) =>
      new Map<string, DeliveryOutcome>(groups.map((g) => [`${g.entity}:${g.entityId}`, { ok: false, error: "mail server said no" }]));

    expect(await processDeliveryBatch(consumer, { limit: 10, maxBackoffMs: 60_000 }, fail)).toMatchObject({ claimed: 2, failed: 2 });
    const rows = await db().eventDelivery.findMany({ where: { consumer } });
    expect(rows.every((r) => r.attempts === 1 && r.lastError === "mail server said no" && r.processedAt === null)).toBe(true);
    // Backoff: not due again at once.
    expect(rows.every((r) => r.nextAttemptAt.getTime() > Date.now() - 1000)).toBe(true);
    expect(await processDeliveryBatch(consumer, { limit: 10 }, fail)).toMatchObject({ claimed: 0 });

    const backlog = (await getEventBacklog()).find((b) => b.consumer === consumer);
    expect(backlog).toMatchObject({ consumer, pending: 2, failing: 2 });
    expect(backlog!.oldestCreatedAt).toBeInstanceOf(Date);
    // Registered consumers are listed even when nothing waits for them.
    expect((await getEventBacklog()).map((b) => b.consumer)).toContain("search");

    // The second failure doubles the wait.
    expect(await releaseDeliveryBackoff(consumer)).toBe(2);
    const before = Date.now();
    expect(await processDeliveryBatch(consumer, { limit: 10, maxBackoffMs: 60_000 }, fail)).toMatchObject({ claimed: 2, failed: 2 });
    const again = await db().eventDelivery.findMany({ where: { consumer } });
    expect(again.every((r) => r.attempts === 2 && r.nextAttemptAt.getTime() >= before + 1500)).toBe(true);

    expect(await releaseDeliveryBackoff(consumer)).toBe(2);
    expect(await processDeliveryBatch(consumer, { limit: 10 }, async (groups) => ok(groups))).toMatchObject({ claimed: 2, processed: 2 });
    expect((await getEventBacklog()).find((b) => b.consumer === consumer)).toBeUndefined();
  });
});

describe("pruning", () => {
  it("drops old events and processed deliveries, and keeps what a consumer still waits for", async () => {
    const consumer = `test-${uniqueSuffix()}`;
    const [done, waiting, recent] = await db().$transaction(async (tx) => {
      const ids = [];
      for (const name of ["done", "waiting", "recent"]) {
        const eventId = await recordEvent(tx, { type: "case.content_saved", entity: "case", entityId: `${name}-${uniqueSuffix()}` });
        await tx.eventDelivery.create({ data: { consumer, eventId, entity: "case", entityId: name } });
        ids.push(eventId);
      }
      return ids;
    });
    const old = new Date(Date.now() - 20 * 24 * 3600_000);
    await db().domainEvent.updateMany({ where: { id: { in: [done, waiting] } }, data: { createdAt: old } });
    await db().eventDelivery.updateMany({ where: { eventId: { in: [done, recent] } }, data: { processedAt: old } });

    // (The server process prunes too - a minute after its start, then hourly - so the counts may be its.)
    const pruned = await pruneEvents({ olderThanMs: 14 * 24 * 3600_000 });
    expect(pruned).toEqual({ events: expect.any(Number), deliveries: expect.any(Number) });
    const left = await db().domainEvent.findMany({ where: { id: { in: [done, waiting, recent] } }, include: { deliveries: true } });
    // "done": old and processed - gone. "waiting": old but not processed - kept with its row.
    // "recent": its row was processed long ago (pruned), the event itself is new (kept).
    expect(left.map((e) => [e.id, e.deliveries.length]).sort()).toEqual(
      [
        [waiting, 1],
        [recent, 0],
      ].sort(),
    );
  });
});

describe("across processes (this test process has no live server; the server process does)", () => {
  it("a form save made here reaches the document open on the server", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "MEMBERS" });
    const editor = live(c.id, await loggedIn(world.users.ownerEditor));
    await editor.synced();
    const text = `Lagret i skjemaet i en annen prosess ${uniqueSuffix()}`;
    const sections = { ...(c.sections as unknown as CaseSections), lessons: textToDoc(text) };
    await updateCase(c.id, { ...inputFor(c), sections }, world.users.ownerEditor.id, c.version);
    // Well within the 30 s safety-net re-check: the event did it.
    await until(() => editor.text("lessons").includes(text), "the saved text in the open document", 10_000);
  });

  it("a membership removed here closes the member's socket on the server", async () => {
    const world2 = await createCaseWorld();
    const draft = await createFullCase({ ownerOrganisationId: world2.owner.id, challengeAreaIds: [world2.area.id], visibility: "DRAFT" });
    const editor = live(draft.id, await loggedIn(world2.users.ownerEditor));
    await editor.synced();
    const membership = await db().membership.findFirstOrThrow({
      where: { userId: world2.users.ownerEditor.id, organisationId: world2.owner.id },
    });
    expect(await removeMember(world2.owner.id, membership.id)).toMatchObject({ ok: true });
    await until(() => editor.closedReason() === "access-revoked", "the socket to be closed", 10_000);
  });
});
