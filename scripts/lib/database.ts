/**
 * Database access for command-line scripts (db:seed, import:cases), found the way `npm start`
 * finds it (see openCommandDatabase): DATABASE_URL if set (also from .env), an embedded
 * PostgreSQL the running app already started on DATA_DIR, or else the embedded one started
 * for the script. Migrations are applied first (idempotent), then `fn` runs with
 * process.env.DATABASE_URL pointing at the database, so app/utils/db.server.ts connects there.
 */
import { EnvError, parseEnv } from "../../app/utils/env.server";
import { applyMigrations } from "../../server/migrate";
import { loadDotEnv, openCommandDatabase } from "./cli";

export class ScriptError extends Error {}

export async function withDatabase<T>(fn: () => Promise<T>, options: { log: (line: string) => void }): Promise<T> {
  loadDotEnv();
  try {
    parseEnv();
  } catch (error) {
    if (error instanceof EnvError) throw new ScriptError(error.message);
    throw error;
  }
  let database;
  try {
    database = await openCommandDatabase(options.log);
  } catch (error) {
    throw new ScriptError((error as Error).message);
  }
  process.env.DATABASE_URL = database.url;
  try {
    await applyMigrations(database.url, { log: options.log });
    return await fn();
  } finally {
    const { disconnectDb } = await import("../../app/utils/db.server");
    await disconnectDb();
    await database.close();
  }
}
