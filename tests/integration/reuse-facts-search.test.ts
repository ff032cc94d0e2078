/**
 * The search facets from the facts for reuse: municipality size brackets and "with cost
 * figures". Counts and hits obey visibility exactly like the other facets (a draft elsewhere
 * is never counted), in Meilisearch and in the PostgreSQL fallback alike, and the search page
 * offers and applies them through the URL.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createCase } from "~/models/case.server";
import { searchCasesWithDatabase, searchCasesWithMeilisearch } from "~/models/search.server";
import { caseVisibilityScope } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";
import { CaseInputSchema } from "~/schemas/case";
import { sizeBracketOf } from "~/schemas/reuse-facts";
import type { SearchParams, SearchResult } from "../../search/types";
import { viewerOf } from "../support/case-factories";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { createArea } from "../support/home-factories";
import { Client } from "../support/http";
import { searchParams, waitForIndexed } from "../support/search";

const token = `fakta${uniqueSuffix()}`;
let mine: Viewer;
let other: Viewer;

// [visibility, owner ("mine" | "other"), inhabitants, one-off cost]
const WORLD = [
  ["PUBLIC", "other", 1_200, 300_000],
  ["PUBLIC", "other", 4_999, null],
  ["PUBLIC", "mine", 5_000, null],
  ["MEMBERS", "other", 19_999, 50_000],
  ["MEMBERS", "other", 20_000, null],
  ["PUBLIC", "other", 99_999, null],
  ["PUBLIC", "other", 100_000, 1_000_000],
  ["PUBLIC", "other", null, 10_000],
  ["DRAFT", "mine", 3_000, 20_000],
  ["DRAFT", "other", 700_000, 5_000_000], // nobody outside "other" may learn of this one
] as const;

beforeAll(async () => {
  const area = await createArea();
  const [orgMine, orgOther] = await Promise.all([createOrganisation(), createOrganisation()]);
  const [u1, u2] = await Promise.all([
    createUser({ memberships: [{ organisationId: orgMine.id, role: "EDITOR" }], password: null }),
    createUser({ memberships: [{ organisationId: orgOther.id, role: "MEMBER" }], password: null }),
  ]);
  mine = viewerOf(u1);
  other = viewerOf(u2);
  const created = [];
  for (const [i, [visibility, owner, inhabitants, cost]] of WORLD.entries()) {
    const input = CaseInputSchema.parse({
      title: `Faktasøk ${i} ${token}`,
      summary: `Et sammendrag for faktasøk ${i}, langt nok til å være gyldig.`,
      sections: { challenge: "Utfordringen." },
      status: "PILOTING",
      visibility,
      ownerOrganisationId: owner === "mine" ? orgMine.id : orgOther.id,
      challengeAreaIds: [area.id],
      inhabitants: inhabitants === null ? undefined : String(inhabitants),
      costOneOffNok: cost === null ? undefined : String(cost),
    });
    created.push(await createCase(input, null));
  }
  await waitForIndexed(created);
}, 60_000);

type Row = (typeof WORLD)[number];
const visibleTo = (who: "visitor" | "mine" | "other") => (r: Row) =>
  r[0] === "PUBLIC" || (who !== "visitor" && r[0] === "MEMBERS") || (r[0] === "DRAFT" && r[1] === who);

function expectedCounts(rows: readonly Row[]) {
  const size: Record<string, number> = {};
  const cost: Record<string, number> = {};
  for (const r of rows) {
    const b = sizeBracketOf(r[2]);
    if (b) size[b] = (size[b] ?? 0) + 1;
    const c = r[3] !== null ? "yes" : "no";
    cost[c] = (cost[c] ?? 0) + 1;
  }
  return { size, cost };
}

const engines = [
  ["Meilisearch", (v: Viewer | null, p: SearchParams) => searchCasesWithMeilisearch(caseVisibilityScope(v), p, 5000)],
  ["PostgreSQL", (v: Viewer | null, p: SearchParams) => searchCasesWithDatabase(caseVisibilityScope(v), p)],
] as const;

describe("facets from the facts for reuse", () => {
  it("brackets: under 5 000, 5 000-20 000, 20 000-100 000, over 100 000 inhabitants", () => {
    expect([null, 0, 4_999, 5_000, 19_999, 20_000, 99_999, 100_000, 5_000_000].map(sizeBracketOf)).toEqual([
      null,
      "under5k",
      "under5k",
      "from5kTo20k",
      "from5kTo20k",
      "from20kTo100k",
      "from20kTo100k",
      "over100k",
      "over100k",
    ]);
  });

  for (const [engine, search] of engines) {
    it(`${engine}: counts only the cases each viewer may see`, async () => {
      for (const [who, viewer] of [
        ["visitor", null],
        ["mine", mine],
        ["other", other],
      ] as const) {
        const rows = WORLD.filter(visibleTo(who));
        const result: SearchResult = await search(viewer, searchParams({ q: token, pageSize: 50 }));
        expect(result.total, `${engine}, ${who}`).toBe(rows.length);
        const expected = expectedCounts(rows);
        expect(result.facets.sizeBracket, `${engine}, ${who}: size`).toEqual(expected.size);
        expect(result.facets.costFigures, `${engine}, ${who}: cost`).toEqual(expected.cost);
      }
    });

    it(`${engine}: filters by bracket and cost figures; each facet's counts ignore its own filter`, async () => {
      const rows = WORLD.filter(visibleTo("mine"));
      const result = await search(
        mine,
        searchParams({ q: token, pageSize: 50, filters: { sizeBracket: ["under5k", "over100k"], costFigures: ["yes"] } }),
      );
      const expected = rows.filter((r) => ["under5k", "over100k"].includes(sizeBracketOf(r[2]) ?? "") && r[3] !== null);
      expect(result.total).toBe(expected.length);
      expect(result.hits.every((h) => h.title.includes(token))).toBe(true);
      // Size counts: every visible case with cost figures, any bracket.
      expect(result.facets.sizeBracket).toEqual(expectedCounts(rows.filter((r) => r[3] !== null)).size);
      // Cost counts: every visible case in the chosen brackets, with or without cost.
      expect(result.facets.costFigures).toEqual(
        expectedCounts(rows.filter((r) => ["under5k", "over100k"].includes(sizeBracketOf(r[2]) ?? ""))).cost,
      );
    });
  }

  it("the search page offers the facets with counts and applies them from the URL", async () => {
    const visitor = new Client();
    const { status, html } = await visitor.page(`/search?q=${token}`);
    expect(status).toBe(200);
    expect(html).toContain(">Kommunestørrelse</legend>");
    expect(html).toContain("Under 5 000 innbyggere (2)");
    expect(html).toContain("Over 100 000 innbyggere (1)");
    expect(html).toContain(">Kostnader</legend>");
    expect(html).toContain("Med kostnadstall (3)");
    expect(html).not.toMatch(/Uten kostnadstall|>no \(/);
    const filtered = await visitor.page(`/search?q=${token}&size=under5k&cost=yes`);
    expect(filtered.html).toContain("Faktasøk 0 ");
    expect(filtered.html).not.toContain("Faktasøk 1 ");
    // Values that cannot be valid are dropped, not a failure.
    expect((await visitor.page(`/search?q=${token}&size=%22%20OR%201%3D1&cost=no`)).status).toBe(200);
  });
});
