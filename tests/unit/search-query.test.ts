/**
 * The Meilisearch request a viewer's search turns into: the visibility filter for every kind
 * of viewer, hostile facet values that try to widen it, and highlight escaping.
 */
import { describe, expect, it } from "vitest";
import { caseVisibilityScope } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";
import { parseSearchState, searchHref, toEngineParams, withoutFilter } from "~/schemas/search";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, markedToHtml, mergeTermMarks, withCropMarks } from "../../search/highlight.server";
import { buildFilter, buildSearchQueries, quoteFilterValue, toSearchHit, visibilityFilter } from "../../search/query.server";
import type { SearchParams } from "../../search/types";

const member = (...orgs: string[]): Viewer => ({
  id: "u",
  platformRole: "USER",
  memberships: orgs.map((organisationId) => ({ organisationId, role: "MEMBER" })),
});
const params = (overrides: Partial<SearchParams> = {}): SearchParams => ({
  q: "sykefravær",
  filters: {},
  sort: "relevance",
  page: 1,
  pageSize: 10,
  ...overrides,
});

describe("visibility filter per viewer", () => {
  it("a visitor sees public cases only", () => {
    expect(visibilityFilter(caseVisibilityScope(null))).toBe('visibility = "PUBLIC"');
  });

  it("a user without organisations sees public and members cases", () => {
    expect(visibilityFilter(caseVisibilityScope(member()))).toBe('(visibility = "PUBLIC" OR visibility = "MEMBERS")');
  });

  it("a member sees drafts of their own organisation only", () => {
    expect(visibilityFilter(caseVisibilityScope(member("org-a")))).toBe(
      '(visibility = "PUBLIC" OR visibility = "MEMBERS" OR (visibility = "DRAFT" AND organisationIds IN ["org-a"]))',
    );
  });

  it("a member of two organisations sees drafts of both", () => {
    expect(visibilityFilter(caseVisibilityScope(member("org-a", "org-b")))).toBe(
      '(visibility = "PUBLIC" OR visibility = "MEMBERS" OR (visibility = "DRAFT" AND organisationIds IN ["org-a", "org-b"]))',
    );
  });

  it("facilitators and platform admins are not restricted", () => {
    for (const platformRole of ["FACILITATOR", "ADMIN"] as const) {
      const viewer: Viewer = { id: "f", platformRole, memberships: [] };
      expect(visibilityFilter(caseVisibilityScope(viewer))).toBeNull();
      expect(buildFilter(caseVisibilityScope(viewer), {})).toEqual([]);
    }
  });

  it("every request of a search carries the visibility filter, facet-count requests too", () => {
    const scope = caseVisibilityScope(member("org-a"));
    const queries = buildSearchQueries("cases", scope, params({ filters: { fylker: ["Vestland"], status: ["PILOTING"] } }));
    expect(queries).toHaveLength(3);
    for (const q of queries) expect(q.filter).toContain(visibilityFilter(scope));
    // Disjunctive counts: the fylke counts ignore the fylke filter but keep the status filter.
    const fylkeCounts = queries.find((q) => q.facets?.length === 1 && q.facets[0] === "fylker")!;
    expect(fylkeCounts.filter).toEqual([visibilityFilter(scope), 'status IN ["PILOTING"]']);
    expect(fylkeCounts.limit).toBe(0);
  });
});

describe("hostile facet values", () => {
  const visitor = caseVisibilityScope(null);

  it("quotes are escaped so a value stays one string", () => {
    expect(quoteFilterValue('Oslo" OR visibility = "DRAFT')).toBe('"Oslo\\" OR visibility = \\"DRAFT"');
    expect(quoteFilterValue('a\\" OR x')).toBe('"a\\\\\\" OR x"');
  });

  it("an injection attempt cannot widen the visibility filter", () => {
    const filter = buildFilter(visitor, {
      fylker: ['Oslo" OR visibility = "DRAFT'],
      challengeAreas: ["x] OR visibility = DRAFT OR year IN [1"],
    });
    // The visibility condition is its own element of the filter array (ANDed by Meilisearch),
    // and each hostile value sits inside one quoted string with every quote escaped.
    expect(filter[0]).toBe('visibility = "PUBLIC"');
    expect(filter).toContain('fylker IN ["Oslo\\" OR visibility = \\"DRAFT"]');
    expect(filter).toContain('challengeAreas IN ["x] OR visibility = DRAFT OR year IN [1"]');
    for (const element of filter.slice(1)) {
      // Strip the escaped characters and the one quoted literal: nothing is left outside it.
      const outside = element.replace(/\\./g, "").replace(/"[^"]*"/g, "S");
      expect(outside).toMatch(/^\w+ IN \[S(, S)*\]$/);
    }
  });

  it("the URL parser drops values that cannot be valid", () => {
    const state = parseSearchState(
      new URLSearchParams(
        "q=%20bolig%20&status=PUBLISHED&status=IDEA&kind=KOMMUNE&kind=x&year=2023&year=23&area=Bad%20Slug&area=helse&page=0&sort=weird&adopted=no&adopted=1&size=tiny&size=under5k&cost=no&cost=yes&lang=nn&lang=se",
      ),
    );
    expect(state).toEqual({
      q: "bolig",
      filters: {
        area: ["helse"],
        fylke: [],
        kind: ["KOMMUNE"],
        status: ["IDEA"],
        year: ["2023"],
        adopted: [],
        size: ["under5k"],
        cost: ["yes"],
        lang: ["nn"],
      },
      sort: "relevance",
      page: 1,
    });
    expect(toEngineParams(state).filters).toEqual({
      challengeAreas: ["helse"],
      organisationKinds: ["KOMMUNE"],
      status: ["IDEA"],
      year: ["2023"],
      sizeBracket: ["under5k"],
      costFigures: ["yes"],
      language: ["nn"],
    });
  });

  it("URLs round-trip and removing a filter goes back to page 1", () => {
    const state = parseSearchState(new URLSearchParams("q=klima&fylke=M%C3%B8re+og+Romsdal&fylke=Vestland&sort=newest&page=3"));
    expect(parseSearchState(new URL(searchHref(state), "http://x").searchParams)).toEqual(state);
    expect(searchHref(withoutFilter(state, "fylke", "Vestland"))).toBe("/search?q=klima&fylke=M%C3%B8re+og+Romsdal&sort=newest");
  });
});

describe("highlighted snippets", () => {
  const mark = (s: string) => `${HIGHLIGHT_PRE}${s}${HIGHLIGHT_POST}`;

  it("escapes everything and keeps only <mark>", () => {
    const raw = `<script>alert("x")</script> & ${mark("sykefravær")} <img src=x onerror=alert(1)>`;
    expect(markedToHtml(raw)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>sykefravær</mark> &lt;img src=x onerror=alert(1)&gt;",
    );
  });

  it("case text that looks like a <mark> stays text, and marks are always balanced", () => {
    expect(markedToHtml("<mark>fake</mark>")).toBe("&lt;mark&gt;fake&lt;/mark&gt;");
    expect(markedToHtml(`${HIGHLIGHT_PRE}open ${HIGHLIGHT_PRE}twice`)).toBe("<mark>open twice</mark>");
    expect(markedToHtml(`stray ${HIGHLIGHT_POST} close`)).toBe("stray  close");
  });

  it("a hit's title and snippet come out escaped with the matches marked", () => {
    const hit = toSearchHit({
      id: "c1",
      slug: "c1",
      title: "<b>Sykefravær</b>",
      summary: "Ingen treff her <script>",
      organisationNames: ["Bergen kommune", "Askøy kommune"],
      challengeAreas: ["sykefravaer"],
      status: "PILOTING",
      visibility: "PUBLIC",
      year: 2023,
      _formatted: {
        title: `<b>${mark("Sykefravær")}</b>`,
        summary: "Ingen treff her <script>",
        sections: `…tett oppfølging av ${mark("sykefravær")} <script>alert(1)</script>…`,
      },
    });
    expect(hit.titleHtml).toBe("&lt;b&gt;<mark>Sykefravær</mark>&lt;/b&gt;");
    expect(hit.snippetHtml).toBe("…tett oppfølging av <mark>sykefravær</mark> &lt;script&gt;alert(1)&lt;/script&gt;…");
    expect(hit.ownerName).toBe("Bergen kommune");
    expect(hit.snippetHtml.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
  });

  it("word parts the engine did not mark are marked too, overlaps merged", () => {
    const fromEngine = `Rekruttering av sykepleiere ${mark("qzx")}`;
    expect(markedToHtml(mergeTermMarks(fromEngine, ["sykepleier", "qzx"]))).toBe(
      "Rekruttering av <mark>sykepleier</mark>e <mark>qzx</mark>",
    );
    expect(markedToHtml(mergeTermMarks(`${mark("Sykefravær")}soppfølging <i>`, ["fravær", "sykefraværs"]))).toBe(
      "<mark>Sykefraværs</mark>oppfølging &lt;i&gt;",
    );
    expect(mergeTermMarks("nothing here", ["x1"])).toBe("nothing here");
  });

  it("a fallback snippet cut out of the text says so at the end it was cut (like Meilisearch's crop marker)", () => {
    const source = "Første setning.  Barnehagene tok i bruk\ntidlig dialog om sykefravær. Siste setning.";
    // Cut at both ends.
    expect(withCropMarks(`tidlig dialog om ${mark("sykefravær")}.`, source)).toBe(`… tidlig dialog om ${mark("sykefravær")}. …`);
    // The whole text (whitespace differs): nothing added.
    expect(withCropMarks(`Første setning. Barnehagene tok i bruk tidlig dialog om ${mark("sykefravær")}. Siste setning.`, source)).toBe(
      `Første setning. Barnehagene tok i bruk tidlig dialog om ${mark("sykefravær")}. Siste setning.`,
    );
    // Two fragments: the first starts the text, the last is cut before the end.
    expect(withCropMarks(`Første setning. … tidlig dialog om ${mark("sykefravær")}.`, source)).toBe(
      `Første setning. … tidlig dialog om ${mark("sykefravær")}. …`,
    );
    expect(withCropMarks(`tidlig dialog om ${mark("sykefravær")}. Siste setning.`, source)).toBe(
      `… tidlig dialog om ${mark("sykefravær")}. Siste setning.`,
    );
  });

  it("without a match in the text, the snippet is the escaped summary", () => {
    const hit = toSearchHit({
      id: "c",
      slug: "c",
      title: "T",
      summary: "a < b",
      organisationNames: [],
      challengeAreas: [],
      status: "IDEA",
      visibility: "PUBLIC",
      year: null,
    });
    expect(hit.snippetHtml).toBe("a &lt; b");
  });
});

describe("the request", () => {
  it("sorts by newest when asked, and when there are no words to rank by", () => {
    const scope = caseVisibilityScope(null);
    expect(buildSearchQueries("i", scope, params({ sort: "newest" }))[0].sort).toEqual(["updatedAt:desc"]);
    expect(buildSearchQueries("i", scope, params({ q: "  " }))[0].sort).toEqual(["updatedAt:desc"]);
    expect(buildSearchQueries("i", scope, params())[0].sort).toBeUndefined();
    const main = buildSearchQueries("i", scope, params({ page: 3, pageSize: 10 }))[0];
    expect(main).toMatchObject({ page: 3, hitsPerPage: 10, highlightPreTag: HIGHLIGHT_PRE, highlightPostTag: HIGHLIGHT_POST });
  });
});
