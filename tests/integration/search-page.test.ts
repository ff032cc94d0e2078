/**
 * /search from the outside (the real server, Meilisearch fed by the outbox worker): highlighted
 * results, the URL as the whole state, facet counts, drafts only for their organisation,
 * the header search form on every page, and the clearly labelled reduced search when
 * PostgreSQL answers instead of Meilisearch.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { Client } from "../support/http";
import { createArea, createTestCase, loggedInClient } from "../support/home-factories";
import { waitForIndexed } from "../support/search";

const token = `qzx${uniqueSuffix()}`;
let areaSlug: string;
let fylkeA: string;
let fylkeB: string;
let draftTitle: string;
let membersTitle: string;
let hostileTitle: string;
let ownerMember: { email: string; password: string };
let otherMember: { email: string; password: string };

/** Case titles in the result list, markup removed. */
function hitTitles(html: string) {
  return [...html.matchAll(/<h3 class="search-hit__title"[^>]*><a [^>]*>([\s\S]*?)<\/a>/g)].map((m) =>
    m[1]
      .replace(/<\/?mark>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&"),
  );
}

function checkbox(html: string, name: string, value: string) {
  return new RegExp(`<input[^>]*name="${name}"[^>]*value="${value}"[^>]*>`).exec(html)?.[0] ?? null;
}

beforeAll(async () => {
  const suffix = uniqueSuffix();
  fylkeA = `Testfylke A ${suffix}`;
  fylkeB = `Testfylke B ${suffix}`;
  const [owner, other] = await Promise.all([
    createOrganisation({ fylke: fylkeA, kind: "KOMMUNE" }),
    createOrganisation({ fylke: fylkeB, kind: "BYDEL" }),
  ]);
  const area = await createArea();
  areaSlug = area.slug;
  [ownerMember, otherMember] = await Promise.all([
    createUser({ memberships: [{ organisationId: owner.id, role: "MEMBER" }] }),
    createUser({ memberships: [{ organisationId: other.id, role: "MEMBER" }] }),
  ]);
  hostileTitle = `Hjemmetjeneste ${token} <script>alert(1)</script>`;
  draftTitle = `Utkast om ${token} hjemmetjeneste`;
  membersTitle = `Medlemscase ${token} hjemmetjeneste`;
  const created = [];
  // 11 public cases (two pages of 10), one for members, one draft of `owner`.
  created.push(
    await createTestCase({ ownerOrganisationId: owner.id, challengeAreaIds: [area.id], visibility: "PUBLIC", title: hostileTitle }),
  );
  created.push(
    await createTestCase({
      ownerOrganisationId: other.id,
      challengeAreaIds: [area.id],
      visibility: "PUBLIC",
      title: `Innført ${token} sykefravær`,
      status: "IMPLEMENTED",
    }),
  );
  for (let i = 0; i < 9; i++) {
    created.push(
      await createTestCase({
        ownerOrganisationId: owner.id,
        challengeAreaIds: [area.id],
        visibility: "PUBLIC",
        title: `Fyllcase ${i} ${token}`,
      }),
    );
  }
  created.push(
    await createTestCase({ ownerOrganisationId: other.id, challengeAreaIds: [area.id], visibility: "MEMBERS", title: membersTitle }),
  );
  created.push(
    await createTestCase({ ownerOrganisationId: owner.id, challengeAreaIds: [area.id], visibility: "DRAFT", title: draftTitle }),
  );
  await waitForIndexed(created);
});

describe("search page", () => {
  it("shows highlighted, escaped results with the total and pages", async () => {
    const { status, html } = await new Client().page(`/search?q=${token}`);
    expect(status).toBe(200);
    expect(html).toContain(`11 caser funnet for «${token}»`);
    expect(html).toMatch(new RegExp(`<mark>${token}</mark>`));
    // Case text is text: the title's <script> arrives escaped, inside the highlighted title.
    expect(html).toContain(`Hjemmetjeneste <mark>${token}</mark> &lt;script&gt;alert(1)&lt;/script&gt;`);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(hitTitles(html)).toHaveLength(10);
    expect(html).toMatch(/<a [^>]*aria-current="page"[^>]*>1<\/a>/);
    expect(html).toContain(`href="/search?q=${token}&amp;page=2"`);
    // One h1; the field keeps the words.
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toMatch(new RegExp(`<input[^>]*id="search-q"[^>]*value="${token}"`));
  });

  it("reflects filters, sort and page from the URL and counts facets", async () => {
    const { html } = await new Client().page(`/search?q=${token}&status=IMPLEMENTED&sort=newest`);
    expect(hitTitles(html)).toEqual([`Innført ${token} sykefravær`]);
    expect(checkbox(html, "status", "IMPLEMENTED")).toMatch(/checked/);
    expect(checkbox(html, "status", "PILOTING")).not.toMatch(/checked/);
    expect(html).toMatch(/<option value="newest" selected[^>]*>/);
    // Disjunctive counts: the status facet ignores its own filter (10 in Utprøving remain
    // choosable); other facets count within it (one Bydel case).
    expect(html).toContain("Utprøving (10)");
    expect(html).toContain("Innført (1)");
    expect(html).toContain("Bydel (1)");
    expect(html).not.toContain("Kommune (10)");
    // The active filter is a link that removes it and keeps the rest.
    expect(html).toContain(`href="/search?q=${token}&amp;sort=newest"`);
    expect(html).toContain("Fjern filteret Innført");

    const fylke = await new Client().page(`/search?q=${token}&fylke=${encodeURIComponent(fylkeB)}&area=${areaSlug}`);
    expect(hitTitles(fylke.html)).toEqual([`Innført ${token} sykefravær`]);
    expect(fylke.html).toContain(`${fylkeA} (10)`);
    expect(fylke.html).toContain(`${fylkeB} (1)`);

    const page2 = await new Client().page(`/search?q=${token}&page=2`);
    expect(hitTitles(page2.html)).toHaveLength(1);
    expect(page2.html).toMatch(/<a [^>]*aria-current="page"[^>]*>2<\/a>/);
    // The title says which page (page 1 does not).
    expect(page2.html).toContain(`<title>«${token}», side 2 av 2 – Søk – Løsningsbanken</title>`);
    expect(html).not.toMatch(/<title>[^<]*side/);
    // Past the end: the last page.
    const past = await new Client().get(`/search?q=${token}&page=9`);
    expect(past.status).toBe(302);
    expect(past.headers.get("location")).toBe(`/search?q=${token}&page=2`);
  });

  it("shows drafts to their organisation only, members cases to members", async () => {
    const visitor = hitTitles((await new Client().page(`/search?q=${token}&area=${areaSlug}&page=2`)).html);
    const all = async (c: Client) => [
      ...hitTitles((await c.page(`/search?q=${token}`)).html),
      ...hitTitles((await c.page(`/search?q=${token}&page=2`)).html),
    ];
    expect(visitor).not.toContain(draftTitle);
    const visitorAll = await all(new Client());
    expect(visitorAll).toHaveLength(11);
    expect(visitorAll).not.toContain(draftTitle);
    expect(visitorAll).not.toContain(membersTitle);

    const other = await all(await loggedInClient(otherMember));
    expect(other).toHaveLength(12);
    expect(other).toContain(membersTitle);
    expect(other).not.toContain(draftTitle);

    const own = await all(await loggedInClient(ownerMember));
    expect(own).toHaveLength(13);
    expect(own).toContain(draftTitle);
    const ownPage = (await (await loggedInClient(ownerMember)).page(`/search?q=${token}`)).html;
    expect(ownPage).toContain("13 caser funnet");
  });

  it("suggests what to relax when nothing is found", async () => {
    const { html } = await new Client().page(`/search?q=${token}&status=SCALED&year=1999`);
    expect(html).toContain("Ingen treff");
    expect(html).toContain(`Ingen caser funnet for «${token}».`);
    // Groups with nothing to choose are left out; the checked filters stay (with 0).
    expect(checkbox(html, "status", "SCALED")).toMatch(/checked/);
    expect(html).toContain("Spredt (0)");
    expect(html).not.toMatch(/<legend>Fylke<\/legend>/);
    expect(html).toContain(`href="/search?q=${token}&amp;year=1999"`); // drop the status filter
    expect(html).toContain(`href="/search?q=${token}&amp;status=SCALED"`); // drop the year filter
    expect(html).toContain('href="/areas"');
    expect(html).toContain("Sjekk stavingen");
  });

  it("offers a sort order only when there are search words (without them the newest come first)", async () => {
    const c = new Client();
    const empty = await c.page(`/search?area=${areaSlug}`);
    expect(empty.html).not.toContain('id="search-sort"');
    expect(empty.html).toContain("Uten søkeord kommer de nyeste casene først.");
    const withWords = await c.page(`/search?q=${token}`);
    expect(withWords.html).toMatch(/<select[^>]*id="search-sort"/);
    expect(withWords.html).not.toContain("Uten søkeord kommer");
  });

  it("has the search form in the header of every page but /search, which has its own", async () => {
    const c = new Client();
    for (const path of ["/", "/areas", `/areas/${areaSlug}`, "/login", "/no-such-page"]) {
      const { html } = await c.page(path);
      expect(html, path).toMatch(/<form[^>]*method="get"[^>]*action="\/search"[^>]*role="search"/);
      expect(html, path).toMatch(/<label for="site-search-q"[^>]*>Søk i casene<\/label>/);
      // Designsystemet's Search.Input: attribute order is the component's, so check each one.
      const input = /<input[^>]*id="site-search-q"[^>]*>/.exec(html)?.[0] ?? "";
      expect(input, path).toContain('type="search"');
      expect(input, path).toContain('name="q"');
    }
    // Issue 15, defect 11: one search box on the search page, not two.
    const { html } = await c.page("/search");
    expect(html).not.toContain('id="site-search-q"');
    expect((html.match(/role="search"/g) ?? []).length).toBeLessThanOrEqual(1);
  });

  it("English UI", async () => {
    const c = new Client();
    c.setCookie("lb_lang", "en");
    const { html } = await c.page(`/search?q=${token}&status=IMPLEMENTED`);
    expect(html).toContain(`One case found for “${token}”.`);
    expect(html).toContain("Narrow the search");
    expect(html).toContain("Remove the filter");
  });
});

describe("reduced search (PostgreSQL answers)", () => {
  let handler: (request: Request, context?: Record<string, unknown>) => Promise<Response>;

  beforeAll(async () => {
    // The real server build, in this process: only here can the load context ask for the
    // database engine (the HTTP server never sets it).
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
    const handle = createRequestHandler(build, "production");
    handler = (request, context) => handle(request, context as never);
  });

  it("says so clearly and still finds, highlights and filters", async () => {
    const res = await handler(new Request(`http://localhost/search?q=${token}&status=IMPLEMENTED`), {
      searchEngine: "database",
      clientIp: "test",
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<div role="status" class="search-degraded"><div class="ds-alert" data-color="warning">[\s\S]*Redusert søk/);
    expect(hitTitles(html)).toEqual([`Innført ${token} sykefravær`]);
    expect(html).toContain(`<mark>${token}</mark>`);
    expect(html).toContain("Utprøving (10)");
  });

  it("keeps drafts hidden and escapes case text there too", async () => {
    const res = await handler(new Request(`http://localhost/search?q=${token}`), { searchEngine: "database", clientIp: "test" });
    const html = await res.text();
    expect(html).toContain("11 caser funnet");
    expect(html).not.toContain("<script>alert(1)</script>");
    const page2 = await (
      await handler(new Request(`http://localhost/search?q=${token}&page=2`), { searchEngine: "database", clientIp: "test" })
    ).text();
    expect([...hitTitles(html), ...hitTitles(page2)]).not.toContain(draftTitle);
  });

  it("the normal page is not reduced", async () => {
    const { html } = await new Client().page(`/search?q=${token}`);
    expect(html).not.toContain("search-degraded");
  });
});
