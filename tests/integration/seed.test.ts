/**
 * The demo seed in a fresh, throwaway database on the test server (run as a child process,
 * `npm run db:seed`, because the app's Prisma client is bound to DATABASE_URL at first use):
 * enough cases, every challenge area, status and visibility used, nynorsk text present,
 * every printed login works with DEMO_PASSWORD, and a second run changes nothing.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { verifyPassword } from "~/utils/password.server";
import { DEMO_PASSWORD } from "../../prisma/seed";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DB_NAME = `lb_seed_${Date.now()}_${process.pid}`;

function seedUrl() {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function runSeed() {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/db-seed.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: seedUrl() },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let prisma: PrismaClient;
let firstRun: Awaited<ReturnType<typeof runSeed>>;

beforeAll(async () => {
  await admin((c) => c.query(`CREATE DATABASE "${DB_NAME}"`));
  firstRun = await runSeed();
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: seedUrl() }) });
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`));
});

describe("demo seed", () => {
  it("seeds an empty database and prints the demo logins", () => {
    expect(firstRun.stderr).toBe("");
    expect(firstRun.code).toBe(0);
    expect(firstRun.stdout).toMatch(/Seeded \d+ organisations, \d+ users, \d+ challenge areas and \d+ cases\./);
    expect(firstRun.stdout).toContain(`Demo logins (password ${DEMO_PASSWORD}):`);
    expect(firstRun.stdout).toContain("admin@losningsbanken.no");
  });

  it("writes at least 12 cases through the case model: one revision and one outbox row each", async () => {
    const cases = await prisma.case.findMany({ include: { revisions: true } });
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(cases.every((c) => c.revisions.length === 1 && c.revisions[0].version === 1)).toBe(true);
    const outbox = await prisma.eventDelivery.findMany({ where: { consumer: "search", entity: "case" } });
    expect(new Set(outbox.map((o) => o.entityId))).toEqual(new Set(cases.map((c) => c.id)));
  });

  it("uses every challenge area, status and visibility; drafts come from at least two organisations", async () => {
    const areas = await prisma.challengeArea.findMany({ include: { _count: { select: { cases: true } } } });
    expect(areas.length).toBeGreaterThanOrEqual(9);
    expect(areas.filter((a) => a._count.cases === 0).map((a) => a.slug)).toEqual([]);
    expect(areas.every((a) => a.nameNb && a.nameEn && a.descriptionNb && a.descriptionEn)).toBe(true);

    const cases = await prisma.case.findMany({ select: { status: true, visibility: true, ownerOrganisationId: true } });
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(["IDEA", "PILOTING", "IMPLEMENTED", "SCALED", "DISCONTINUED"]));
    expect(new Set(cases.map((c) => c.visibility))).toEqual(new Set(["DRAFT", "MEMBERS", "PUBLIC"]));
    expect(cases.filter((c) => c.visibility === "PUBLIC").length).toBeGreaterThan(cases.length / 2);
    expect(new Set(cases.filter((c) => c.visibility === "DRAFT").map((c) => c.ownerOrganisationId)).size).toBeGreaterThanOrEqual(2);
  });

  it("has nynorsk cases and the compound words search will need", async () => {
    const texts = (await prisma.case.findMany({ select: { plainText: true } })).map((c) => c.plainText);
    expect(texts.filter((t) => /\bikkje\b/.test(t) && /\bkommunar|\btilsette\b/.test(t)).length).toBeGreaterThanOrEqual(2);
    for (const word of ["sykefraværsoppfølging", "heltidskultur", "klimatiltak", "rekrutteringsstrategi"]) {
      expect(
        texts.some((t) => t.toLowerCase().includes(word)),
        word,
      ).toBe(true);
    }
  });

  it("has organisations of every kind with kommunenummer for the municipalities", async () => {
    const orgs = await prisma.organisation.findMany();
    expect(new Set(orgs.map((o) => o.kind))).toEqual(new Set(["KOMMUNE", "BYDEL", "FYLKESKOMMUNE", "PUBLIC_BODY", "PARTNER"]));
    expect(orgs.filter((o) => o.kind === "KOMMUNE").every((o) => /^\d{4}$/.test(o.kommunenummer ?? ""))).toBe(true);
    expect(orgs.find((o) => o.slug === "hamar")).toMatchObject({ kommunenummer: "3403", fylke: "Innlandet" });
  });

  it("covers every role, and every printed login works with DEMO_PASSWORD", async () => {
    const printed = [...firstRun.stdout.matchAll(/^\s+(\S+@\S+)\s+\S/gm)].map((m) => m[1]);
    const users = await prisma.user.findMany({ include: { memberships: true } });
    expect(printed.sort()).toEqual(users.map((u) => u.email).sort());
    for (const u of users) expect(await verifyPassword(u.passwordHash, DEMO_PASSWORD), u.email).toBe(true);

    expect(users.find((u) => u.email === "admin@losningsbanken.no")?.platformRole).toBe("ADMIN");
    expect(users.find((u) => u.email === "fasilitator@losningsbanken.no")?.platformRole).toBe("FACILITATOR");
    expect(users.some((u) => u.platformRole === "USER" && u.memberships.length === 0)).toBe(true);
    for (const role of ["ADMIN", "EDITOR", "MEMBER"] as const) {
      const orgs = new Set(users.flatMap((u) => u.memberships.filter((m) => m.role === role).map((m) => m.organisationId)));
      expect(orgs.size, role).toBeGreaterThanOrEqual(2);
    }
  });

  it("leaves a database that already has organisations alone", async () => {
    const before = await prisma.case.count();
    const again = await runSeed();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("nothing was seeded");
    expect(await prisma.case.count()).toBe(before);
  }, 60_000);
});
