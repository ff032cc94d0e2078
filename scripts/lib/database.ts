/**
 * Database access for command-line scripts, the same way `npm start` does it: DATABASE_URL
 * if set (also from .env), otherwise the embedded PostgreSQL under DATA_DIR. Migrations are
 * applied first (idempotent), then `fn` runs with process.env.DATABASE_URL pointing at the
 * database, so app/utils/db.server.ts connects to the right place.
 */
import fs from "node:fs";
import path from "node:path";
import { EnvError, parseEnv } from "../../app/utils/env.server";
import { applyMigrations } from "../../server/migrate";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../server/postgres";

export class ScriptError extends Error {}

export async function withDatabase<T>(fn: () => Promise<T>, options: { log: (line: string) => void }): Promise<T> {
  const file = path.resolve(".env");
  if (fs.existsSync(file)) process.loadEnvFile(file);
  let env;
  try {
    env = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) throw new ScriptError(error.message);
    throw error;
  }

  let embedded: EmbeddedDatabase | undefined;
  let url = env.DATABASE_URL;
  if (!url) {
    try {
      embedded = await startEmbeddedPostgres({ dataDir: env.DATA_DIR, port: 54329, log: options.log });
    } catch (error) {
      throw new ScriptError(
        `${(error as Error).message}\nWhile the app runs with its embedded database, stop it first or set DATABASE_URL to a running PostgreSQL.`,
      );
    }
    url = embedded.url;
  }
  process.env.DATABASE_URL = url;
  try {
    await applyMigrations(url, { log: options.log });
    return await fn();
  } finally {
    const { disconnectDb } = await import("../../app/utils/db.server");
    await disconnectDb();
    await embedded?.stop();
  }
}
