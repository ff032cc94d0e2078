/**
 * npm run db:migrate [-- --migrations <dir>]
 *
 * Applies pending migrations to DATABASE_URL (environment or .env) or the embedded
 * PostgreSQL in DATA_DIR, with the same runner the app uses at start-up (server/migrate.ts,
 * compatible with `prisma migrate deploy`).
 */
import path from "node:path";
import { applyMigrations, MIGRATIONS_DIR } from "../server/migrate";
import { parseArgsOrExit, runCommand } from "./lib/cli";

const USAGE = "Usage: npm run db:migrate [-- --migrations <dir>]";
const { values } = parseArgsOrExit({ options: { migrations: { type: "string" } } }, USAGE);
const dir = path.resolve(values.migrations ?? MIGRATIONS_DIR);

await runCommand(async (db) => {
  console.log(`Database:   ${db.description}`);
  console.log(`Migrations: ${path.relative(process.cwd(), dir) || "."}`);
  const { applied, alreadyApplied } = await applyMigrations(db.url, { dir, log: (line) => console.log(`  ${line}`) });
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s); ${alreadyApplied} were applied before.`
      : `Nothing to apply: all ${alreadyApplied} migration(s) are applied.`,
  );
  return 0;
});
