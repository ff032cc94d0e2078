/**
 * Issue 15, defects 3 and 9, in both search engines (Meilisearch and the PostgreSQL fallback):
 * - the "Type eierorganisasjon" facet counts each case once, by its OWNER's kind (a co-owning
 *   partner does not make a kommune's case a partner case);
 * - a case's content language is a facet and a filter, and hits carry it (for lang=).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { searchCases } from "~/models/search.server";
import { createOrganisation, uniqueSuffix } from "../support/factories";
import { createArea, createTestCase } from "../support/home-factories";
import { searchParams, waitForIndexed } from "../support/search";

const token = `språkfasett${uniqueSuffix()}`;

beforeAll(async () => {
  const kommune = await createOrganisation({ kind: "KOMMUNE" });
  const partner = await createOrganisation({ kind: "PARTNER" });
  const area = await createArea();
  const base = { challengeAreaIds: [area.id], visibility: "PUBLIC" as const };
  const created = [
    // A kommune's case with a partner as co-owner: counts for KOMMUNE only.
    await createTestCase({ ...base, ownerOrganisationId: kommune.id, coOwnerIds: [partner.id], title: `Bokmålscase ${token}` }),
    await createTestCase({ ...base, ownerOrganisationId: kommune.id, contentLanguage: "nn", title: `Nynorskcase ${token}` }),
    await createTestCase({ ...base, ownerOrganisationId: partner.id, contentLanguage: "en", title: `English case ${token}` }),
  ];
  await waitForIndexed(created);
});

describe.each(["meilisearch", "database"] as const)("search with %s", (engine) => {
  it("counts the owner's kind only", async () => {
    const result = await searchCases(null, searchParams({ q: token }), { engine });
    expect(result.total).toBe(3);
    expect(result.facets.organisationKinds).toEqual({ KOMMUNE: 2, PARTNER: 1 });
  });

  it("has the content language as a facet and a filter, and on every hit", async () => {
    const all = await searchCases(null, searchParams({ q: token }), { engine });
    expect(all.facets.language).toEqual({ nb: 1, nn: 1, en: 1 });
    expect(Object.fromEntries(all.hits.map((h) => [h.title, h.language]))).toEqual({
      [`Bokmålscase ${token}`]: "nb",
      [`Nynorskcase ${token}`]: "nn",
      [`English case ${token}`]: "en",
    });
    const nynorsk = await searchCases(null, searchParams({ q: token, filters: { language: ["nn"] } }), { engine });
    expect(nynorsk.hits.map((h) => h.title)).toEqual([`Nynorskcase ${token}`]);
    // Disjunctive: the language facet still shows the other languages while one is chosen.
    expect(nynorsk.facets.language).toEqual({ nb: 1, nn: 1, en: 1 });
  });
});
