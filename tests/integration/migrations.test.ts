/**
 * Migrations against the test run's real PostgreSQL (process.env.DATABASE_URL). Every test
 * works in its own throwaway databases on that server; the app's database is not touched.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, listMigrations, MIGRATIONS_DIR } from "../../server/migrate";
import {
  diffMigrationsToSchema,
  findDestructiveStatements,
  migrationDirectoryName,
  planMigration,
  SCHEMA_PATH,
  writeMigration,
} from "../../scripts/lib/schema-diff";
import { withThrowawayDatabase } from "../../scripts/lib/schema-engine";

const serverUrl = () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (tests/support/setup.ts provides it)");
  return url;
};
const schema = fs.readFileSync(SCHEMA_PATH, "utf8");
const tmpDirs: string[] = [];

afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** prisma/schema.prisma with `line` added as the first field of model `model`. */
function withField(model: string, line: string) {
  const header = `model ${model} {\n`;
  expect(schema).toContain(header);
  return schema.replace(header, `${header}  ${line}\n`);
}

describe("migrations", () => {
  it("produce exactly prisma/schema.prisma (no forgotten migration)", { timeout: 60_000 }, async () => {
    const diff = await diffMigrationsToSchema({ serverUrl: serverUrl() });
    // On failure this shows the SQL of the missing migration.
    expect(diff.sql).toBe("");
    expect(diff.hasChanges).toBe(false);
  });

  it("a schema with one added column yields an ALTER TABLE ... ADD COLUMN migration", { timeout: 90_000 }, async () => {
    const changed = withField("User", "testNickname String?");
    const plan = await planMigration({ serverUrl: serverUrl(), schema: changed });
    expect(plan.hasChanges).toBe(true);
    expect(plan.sql).toMatch(/ALTER TABLE "User" ADD COLUMN\s+"testNickname" TEXT;/);
    expect(plan.sql).not.toMatch(/DROP|CREATE TABLE/);
    expect(plan.summary).toContain("Added column `testNickname`");
    expect(plan.destructive).toEqual([]);
    expect(plan.dataLossError).toBeUndefined(); // Prisma's evaluateDataLoss ran (engine shadow database)
    expect(plan.dataLoss?.warnings).toEqual([]);
    expect(plan.applyError).toBeUndefined();
    expect(plan.verified).toBe(true);

    // Written in Prisma's folder format after the existing migrations, it brings a fresh
    // database to the changed schema.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-migrations-"));
    tmpDirs.push(dir);
    fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const existing = listMigrations(dir).map((m) => m.name);
    const folder = migrationDirectoryName("Add test nickname", new Date(), existing);
    expect(folder).toMatch(/^\d{14}_add_test_nickname$/);
    expect(folder > existing.at(-1)!).toBe(true);
    const file = writeMigration(dir, folder, plan.sql);
    expect(file).toBe(path.join(dir, folder, "migration.sql"));
    expect(listMigrations(dir).map((m) => m.name)).toEqual([...existing, folder]);

    const after = await diffMigrationsToSchema({ serverUrl: serverUrl(), schema: changed, migrationsDir: dir });
    expect(after.sql).toBe("");
    // ... while the unchanged schema now needs the column dropped again.
    const back = await diffMigrationsToSchema({ serverUrl: serverUrl(), migrationsDir: dir });
    expect(back.sql).toMatch(/ALTER TABLE "User" DROP COLUMN "testNickname";/);
    expect(findDestructiveStatements(back.sql).map((s) => s.reason)).toEqual(["drops a column and its values"]);
  });

  it("flags removing a column as destructive", { timeout: 60_000 }, async () => {
    const changed = schema.replace(/^\s+contactRole\s+String\?\n/m, "");
    expect(changed).not.toBe(schema);
    const plan = await planMigration({ serverUrl: serverUrl(), schema: changed });
    expect(plan.sql).toMatch(/ALTER TABLE "Case" DROP COLUMN "contactRole";/);
    expect(plan.destructive).toEqual([
      { statement: 'ALTER TABLE "Case" DROP COLUMN "contactRole"', reason: "drops a column and its values" },
    ]);
    expect(plan.verified).toBe(true);
  });

  it("applyMigrations is idempotent and records sha256 checksums in _prisma_migrations", { timeout: 60_000 }, async () => {
    const local = listMigrations();
    expect(local.length).toBeGreaterThan(0);
    await withThrowawayDatabase(serverUrl(), async (db) => {
      const first = await applyMigrations(db.url);
      expect(first).toEqual({ applied: local.map((m) => m.name), alreadyApplied: 0 });
      const second = await applyMigrations(db.url);
      expect(second).toEqual({ applied: [], alreadyApplied: local.length });

      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query(
          `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
             FROM "_prisma_migrations" ORDER BY migration_name`,
        );
        expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
        for (const [i, row] of rows.entries()) {
          const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
          expect(row.checksum).toBe(crypto.createHash("sha256").update(sql).digest("hex"));
          expect(row.checksum).toBe(local[i].checksum);
          expect(row.finished_at).toBeInstanceOf(Date);
          expect(row.rolled_back_at).toBeNull();
          expect(row.applied_steps_count).toBe(1);
        }
      } finally {
        await client.end();
      }
    });
  });
});

describe("migration helpers", () => {
  it("names folders like Prisma and always after the newest migration", () => {
    const now = new Date(Date.UTC(2026, 10, 24, 13, 5, 9));
    expect(migrationDirectoryName("Add case tags!", now)).toBe("20261124130509_add_case_tags");
    expect(migrationDirectoryName("x", now, ["20261124130509_a"])).toBe("20261124130510_x");
    expect(migrationDirectoryName("x", now, ["20301231235959_future"])).toBe("20310101000000_x");
    expect(() => migrationDirectoryName("!!!", now)).toThrow(/not a usable migration name/);
  });

  it("finds destructive statements but ignores quoted text and comments", () => {
    const sql = `-- DropTable\nDROP TABLE "Old";\nINSERT INTO "Log" VALUES ('DROP TABLE "x"; ok');\n-- DROP COLUMN in a comment\nALTER TABLE "A" ADD COLUMN "b" TEXT;`;
    expect(findDestructiveStatements(sql)).toEqual([{ statement: 'DROP TABLE "Old"', reason: "drops a table and all its rows" }]);
  });
});
