/**
 * `npm start`'s process on its own, as a terminal runs it: server/index.ts in a process group
 * of its own (a terminal's foreground job), with its own DATA_DIR, and - unlike tests/support/stack.ts -
 * with no DATABASE_URL and no MEILI_URL, so it starts the embedded PostgreSQL and the local
 * Meilisearch itself. For the tests of shutdown, crashes and child processes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findFreePort } from "../../server/postgres";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface ServerProcess {
  pid: number;
  port: number;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startServerProcess(options: {
  dataDir: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  const { dataDir } = options;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, 0o755);
  const port = await findFreePort();
  let output = "";
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", path.join(root, "server/index.ts")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      MEILI_URL: "",
      MEILI_MASTER_KEY: "",
      SEARCH_INDEX_PREFIX: "lb_",
      SEED_DEMO_DATA: "false",
      SMTP_URL: "",
      MAIL_LOG: path.join(dataDir, "mail.log"),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, like a terminal's foreground job: kill(-pid) is Ctrl-C.
    detached: true,
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const started = Date.now();
  while (!output.includes("is running at")) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited during start-up:\n${output}`);
    if (Date.now() - started > 90_000) {
      child.kill("SIGKILL");
      throw new Error(`server did not start within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { pid: child.pid!, port, dataDir, child, output: () => output, exited };
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  cmdline: string[];
}

export function processInfo(pid: number): ProcessInfo | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    return { pid, ppid: Number(ppid), pgid: Number(pgid), state, cmdline };
  } catch {
    return null;
  }
}

/** Every running (not zombie) process on this machine. */
export function allProcesses(): ProcessInfo[] {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map((d) => processInfo(Number(d)))
    .filter((p): p is ProcessInfo => p !== null && p.state !== "Z");
}

/** Running processes whose command line mentions `dataDir` (PostgreSQL -D, Meilisearch --db-path) or is the watchdog of `serverPid`. */
export function processesOf(dataDir: string, serverPid?: number): ProcessInfo[] {
  return allProcesses().filter(
    (p) =>
      p.cmdline.some((a) => a.includes(dataDir)) ||
      (serverPid !== undefined && p.cmdline.some((a) => a.endsWith("watchdog.sh")) && p.cmdline.includes(String(serverPid))),
  );
}

export async function waitFor<T>(fn: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const started = Date.now();
  let value = await fn();
  while (!ok(value) && Date.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, 100));
    value = await fn();
  }
  return value;
}

/**
 * PostgreSQL's cluster state from global/pg_control (DBState at byte 16): 1 = shut down
 * cleanly, 6 = in production (running, or crashed).
 */
export function clusterState(databaseDir: string): number {
  return fs.readFileSync(path.join(databaseDir, "global", "pg_control")).readInt32LE(16);
}
export const DB_SHUTDOWNED = 1;
