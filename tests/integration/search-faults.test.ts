/**
 * Faults: Meilisearch going away while cases are saved, and a worker dying mid-batch.
 * Everything here is private to this file so it can be stopped and killed without
 * disturbing other tests: its own database in the test cluster (the app server's worker
 * never sees these outbox rows), its own Meilisearch process, its own index, its own workers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Meilisearch } from "meilisearch";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseInclude, deleteCase, updateCase } from "~/models/case.server";
import { db, disconnectDb } from "~/utils/db.server";
import { applyMigrations } from "../../server/migrate";
import { createSearchClient } from "../../search/client.server";
import { toCaseDocument } from "../../search/documents.server";
import { checkIndex } from "../../search/maintenance.server";
import { startLocalMeilisearch, type LocalMeilisearch } from "../../search/process.server";
import type { CaseSearchDocument } from "../../search/types";
import { createSearchWorker, type SearchWorker } from "../../search/worker.server";
import { createFullCase, createTestArea, inputFor } from "../support/case-factories";
import { createOrganisation, uniqueSuffix } from "../support/factories";

const root = path.resolve(__dirname, "../..");
const suffix = uniqueSuffix();
const dbName = `lb_search_faults_${suffix}`;
const indexName = `faults_${suffix}_cases`;
const mainDatabaseUrl = process.env.DATABASE_URL!;
const ownDatabaseUrl = (() => {
  const url = new URL(mainDatabaseUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
})();

let meiliDir: string;
let meili: LocalMeilisearch;
let meiliPort: number;
let client: Meilisearch;
let worker: (SearchWorker & { start(): void }) | undefined;
const workerLog: string[] = [];
let owner: Awaited<ReturnType<typeof createOrganisation>>;
let area: Awaited<ReturnType<typeof createTestArea>>;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: mainDatabaseUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function newWorker() {
  return createSearchWorker({
    // Short timeouts: a stopped Meilisearch is noticed quickly.
    client: () => createSearchClient(`http://127.0.0.1:${meiliPort}`, meili.masterKey, { timeoutMs: 2000 }),
    indexName: () => indexName,
    idleMs: 50,
    probeMs: 200,
    maxBackoffMs: 2000,
    log: (line) => workerLog.push(line),
  });
}

beforeAll(async () => {
  await admin(`CREATE DATABASE "${dbName}"`);
  await applyMigrations(ownDatabaseUrl);
  // The models in this file now work on the private database (db() connects on first use).
  await disconnectDb();
  process.env.DATABASE_URL = ownDatabaseUrl;
  meiliDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-meili-faults-"));
  meili = await startLocalMeilisearch({ dataDir: meiliDir, preferredPort: 0 });
  meiliPort = meili.port;
  client = createSearchClient(meili.url, meili.masterKey);
  owner = await createOrganisation({ fylke: "Vestland" });
  area = await createTestArea();
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await disconnectDb();
  process.env.DATABASE_URL = mainDatabaseUrl;
  await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await meili?.stop();
  if (meiliDir) fs.rmSync(meiliDir, { recursive: true, force: true });
}, 60_000);

async function until<T>(what: string, probe: () => Promise<T | false | null | undefined>, deadlineMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe().catch(() => false as const);
    if (value) return value;
    if (Date.now() - started > deadlineMs)
      throw new Error(`Timed out after ${deadlineMs} ms waiting for: ${what}\nworker log:\n${workerLog.join("\n")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Only the search consumer runs here; other consumers' rows (notifications, mail) wait untouched.
const unprocessed = () => db().eventDelivery.count({ where: { consumer: "search", processedAt: null } });

/** The index holds exactly the documents the database gives now (the database is private to this file). */
async function expectConverged() {
  const report = await checkIndex({ client, indexName });
  expect({ missing: report.missing, stale: report.stale, extra: report.extra }).toEqual({ missing: [], stale: [], extra: [] });
  const live = await db().case.findMany({ where: { deletedAt: null }, include: caseInclude });
  expect(report.documents).toBe(live.length);
  for (const c of live) expect(await client.index(indexName).getDocument(c.id)).toEqual(toCaseDocument(c));
}

describe("search faults", () => {
  it("a local Meilisearch that dies is restarted by its supervisor on the same port, with its data", async () => {
    await client.createIndex(`faults_${suffix}_probe`).waitTask();
    const pid = meili.pid()!;
    process.kill(pid, "SIGKILL");
    await until("a new Meilisearch process", async () => meili.pid() !== pid && (await client.isHealthy()), 20_000);
    expect((await client.getIndexes({ limit: 1000 })).results.map((i) => i.uid)).toContain(`faults_${suffix}_probe`);
    await client.deleteIndex(`faults_${suffix}_probe`).waitTask();
  }, 30_000);

  it("Meilisearch stopped while cases are saved: saves succeed, rows back off, restart converges with nothing lost", async () => {
    worker = newWorker();
    worker.start();
    const first = await createFullCase({ ownerOrganisationId: owner.id, challengeAreaIds: [area.id], visibility: "PUBLIC" });
    await until("the first case indexed", async () => (await unprocessed()) === 0 && (await client.index(indexName).getDocument(first.id)));

    await meili.stop();
    // Saving never depends on Meilisearch.
    const created = [];
    for (let i = 0; i < 5; i++) {
      created.push(
        await createFullCase({ ownerOrganisationId: owner.id, challengeAreaIds: [area.id], visibility: i % 2 ? "MEMBERS" : "DRAFT" }),
      );
    }
    const edited = await updateCase(
      first.id,
      inputFor(first, { title: `${first.title} (endret mens søket var nede)` }),
      null,
      first.version,
    );
    await deleteCase(created[0].id, null);

    // The rows wait with attempts, a retry time in the future and the error.
    const failing = await until("outbox rows retried with backoff", async () => {
      const rows = await db().eventDelivery.findMany({ where: { consumer: "search", processedAt: null } });
      return rows.length === 7 && rows.every((r) => r.attempts >= 2 && r.lastError) ? rows : null;
    });
    expect(failing.some((r) => r.nextAttemptAt.getTime() > Date.now())).toBe(true);
    expect(failing[0].lastError).toMatch(/fetch failed|ECONNREFUSED|Request to/i);
    // Backoff, not a busy loop: a few attempts, not hundreds.
    expect(Math.max(...failing.map((r) => r.attempts))).toBeLessThan(10);

    meili = await startLocalMeilisearch({ dataDir: meiliDir, preferredPort: meiliPort });
    expect(meili.port).toBe(meiliPort);
    await until("the backlog drained", async () => (await unprocessed()) === 0, 20_000);
    await expectConverged();
    expect((await client.index(indexName).getDocument(first.id)).title).toBe(edited.title);
    await expect(client.index(indexName).getDocument(created[0].id)).rejects.toThrow();
    expect(workerLog.join("\n")).toMatch(/could not be indexed/);
  }, 60_000);

  it("coalesces: a case edited ten times while the worker was busy elsewhere is indexed once", async () => {
    await worker!.stop();
    const before = await client.tasks.getTasks({ indexUids: [indexName], types: ["documentAdditionOrUpdate"], limit: 1 });
    let c = await createFullCase({ ownerOrganisationId: owner.id, challengeAreaIds: [area.id], visibility: "PUBLIC" });
    for (let i = 1; i <= 10; i++) c = await updateCase(c.id, inputFor(c, { title: `Samskaping ${suffix} v${i}` }), null, c.version);
    const round = await newWorker().runOnce();
    expect(round).toMatchObject({ claimed: 11, processed: 11, failed: 0 });
    const after = await client.tasks.getTasks({ indexUids: [indexName], types: ["documentAdditionOrUpdate"], limit: 5 });
    const newTasks = after.results.filter((t) => t.uid > (before.results[0]?.uid ?? -1));
    expect(newTasks).toHaveLength(1);
    expect(newTasks[0].details).toMatchObject({ receivedDocuments: 1, indexedDocuments: 1 });
    expect(await client.index<CaseSearchDocument>(indexName).getDocument(c.id)).toEqual(toCaseDocument(c));
  }, 60_000);

  it("a worker killed (-9) after Meilisearch accepted its batch but before marking it: a new worker converges idempotently", async () => {
    const cases = [];
    for (let i = 0; i < 3; i++)
      cases.push(await createFullCase({ ownerOrganisationId: owner.id, challengeAreaIds: [area.id], visibility: "PUBLIC" }));
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/support/search-worker-child.ts")], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: ownDatabaseUrl,
        MEILI_URL: meili.url,
        MEILI_MASTER_KEY: meili.masterKey,
        SEARCH_INDEX: indexName,
        HANG_AFTER_INDEX: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exited = new Promise((r) => child.once("exit", r));
    try {
      await until("the child worker to index a batch", async () => output.includes("INDEXED "), 30_000);
    } catch (error) {
      child.kill("SIGKILL");
      throw new Error(`${(error as Error).message}\nchild output:\n${output}`, { cause: error });
    }
    child.kill("SIGKILL");
    await exited;

    // Meilisearch has the documents, the rows are not marked: exactly the crash window.
    for (const c of cases) expect(await client.index(indexName).getDocument(c.id)).toEqual(toCaseDocument(c));
    const rows = await db().eventDelivery.findMany({ where: { consumer: "search", entityId: { in: cases.map((c) => c.id) } } });
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.processedAt === null && r.attempts === 0)).toBe(true);

    // One more change while nobody works on it, then a new worker takes over.
    const changed = await updateCase(cases[1].id, inputFor(cases[1], { visibility: "DRAFT" }), null, cases[1].version);
    worker = newWorker();
    worker.start();
    await until("the new worker to drain everything", async () => (await unprocessed()) === 0);
    await expectConverged();
    expect((await client.index<CaseSearchDocument>(indexName).getDocument(changed.id)).visibility).toBe("DRAFT");
  }, 60_000);
});
