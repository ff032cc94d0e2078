/**
 * Saves wake the search worker (prisma/migrations/*_search_outbox_notify + search/outbox-listener.server.ts).
 * Against the test run's real PostgreSQL: a committed outbox write notifies the listener once
 * per transaction and only after the commit, a rolled-back one never does, and a listener
 * whose connection is killed reconnects and asks the worker to look. Other test files write
 * outbox rows at the same time, so each check follows its own transaction id (the payload).
 */
import { afterEach, describe, expect, it } from "vitest";
import { db, type Prisma } from "~/utils/db.server";
import { listenForOutboxRows, type OutboxListener } from "../../search/outbox-listener.server";
import { until } from "../support/collab-client";
import { uniqueSuffix } from "../support/factories";

let listener: OutboxListener | undefined;
afterEach(async () => {
  await listener?.stop();
  listener = undefined;
});

function listen() {
  const name = `outbox-listener-test-${uniqueSuffix()}`;
  const seen: Array<string | undefined> = [];
  const lines: string[] = [];
  listener = listenForOutboxRows({ databaseUrl: process.env.DATABASE_URL!, onRows: (txid) => seen.push(txid), log: (l) => lines.push(l), applicationName: name });
  return { name, seen, lines, times: (txid: string) => seen.filter((t) => t === txid).length };
}

/** An outbox row for an organisation without cases: the server's worker marks it done and indexes nothing. */
const row = () => ({ entity: "organisation", entityId: `notify-test-${uniqueSuffix()}`, op: "UPSERT" as const });

/** The id PostgreSQL gave this transaction: the notification's payload. */
async function txid(tx: Prisma.TransactionClient) {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT txid_current()::text AS id`;
  return rows[0].id;
}

describe("outbox notifications", () => {
  it("a committed outbox write wakes the listener once per transaction, and only after the commit", async () => {
    const l = listen();
    expect(await listener!.ready).toBe(true);
    let id = "";
    let beforeCommit = -1;
    await db().$transaction(async (tx) => {
      await tx.searchOutbox.create({ data: row() });
      await tx.searchOutbox.createMany({ data: [row(), row(), row()] });
      id = await txid(tx);
      await new Promise((r) => setTimeout(r, 300));
      beforeCommit = l.times(id);
    });
    expect(beforeCommit).toBe(0);
    await until(() => l.times(id) > 0, "the notification after the commit", 5000);
    await new Promise((r) => setTimeout(r, 300));
    expect(l.times(id)).toBe(1);
  });

  it("a rolled-back write does not wake it", async () => {
    const l = listen();
    expect(await listener!.ready).toBe(true);
    let rolledBack = "";
    await expect(
      db().$transaction(async (tx) => {
        await tx.searchOutbox.create({ data: row() });
        rolledBack = await txid(tx);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    // A write committed afterwards arrives, so the listener was listening all along.
    const committed = await db().$transaction(async (tx) => {
      await tx.searchOutbox.create({ data: row() });
      return txid(tx);
    });
    await until(() => l.times(committed) > 0, "the committed write's notification", 5000);
    expect(rolledBack).not.toBe("");
    expect(l.times(rolledBack)).toBe(0);
  });

  it("reconnects when its connection is killed, says so, and asks the worker to look", async () => {
    const l = listen();
    expect(await listener!.ready).toBe(true);
    const killed = await db().$queryRaw<Array<{ ok: boolean }>>`
      SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = ${l.name}`;
    expect(killed).toEqual([{ ok: true }]);
    await until(() => l.lines.some((line) => line.includes("lost the outbox notifications")), "the lost connection to be noticed", 5000);
    // Back after ~1 s; the reconnect itself asks once (rows may have come while nobody listened).
    await until(() => l.lines.some((line) => line.includes("notifications are back")) && l.seen.includes(undefined), "the reconnect", 10_000);
    const committed = await db().$transaction(async (tx) => {
      await tx.searchOutbox.create({ data: row() });
      return txid(tx);
    });
    await until(() => l.times(committed) > 0, "a notification on the new connection", 5000);
  });
});
