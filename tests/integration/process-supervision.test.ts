/**
 * The web process and its children (embedded PostgreSQL, local Meilisearch):
 * - the Meilisearch master key is on no command line (the process list is readable by every
 *   local user); it reaches Meilisearch through its environment
 * - Ctrl-C in a terminal (SIGINT to the process group) and a SIGTERM to the whole process tree
 *   at once stop everything in order, with no "restarting" line and no process left behind
 * - kill -9 of the web process: its PostgreSQL (cleanly) and Meilisearch are gone within 10 s
 * - an uncaught exception runs the orderly shutdown (live documents stored, exit code 1); an
 *   unhandled promise rejection is logged as one line and the app keeps serving
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { inject } from "vitest";
import { portFile, type RunningInfo } from "../../search/process.server";
import { embeddedDatabaseUrl, startEmbeddedPostgres } from "../../server/postgres";
import { startStack, type Stack } from "../support/stack";
import { createSession } from "~/models/session.server";
import { db } from "~/utils/db.server";
import { restoreModelDatabase, useModelDatabase } from "../support/model-database";
import { createFullCase, createTestArea } from "../support/case-factories";
import { connectCollab, until } from "../support/collab-client";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { logLines } from "../support/logs";
import {
  allProcesses,
  clusterState,
  DB_SHUTDOWNED,
  processesOf,
  processInfo,
  startServerProcess,
  waitFor,
  type ServerProcess,
} from "../support/server-process";

const tmpDirs: string[] = [];
const running: ServerProcess[] = [];

function tmpDir(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
}

async function start(prefix: string) {
  const server = await startServerProcess({ dataDir: tmpDir(prefix) });
  running.push(server);
  return server;
}

afterAll(async () => {
  // Whatever a failed test left running.
  for (const s of running) {
    if (s.child.exitCode === null && s.child.signalCode === null) {
      s.child.kill("SIGTERM");
      await Promise.race([s.exited, new Promise((r) => setTimeout(r, 20_000))]);
    }
    for (const p of processesOf(s.dataDir)) process.kill(p.pid, "SIGKILL");
  }
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** The server's PostgreSQL and Meilisearch (direct children whose command line names its data dir). */
function childrenOf(server: ServerProcess) {
  const all = allProcesses().filter((p) => p.ppid === server.pid);
  const postgres = all.find((p) => p.cmdline[0]?.endsWith("/postgres") && p.cmdline.includes(path.join(server.dataDir, "postgres")));
  const meilisearch = all.find(
    (p) => p.cmdline[0]?.endsWith("/meilisearch") && p.cmdline.includes(`--db-path=${path.join(server.dataDir, "meilisearch")}`),
  );
  const watchdog = all.find((p) => p.cmdline.some((a) => a.endsWith("watchdog.sh")));
  return { postgres, meilisearch, watchdog };
}

/** The embedded PostgreSQL a server process started (its port is in postmaster.pid). */
function serverDatabaseUrl(server: ServerProcess) {
  const lines = fs.readFileSync(path.join(server.dataDir, "postgres", "postmaster.pid"), "utf8").split("\n");
  return embeddedDatabaseUrl(Number(lines[3]));
}

/** Runs `fn` with the models talking to `databaseUrl`. */
async function withDatabase<T>(databaseUrl: string, fn: () => Promise<T>): Promise<T> {
  const previous = process.env.DATABASE_URL;
  await useModelDatabase(databaseUrl);
  try {
    return await fn();
  } finally {
    await useModelDatabase(previous);
  }
}

/** A MEMBERS case and the session cookie of an editor of its owner organisation. */
async function editableCase() {
  const org = await createOrganisation();
  const area = await createTestArea();
  const user = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
  const cookie = `lb_session=${await createSession(user.id)}`;
  const c = await createFullCase({ ownerOrganisationId: org.id, challengeAreaIds: [area.id], visibility: "MEMBERS" });
  return { caseId: c.id, cookie };
}

/** The stored plain text of a case in a stopped server's data dir (starts its PostgreSQL for the look). */
async function storedText(dataDir: string, caseId: string) {
  const pg = await startEmbeddedPostgres({ dataDir });
  try {
    return await withDatabase(pg.url, async () => {
      const rows = await db().$queryRaw<Array<{ plainText: string }>>`SELECT "plainText" FROM "Case" WHERE id = ${caseId}`;
      return rows[0]?.plainText ?? "";
    });
  } finally {
    await pg.stop();
  }
}

describe("the Meilisearch master key", () => {
  it("is on no process's command line; Meilisearch gets it through its environment and enforces it", async () => {
    const dataDir = inject("dataDir");
    const key = inject("meiliKey");
    const meiliUrl = inject("meiliUrl");
    expect(key.length).toBeGreaterThanOrEqual(32);
    const info = JSON.parse(fs.readFileSync(portFile(dataDir), "utf8")) as RunningInfo;
    const meili = processInfo(info.pid);
    expect(meili?.cmdline.some((a) => a.startsWith("--db-path="))).toBe(true);
    expect(meili!.cmdline.join(" ")).not.toContain(key);
    expect(meili!.cmdline.some((a) => a.startsWith("--master-key"))).toBe(false);
    // Nowhere in the process list (what `ps auxww` shows every local user).
    const leaking = allProcesses().filter((p) => p.cmdline.some((a) => a.includes(key)));
    expect(leaking.map((p) => p.cmdline.slice(0, 2).join(" "))).toEqual([]);
    // Its environment (readable by its own user and root only) carries it.
    const environ = fs.readFileSync(`/proc/${info.pid}/environ`, "utf8").split("\0");
    expect(environ).toContain(`MEILI_MASTER_KEY=${key}`);
    // And Meilisearch enforces it: nothing without the key, everything with it.
    expect((await fetch(`${meiliUrl}/indexes`)).status).toBe(401);
    expect((await fetch(`${meiliUrl}/indexes`, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(200);
  });
});

describe("stopping the web process", () => {
  it("Ctrl-C (SIGINT to the terminal's process group) stores live documents, then stops the children: no restart, nothing left", async () => {
    const server = await start("lb-proc-sigint-");
    const { postgres, meilisearch, watchdog } = childrenOf(server);
    expect(postgres && meilisearch && watchdog).toBeTruthy();
    const groups = [postgres!, meilisearch!, watchdog!].map((p) => p.pgid);
    expect(processInfo(server.pid)?.pgid).toBe(server.pid);

    // Someone is typing in a live document when Ctrl-C comes (not stored yet: stores are debounced).
    const typed = `Skrevet rett før Ctrl-C ${uniqueSuffix()}`;
    const caseId = await withDatabase(serverDatabaseUrl(server), async () => {
      const { caseId, cookie } = await editableCase();
      const client = connectCollab({ baseUrl: `http://localhost:${server.port}`, caseId, cookie });
      try {
        await client.synced();
        client.appendParagraph("results", typed);
        await until(() => client.unsynced() === 0, "the server has the edit", 5000);
        process.kill(-server.pid, "SIGINT");
        await server.exited;
      } finally {
        client.destroy();
      }
      return caseId;
    });

    const exit = await server.exited;
    const out = server.output();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(out).toContain("SIGINT received: shutting down");
    expect(out).toContain("Stopped.");
    expect(out).not.toMatch(/restarting|exited unexpectedly|watchdog|FAILED|Error during shutdown/i);
    // The children run in process groups of their own: the terminal's SIGINT reached only the web process.
    expect(groups.filter((g) => g === server.pid)).toEqual([]);
    // (The watchdog exits on its own a moment after the web process: it sees EOF, nothing to stop.)
    expect(
      await waitFor(
        () => processesOf(server.dataDir, server.pid),
        (l) => l.length === 0,
        5000,
      ),
    ).toEqual([]);
    expect(clusterState(path.join(server.dataDir, "postgres"))).toBe(DB_SHUTDOWNED);
    // What was typed is in the database (PostgreSQL was stopped after the live documents were stored).
    expect(await storedText(server.dataDir, caseId)).toContain(typed);
  }, 120_000);

  it("SIGTERM to the web process and every child at once (a whole-tree kill, systemd's default) logs no restart and leaves nothing", async () => {
    const server = await start("lb-proc-sigterm-all-");
    const { postgres, meilisearch, watchdog } = childrenOf(server);
    // The children first and the web process a moment later: the worst order for the supervisor.
    for (const p of [meilisearch!.pid, postgres!.pid, watchdog!.pid]) process.kill(p, "SIGTERM");
    await new Promise((r) => setTimeout(r, 150));
    process.kill(server.pid, "SIGTERM");
    const exit = await server.exited;
    const out = server.output();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(out).toContain("Stopped.");
    expect(out).not.toMatch(/restarting|exited unexpectedly/i);
    expect(
      await waitFor(
        () => processesOf(server.dataDir, server.pid),
        (l) => l.length === 0,
        10_000,
      ),
    ).toEqual([]);
    expect(clusterState(path.join(server.dataDir, "postgres"))).toBe(DB_SHUTDOWNED);
  }, 120_000);

  it("kill -9 of the web process: its PostgreSQL (cleanly shut down) and Meilisearch are gone within 10 s, and it starts again", async () => {
    const server = await start("lb-proc-kill9-");
    const { postgres, meilisearch } = childrenOf(server);
    expect(postgres && meilisearch).toBeTruthy();
    const killedAt = Date.now();
    process.kill(server.pid, "SIGKILL");
    await server.exited;
    const left = await waitFor(
      () => processesOf(server.dataDir, server.pid),
      (l) => l.length === 0,
      10_000,
    );
    expect(left.map((p) => p.cmdline.slice(0, 2).join(" "))).toEqual([]);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(server.output()).toContain(`watchdog: process ${server.pid} is gone`);
    // Fast shutdown, not a crash: the next start needs no recovery and finds no orphans.
    expect(clusterState(path.join(server.dataDir, "postgres"))).toBe(DB_SHUTDOWNED);

    const again = await startServerProcess({ dataDir: server.dataDir });
    running.push(again);
    expect(again.output()).toContain("Database schema is up to date");
    expect(again.output()).not.toMatch(/orphaned|already running/);
    process.kill(-again.pid, "SIGINT");
    expect(await again.exited).toEqual({ code: 0, signal: null });
    expect(
      await waitFor(
        () => processesOf(again.dataDir, again.pid),
        (l) => l.length === 0,
        5000,
      ),
    ).toEqual([]);
  }, 180_000);
});

describe("process-level safety nets", () => {
  let stack: Stack;
  let dataDir: string;
  let faultFile: string;

  beforeAll(async () => {
    dataDir = tmpDir("lb-proc-faults-");
    faultFile = path.join(dataDir, "fault");
    const injector = pathToFileURL(path.resolve("tests/support/fault-injector.mjs")).href;
    stack = await startStack({ dataDir, seed: false, nodeArgs: ["--import", injector], env: { LB_TEST_FAULT_FILE: faultFile } });
    await useModelDatabase(stack.databaseUrl);
  }, 120_000);

  afterAll(async () => {
    await restoreModelDatabase();
    if (stack) await stack.stop();
  }, 60_000);

  async function raise(what: "reject" | "throw") {
    fs.writeFileSync(faultFile, what);
    process.kill(stack.pid(), "SIGUSR2");
  }

  it("an unhandled promise rejection is logged as one line and the app keeps serving", async () => {
    const before = stack.output().length;
    for (let i = 0; i < 3; i++) {
      await raise("reject");
      await until(
        () => stack.output().slice(before).split("Unhandled promise rejection").length - 1 === i + 1,
        `rejection ${i + 1} logged`,
        5000,
      );
      expect((await fetch(`${stack.baseUrl}/`)).status).toBe(200);
    }
    const lines = logLines(stack.output().slice(before)).filter((l) => l.msg.includes("injected rejection"));
    expect(lines).toHaveLength(3);
    expect(lines[0]!.msg).toMatch(/^Unhandled promise rejection \(the app keeps running\): Error: injected rejection for a test \(at /);
    expect(lines[0]).toMatchObject({ level: "error", component: "server" });
  });

  it("an uncaught exception stores the open live documents, stops the children in order and exits 1", async () => {
    const { caseId, cookie } = await editableCase();
    const client = connectCollab({ baseUrl: stack.baseUrl, caseId, cookie });
    try {
      await client.synced();
      const typed = `Skrevet rett før krasjet ${uniqueSuffix()}`;
      client.appendParagraph("results", typed);
      await until(() => client.unsynced() === 0, "the server has the edit", 5000);
      const serverPid = stack.pid();
      const meiliPid = (JSON.parse(fs.readFileSync(portFile(dataDir), "utf8")) as RunningInfo).pid;

      await raise("throw");
      const exit = await stack.kill("SIGCONT"); // waits for the exit (SIGCONT itself does nothing)
      const out = stack.output();
      expect(exit.code).toBe(1);
      expect(out).toMatch(/Uncaught exception: TypeError: injected exception for a test \(at /);
      expect(out).toContain("Uncaught exception: shutting down");
      expect(out).toContain("Stopped.");
      expect(out).not.toMatch(/restarting|FAILED/);
      // The edit was stored before the database connection went away.
      const rows = await db().$queryRaw<Array<{ plainText: string }>>`SELECT "plainText" FROM "Case" WHERE id = ${caseId}`;
      expect(rows[0].plainText).toContain(typed);
      // Its Meilisearch was stopped by the shutdown (not by the watchdog: that says so).
      expect(allProcesses().some((p) => p.pid === meiliPid)).toBe(false);
      expect(out).not.toContain(`watchdog: process ${serverPid}`);
    } finally {
      client.destroy();
    }
  }, 60_000);
});
