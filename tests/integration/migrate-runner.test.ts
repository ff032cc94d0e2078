import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, managesOwnTransaction } from "../../server/migrate";

const dbName = `lb_runner_${crypto.randomBytes(4).toString("hex")}`;
let url: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-migrations-"));

function write(name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

async function query<T extends pg.QueryResultRow>(sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${dbName}`;
  url = u.toString();
});

afterAll(async () => {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the offline migration runner", () => {
  it("recognises scripts that manage their own transaction", () => {
    expect(managesOwnTransaction("-- x\nBEGIN;\nALTER TYPE a RENAME TO b;\nCOMMIT;\n")).toBe(true);
    expect(managesOwnTransaction('CREATE TABLE "t" ("BEGIN" int);')).toBe(false);
  });

  it("applies plain and self-transacted migrations once, recorded like Prisma", async () => {
    write("20260101000000_a", 'CREATE TABLE "A" (id int);\n');
    write("20260101000001_b", 'BEGIN;\nCREATE TABLE "B" (id int);\nCOMMIT;\n');
    const first = await applyMigrations(url, { dir });
    expect(first.applied).toEqual(["20260101000000_a", "20260101000001_b"]);
    const again = await applyMigrations(url, { dir });
    expect(again.applied).toEqual([]);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(["20260101000000_a", "20260101000001_b"]);
    const expected = crypto.createHash("sha256").update('CREATE TABLE "A" (id int);\n').digest("hex");
    expect(rows[0].checksum).toBe(expected);
    expect(rows.every((r) => r.finished_at)).toBe(true);
  });

  it("rolls back a failing migration completely and applies nothing after it", async () => {
    write("20260101000002_bad", 'CREATE TABLE "C" (id int);\nSELECT * FROM "does_not_exist";\n');
    write("20260101000003_after", 'CREATE TABLE "D" (id int);\n');
    await expect(applyMigrations(url, { dir })).rejects.toThrow(/20260101000002_bad failed and was rolled back/);
    const tables = await query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    expect(tables.map((t) => t.tablename)).toEqual(["A", "B", "_prisma_migrations"]);
  });

  it("leaves a failed self-transacted migration recorded as failed and refuses to continue", async () => {
    fs.rmSync(path.join(dir, "20260101000002_bad"), { recursive: true });
    fs.rmSync(path.join(dir, "20260101000003_after"), { recursive: true });
    write("20260101000004_selftx_bad", 'BEGIN;\nCREATE TABLE "E" (id int);\nSELECT * FROM "nope";\nCOMMIT;\n');
    await expect(applyMigrations(url, { dir })).rejects.toThrow(/20260101000004_selftx_bad failed/);
    await expect(applyMigrations(url, { dir })).rejects.toThrow(/failed earlier and was never rolled back/);
  });
});
