/**
 * Live co-editing cannot lose data, on a stack of its own (its server gets killed and its
 * database stopped): kill -9 while people type, SIGTERM while people type, a document that
 * fails to load, a store that fails - in every case every character typed ends up stored.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startStack, type Stack } from "../support/stack";
import { createSession } from "~/models/session.server";
import { db, disconnectDb } from "~/utils/db.server";
import { restoreModelDatabase, useModelDatabase } from "../support/model-database";
import { createFullCase, createTestArea } from "../support/case-factories";
import { connectCollab, until, type CollabClient } from "../support/collab-client";
import { prng } from "../../scripts/lib/prng";
import { convergedAndStored, expectedTokens, randomEdit, sleep, storedCase, tokenProblems, type Typist } from "../support/collab-fuzz";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";

let stack: Stack;
let dataDir: string;
let org: { id: string };
let area: { id: string };
let cookies: string[];
const clients = new Set<CollabClient>();

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-collab-durability-"));
  // METRICS_TOKEN: the tests read lb_collab_documents_open to know when a document left memory.
  stack = await startStack({ dataDir, seed: false, search: false, env: { METRICS_TOKEN } });
  // The models in this file talk to this stack's database.
  await useModelDatabase(stack.databaseUrl);
  org = await createOrganisation();
  area = await createTestArea();
  const users = await Promise.all([0, 1, 2].map(() => createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] })));
  cookies = await Promise.all(users.map(async (u) => `lb_session=${await createSession(u.id)}`));
}, 120_000);

const METRICS_TOKEN = "durability-test-metrics-token";

/** Live documents open in the server process, from its /metrics. */
async function documentsOpen() {
  const res = await fetch(`${stack.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  const value = /^lb_collab_documents_open (\d+)$/m.exec(await res.text())?.[1];
  if (value === undefined) throw new Error("lb_collab_documents_open missing from /metrics");
  return Number(value);
}

afterAll(async () => {
  for (const c of clients) c.destroy();
  await restoreModelDatabase();
  if (stack) {
    await stack.stop();
    fs.writeFileSync(path.resolve("tests/.artifacts", `collab-durability-server-${Date.now()}.log`), stack.output());
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

afterEach(() => {
  for (const c of clients) c.destroy();
  clients.clear();
});

function connect(caseId: string, who: number) {
  const c = connectCollab({ baseUrl: stack.baseUrl, caseId, cookie: cookies[who] });
  clients.add(c);
  return c;
}

function newCase() {
  return createFullCase({ ownerOrganisationId: org.id, challengeAreaIds: [area.id], visibility: "MEMBERS" });
}

/** The stored text, read with plain SQL (works whatever state the Prisma client is in). */
describe("kill -9 of the server while people type", () => {
  for (const seed of [7, 8, 9]) {
    it(`restart, reconnect: zero characters lost, nothing doubled (seed ${seed})`, async () => {
      const c = await newCase();
      const random = prng(seed);
      const typists: Typist[] = [0, 1, 2].map((who) => ({ client: connect(c.id, who), typed: [], deleted: new Set() }));
      await Promise.all(typists.map((t) => t.client.synced()));
      const steps = 160;
      const killAt = 40 + random.int(80);
      let restarted: Promise<void> | null = null;
      for (let step = 0; step < steps; step++) {
        const typist = random.pick(typists);
        randomEdit(typist, `k${seed}c${typists.indexOf(typist)}`, random);
        if (step === killAt) {
          // Mid-typing: some edits stored, some only in the server's memory, some in flight.
          restarted = stack.kill("SIGKILL").then(() => stack.restartServer());
        }
        await sleep(random.int(15));
      }
      expect(restarted).not.toBeNull();
      await restarted;
      const { expected } = await convergedAndStored(typists, c.id, 40_000);
      expect(expected.present.length).toBeGreaterThan(100);
    }, 120_000);
  }
});

describe("SIGTERM while people type", () => {
  it("stores every open document before the process exits, even if every client is gone right after", async () => {
    const cases = await Promise.all([newCase(), newCase()]);
    const random = prng(42);
    const typists: Typist[] = [];
    for (const c of cases) for (const who of [0, 1]) typists.push({ client: connect(c.id, who), typed: [], deleted: new Set() });
    await Promise.all(typists.map((t) => t.client.synced()));
    for (let step = 0; step < 60; step++) {
      const typist = random.pick(typists);
      randomEdit(typist, `term${typists.indexOf(typist)}x`, random);
      await sleep(random.int(10));
    }
    // The server has received everything (acknowledged), but its 1 s store debounce has not run yet.
    await until(() => typists.every((t) => t.client.unsynced() === 0), "the server acknowledged every edit", 5000);
    const exit = stack.kill("SIGTERM");
    for (const t of typists) t.client.destroy();
    const exited = await exit;
    await stack.restartServer();
    expect(exited.code).toBe(0);
    expect(stack.output()).toMatch(/stored 2 of 2 open document\(s\) before shutdown/);
    for (const [i, c] of cases.entries()) {
      const mine = typists.slice(i * 2, i * 2 + 2);
      const row = await storedCase(c.id);
      expect(tokenProblems(row.plainText, expectedTokens(mine))).toEqual([]);
    }
  }, 90_000);
});

describe("load and store failures", () => {
  it("a document that fails to load is never created empty or stored; after recovery the content is intact", async () => {
    const c = await newCase();
    const first = connect(c.id, 0);
    await first.synced();
    const kept = `BEHOLDT-${uniqueSuffix()}`;
    first.appendParagraph("results", kept);
    await until(async () => (await storedCase(c.id)).plainText.includes(kept), "the first edit is stored");
    first.destroy();
    // Wait until the server has stored, snapshotted and unloaded the document.
    await until(async () => (await db().caseRevision.count({ where: { caseId: c.id, kind: "LIVE" } })) > 0, "the leave snapshot");
    await until(async () => (await documentsOpen()) === 0, "the document is unloaded");
    const before = await storedCase(c.id);

    // A real load error: the Y state column is unavailable (access checks do not read it, loading does).
    await db().$executeRawUnsafe(`ALTER TABLE "Case" RENAME COLUMN "yState" TO "yState_unavailable"`);
    let renamed = true;
    try {
      const late = connect(c.id, 1);
      const offline = `UNDER-FEIL-${uniqueSuffix()}`;
      late.appendParagraph("lessons", offline); // a client that types before its first sync
      // The server's answer to the failed load (the connection is closed with the reason).
      await until(() => !!late.denied() || late.provider.isSynced, "the server's answer to the failed load", 10_000);
      expect(late.provider.isSynced).toBe(false);
      expect(late.text()).not.toContain(kept);
      const during = await storedCase(c.id);
      expect(during.contentVersion).toBe(before.contentVersion);
      expect(during.sections).toEqual(before.sections);
      // The client learns it was a load failure, not a refusal.
      expect(late.denied()).toBe("load-failed");
      expect(stack.output()).toMatch(/"component":"collab".*"msg":"loading case:\S+ failed/);
      await db().$executeRawUnsafe(`ALTER TABLE "Case" RENAME COLUMN "yState_unavailable" TO "yState"`);
      renamed = false;
      // Trying again (what the browser does on "load-failed") now loads the stored document.
      late.disconnect();
      late.reconnect();
      await late.synced(20_000);
      await until(() => late.text().includes(kept), "the stored content arrives", 10_000);
      await until(async () => (await storedCase(c.id)).plainText.includes(offline), "the offline edit is merged and stored", 10_000);
      const after = await storedCase(c.id);
      expect(after.plainText).toContain(kept);
      expect(after.plainText.match(/Utfordringen \w+/g)).toHaveLength(1);
      expect(after.plainText.split(kept).length - 1).toBe(1);
      expect(stack.output()).not.toMatch(/Error: .*uncaught/i);
    } finally {
      if (renamed) await db().$executeRawUnsafe(`ALTER TABLE "Case" RENAME COLUMN "yState_unavailable" TO "yState"`);
    }
  }, 60_000);

  it("a store that fails while the database is down is retried until it succeeds; nothing typed is lost", async () => {
    const c = await newCase();
    const random = prng(1234);
    const typists: Typist[] = [0, 1].map((who) => ({ client: connect(c.id, who), typed: [], deleted: new Set() }));
    await Promise.all(typists.map((t) => t.client.synced()));
    await disconnectDb(); // this process's pool would only see the database vanish
    const serverPid = stack.pid();
    await stack.stopDatabase();
    try {
      for (let step = 0; step < 60; step++) {
        const typist = random.pick(typists);
        randomEdit(typist, `db${typists.indexOf(typist)}x`, random);
        await sleep(random.int(20));
      }
      await until(() => /storing case:\S+ failed \(attempt 1/.test(stack.output()), "a failed store is logged", 15_000);
      // The retry fails too while the database is down (the backoff is observable in the log).
      await until(() => /storing case:\S+ failed \(attempt 2/.test(stack.output()), "a failed retry is logged", 15_000);
    } finally {
      await stack.startDatabase();
    }
    const { row } = await convergedAndStored(typists, c.id, 60_000);
    expect(row.plainText.length).toBeGreaterThan(0);
    // The line is logged after the storing transaction commits, so it may follow the row by a moment.
    await until(() => /stored case:\S+ after \d+ failed attempt\(s\)/.test(stack.output()), "the successful retry is logged", 15_000);
    // The server survived the outage (same process, still serving).
    expect(stack.pid()).toBe(serverPid);
    expect((await fetch(`${stack.baseUrl}/healthz`)).status).toBe(200);
  }, 120_000);
});
