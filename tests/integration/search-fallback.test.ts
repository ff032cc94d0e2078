/**
 * searchCases when Meilisearch is unreachable: PostgreSQL answers (marked degraded), finds
 * word parts, Norwegian word forms and synonyms, the outage is logged once - not per request - and
 * Meilisearch answers again once it is back.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { searchCases, searchCasesWithDatabase } from "~/models/search.server";
import { caseVisibilityScope } from "~/policies/case";
import { db } from "~/utils/db.server";
import { getLogger } from "~/utils/logger.server";
import { createOrganisation, uniqueSuffix } from "../support/factories";
import { createArea, createTestCase } from "../support/home-factories";
import { searchParams, waitForIndexed } from "../support/search";

const token = `reserve${uniqueSuffix()}`;
const visitor = caseVisibilityScope(null);

beforeAll(async () => {
  const org = await createOrganisation({ fylke: "Innlandet" });
  const area = await createArea();
  const created = [
    await createTestCase({
      ownerOrganisationId: org.id,
      challengeAreaIds: [area.id],
      visibility: "PUBLIC",
      title: `Sykefraværsoppfølging ${token} <b>i</b> hjemmetjenesten`,
    }),
    await createTestCase({
      ownerOrganisationId: org.id,
      challengeAreaIds: [area.id],
      visibility: "PUBLIC",
      title: `Rekruttering av sykepleiere ${token}`,
    }),
  ];
  await waitForIndexed(created);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("PostgreSQL full-text fallback", () => {
  it("finds Norwegian word forms and word parts, highlighted and escaped", async () => {
    // Another form of the word: found through the Norwegian stemmer (no substring matches).
    const stemmed = await searchCasesWithDatabase(visitor, searchParams({ q: `rekrutteringen ${token}` }));
    expect(stemmed.degraded).toBe(true);
    expect(stemmed.hits.map((h) => h.title)).toEqual([`Rekruttering av sykepleiere ${token}`]);
    expect(stemmed.hits[0].titleHtml).toBe(`<mark>Rekruttering</mark> av sykepleiere <mark>${token}</mark>`);

    // The beginning of a word (one with no synonyms).
    const prefix = await searchCasesWithDatabase(visitor, searchParams({ q: `sykeplei ${token}` }));
    expect(prefix.hits.map((h) => h.title)).toEqual([`Rekruttering av sykepleiere ${token}`]);
    expect(prefix.hits[0].titleHtml).toBe(`Rekruttering av <mark>sykeplei</mark>ere <mark>${token}</mark>`);

    // "fravær" is only a part of "Sykefraværsoppfølging": the substring match finds it.
    const part = await searchCasesWithDatabase(visitor, searchParams({ q: `fravær ${token}` }));
    expect(part.hits.map((h) => h.title)).toEqual([`Sykefraværsoppfølging ${token} <b>i</b> hjemmetjenesten`]);
    expect(part.hits[0].titleHtml).toContain("&lt;b&gt;i&lt;/b&gt;");
    // (Marked with its synonym "sykefravær", which is also inside the compound.)
    expect(part.hits[0].titleHtml).toMatch(/<mark>(syke)?fravær<\/mark>soppfølging/i);
    expect(part.hits[0].titleHtml.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
    expect(part.facets.fylker).toEqual({ Innlandet: 1 });
  });

  it("uses the same synonyms as Meilisearch: English and nynorsk words find the bokmål case", async () => {
    for (const q of [`sick leave ${token}`, `sjukefråvær ${token}`]) {
      const result = await searchCasesWithDatabase(visitor, searchParams({ q }));
      expect(
        result.hits.map((h) => h.title),
        q,
      ).toEqual([`Sykefraværsoppfølging ${token} <b>i</b> hjemmetjenesten`]);
      // What matched is marked: the synonym inside the compound.
      expect(result.hits[0].titleHtml, q).toMatch(/<mark>[^<]*fravær[^<]*<\/mark>/i);
    }
    const english = await searchCasesWithDatabase(visitor, searchParams({ q: `recruitment ${token}` }));
    expect(english.hits.map((h) => h.title)).toEqual([`Rekruttering av sykepleiere ${token}`]);
    // "sykepleier" and "sykepleiere" are one group: the whole word form is marked.
    const form = await searchCasesWithDatabase(visitor, searchParams({ q: `sykepleier ${token}` }));
    expect(form.hits[0].titleHtml).toBe(`Rekruttering av <mark>sykepleiere</mark> <mark>${token}</mark>`);
    // A word without synonyms is not broadened.
    const none = await searchCasesWithDatabase(visitor, searchParams({ q: `sick note ${token}` }));
    expect(none.hits).toEqual([]);
  });

  it("matches what a case says now: the stored search vector follows every change of its text", async () => {
    const own = `tekst${uniqueSuffix()}`;
    const org = await createOrganisation();
    const area = await createArea();
    const created = await createTestCase({
      ownerOrganisationId: org.id,
      challengeAreaIds: [area.id],
      visibility: "PUBLIC",
      title: `Velferdsteknologi ${own}`,
    });
    const find = async (q: string) => (await searchCasesWithDatabase(visitor, searchParams({ q }))).hits.map((h) => h.id);
    expect(await find(`velferdsteknologien ${own}`)).toEqual([created.id]);
    // Written with SQL, past the app: PostgreSQL itself recomputes the generated column.
    await db().$executeRaw`UPDATE "Case" SET title = ${`Digitalt tilsyn ${own}`}, summary = ${"Et nytt sammendrag."},
      "plainText" = ${`Digitalt tilsyn ${own}. Kameraer om natten.`} WHERE id = ${created.id}`;
    expect(await find(`tilsynet ${own}`)).toEqual([created.id]);
    expect(await find(`kameraene ${own}`)).toEqual([created.id]);
    expect(await find(`velferdsteknologien ${own}`)).toEqual([]);
  });

  it("sorts newest first when asked and pages", async () => {
    const newest = await searchCasesWithDatabase(visitor, searchParams({ q: token, sort: "newest", pageSize: 1 }));
    expect(newest.total).toBe(2);
    expect(newest.totalPages).toBe(2);
    expect(newest.hits.map((h) => h.title)).toEqual([`Rekruttering av sykepleiere ${token}`]);
    const second = await searchCasesWithDatabase(visitor, searchParams({ q: token, sort: "newest", pageSize: 1, page: 2 }));
    expect(second.hits.map((h) => h.title)).toEqual([`Sykefraværsoppfølging ${token} <b>i</b> hjemmetjenesten`]);
  });
});

describe("searchCases during an outage", () => {
  it("falls back, logs the outage once, and uses Meilisearch again when it is back", async () => {
    const searchLog = getLogger("search");
    const warn = vi.spyOn(searchLog, "warn").mockImplementation(() => undefined);
    const info = vi.spyOn(searchLog, "info").mockImplementation(() => undefined);
    const url = process.env.MEILI_URL;
    process.env.MEILI_URL = "http://127.0.0.1:9"; // nothing listens there
    try {
      for (let i = 0; i < 3; i++) {
        const result = await searchCases(null, searchParams({ q: token }));
        expect(result.degraded).toBe(true);
        expect(result.total).toBe(2);
      }
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/Meilisearch is unavailable/);
    } finally {
      process.env.MEILI_URL = url;
    }
    // After the retry pause, the next search goes to Meilisearch again and says so once.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 10_000);
    const back = await searchCases(null, searchParams({ q: token }));
    expect(back.degraded).toBe(false);
    expect(back.total).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(info).toHaveBeenCalledTimes(1);
    expect(String(info.mock.calls[0][0])).toMatch(/Meilisearch is back/);
  });
});
