/**
 * Presenters shape page data once, for pages and (later) exports and an API. These check
 * what a reader would notice: what a visitor may not see never leaves the server, numbers
 * and dates read right in each language, and lists keep their order.
 */
import { describe, expect, it } from "vitest";
import type { CaseWithRelations } from "~/models/case.server";
import { presentAdminOverview } from "~/presenters/admin.server";
import { presentCase } from "~/presenters/case.server";
import { presentCaseCard, trimSummary } from "~/presenters/case-card";
import { presentSearchResults } from "~/presenters/search.server";
import type { Viewer } from "~/policies/viewer";
import type { SearchState } from "~/schemas/search";
import type { SearchResult } from "../../search/types";

const paragraph = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const area = (slug: string, sortOrder: number) => ({
  challengeArea: { id: slug, slug, nameNb: `${slug} nb`, nameEn: `${slug} en`, sortOrder },
});

function storedCase(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    id: "c1",
    slug: "sykefravaer-i-hjemmetjenesten",
    title: "Lavere sykefravær",
    summary: "Et sammendrag.",
    status: "PILOTING",
    visibility: "PUBLIC",
    periodStart: new Date("2023-03-01T00:00:00Z"),
    periodEnd: new Date("2024-06-01T00:00:00Z"),
    ownerOrganisationId: "o1",
    owner: { id: "o1", name: "Bergen kommune" },
    coOwners: [],
    challengeAreas: [area("b", 2), area("a", 1)],
    sections: { challenge: paragraph("Utfordringen <script>"), whatWeDid: paragraph("") },
    results: [
      {
        id: "r1",
        indicator: "Sykefravær",
        unit: "%",
        baseline: { toString: () => "8.4" },
        result: { toString: () => "6.1" },
        period: "2023",
      },
    ],
    contactName: "Kari Kontakt",
    contactRole: "Prosjektleder",
    contactEmail: "kari@example.test",
    createdAt: new Date("2024-01-02T10:00:00Z"),
    updatedAt: new Date("2024-01-03T10:00:00Z"),
    createdBy: { name: "Ola" },
    updatedBy: { name: "Kari" },
    version: 2,
    deletedAt: null,
    ...overrides,
  } as unknown as CaseWithRelations;
}

const member: Viewer = { id: "u1", platformRole: "USER", memberships: [{ organisationId: "o2", role: "MEMBER" }] } as Viewer;

describe("presentCase", () => {
  it("leaves the contact person out of a visitor's page data altogether", () => {
    const view = presentCase(storedCase(), null, "nb");
    expect(view.contact).toBeNull();
    expect(view.contactHidden).toBe(true);
    expect(JSON.stringify(view)).not.toContain("kari@example.test");
    expect(presentCase(storedCase(), member, "nb").contact).toEqual({
      name: "Kari Kontakt",
      role: "Prosjektleder",
      email: "kari@example.test",
    });
  });

  it("formats period, numbers and areas for the reader's language, and drops empty sections", () => {
    const nb = presentCase(storedCase(), member, "nb");
    expect(nb.period).toEqual({ kind: "range", start: "mars 2023", end: "juni 2024" });
    expect(nb.results[0]).toMatchObject({ baseline: "8,4", result: "6,1" });
    expect(nb.results[0]!.change?.replace(/\s/g, " ")).toBe("−2,3 (−27,4 %)");
    expect(nb.areas.map((a) => a.name)).toEqual(["a nb", "b nb"]);
    expect(nb.sections.map((s) => s.key)).toEqual(["challenge"]);
    expect(nb.sections[0]!.html).toContain("Utfordringen &lt;script&gt;");
    const en = presentCase(storedCase(), member, "en");
    expect(en.results[0]).toMatchObject({ baseline: "8.4", change: "-2.3 (-27.4%)" });
    expect(en.areas.map((a) => a.name)).toEqual(["a en", "b en"]);
    expect(nb.canEdit).toBe(false);
  });
});

describe("presentCaseCard", () => {
  it("sends only what the card shows, areas in the taxonomy's order", () => {
    const card = presentCaseCard(storedCase() as never, "en");
    expect(Object.keys(card).sort()).toEqual([
      "areas",
      "lang",
      "ownerName",
      "slug",
      "status",
      "summary",
      "title",
      "updatedAt",
      "visibility",
    ]);
    expect(card.areas).toEqual([
      { slug: "a", name: "a en" },
      { slug: "b", name: "b en" },
    ]);
  });

  it("cuts a long summary at a word boundary", () => {
    const long = `${"ord ".repeat(80)}slutt`;
    const cut = trimSummary(long);
    expect(cut.length).toBeLessThanOrEqual(222);
    expect(cut.endsWith("ord …")).toBe(true);
  });
});

describe("presentSearchResults", () => {
  const state: SearchState = {
    q: "sykefravær",
    filters: { area: ["b"], fylke: [], kind: [], status: ["SCALED"], year: [], adopted: [], size: [], cost: [], lang: [] },
    sort: "relevance",
    page: 2,
  };
  const result: SearchResult = {
    hits: [
      {
        id: "c1",
        slug: "s",
        title: "t",
        summary: "x",
        titleHtml: "<mark>t</mark>",
        snippetHtml: "s",
        ownerName: "Bergen",
        challengeAreas: ["b", "gone"],
        status: "PILOTING",
        visibility: "PUBLIC",
        year: 2024,
        language: "nn",
      },
    ],
    total: 25,
    page: 2,
    totalPages: 3,
    facets: { challengeAreas: { a: 3, b: 1 }, status: { PILOTING: 4, IDEA: 2 } },
    degraded: false,
    tookMs: 3,
  };
  const areas = [
    { slug: "a", nameNb: "Alfa", nameEn: "Alpha" },
    { slug: "b", nameNb: "Beta", nameEn: "Beta" },
  ];

  it("keeps a checked filter with no hits now, and facet values in the taxonomy's order", () => {
    const page = presentSearchResults(state, result, areas, "nb");
    expect(page.facets.status).toEqual([
      { value: "IDEA", count: 2, checked: false },
      { value: "PILOTING", count: 4, checked: false },
      { value: "SCALED", count: 0, checked: true },
    ]);
    expect(page.facets.area.map((o) => o.value)).toEqual(["a", "b"]);
    expect(page.hits[0]!.areas).toEqual([{ slug: "b", name: "Beta" }]);
    expect(page.title).toBe("«sykefravær», side 2 av 3 – Søk – Løsningsbanken");
  });
});

describe("presentAdminOverview", () => {
  it("gives each consumer's oldest waiting delivery as an age in seconds", () => {
    const now = Date.parse("2026-12-04T12:00:00Z");
    const backlog = [
      { consumer: "search", pending: 3, failing: 1, oldestCreatedAt: new Date(now - 90_000) },
      { consumer: "mail", pending: 0, failing: 0, oldestCreatedAt: null },
    ];
    const overview = { organisations: 1, users: 2, cases: [], casesTotal: 0, backlog };
    expect(presentAdminOverview(overview as never, now).backlog).toEqual([
      { consumer: "search", pending: 3, failing: 1, oldestAgeSeconds: 90 },
      { consumer: "mail", pending: 0, failing: 0, oldestAgeSeconds: null },
    ]);
  });
});
