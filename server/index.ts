/**
 * `npm start`: one process that runs everything a single machine needs.
 * - validates configuration (stops with one sentence naming a bad variable)
 * - starts an embedded PostgreSQL under DATA_DIR when DATABASE_URL is not set
 * - starts a local Meilisearch under DATA_DIR when MEILI_URL is not set (search degrades to
 *   PostgreSQL when it cannot; saving never depends on it)
 * - applies migrations, seeds demo data into an empty database, applies the search index
 *   settings, starts the process's domain-event listener (LISTEN domain_events) and the
 *   search worker (the search consumer of those events)
 * - serves the app; Ctrl-C / SIGTERM / SIGHUP stops every child cleanly, in order: live
 *   documents are stored first, PostgreSQL is stopped last. The children run in their own
 *   process groups (a terminal's Ctrl-C reaches only this process) and are watched by
 *   server/watchdog.ts, which stops them cleanly if this process dies without doing so.
 * - an uncaught exception logs one line and runs the same orderly shutdown (exit code 1); an
 *   unhandled promise rejection logs one line and the app keeps running
 */
import fs from "node:fs";
import path from "node:path";
import { EnvError, parseEnv, type Env } from "../app/utils/env.server";
import { getLogger, lineLogger } from "../app/utils/logger.server";
import { createApp, loadBuild } from "./app";
import { applyMigrations } from "./migrate";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./postgres";
import { startDraining } from "./readiness";

// Structured logs (app/utils/logger.server.ts): component "server"; the level follows the text.
const log = lineLogger("server");
const serverLog = getLogger("server");

/** One line for the log: "Name: message (at file:line)". */
function oneLine(error: unknown) {
  if (!(error instanceof Error)) return String(error).split("\n")[0].slice(0, 500);
  const at = error.stack
    ?.split("\n")
    .find((l) => l.trim().startsWith("at "))
    ?.trim();
  return `${error.name}: ${error.message.split("\n")[0].slice(0, 500)}${at ? ` (${at})` : ""}`;
}

/** After an uncaught exception the orderly shutdown gets this long before the process exits anyway. */
const CRASH_SHUTDOWN_LIMIT_MS = 60_000;

// Cleanups run in reverse order of registration; `quiesce` ones run first of all (children
// told that their exit is now expected).
const cleanups: Array<() => Promise<void>> = [];
const quiesce: Array<() => void> = [];
let shuttingDown = false;
/** SHUTDOWN_DRAIN_MS: how long /readyz answers 503 before the sockets close (behind a load balancer). */
let drainMs = 0;

async function shutdown(reason: string, exitCode = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`${reason}: shutting down …`);
  // Readiness goes false first, so a load balancer stops sending requests before the sockets close.
  startDraining();
  if (drainMs > 0 && exitCode === 0) {
    log(`Not ready any more; closing connections in ${drainMs} ms (SHUTDOWN_DRAIN_MS).`);
    await new Promise((resolve) => setTimeout(resolve, drainMs));
  }
  for (const fn of quiesce) fn();
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (error) {
      serverLog.error(`Error during shutdown: ${oneLine(error)}`, { err: error });
    }
  }
  log("Stopped.");
  process.exit(exitCode);
}

function installProcessHandlers() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(`${signal} received`));
  process.on("uncaughtException", (error) => {
    serverLog.fatal(`Uncaught exception: ${oneLine(error)}`, { err: error });
    if (shuttingDown) return;
    setTimeout(() => {
      log(`Shutdown after the uncaught exception took over ${CRASH_SHUTDOWN_LIMIT_MS / 1000} s; exiting.`);
      process.exit(1);
    }, CRASH_SHUTDOWN_LIMIT_MS).unref();
    void shutdown("Uncaught exception", 1);
  });
  process.on("unhandledRejection", (reason) => {
    serverLog.error(`Unhandled promise rejection (the app keeps running): ${oneLine(reason)}`, { err: reason });
  });
}

function loadDotEnv() {
  const file = path.resolve(".env");
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

async function main() {
  loadDotEnv();
  let env: Env;
  try {
    env = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  process.env.NODE_ENV ??= env.NODE_ENV;
  drainMs = env.SHUTDOWN_DRAIN_MS;
  if (env.REDIS_URL && (!env.DATABASE_URL || !env.MEILI_URL)) {
    log(
      "WARNING: REDIS_URL is set (several web processes) but DATABASE_URL or MEILI_URL is empty: this process starts its own embedded service, which other processes cannot share (docs/deploy.md).",
    );
  }
  fs.mkdirSync(env.DATA_DIR, { recursive: true });
  installProcessHandlers();

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    log("No DATABASE_URL set: starting the embedded PostgreSQL …");
    let pg: EmbeddedDatabase;
    try {
      pg = await startEmbeddedPostgres({ dataDir: env.DATA_DIR, port: 54329, log });
    } catch (error) {
      serverLog.fatal((error as Error).message);
      process.exit(1);
    }
    cleanups.push(() => pg.stop());
    log(`Embedded PostgreSQL is running (data in ${pg.dataDir}).`);
    databaseUrl = pg.url;
    process.env.DATABASE_URL = databaseUrl;
  }

  try {
    const { applied } = await applyMigrations(databaseUrl, { log });
    log(applied.length ? `Applied ${applied.length} migration(s).` : "Database schema is up to date.");
  } catch (error) {
    serverLog.fatal(`Could not migrate the database: ${(error as Error).message}`);
    await shutdown("Start-up failed", 1);
    return;
  }

  const { disconnectDb } = await import("../app/utils/db.server");
  // Cleanups run in reverse: live co-editing (stores open documents), HTTP server, search
  // worker, Meilisearch, Prisma, PostgreSQL.
  cleanups.push(() => disconnectDb());
  // ONE listener per process: domain events committed by any process reach live documents,
  // caches and workers here (docs/decisions/012-domain-events.md).
  const { startDomainEventListener, onDeliveriesWaiting, onEventStreamResync } = await import("../app/utils/domain-events.server");
  const events = startDomainEventListener({ databaseUrl, log });
  cleanups.push(() => events.stop());
  const { startEventPruning } = await import("../app/events/pruning.server");
  const pruning = startEventPruning({ log });
  cleanups.push(() => pruning.stop());
  const search = await startSearch(env);
  let demoLogins: Array<{ email: string; role: string }> = [];
  if (env.SEED_DEMO_DATA) {
    const { seedIfEmpty, DEMO_PASSWORD } = await import("../prisma/seed");
    const result = await seedIfEmpty({ log });
    demoLogins = result.logins;
    if (result.seeded) log(`Seeded demo data (password for every demo user: ${DEMO_PASSWORD}).`);
  }

  if (search) {
    const { startSearchWorker } = await import("../search/worker.server");
    const worker = startSearchWorker({ log: lineLogger("search") });
    cleanups.push(() => worker.stop());
    // Saves wake the worker at once (NOTIFY event_deliveries at commit); it still polls without them.
    onDeliveriesWaiting((consumer) => consumer === "search" && worker.wake());
    onEventStreamResync(() => worker.wake());
    const listening = await events.ready;
    log(`Search worker started (index ${search.indexName})${listening ? ", woken by saves" : ", polling only for now"}.`);
  }

  const { startNotifications } = await import("./notifications");
  cleanups.push(await startNotifications());

  // Notification mail: immediate mails (consumer "mail") and the digest timer (docs/decisions/021).
  const { startMailWorker } = await import("../app/events/mail.server");
  const mailWorker = startMailWorker({ log: lineLogger("mail") });
  cleanups.push(() => mailWorker.stop());

  // `npm run dev` (server/dev.ts) has loaded a build it swaps after every rebuild.
  const { devBuild } = await import("./dev-build");
  const build = devBuild() ?? (await loadBuild());
  const server = createApp(build, { trustProxy: env.TRUST_PROXY, appUrl: env.APP_URL });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  // Live co-editing: Hocuspocus on the same server and port (path /collab). Its cleanup runs
  // before the HTTP server's: refuse new sockets, close the open ones, store every document.
  const { createCollab } = await import("./collab");
  const collab = createCollab({ appUrl: env.APP_URL, redisUrl: env.REDIS_URL, log: lineLogger("collab") });
  server.on("upgrade", collab.handleUpgrade);
  cleanups.push(() => collab.close());
  const { setLiveStats, startMetricsServer } = await import("./observability");
  setLiveStats(collab.stats);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") reject(new Error(`Port ${env.PORT} is already in use: set PORT to another value.`));
      else reject(error);
    });
    server.listen(env.PORT, env.HOST, () => resolve());
  }).catch(async (error) => {
    serverLog.fatal(error.message);
    await shutdown("Start-up failed", 1);
  });
  if (env.METRICS_PORT) {
    // Internal listener: /metrics without a token, /healthz, /readyz (docs/operations.md).
    try {
      const internal = await startMetricsServer(env.METRICS_PORT, env.METRICS_HOST);
      cleanups.push(
        () =>
          new Promise<void>((resolve) => {
            internal.close(() => resolve());
            internal.closeAllConnections();
          }),
      );
      log(`Metrics at http://${env.METRICS_HOST}:${env.METRICS_PORT}/metrics (no token).`);
    } catch (error) {
      serverLog.fatal(`Could not listen on METRICS_PORT ${env.METRICS_PORT}: ${(error as Error).message}`);
      await shutdown("Start-up failed", 1);
    }
  }

  log(`Løsningsbanken is running at ${env.APP_URL}`);
  if (demoLogins.length) {
    const { DEMO_PASSWORD } = await import("../prisma/seed");
    log(`Demo logins (password ${DEMO_PASSWORD}):`);
    const width = Math.max(...demoLogins.map((l) => l.email.length)) + 2;
    for (const l of demoLogins) log(`  ${l.email.padEnd(width)}${l.role}`);
  }
  log("Press Ctrl-C to stop.");
}

/**
 * Meilisearch: MEILI_URL, else the local one under DATA_DIR. Sets MEILI_URL/MEILI_MASTER_KEY
 * for the app code and applies the index settings. Returns null when search is unavailable:
 * the app still starts (search falls back to PostgreSQL; the outbox keeps every change).
 */
async function startSearch(env: Env): Promise<{ indexName: string } | null> {
  const { casesIndexName, getSearchClient } = await import("../search/client.server");
  const { applyCasesIndexSettings } = await import("../search/settings");
  process.env.SEARCH_INDEX_PREFIX = env.SEARCH_INDEX_PREFIX;
  if (env.MEILI_URL) {
    process.env.MEILI_URL = env.MEILI_URL;
    process.env.MEILI_MASTER_KEY = env.MEILI_MASTER_KEY;
    log(`Using Meilisearch at ${env.MEILI_URL}.`);
  } else {
    const { startLocalMeilisearch } = await import("../search/process.server");
    try {
      const meili = await startLocalMeilisearch({ dataDir: env.DATA_DIR, log });
      quiesce.push(() => meili.shuttingDown());
      cleanups.push(() => meili.stop());
      process.env.MEILI_URL = meili.url;
      process.env.MEILI_MASTER_KEY = meili.masterKey;
      log(`Meilisearch started at ${meili.url} (data in ${meili.dataDir}).`);
    } catch (error) {
      log(`WARNING: search runs in reduced mode (PostgreSQL full-text search): ${(error as Error).message}`);
      return null;
    }
  }
  const indexName = casesIndexName(env.SEARCH_INDEX_PREFIX);
  try {
    const changed = await applyCasesIndexSettings(getSearchClient(), indexName);
    log(changed.length ? `Search index ${indexName}: updated ${changed.join(", ")}.` : `Search index ${indexName}: settings up to date.`);
    // New filter/sort fields: documents written by the previous version lack them - rebuild in the background.
    const { reindexAfterSettingsChange } = await import("../search/maintenance.server");
    void reindexAfterSettingsChange({ client: getSearchClient(), indexName, changed, log });
  } catch (error) {
    // The worker applies them before its first write once Meilisearch answers.
    log(`WARNING: could not apply the search index settings now (${(error as Error).message}); the search worker retries.`);
  }
  return { indexName };
}

main().catch((error) => {
  // A start-up step failed: stop whatever already runs (children included), exit non-zero.
  serverLog.fatal(`Start-up failed: ${oneLine(error)}`, { err: error });
  void shutdown("Start-up failed", 1);
});
