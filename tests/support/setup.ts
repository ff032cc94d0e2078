import { afterAll, inject, vi } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.APP_URL = inject("baseUrl");
process.env.MAIL_LOG = inject("mailLog");
process.env.DATA_DIR = inject("dataDir");
process.env.MEILI_URL = inject("meiliUrl");
process.env.MEILI_MASTER_KEY = inject("meiliKey");
process.env.SEARCH_INDEX_PREFIX = "lb_";

// console.error during a test is a failure (house style).
const originalError = console.error;
const errors: unknown[][] = [];
vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  errors.push(args);
  originalError(...args);
});

afterAll(async () => {
  const { disconnectDb } = await import("~/utils/db.server");
  await disconnectDb();
  if (errors.length) throw new Error(`console.error was called ${errors.length} time(s): ${String(errors[0][0])}`);
});
