/**
 * The search index follows the database: every change made through the models reaches the
 * test run's Meilisearch through the outbox and the app server's worker within seconds
 * (polled with a deadline). search:reindex swaps without a single failed search, and
 * search:check finds and repairs drift. The commands run against their own index prefix,
 * so other test files searching the app's index are never disturbed.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import type { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { deleteCase, updateCase } from "~/models/case.server";
import { updateOrganisation } from "~/models/organisation.server";
import { db } from "~/utils/db.server";
import { casesIndexName } from "../../search/client.server";
import { toCaseDocument } from "../../search/documents.server";
import { applyCasesIndexSettings } from "../../search/settings";
import type { CaseSearchDocument } from "../../search/types";
import { createFullCase, createTestArea, inputFor } from "../support/case-factories";
import { createOrganisation, uniqueSuffix } from "../support/factories";
import { testSearchClient } from "../support/search";

const root = path.resolve(__dirname, "../..");
let client: Meilisearch;
let owner: Awaited<ReturnType<typeof createOrganisation>>;
let area: Awaited<ReturnType<typeof createTestArea>>;
const ownPrefix = `sync_${uniqueSuffix()}_`;

beforeAll(async () => {
  client = testSearchClient();
  owner = await createOrganisation({ fylke: "Innlandet" });
  area = await createTestArea();
});

afterAll(async () => {
  const { results } = await client.getIndexes({ limit: 1000 });
  for (const { uid } of results) if (uid.startsWith(ownPrefix)) await client.deleteIndex(uid).waitTask();
});

async function getDoc(id: string, indexName = casesIndexName()): Promise<CaseSearchDocument | null> {
  try {
    return (await client.index(indexName).getDocument(id)) as CaseSearchDocument;
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === "document_not_found") return null;
    throw error;
  }
}

/** Polls the app's index until `ok(doc)` holds; fails with the last document seen. */
async function waitForDoc(id: string, ok: (doc: CaseSearchDocument | null) => boolean, deadlineMs = 20_000) {
  const started = Date.now();
  let doc: CaseSearchDocument | null = null;
  while (Date.now() - started < deadlineMs) {
    doc = await getDoc(id);
    if (ok(doc)) return doc;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `Search document ${id} did not reach the expected state within ${deadlineMs} ms; last seen: ${JSON.stringify(doc)?.slice(0, 400)}`,
  );
}

/** Runs an npm script's entry the way `npm run` does, against the test run's database and Meilisearch. */
function runCommand(script: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", script), ...args], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: inject("databaseUrl"),
        MEILI_URL: inject("meiliUrl"),
        MEILI_MASTER_KEY: inject("meiliKey"),
        DATA_DIR: inject("dataDir"),
        SEARCH_INDEX_PREFIX: ownPrefix,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("search index sync through the outbox", () => {
  it("the app server applied the index settings at start (applying them again changes nothing)", async () => {
    expect(await applyCasesIndexSettings(client, casesIndexName())).toEqual([]);
    const settings = await client.index(casesIndexName()).getSettings();
    expect(settings.searchableAttributes?.slice(0, 3)).toEqual(["title", "challengeAreaNames", "summary"]);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(["visibility", "organisationIds", "fylker", "year"]));
    expect(settings.rankingRules?.at(-1)).toBe("updatedAt:desc");
  });

  it("a created case appears, an edit updates it, a visibility change is reflected, a deletion removes it", async () => {
    const created = await createFullCase({ ownerOrganisationId: owner.id, challengeAreaIds: [area.id], visibility: "PUBLIC" });
    const doc = await waitForDoc(created.id, (d) => d !== null);
    expect(doc).toEqual(toCaseDocument(created));
    expect(doc).toMatchObject({
      title: created.title,
      visibility: "PUBLIC",
      organisationNames: [owner.name],
      fylker: ["Innlandet"],
      challengeAreas: [area.slug],
      year: 2023,
    });
    expect(doc!.results).toContain("Sykefravær % 8.4 -> 6.1 2023");

    const newTitle = `Heltidskultur i hjemmetjenesten ${uniqueSuffix()}`;
    const edited = await updateCase(created.id, inputFor(created, { title: newTitle }), null, created.version);
    await waitForDoc(created.id, (d) => d?.title === newTitle && d.updatedAt === edited.updatedAt.getTime());

    // Un-publishing: the document stays, its visibility field (filtered per viewer at query
    // time) says DRAFT at once.
    const draft = await updateCase(created.id, inputFor(edited, { visibility: "DRAFT" }), null, edited.version);
    await waitForDoc(created.id, (d) => d?.visibility === "DRAFT");
    const hits = await client.index(casesIndexName()).search(newTitle, { filter: ['visibility = "PUBLIC"'] });
    expect(hits.hits.map((h) => h.id)).not.toContain(created.id);

    await deleteCase(draft.id, null);
    await waitForDoc(created.id, (d) => d === null);
  }, 90_000);

  it("renaming an organisation updates organisationNames of its cases", async () => {
    const org = await createOrganisation({ fylke: "Trøndelag" });
    const c = await createFullCase({ ownerOrganisationId: org.id, challengeAreaIds: [area.id], visibility: "MEMBERS" });
    await waitForDoc(c.id, (d) => d?.organisationNames[0] === org.name);
    const newName = `Nytt navn kommune ${uniqueSuffix()}`;
    const { queued } = await updateOrganisation(org.id, {
      name: newName,
      kind: "KOMMUNE",
      orgNumber: null,
      kommunenummer: null,
      fylke: "Trøndelag",
      isActiveMember: true,
    });
    expect(queued).toBe(1);
    const doc = await waitForDoc(c.id, (d) => d?.organisationNames[0] === newName);
    expect(doc!.organisationNames).toEqual([newName]);
  }, 60_000);

  it("ten quick edits end in the final state, every search delivery processed", async () => {
    let c = await createFullCase({ ownerOrganisationId: owner.id, challengeAreaIds: [area.id], visibility: "PUBLIC" });
    const base = c.title;
    for (let i = 1; i <= 10; i++) c = await updateCase(c.id, inputFor(c, { title: `${base} v${i}` }), null, c.version);
    const doc = await waitForDoc(c.id, (d) => d?.title === `${base} v10`);
    expect(doc).toEqual(toCaseDocument(c));
    const deadline = Date.now() + 20_000;
    let waiting = -1;
    while (Date.now() < deadline && waiting !== 0) {
      waiting = await db().eventDelivery.count({ where: { consumer: "search", entity: "case", entityId: c.id, processedAt: null } });
      if (waiting) await new Promise((r) => setTimeout(r, 50));
    }
    expect(waiting).toBe(0);
    // One search delivery per write (the creation and ten saves); other consumers (notifications)
    // have rows of their own for the same events.
    const rows = await db().eventDelivery.findMany({ where: { consumer: "search", entity: "case", entityId: c.id } });
    expect(rows).toHaveLength(11);
    expect(rows.every((r) => r.lastError === null)).toBe(true);
  }, 60_000);
});

describe("npm run search:reindex and search:check", () => {
  it("reindex builds a fresh index and swaps it in while searches keep succeeding", async () => {
    const c = await createFullCase({
      ownerOrganisationId: owner.id,
      challengeAreaIds: [area.id],
      visibility: "PUBLIC",
      title: `Klimatiltak i barnehagen ${uniqueSuffix()}`,
    });
    const first = await runCommand("search-reindex.ts", []);
    expect(first.stderr + first.stdout).toMatch(/Reindexed \d+ case\(s\) into/);
    expect(first.code).toBe(0);
    const indexName = casesIndexName(ownPrefix);
    expect(await getDoc(c.id, indexName)).toEqual(toCaseDocument(c));

    // Search in a loop for as long as the second reindex (build + swap + delete) runs.
    let running = true;
    let searches = 0;
    const failures: string[] = [];
    const loop = (async () => {
      while (running) {
        try {
          const r = await client.index(indexName).search(c.title, { filter: ['visibility = "PUBLIC"'], limit: 5 });
          if (!r.hits.some((h) => h.id === c.id)) failures.push(`search ${searches} missed the case`);
        } catch (error) {
          failures.push(`search ${searches}: ${(error as Error).message}`);
        }
        searches++;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    // Small batches: the copy takes many Meilisearch tasks, so the loop searches throughout.
    const second = await runCommand("search-reindex.ts", ["--batch-size", "50"]);
    running = false;
    await loop;
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/Indexing sync_\w+cases: \d+\/\d+ \(100%\)/); // plain progress lines without a TTY
    expect(searches).toBeGreaterThan(10);
    expect(failures).toEqual([]);
    const { results } = await client.getIndexes({ limit: 1000 });
    expect(results.map((i) => i.uid).filter((uid) => uid.startsWith(ownPrefix))).toEqual([indexName]);
  }, 120_000);

  it("check reports a missing, a stale and an extra document, --fix repairs them", async () => {
    const indexName = casesIndexName(ownPrefix);
    const [a, b] = await Promise.all([
      createFullCase({ ownerOrganisationId: owner.id, challengeAreaIds: [area.id], visibility: "PUBLIC" }),
      createFullCase({ ownerOrganisationId: owner.id, challengeAreaIds: [area.id], visibility: "DRAFT" }),
    ]);
    expect((await runCommand("search-reindex.ts", [])).code).toBe(0);
    const index = client.index(indexName);
    const extraId = `extra-${uniqueSuffix()}`;
    await index.deleteDocument(a.id).waitTask();
    await index.updateDocuments([{ id: b.id, updatedAt: 1 }]).waitTask();
    await index.addDocuments([{ id: extraId, title: "Finnes ikke i databasen", visibility: "PUBLIC" }]).waitTask();

    const check = await runCommand("search-check.ts", ["--json"]);
    expect(check.code, check.stderr).toBe(1);
    const report = JSON.parse(check.stdout);
    expect(report.missing).toContain(a.id);
    expect(report.stale).toContain(b.id);
    expect(report.extra).toContain(extraId);

    const human = await runCommand("search-check.ts", []);
    expect(human.stdout).toMatch(/missing: \d+, stale: \d+, extra: \d+/);
    expect(human.stdout).toContain("search:check -- --fix");

    const fix = await runCommand("search-check.ts", ["--fix", "--json"]);
    expect(fix.code, fix.stderr).toBe(0);
    expect(JSON.parse(fix.stdout).fixed).toBe(true);

    const after = JSON.parse((await runCommand("search-check.ts", ["--json"])).stdout);
    // Other test files keep changing cases meanwhile (only the app's index follows them):
    // what matters here is that these three differences are gone.
    const drift = [...after.missing, ...after.stale, ...after.extra];
    expect(drift).not.toContain(a.id);
    expect(drift).not.toContain(b.id);
    expect(drift).not.toContain(extraId);
    expect(await getDoc(a.id, indexName)).toEqual(toCaseDocument(a));
    expect(await getDoc(b.id, indexName)).toEqual(toCaseDocument(b));
    expect(await getDoc(extraId, indexName)).toBeNull();
  }, 120_000);
});
