/**
 * `npm run db:seed`: puts the demo data into an EMPTY database (DATABASE_URL, or the
 * embedded one in DATA_DIR). A database that already has organisations is left alone.
 */
import { ScriptError, withDatabase } from "./lib/database";

const log = (line: string) => process.stdout.write(`${line}\n`);

try {
  await withDatabase(
    async () => {
      const { seedIfEmpty, DEMO_PASSWORD } = await import("../prisma/seed");
      const result = await seedIfEmpty({ log });
      if (!result.seeded) {
        log("The database already has organisations: nothing was seeded (demo data only goes into an empty database).");
        return;
      }
      log(`Demo logins (password ${DEMO_PASSWORD}):`);
      for (const l of result.logins) log(`  ${l.email.padEnd(44)} ${l.role}`);
    },
    { log },
  );
} catch (error) {
  if (error instanceof ScriptError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
