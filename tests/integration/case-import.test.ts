/**
 * The import CLI and model against the real test database: a good directory becomes cases
 * with revisions and search-outbox rows; one bad file means nothing is imported and the
 * error names file:line; --dry-run writes nothing; duplicates need --allow-duplicates.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCases } from "~/models/case-import.server";
import { formatIssue } from "~/schemas/case-import";
import { db } from "~/utils/db.server";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function runCli(args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/import-cases.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-import-"));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

let owner: { id: string; name: string; slug: string };
let partner: { id: string; name: string };
let area: { id: string; slug: string; nameNb: string };
let area2: { id: string; nameEn: string };
let author: { id: string; email: string };

beforeAll(async () => {
  const s = uniqueSuffix();
  owner = await createOrganisation({ slug: `import-eier-${s}`, name: `Importkommune ${s}` });
  partner = await createOrganisation({ slug: `import-partner-${s}`, name: `Importpartner ${s}`, kind: "PARTNER" });
  area = await db().challengeArea.create({
    data: { slug: `import-omrade-${s}`, nameNb: `Importområde ${s}`, nameEn: `Import area ${s}`, sortOrder: 990 },
  });
  area2 = await db().challengeArea.create({
    data: { slug: `import-omrade2-${s}`, nameNb: `Andre importområde ${s}`, nameEn: `Second import area ${s}`, sortOrder: 991 },
  });
  author = await createUser();
});

function markdownCase(title: string, ownerRef = owner.name) {
  return `---
title: ${title}
summary: Kommunen prøvde ut tidlig dialog i sykefraværsoppfølgingen.
status: implementert
visibility: PUBLIC
period:
  start: "2013-03"
  end: "2015-12"
owner: ${ownerRef}
coOwners:
  - ${partner.name}
challengeAreas:
  - ${area.slug}
  - ${area2.nameEn}
contact:
  name: Kari Kontakt
  role: HR-rådgiver
  email: kari@example.test
results:
  - indicator: Sykefravær
    unit: prosent
    baseline: 9,8
    result: 7.9
    period: 2012 → 2015
---

## Utfordringa

Høgt sjukefråvær i **barnehagane**.

## What we did

- Nærværssamtale tidlig
- Små tilrettelegginger

## Læring

Se [KS](https://www.ks.no).
`;
}

function jsonCases(titles: string[]) {
  return JSON.stringify(
    titles.map((title) => ({
      title,
      summary: "Et forsøk som ble prøvd ut i to soner.",
      status: "PILOTING",
      owner: owner.slug,
      challengeAreas: [area.nameNb],
      sections: {
        challenge: "Mange små stillinger.",
        results: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Flere hele." }] }] },
      },
    })),
    null,
    2,
  );
}

async function casesTitled(titles: string[]) {
  return db().case.findMany({
    where: { title: { in: titles }, ownerOrganisationId: owner.id },
    include: { revisions: true, results: true, coOwners: true, challengeAreas: true },
  });
}

async function outboxFor(caseIds: string[]) {
  return db().eventDelivery.findMany({
    where: { consumer: "search", entity: "case", entityId: { in: caseIds } },
    include: { event: true },
  });
}

describe("importCases (model)", () => {
  it("imports Markdown and JSON cases with revisions, outbox rows and the --as author", async () => {
    const s = uniqueSuffix();
    const titles = [`Nærvær A ${s}`, `Nærvær B ${s}`, `Heltid C ${s}`, `Heltid D ${s}`];
    const result = await importCases(
      [
        { file: "a.md", text: markdownCase(titles[0]) },
        { file: "b.md", text: markdownCase(titles[1], owner.slug) },
        { file: "c.json", text: jsonCases(titles.slice(2)) },
      ],
      { actorEmail: author.email },
    );
    expect(result.files.flatMap((f) => f.issues.map(formatIssue))).toEqual([]);
    expect(result.imported.map((c) => c.title)).toEqual(titles);

    const rows = await casesTitled(titles);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.createdById).toBe(author.id);
      expect(row.revisions).toHaveLength(1);
      expect(row.revisions[0]).toMatchObject({ version: 1, authorId: author.id });
    }
    const outbox = await outboxFor(rows.map((r) => r.id));
    expect(outbox.map((o) => o.entityId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(outbox.every((o) => o.event.type === "case.created")).toBe(true);

    const a = rows.find((r) => r.title === titles[0])!;
    expect(a).toMatchObject({ status: "IMPLEMENTED", visibility: "PUBLIC", contactEmail: "kari@example.test" });
    expect(a.periodStart?.toISOString().slice(0, 7)).toBe("2013-03");
    expect(a.coOwners.map((c) => c.organisationId)).toEqual([partner.id]);
    expect(a.challengeAreas).toHaveLength(2);
    expect(a.results.map((r) => [r.baseline?.toString(), r.result?.toString()])).toEqual([["9.8", "7.9"]]);
    expect(a.plainText).toContain("Høgt sjukefråvær i barnehagane.");
    expect(a.plainText).toContain("Nærværssamtale tidlig");
    const c = rows.find((r) => r.title === titles[2])!;
    expect(c.visibility).toBe("DRAFT"); // the default
  });

  it("reports a bad number with its JSON path and line, and writes nothing", async () => {
    const s = uniqueSuffix();
    const titles = [`Json 1 ${s}`, `Json 2 ${s}`, `Json 3 ${s}`];
    const cases = JSON.parse(jsonCases(titles));
    cases[2].results = [{ indicator: "Sykefravær", unit: "prosent", baseline: "ni komma åtte", result: 7.9 }];
    const text = JSON.stringify(cases, null, 2);
    const result = await importCases([{ file: "cases.json", text }]);
    const line = text.split("\n").findIndex((l) => l.includes('"ni komma åtte"')) + 1;
    expect(result.files[0].issues.map(formatIssue)).toEqual([
      `cases.json:${line}: [2].results[0].baseline: must be a number, e.g. 12.5 or 12,5`,
    ]);
    expect(result.imported).toEqual([]);
    expect(await casesTitled(titles)).toEqual([]);
  });
});

describe("npm run import:cases (CLI)", () => {
  it("imports NOTHING when one file is bad, and names file:line with a suggestion", async () => {
    const s = uniqueSuffix();
    const good = `Bra sak ${s}`;
    const dir = tempDir({ "good.md": markdownCase(good), "bad.md": markdownCase(`Dårlig sak ${s}`, `${owner.name}x`) });
    const { code, stdout } = await runCli([dir]);
    expect(code).toBe(1);
    const badFile = path.join(dir, "bad.md");
    expect(stdout).toContain(`${badFile}:9: owner: "${owner.name}x" is not a known organisation (did you mean "${owner.name}"?)`);
    expect(stdout).toContain(`✓ ${path.join(dir, "good.md")}: 1 case`);
    expect(stdout).toContain("1 error in 1 of 2 files: nothing was imported.");
    expect(await casesTitled([good])).toEqual([]);
  }, 60_000);

  it("--dry-run validates and writes nothing", async () => {
    const s = uniqueSuffix();
    const titles = [`Tørr A ${s}`, `Tørr B ${s}`, `Tørr C ${s}`];
    const dir = tempDir({ "one.md": markdownCase(titles[0]), "two.json": jsonCases(titles.slice(1)) });
    const { code, stdout } = await runCli(["--dry-run", dir]);
    expect(stdout).toContain("Dry run: 3 cases in 2 files are valid; nothing was imported.");
    expect(code).toBe(0);
    expect(await casesTitled(titles)).toEqual([]);
  }, 60_000);

  it("imports a good directory, then refuses duplicates unless --allow-duplicates", async () => {
    const s = uniqueSuffix();
    const titles = [`Ekte A ${s}`, `Ekte B ${s}`, `Ekte C ${s}`];
    const dir = tempDir({ "one.md": markdownCase(titles[0]), "two.json": jsonCases(titles.slice(1)) });

    const first = await runCli(["--as", author.email, dir]);
    expect(first.stdout).toContain("Imported 3 cases from 2 files.");
    expect(first.code).toBe(0);
    const rows = await casesTitled(titles);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.revisions.length === 1 && r.createdById === author.id)).toBe(true);
    expect(await outboxFor(rows.map((r) => r.id))).toHaveLength(3);

    const again = await runCli([dir]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`${path.join(dir, "one.md")}:2: title: this owner already has a case called "${titles[0]}"`);
    expect(await casesTitled(titles)).toHaveLength(3);

    const forced = await runCli(["--allow-duplicates", dir]);
    expect(forced.code).toBe(0);
    expect(await casesTitled(titles)).toHaveLength(6);
  }, 90_000);

  it("accepts the documented examples (docs/examples) against the demo data", async () => {
    const { code, stdout } = await runCli(["--dry-run", "docs/examples"]);
    expect(stdout).toContain("Dry run: 3 cases in 2 files are valid");
    expect(code).toBe(0);
  }, 60_000);
});
