/**
 * Child processes (embedded PostgreSQL, local Meilisearch) must not outlive the process that
 * started them when it dies without stopping them (kill -9, the OOM killer, a crash in native
 * code). Every such child runs in its own process group (a terminal's Ctrl-C reaches only the
 * web process, which stops them in order), so nothing else would stop them.
 *
 * The watchdog is one tiny `sh` process per parent process, started on first use. The parent
 * writes "watch"/"unwatch" lines into the watchdog's stdin; the pipe's other end lives only in
 * the parent, so when the parent is gone for any reason the watchdog reads EOF at once. It then
 * sends each child still registered its own clean-stop signal (PostgreSQL SIGINT = fast
 * shutdown, Meilisearch SIGTERM), and escalates after a grace period. A child whose pid now
 * belongs to another program (checked through /proc/<pid>/exe) is left alone. When the parent
 * exits normally it has stopped and unregistered its children, and the watchdog just exits.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type StopSignal = "SIGINT" | "SIGTERM";
export type EscalationSignal = "SIGQUIT" | "SIGKILL";

export interface WatchOptions {
  /** Clean-stop signal sent when the parent is gone. */
  signal: StopSignal;
  /** Sent when the child is still running `graceSeconds` after `signal`. */
  escalate: EscalationSignal;
  graceSeconds: number;
}

// The watchdog itself: server/watchdog.sh (POSIX sh), next to this file.
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "watchdog.sh");

let watchdog: ChildProcess | null | undefined;

function start(): ChildProcess | null {
  if (watchdog !== undefined) return watchdog;
  if (process.platform === "win32" || !fs.existsSync("/bin/sh") || !fs.existsSync(SCRIPT)) return (watchdog = null);
  try {
    const child = spawn("/bin/sh", [SCRIPT, String(process.pid)], {
      // stdin: the pipe whose EOF says we are gone. stderr: its one line reaches our terminal/log.
      stdio: ["pipe", "ignore", "inherit"],
      detached: true,
    });
    child.on("error", () => (watchdog = null));
    child.on("exit", () => {
      if (watchdog === child) watchdog = undefined;
    });
    child.stdin!.on("error", () => {});
    // Neither the process nor its pipe keeps this process alive.
    child.unref();
    (child.stdin as unknown as { unref?: () => void }).unref?.();
    watchdog = child;
    return child;
  } catch {
    return (watchdog = null);
  }
}

function exePath(pid: number): string {
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return "-";
  }
}

/**
 * Stops `pid` cleanly if this process dies before calling the returned function (call it when
 * the child has exited or was stopped). Best effort: without /bin/sh it does nothing.
 */
export function watchChild(pid: number | undefined, options: WatchOptions): () => void {
  if (!pid) return () => {};
  const w = start();
  if (!w?.stdin?.writable) return () => {};
  const exe = exePath(pid).replace(/[\r\n]/g, "");
  w.stdin.write(
    `watch ${pid} ${options.signal.slice(3)} ${options.escalate.slice(3)} ${Math.max(1, Math.round(options.graceSeconds))} ${exe}\n`,
  );
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (w.stdin?.writable) w.stdin.write(`unwatch ${pid}\n`);
  };
}
