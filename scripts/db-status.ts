/**
 * npm run db:status [-- --schema <path>] [--migrations <dir>]
 *
 * Lists applied and pending migrations of DATABASE_URL (environment or .env) or the embedded
 * PostgreSQL in DATA_DIR, and checks that prisma/schema.prisma equals what the migrations
 * produce (otherwise a migration is missing) and that the database has not drifted from
 * its migrations. Exit code 1 when something needs doing.
 */
import path from "node:path";
import { parseArgsOrExit, runCommand } from "./lib/cli";
import { detectDrift, diffMigrationsToSchema, MIGRATIONS_DIR, migrationStatus, SCHEMA_PATH } from "./lib/schema-diff";

const USAGE = "Usage: npm run db:status [-- --schema <path>] [--migrations <dir>]";
const { values } = parseArgsOrExit({ options: { schema: { type: "string" }, migrations: { type: "string" } } }, USAGE);
const schemaPath = path.resolve(values.schema ?? SCHEMA_PATH);
const dir = path.resolve(values.migrations ?? MIGRATIONS_DIR);
const rel = (p: string) => path.relative(process.cwd(), p) || ".";
const indent = (text: string) =>
  text
    .split("\n")
    .map((l) => (l.trim() ? `    ${l}` : ""))
    .join("\n");

await runCommand(async (db) => {
  let problems = 0;
  console.log(`Database: ${db.description}`);

  const status = await migrationStatus(db.url, dir);
  console.log(`\nMigrations in ${rel(dir)}:`);
  if (!status.hasTable) console.log("  (the database has no _prisma_migrations table yet: nothing applied)");
  for (const m of status.applied) {
    const edited = status.edited.includes(m.name) ? "  ! file changed after it was applied (checksum differs)" : "";
    console.log(`  applied  ${m.finishedAt.toISOString().slice(0, 19).replace("T", " ")}  ${m.name}${edited}`);
  }
  for (const name of status.pending) console.log(`  PENDING                       ${name}`);
  for (const name of status.failed) console.log(`  FAILED                        ${name}  (fix the database, then mark it rolled back)`);
  for (const name of status.unknown) console.log(`  UNKNOWN                       ${name}  (applied here, but not in ${rel(dir)})`);
  if (status.pending.length) console.log(`  -> ${status.pending.length} pending: \`npm run db:migrate\` or restart the app.`);
  problems += status.pending.length + status.failed.length + status.unknown.length + status.edited.length;

  const diff = await diffMigrationsToSchema({ serverUrl: db.url, schemaPath, migrationsDir: dir });
  if (diff.hasChanges) {
    problems++;
    console.log(`\nSchema: ${rel(schemaPath)} has changes that no migration contains (a migration is missing):`);
    console.log(indent(diff.summary));
    console.log("  -> `npm run db:migration:create -- <name>`");
  } else {
    console.log(`\nSchema: ${rel(schemaPath)} matches the migrations.`);
  }

  if (status.hasTable && !status.pending.length && !status.failed.length && !status.unknown.length) {
    const drift = await detectDrift({ databaseUrl: db.url, migrationsDir: dir, schemaPath });
    if (drift.hasChanges) {
      problems++;
      console.log("\nDrift: the database differs from what its migrations produce (changed by hand?):");
      console.log(indent(drift.summary));
    } else {
      console.log("Drift:  none (the database is exactly what its migrations produce).");
    }
  }
  console.log(problems ? `\n${problems} thing(s) need attention.` : "\nEverything is up to date.");
  return problems ? 1 : 0;
});
