/**
 * Tests with a throwaway stack of their own point this process's models (Prisma) at that
 * stack's database, and back at the test run's database afterwards. The pool is closed first,
 * so no query of one database runs on the other's connections.
 */
import { disconnectDb } from "~/utils/db.server";

const runDatabaseUrl = process.env.DATABASE_URL;

export async function useModelDatabase(databaseUrl: string | undefined) {
  await disconnectDb();
  process.env.DATABASE_URL = databaseUrl;
}

/** Back to the test run's database (the global setup's). */
export async function restoreModelDatabase() {
  await useModelDatabase(runDatabaseUrl);
}
