/**
 * The core of `npm run db:migration:create` and `npm run db:status`, exported for tests.
 *
 * "What do the migrations produce?" is answered by PostgreSQL itself: a throwaway database
 * on the same server gets every migration applied by our own runner (server/migrate.ts,
 * the very code that migrates production), then the WebAssembly schema engine introspects
 * it and diffs it against prisma/schema.prisma. See docs/decisions/002-offline-migrations.md.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { EvaluateDataLossOutput, SchemaContainer } from "@prisma/schema-engine-wasm";
import { applyMigrations, listMigrations, MIGRATIONS_DIR } from "../../server/migrate";
import { loadMigrationsList, NO_FILTER, withSchemaEngine, withThrowawayDatabase, type EngineLog, type SchemaEngine } from "./schema-engine";

export { MIGRATIONS_DIR };
export const SCHEMA_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/schema.prisma");

export interface SchemaSource {
  /** Path of a .prisma file (default prisma/schema.prisma). */
  schemaPath?: string;
  /** Schema text; wins over schemaPath (schemaPath then only names it). */
  schema?: string;
}

function schemaFiles(source: SchemaSource): SchemaContainer[] {
  const file = path.resolve(source.schemaPath ?? SCHEMA_PATH);
  const content = source.schema ?? fs.readFileSync(file, "utf8");
  return [{ path: path.basename(file), content }];
}

export interface SchemaDiff {
  hasChanges: boolean;
  /** Executable SQL from the migrations' state to the schema (Prisma's migration format). */
  sql: string;
  /** Human-readable summary of the same changes ("[+] Added column ..."). */
  summary: string;
}

/** Diffs what the database behind `engine` (introspected) contains against the datamodel. */
async function diffDatabaseToSchema(engine: SchemaEngine, files: SchemaContainer[], withSummary: boolean): Promise<SchemaDiff> {
  const params = {
    from: { tag: "schemaDatasource" as const, files, configDir: path.dirname(SCHEMA_PATH) },
    to: { tag: "schemaDatamodel" as const, files },
    filters: NO_FILTER,
    exitCode: true,
  };
  const script = await engine.diff({ ...params, script: true });
  const hasChanges = script.exitCode === 2;
  const summary = hasChanges && withSummary ? ((await engine.diff({ ...params, script: false })).stdout ?? "") : "";
  return { hasChanges, sql: hasChanges ? (script.stdout ?? "") : "", summary: summary.trim() };
}

export interface DiffOptions extends SchemaSource {
  /** Any database on the PostgreSQL server to use; throwaway databases are created beside it. */
  serverUrl: string;
  migrationsDir?: string;
  log?: EngineLog;
}

/** SQL that takes a database migrated with every migration in `migrationsDir` to the schema. */
export async function diffMigrationsToSchema(options: DiffOptions): Promise<SchemaDiff> {
  const files = schemaFiles(options);
  return withThrowawayDatabase(options.serverUrl, async (shadow) => {
    await applyMigrations(shadow.url, { dir: options.migrationsDir ?? MIGRATIONS_DIR });
    return withSchemaEngine({ databaseUrl: shadow.url, schemaFiles: files, log: options.log }, (engine) =>
      diffDatabaseToSchema(engine, files, true),
    );
  });
}

// ---------------------------------------------------------------------------------------
// Destructive steps
// ---------------------------------------------------------------------------------------

/** Splits SQL into statements at top-level semicolons (quotes, comments and $$ bodies respected). */
function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = "";
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const rest = sql.slice(i);
    if (rest.startsWith("--")) {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end + 1;
      current += "\n";
      continue;
    }
    if (rest.startsWith("/*")) {
      const end = sql.indexOf("*/", i + 2);
      i = end === -1 ? sql.length : end + 2;
      continue;
    }
    const dollar = /^\$[A-Za-z0-9_]*\$/.exec(rest);
    if (ch === "'" || ch === '"' || dollar) {
      const quote = dollar ? dollar[0] : ch;
      const end = sql.indexOf(quote, i + quote.length);
      const stop = end === -1 ? sql.length : end + quote.length;
      current += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === ";") {
      if (current.trim()) out.push(current.trim());
      current = "";
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  if (current.trim()) out.push(current.trim());
  return out.map((s) => s.replace(/\s+/g, " "));
}

export interface DestructiveStep {
  statement: string;
  reason: string;
}

const DESTRUCTIVE: Array<[RegExp, string]> = [
  [/^DROP TABLE\b/i, "drops a table and all its rows"],
  [/\bDROP COLUMN\b/i, "drops a column and its values"],
  [/^DROP TYPE\b/i, "drops a type (for enums: removed values)"],
  [/^DROP (SCHEMA|VIEW|MATERIALIZED VIEW|SEQUENCE|FUNCTION)\b/i, "drops a database object"],
  [/^(TRUNCATE|DELETE FROM)\b/i, "deletes rows"],
  [/\bALTER COLUMN\s+"[^"]+"\s+(SET DATA\s+)?TYPE\b/i, "changes a column type (values are cast; may fail or lose precision)"],
  [/\bSET NOT NULL\b/i, "makes a column required (fails if it holds NULLs)"],
  [/^DROP INDEX\b/i, "drops an index (no data lost)"],
  [/\bDROP CONSTRAINT\b/i, "drops a constraint (no data lost)"],
];

/** Statements in a migration that drop things or can lose / reject existing data. */
export function findDestructiveStatements(sql: string): DestructiveStep[] {
  const steps: DestructiveStep[] = [];
  for (const statement of splitStatements(sql)) {
    const hit = DESTRUCTIVE.find(([re]) => re.test(statement));
    if (hit) steps.push({ statement, reason: hit[1] });
  }
  return steps;
}

// ---------------------------------------------------------------------------------------
// Planning and writing a migration
// ---------------------------------------------------------------------------------------

/** Is every migration in `dir` applied (and nothing else) in the database at `databaseUrl`? */
export async function isUpToDate(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<boolean> {
  const status = await migrationStatus(databaseUrl, dir);
  return status.hasTable && status.pending.length === 0 && status.failed.length === 0 && status.unknown.length === 0;
}

export interface DataLossReport {
  /** Where the engine looked (a database with real rows gives row-aware warnings). */
  databaseUrl: string;
  warnings: string[];
  unexecutable: string[];
}

/**
 * Prisma's own data-loss evaluation (`migrate dev`): the engine replays the migrations in a
 * throwaway shadow database, diffs to the schema and checks each step against the rows in
 * `databaseUrl`, which must be migrated up to date.
 */
async function evaluateDataLoss(
  options: SchemaSource & { databaseUrl: string; migrationsDir?: string; log?: EngineLog },
): Promise<DataLossReport> {
  const files = schemaFiles(options);
  const migrationsList = loadMigrationsList(options.migrationsDir ?? MIGRATIONS_DIR);
  const out: EvaluateDataLossOutput = await withSchemaEngine(
    { databaseUrl: options.databaseUrl, schemaFiles: files, log: options.log },
    async (engine) => {
      await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });
      return engine.evaluateDataLoss({ migrationsList, schema: { files }, filters: NO_FILTER });
    },
  );
  return {
    databaseUrl: options.databaseUrl,
    warnings: out.warnings.map((w) => w.message),
    unexecutable: out.unexecutableSteps.map((w) => w.message),
  };
}

export interface MigrationPlan extends SchemaDiff {
  destructive: DestructiveStep[];
  dataLoss?: DataLossReport;
  dataLossError?: string;
  /** The SQL, applied to the migrated throwaway database, leaves no difference to the schema. */
  verified: boolean;
  /** Applying the SQL to the migrated throwaway database failed (the migration would break start-up). */
  applyError?: string;
  /** SQL for what is still different after applying the SQL, when not verified. */
  residual?: string;
}

/**
 * Everything `db:migration:create` needs: the SQL, destructive steps and data-loss warnings,
 * and a check that applying the SQL really reaches the schema.
 * `dataLossDatabaseUrl`: a database migrated up to date whose rows the data-loss check looks
 * at (e.g. the developer's database); default is the empty throwaway database.
 */
export async function planMigration(options: DiffOptions & { dataLossDatabaseUrl?: string }): Promise<MigrationPlan> {
  const files = schemaFiles(options);
  const dir = options.migrationsDir ?? MIGRATIONS_DIR;
  return withThrowawayDatabase(options.serverUrl, async (shadow) => {
    await applyMigrations(shadow.url, { dir });
    const diff = await withSchemaEngine({ databaseUrl: shadow.url, schemaFiles: files, log: options.log }, (engine) =>
      diffDatabaseToSchema(engine, files, true),
    );
    if (!diff.hasChanges) return { ...diff, destructive: [], verified: true };

    const plan: MigrationPlan = { ...diff, destructive: findDestructiveStatements(diff.sql), verified: false };
    try {
      plan.dataLoss = await evaluateDataLoss({
        schema: files[0].content,
        schemaPath: options.schemaPath,
        databaseUrl: options.dataLossDatabaseUrl ?? shadow.url,
        migrationsDir: dir,
        log: options.log,
      });
    } catch (error) {
      plan.dataLossError = (error as Error).message;
    }

    // Apply the new SQL to the throwaway database the way a migration is applied, then diff again.
    const client = new pg.Client({ connectionString: shadow.url });
    await client.connect();
    try {
      await client.query(diff.sql);
    } catch (error) {
      plan.applyError = (error as Error).message;
      return plan;
    } finally {
      await client.end();
    }
    const after = await withSchemaEngine({ databaseUrl: shadow.url, schemaFiles: files, log: options.log }, (engine) =>
      diffDatabaseToSchema(engine, files, false),
    );
    plan.verified = !after.hasChanges;
    if (after.hasChanges) plan.residual = after.sql;
    return plan;
  });
}

/** Prisma's folder name: UTC `YYYYMMDDHHMMSS_<name>`, always sorting after existing migrations. */
export function migrationDirectoryName(name: string, now = new Date(), existing: string[] = []): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
  if (!slug) throw new Error(`"${name}" is not a usable migration name: use letters, digits and underscores.`);
  const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  let time = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const latest = existing
    .map((n) => /^(\d{14})_/.exec(n)?.[1])
    .filter((s): s is string => Boolean(s))
    .sort()
    .at(-1);
  if (latest && stamp(time) <= latest) {
    const t = latest;
    const latestDate = new Date(
      Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12), +t.slice(12, 14)),
    );
    time = new Date(latestDate.getTime() + 1000);
  }
  return `${stamp(time)}_${slug}`;
}

/** Writes `<dir>/<folder>/migration.sql` (and migration_lock.toml when missing). Returns the file path. */
export function writeMigration(dir: string, folder: string, sql: string): string {
  const target = path.join(dir, folder);
  if (fs.existsSync(target)) throw new Error(`${target} already exists.`);
  fs.mkdirSync(target, { recursive: true });
  const lock = path.join(dir, "migration_lock.toml");
  if (!fs.existsSync(lock)) {
    fs.writeFileSync(
      lock,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  const file = path.join(target, "migration.sql");
  fs.writeFileSync(file, sql.endsWith("\n") ? sql : `${sql}\n`);
  return file;
}

// ---------------------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------------------

export interface MigrationStatus {
  hasTable: boolean;
  applied: Array<{ name: string; finishedAt: Date }>;
  pending: string[];
  failed: string[];
  /** Applied, but the file changed since (checksum differs). */
  edited: string[];
  /** Applied in the database, but not in the migrations directory (another branch?). */
  unknown: string[];
}

export async function migrationStatus(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const local = listMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS ok`);
    if (!exists.rows[0].ok) {
      return { hasTable: false, applied: [], pending: local.map((m) => m.name), failed: [], edited: [], unknown: [] };
    }
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`);
    const done = new Map(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r]));
    const localNames = new Set(local.map((m) => m.name));
    return {
      hasTable: true,
      applied: local.filter((m) => done.has(m.name)).map((m) => ({ name: m.name, finishedAt: done.get(m.name)!.finished_at! })),
      pending: local.filter((m) => !done.has(m.name)).map((m) => m.name),
      failed: rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name),
      edited: local.filter((m) => done.has(m.name) && done.get(m.name)!.checksum !== m.checksum).map((m) => m.name),
      unknown: [...done.keys()].filter((n) => !localNames.has(n)),
    };
  } finally {
    await client.end();
  }
}

/**
 * Drift: differences between the real database and what its migrations produce (changes
 * made by hand). Only meaningful when the database is migrated up to date.
 */
export async function detectDrift(
  options: { databaseUrl: string; migrationsDir?: string; log?: EngineLog } & SchemaSource,
): Promise<SchemaDiff> {
  const files = schemaFiles(options);
  const migrationsList = loadMigrationsList(options.migrationsDir ?? MIGRATIONS_DIR);
  return withSchemaEngine({ databaseUrl: options.databaseUrl, schemaFiles: files, log: options.log }, async (engine) => {
    const params = {
      from: { tag: "migrations" as const, ...migrationsList },
      to: { tag: "schemaDatasource" as const, files, configDir: path.dirname(SCHEMA_PATH) },
      filters: NO_FILTER,
      exitCode: true,
    };
    const script = await engine.diff({ ...params, script: true });
    const hasChanges = script.exitCode === 2;
    const summary = hasChanges ? ((await engine.diff({ ...params, script: false })).stdout ?? "") : "";
    return { hasChanges, sql: hasChanges ? (script.stdout ?? "") : "", summary: summary.trim() };
  });
}
