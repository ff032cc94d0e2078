/**
 * Applies prisma/migrations/<name>/migration.sql in order, one transaction each,
 * recorded in _prisma_migrations exactly as `prisma migrate deploy` does
 * (checksum = sha256 of the file), so the stock CLI stays compatible on machines
 * that have Prisma's native engine. See docs/decisions/002-offline-migrations.md.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../prisma/migrations");
// Same advisory lock id that Prisma's schema engine takes.
export const LOCK_ID = 72707369;

/** Prisma's bookkeeping table (also created by `npm run restore` before it loads a backup). */
export const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export function listMigrations(dir = MIGRATIONS_DIR) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** True when the script has its own top-level BEGIN ... COMMIT. */
export function managesOwnTransaction(sql: string) {
  const withoutComments = sql.replace(/--.*$/gm, "");
  return /^\s*BEGIN\s*;/im.test(withoutComments) && /^\s*COMMIT\s*;/im.test(withoutComments);
}

export async function applyMigrations(
  databaseUrl: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrationResult> {
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    await client.query(MIGRATIONS_TABLE_DDL);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`);
    const done = new Map(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r]));
    const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
    if (failed) {
      throw new Error(
        `Migration ${failed.migration_name} failed earlier and was never rolled back. Fix the database by hand, then mark it rolled back.`,
      );
    }
    const applied: string[] = [];
    for (const m of listMigrations(options.dir)) {
      const previous = done.get(m.name);
      if (previous) {
        if (previous.checksum !== m.checksum) {
          log(`Warning: migration ${m.name} was changed after it was applied (checksum differs).`);
        }
        continue;
      }
      log(`Applying migration ${m.name}`);
      const id = crypto.randomUUID();
      if (managesOwnTransaction(m.sql)) {
        // Prisma writes BEGIN/COMMIT itself into some migrations (e.g. removing enum values);
        // an outer transaction would end at their COMMIT. Run it as Prisma does: record the
        // start, run the script, record the finish; a failure stays recorded as failed.
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
          [id, m.checksum, m.name],
        );
        try {
          await client.query(m.sql);
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, (error as Error).message]);
          throw new Error(
            `Migration ${m.name} failed: ${(error as Error).message}. Fix the database, then mark the migration rolled back.`,
            {
              cause: error,
            },
          );
        }
        await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
      } else {
        await client.query("BEGIN");
        try {
          await client.query(m.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), now(), 1)`,
            [id, m.checksum, m.name],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`Migration ${m.name} failed and was rolled back: ${(error as Error).message}`, { cause: error });
        }
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => {});
    await client.end();
  }
}
