/**
 * Relevance suite (issue: search): a fixed corpus, indexed with the production settings
 * (search/settings.ts) and the production document builder (search/documents.server.ts),
 * searched through the production query path (search/query.server.ts) as a public visitor.
 * Every query must return its expected case in the top 3.
 *
 * It uses its own index (relevance_<random>_cases) on the test run's Meilisearch, so it never
 * touches the app's index; without one (running this file outside the normal setup) it starts
 * a throwaway Meilisearch from the npm-shipped binary.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { textToDoc } from "~/editor/sections";
import type { CaseWithRelations } from "~/models/case.server";
import { caseVisibilityScope } from "~/policies/case";
import { toCaseDocument } from "../../search/documents.server";
import { createMultiSearcher, type MultiSearcher } from "../../search/client.server";
import { startLocalMeilisearch, type LocalMeilisearch } from "../../search/process.server";
import { searchWithMeili } from "../../search/query.server";
import { applyCasesIndexSettings } from "../../search/settings";
import type { CaseSearchDocument, SearchResult } from "../../search/types";
import { CORPUS, CORPUS_AREAS, CORPUS_ORGANISATIONS, type CorpusCase } from "./corpus";
import { QUERIES } from "./queries";

const TOP = 3;

/** A corpus case in the shape the app loads from the database (what toCaseDocument reads). */
export function corpusCaseAsLoaded(c: CorpusCase, index: number): CaseWithRelations {
  const org = (id: string) => {
    const o = CORPUS_ORGANISATIONS.find((x) => x.id === id);
    if (!o) throw new Error(`corpus: unknown organisation ${id}`);
    return { id: o.id, name: o.name, slug: o.id, kind: o.kind, fylke: o.fylke };
  };
  const area = (slug: string) => {
    const a = CORPUS_AREAS.find((x) => x.slug === slug);
    if (!a) throw new Error(`corpus: unknown challenge area ${slug}`);
    return {
      id: a.slug,
      slug: a.slug,
      nameNb: a.nameNb,
      nameEn: a.nameEn,
      descriptionNb: "",
      descriptionEn: "",
      sortOrder: 0,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    };
  };
  const text = (s: string | undefined) => textToDoc(s ?? "");
  // All cases equally old: recency must not decide relevance.
  const at = new Date(Date.UTC(2024, 0, 1));
  return {
    id: c.id,
    slug: c.id,
    title: c.title,
    summary: c.summary,
    sections: {
      challenge: text(c.challenge),
      whatWeDid: text(c.whatWeDid),
      method: text(c.method),
      partners: text(c.partners),
      results: text(c.results),
      lessons: text(c.lessons),
    },
    plainText: "",
    status: c.status,
    periodStart: new Date(Date.UTC(c.year, 0, 1)),
    periodEnd: null,
    visibility: "PUBLIC",
    ownerOrganisationId: c.owner,
    contactName: null,
    contactRole: null,
    contactEmail: null,
    version: 1,
    createdById: null,
    updatedById: null,
    deletedAt: null,
    createdAt: at,
    updatedAt: at,
    owner: org(c.owner),
    coOwners: (c.coOwners ?? []).map((id) => ({ caseId: c.id, organisationId: id, organisation: org(id) })),
    challengeAreas: c.areas.map((slug) => ({ caseId: c.id, challengeAreaId: slug, challengeArea: area(slug) })),
    results: (c.numbers ?? []).map(([indicator, unit, baseline, result, period], position) => ({
      id: `${c.id}-r${position}`,
      caseId: c.id,
      position,
      indicator,
      unit,
      baseline,
      result,
      period,
    })),
    createdBy: null,
    updatedBy: null,
    _position: index,
  } as unknown as CaseWithRelations;
}

export function corpusDocuments(): CaseSearchDocument[] {
  return CORPUS.map((c, i) => toCaseDocument(corpusCaseAsLoaded(c, i)));
}

let client: Meilisearch;
/** Searches go through the same transport as the app's search page. */
let searcher: MultiSearcher;
let indexUid: string;
let own: { meili: LocalMeilisearch; dir: string } | null = null;

beforeAll(async () => {
  let url: string | undefined = inject("meiliUrl") || undefined;
  let key: string | undefined = inject("meiliKey") || undefined;
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-relevance-"));
    const meili = await startLocalMeilisearch({ dataDir: dir });
    own = { meili, dir };
    url = meili.url;
    key = meili.masterKey;
  }
  client = new Meilisearch({ host: url, apiKey: key });
  searcher = createMultiSearcher(url, key ?? "");
  indexUid = `relevance_${crypto.randomBytes(4).toString("hex")}_cases`;
  await applyCasesIndexSettings(client, indexUid);
  const task = await client.index(indexUid).addDocuments(corpusDocuments()).waitTask({ timeout: 60_000 });
  if (task.status !== "succeeded") throw new Error(`indexing the corpus failed: ${JSON.stringify(task.error)}`);
}, 120_000);

afterAll(async () => {
  await client
    ?.deleteIndex(indexUid)
    .waitTask({ timeout: 30_000 })
    .catch(() => {});
  if (own) {
    await own.meili.stop();
    fs.rmSync(own.dir, { recursive: true, force: true });
  }
});

async function search(q: string): Promise<SearchResult> {
  return searchWithMeili(searcher, indexUid, caseVisibilityScope(null), { q, filters: {}, sort: "relevance", page: 1, pageSize: 10 });
}

describe("relevance corpus", () => {
  it("is what the queries assume", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CORPUS.map((c) => c.id)).size).toBe(CORPUS.length);
    for (const q of QUERIES)
      expect(
        CORPUS.map((c) => c.id),
        q.q,
      ).toContain(q.expect);
    expect(QUERIES.length).toBeGreaterThanOrEqual(40);
    for (const lang of ["nb", "nn", "en"])
      expect(
        CORPUS.some((c) => c.lang === lang),
        lang,
      ).toBe(true);
  });

  it(`every query returns its case in the top ${TOP}`, async () => {
    const misses: string[] = [];
    for (const query of QUERIES) {
      const result = await search(query.q);
      const ids = result.hits.map((h) => h.id);
      const rank = ids.indexOf(query.expect);
      if (rank < 0 || rank >= TOP) {
        misses.push(
          `  [${query.kind}] "${query.q}": expected ${query.expect} in the top ${TOP}, ` +
            `it was ${rank < 0 ? "not in the first 10" : `#${rank + 1}`}; got ${ids.slice(0, TOP).join(", ") || "(nothing)"}`,
        );
      }
    }
    const passed = QUERIES.length - misses.length;
    console.log(`relevance: ${passed}/${QUERIES.length} queries have their case in the top ${TOP}`);
    expect(misses, `\n${misses.length} of ${QUERIES.length} queries missed:\n${misses.join("\n")}\n`).toEqual([]);
  }, 120_000);

  it("shows visitors only public cases (the visibility filter is part of the query path)", async () => {
    const hidden = {
      ...corpusDocuments()[0],
      id: "hidden-draft",
      slug: "hidden-draft",
      visibility: "DRAFT" as const,
      title: "Hemmeleg heiltidskultur-utkast",
    };
    await client.index(indexUid).addDocuments([hidden]).waitTask({ timeout: 30_000 });
    const result = await search("heiltidskultur");
    expect(result.hits.map((h) => h.id)).not.toContain("hidden-draft");
    await client.index(indexUid).deleteDocument("hidden-draft").waitTask({ timeout: 30_000 });
  });
});
