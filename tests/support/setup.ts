import { afterAll, inject } from "vitest";

// Integration tests only (tests/vitest.config.ts, project "integration"); console.error is
// checked by console-guard.ts for every project.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.APP_URL = inject("baseUrl");
process.env.MAIL_LOG = inject("mailLog");
process.env.DATA_DIR = inject("dataDir");
process.env.MEILI_URL = inject("meiliUrl");
process.env.MEILI_MASTER_KEY = inject("meiliKey");
process.env.SEARCH_INDEX_PREFIX = "lb_";

afterAll(async () => {
  const { disconnectDb } = await import("~/utils/db.server");
  await disconnectDb();
});
