/**
 * After a deploy that adds search fields (a facet, a sort, a ranking signal), documents written
 * by the previous version lack them. The process that applies the new index settings at start
 * rebuilds the index in the background (reindexAfterSettingsChange, called by server/index.ts),
 * so nobody has to remember `npm run search:reindex`.
 */
import type { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reindexAfterSettingsChange, reindexCases, settingsChangeNeedsReindex } from "../../search/maintenance.server";
import { applyCasesIndexSettings } from "../../search/settings";
import type { CaseSearchDocument } from "../../search/types";
import { createFullCase, createTestArea } from "../support/case-factories";
import { createOrganisation, uniqueSuffix } from "../support/factories";
import { testSearchClient } from "../support/search";

let client: Meilisearch;
const indexName = `upgrade_${uniqueSuffix()}_cases`;

beforeAll(() => {
  client = testSearchClient();
});

afterAll(async () => {
  const { results } = await client.getIndexes({ limit: 1000 });
  for (const { uid } of results) if (uid.startsWith(indexName)) await client.deleteIndex(uid).waitTask();
});

describe("settingsChangeNeedsReindex", () => {
  it("rebuilds for new filter, sort or ranking fields on an index with documents - not for a new, empty index or synonyms", () => {
    expect(settingsChangeNeedsReindex(["filterableAttributes"], 12)).toBe(true);
    expect(settingsChangeNeedsReindex(["synonyms", "rankingRules"], 1)).toBe(true);
    expect(settingsChangeNeedsReindex(["sortableAttributes"], 0)).toBe(false);
    expect(settingsChangeNeedsReindex(["synonyms", "stopWords"], 500)).toBe(false);
    expect(settingsChangeNeedsReindex([], 500)).toBe(false);
  });
});

describe("an index written by an older version", () => {
  it("gets the new fields back into every document after the new settings are applied", async () => {
    const owner = await createOrganisation();
    const c = await createFullCase({
      ownerOrganisationId: owner.id,
      challengeAreaIds: [(await createTestArea()).id],
      visibility: "PUBLIC",
    });
    await reindexCases({ client, indexName });
    const current = (await client.index(indexName).getDocument(c.id)) as CaseSearchDocument;
    expect(current.language).toBe("nb");

    // What the previous version left: no "language" field and no filter on it.
    const { language: _dropped, ...old } = current;
    await client.index(indexName).addDocuments([old], { primaryKey: "id" }).waitTask();
    const settings = await client.index(indexName).getSettings();
    await client
      .index(indexName)
      .updateSettings({ filterableAttributes: (settings.filterableAttributes ?? []).filter((a) => a !== "language") })
      .waitTask();
    expect(await client.index(indexName).getDocument(c.id)).not.toHaveProperty("language");

    const changed = await applyCasesIndexSettings(client, indexName);
    expect(changed).toContain("filterableAttributes");
    const lines: string[] = [];
    const result = await reindexAfterSettingsChange({ client, indexName, changed, log: (l) => lines.push(l) });
    expect(result?.indexed).toBeGreaterThan(0);
    expect(((await client.index(indexName).getDocument(c.id)) as CaseSearchDocument).language).toBe("nb");
    expect(lines.join("\n")).toMatch(/rebuilding its \d+ documents in the background/);

    // Nothing changed since: no second rebuild.
    const again = await applyCasesIndexSettings(client, indexName);
    expect(await reindexAfterSettingsChange({ client, indexName, changed: again, log: () => {} })).toBeNull();
  }, 120_000);
});
