/**
 * Search test helpers: wait until the outbox worker has put given cases into the test
 * run's Meilisearch (the index the app server uses), and the search parameters shorthand.
 */
import { Meilisearch } from "meilisearch";
import { inject } from "vitest";
import { casesIndexName } from "../../search/client.server";
import type { SearchParams } from "../../search/types";

export function testSearchClient() {
  return new Meilisearch({ host: inject("meiliUrl"), apiKey: inject("meiliKey") || undefined });
}

/** Polls until every id has a document with at least the given updatedAt (ms); fails after the deadline. */
export async function waitForIndexed(cases: Array<{ id: string; updatedAt: Date }>, deadlineMs = 30_000) {
  const index = testSearchClient().index(casesIndexName());
  const wanted = new Map(cases.map((c) => [c.id, c.updatedAt.getTime()]));
  const started = Date.now();
  let missing = [...wanted.keys()];
  while (Date.now() - started < deadlineMs) {
    const found = new Map<string, number>();
    for (let i = 0; i < missing.length; i += 500) {
      const page = await index
        .getDocuments<{ id: string; updatedAt: number }>({ ids: missing.slice(i, i + 500), fields: ["id", "updatedAt"], limit: 500 })
        .catch(() => ({ results: [] as Array<{ id: string; updatedAt: number }> }));
      for (const d of page.results) found.set(d.id, d.updatedAt);
    }
    missing = missing.filter((id) => !(found.has(id) && found.get(id)! >= wanted.get(id)!));
    if (!missing.length) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${missing.length} of ${wanted.size} case(s) were not indexed within ${deadlineMs} ms (first: ${missing[0]})`);
}

export function searchParams(overrides: Partial<SearchParams> = {}): SearchParams {
  return { q: "", filters: {}, sort: "relevance", page: 1, pageSize: 10, ...overrides };
}
