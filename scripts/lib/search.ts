/**
 * Meilisearch for the search:* commands, found the way `npm start` finds it: MEILI_URL +
 * MEILI_MASTER_KEY (environment or .env), else the local Meilisearch the running app started
 * on DATA_DIR (DATA_DIR/meilisearch.json says where), else a local one started for the
 * command and stopped again afterwards.
 */
import { EnvError, parseEnv } from "../../app/utils/env.server";
import { findRunningLocalMeilisearch, startLocalMeilisearch } from "../../search/process.server";
import { ScriptError } from "./database";

export interface CommandSearch {
  url: string;
  description: string;
  close(): Promise<void>;
}

/** Sets MEILI_URL / MEILI_MASTER_KEY for search/client.server.ts. */
async function openCommandSearch(log: (line: string) => void): Promise<CommandSearch> {
  let config;
  try {
    config = parseEnv();
  } catch (error) {
    // e.g. "Configuration error: MEILI_MASTER_KEY is required when MEILI_URL is set (...)"
    if (error instanceof EnvError) throw new ScriptError(error.message);
    throw error;
  }
  const url = config.MEILI_URL;
  if (url) {
    return { url, description: `MEILI_URL ${url}`, close: async () => {} };
  }
  const dataDir = config.DATA_DIR;
  const running = await findRunningLocalMeilisearch(dataDir);
  if (running) {
    log(`Local Meilisearch in ${dataDir} is already running (the app?): using it at ${running.url}.`);
    process.env.MEILI_URL = running.url;
    process.env.MEILI_MASTER_KEY = running.masterKey;
    return { url: running.url, description: `local Meilisearch (${dataDir}, already running)`, close: async () => {} };
  }
  log("No MEILI_URL set: starting the local Meilisearch …");
  try {
    const meili = await startLocalMeilisearch({ dataDir, log });
    process.env.MEILI_URL = meili.url;
    process.env.MEILI_MASTER_KEY = meili.masterKey;
    return { url: meili.url, description: `local Meilisearch (${dataDir})`, close: () => meili.stop() };
  } catch (error) {
    throw new ScriptError((error as Error).message);
  }
}

/** Runs `fn` with Meilisearch opened (and closed again afterwards). */
export async function withSearch<T>(fn: () => Promise<T>, options: { log: (line: string) => void }): Promise<T> {
  const search = await openCommandSearch(options.log);
  try {
    return await fn();
  } finally {
    await search.close();
  }
}
