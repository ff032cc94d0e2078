/**
 * npm run db:migration:create -- <name> [--dry-run] [--schema <path>] [--migrations <dir>]
 *
 * Writes prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql with the SQL that takes a
 * database migrated with all existing migrations to prisma/schema.prisma (what
 * `prisma migrate dev --create-only` would write), without Prisma's native engine.
 * See docs/decisions/002-offline-migrations.md.
 */
import path from "node:path";
import { listMigrations } from "../server/migrate";
import { parseArgsOrExit, runCommand } from "./lib/cli";
import { redactUrl } from "./lib/schema-engine";
import { isUpToDate, MIGRATIONS_DIR, migrationDirectoryName, planMigration, SCHEMA_PATH, writeMigration } from "./lib/schema-diff";

const USAGE = `Usage: npm run db:migration:create -- <name> [--dry-run] [--schema <path>] [--migrations <dir>]

  <name>             what the migration does, e.g. add_case_tags (becomes <timestamp>_add_case_tags)
  --dry-run          print the SQL and warnings, write nothing
  --schema <path>    Prisma schema to migrate to (default prisma/schema.prisma)
  --migrations <dir> migrations directory (default prisma/migrations)

Uses DATABASE_URL (environment or .env) or the embedded PostgreSQL in DATA_DIR (default ./data)
for throwaway databases; your data is only read (for the data-loss check).`;

const { values, positionals } = parseArgsOrExit(
  {
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      schema: { type: "string" },
      migrations: { type: "string" },
      name: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  },
  USAGE,
);

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const dryRun = values["dry-run"];
const name = values.name ?? positionals.join("_");
if (!name && !dryRun) {
  console.error(`A migration name is required.\n\n${USAGE}`);
  process.exit(2);
}
const schemaPath = path.resolve(values.schema ?? SCHEMA_PATH);
const migrationsDir = path.resolve(values.migrations ?? MIGRATIONS_DIR);
const rel = (p: string) => path.relative(process.cwd(), p) || ".";
// Fail on a bad name before doing any work.
if (name) migrationDirectoryName(name);

const rule = "=".repeat(78);

await runCommand(async (db) => {
  console.log(`Schema:     ${rel(schemaPath)}`);
  console.log(`Migrations: ${rel(migrationsDir)} (${listMigrations(migrationsDir).length})`);
  console.log(`Database:   ${db.description}`);

  // The data-loss check counts rows in the real database when it is migrated up to date.
  const realIsCurrent = await isUpToDate(db.url, migrationsDir).catch(() => false);
  const plan = await planMigration({
    serverUrl: db.url,
    schemaPath,
    migrationsDir,
    dataLossDatabaseUrl: realIsCurrent ? db.url : undefined,
  });

  if (!plan.hasChanges) {
    console.log(`\nNo changes: ${rel(schemaPath)} matches the migrations in ${rel(migrationsDir)}. Nothing written.`);
    return 0;
  }

  console.log(`\nChanges:\n${plan.summary}\n`);
  console.log(`${rule}\n${plan.sql.trimEnd()}\n${rule}`);

  let loud = false;
  if (plan.destructive.length) {
    loud = true;
    console.log(`\n!!! WARNING: ${plan.destructive.length} destructive step(s) in this migration !!!`);
    for (const step of plan.destructive) console.log(`  !! ${step.reason}:\n       ${step.statement}`);
  }
  if (plan.dataLoss) {
    const where = realIsCurrent
      ? `the rows in ${redactUrl(plan.dataLoss.databaseUrl)}`
      : "an empty throwaway database; your database is not exactly at the latest migration, so rows were not counted";
    if (plan.dataLoss.warnings.length || plan.dataLoss.unexecutable.length) {
      loud = true;
      console.log(`\n!!! Prisma's data-loss check (against ${where}):`);
      for (const w of plan.dataLoss.warnings) console.log(`  !! ${w}`);
      for (const w of plan.dataLoss.unexecutable) console.log(`  !! CANNOT RUN: ${w}`);
    } else {
      console.log(`\nPrisma's data-loss check (against ${where}): no warnings.`);
    }
  } else if (plan.dataLossError) {
    console.log(`\nPrisma's data-loss check could not run: ${plan.dataLossError}`);
  }
  if (loud) console.log("Review the SQL above; edit migration.sql (e.g. to copy data first) before it is applied.");

  if (plan.applyError) {
    console.log(`\nERROR: the generated SQL fails on a freshly migrated database: ${plan.applyError}`);
    console.log("Nothing written.");
    return 1;
  }
  console.log(
    plan.verified
      ? "\nVerified: after this SQL, the migrated database matches the schema."
      : `\nWARNING: after this SQL the database still differs from the schema:\n${plan.residual}`,
  );

  if (dryRun) {
    console.log("\nDry run: nothing written.");
    return 0;
  }
  const folder = migrationDirectoryName(
    name,
    new Date(),
    listMigrations(migrationsDir).map((m) => m.name),
  );
  const file = writeMigration(migrationsDir, folder, plan.sql);
  console.log(`\nCreated ${rel(file)}`);
  console.log("Next: `npm run db:generate` (Prisma client), then restart the app or `npm run db:migrate` to apply it.");
  return 0;
});
