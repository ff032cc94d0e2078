/**
 * `npm start`: one process that runs everything a single machine needs.
 * - validates configuration (stops with one sentence naming a bad variable)
 * - starts an embedded PostgreSQL under DATA_DIR when DATABASE_URL is not set
 * - starts a local Meilisearch under DATA_DIR when MEILI_URL is not set (search degrades to
 *   PostgreSQL when it cannot; saving never depends on it)
 * - applies migrations, seeds demo data into an empty database, applies the search index
 *   settings and starts the search-outbox worker
 * - serves the app; Ctrl-C / SIGTERM stops every child cleanly
 */
import fs from "node:fs";
import path from "node:path";
import { EnvError, parseEnv, type Env } from "../app/utils/env.server";
import { createApp, loadBuild } from "./app";
import { applyMigrations } from "./migrate";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./postgres";

function log(line: string) {
  process.stdout.write(`[løsningsbanken] ${line}\n`);
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
  fs.mkdirSync(env.DATA_DIR, { recursive: true });

  const cleanups: Array<() => Promise<void>> = [];
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log(`${signal} received, shutting down …`);
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error("Error during shutdown:", error);
      }
    }
    log("Stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    log("No DATABASE_URL set: starting the embedded PostgreSQL …");
    let pg: EmbeddedDatabase;
    try {
      pg = await startEmbeddedPostgres({ dataDir: env.DATA_DIR, port: 54329, log });
    } catch (error) {
      console.error((error as Error).message);
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
    console.error(`Could not migrate the database: ${(error as Error).message}`);
    await shutdown("error");
    return;
  }

  const { disconnectDb } = await import("../app/utils/db.server");
  // Cleanups run in reverse: live co-editing (stores open documents), HTTP server, search
  // worker, Meilisearch, Prisma, PostgreSQL.
  cleanups.push(() => disconnectDb());
  const search = await startSearch(env, cleanups);
  let demoLogins: Array<{ email: string; role: string }> = [];
  if (env.SEED_DEMO_DATA) {
    const { seedIfEmpty, DEMO_PASSWORD } = await import("../prisma/seed");
    const result = await seedIfEmpty({ log });
    demoLogins = result.logins;
    if (result.seeded) log(`Seeded demo data (password for every demo user: ${DEMO_PASSWORD}).`);
  }

  if (search) {
    const { startSearchWorker } = await import("../search/worker.server");
    const worker = startSearchWorker({ log });
    cleanups.push(() => worker.stop());
    // Saves wake the worker at once (PostgreSQL NOTIFY at commit); it still polls without them.
    const { listenForOutboxRows } = await import("../search/outbox-listener.server");
    const listener = listenForOutboxRows({ databaseUrl, onRows: () => worker.wake(), log });
    cleanups.push(() => listener.stop());
    const listening = await listener.ready;
    log(`Search worker started (index ${search.indexName})${listening ? ", woken by saves" : ", polling only for now"}.`);
  }

  const build = await loadBuild();
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
  const collab = createCollab({ appUrl: env.APP_URL, log });
  server.on("upgrade", collab.handleUpgrade);
  cleanups.push(() => collab.close());
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") reject(new Error(`Port ${env.PORT} is already in use: set PORT to another value.`));
      else reject(error);
    });
    server.listen(env.PORT, env.HOST, () => resolve());
  }).catch(async (error) => {
    console.error(error.message);
    await shutdown("error");
  });

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
async function startSearch(env: Env, cleanups: Array<() => Promise<void>>): Promise<{ indexName: string } | null> {
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
  } catch (error) {
    // The worker applies them before its first write once Meilisearch answers.
    log(`WARNING: could not apply the search index settings now (${(error as Error).message}); the search worker retries.`);
  }
  return { indexName };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
