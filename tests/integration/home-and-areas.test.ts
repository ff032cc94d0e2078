/**
 * Front page and challenge-area pages from the outside: what visitors, members of other
 * organisations and members of the owning organisation see, and the counts next to areas.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { Client } from "../support/http";
import { areaCount, cardCount, createArea, createTestCase, loggedInClient, pinToFrontPage } from "../support/home-factories";

type Area = Awaited<ReturnType<typeof createArea>>;

/** The link marked aria-current="page" in the page navigation. */
function currentPageLink(html: string) {
  const tags = html.match(/<a [^>]*aria-current="page"[^>]*>/g) ?? [];
  expect(tags).toHaveLength(1);
  const tag = tags[0] ?? "";
  return { href: /href="([^"]*)"/.exec(tag)?.[1], label: /aria-label="([^"]*)"/.exec(tag)?.[1] };
}

let area: Area;
let titles: { pub: string; members: string; draft: string };
let ownerMember: { email: string; password: string };
let otherMember: { email: string; password: string };
let otherEditor: { email: string; password: string };

beforeAll(async () => {
  const owner = await createOrganisation();
  const other = await createOrganisation();
  area = await createArea();
  const suffix = uniqueSuffix();
  titles = { pub: `Åpen case ${suffix}`, members: `Medlemscase ${suffix}`, draft: `Utkastcase ${suffix}` };
  const made = [
    await createTestCase({ ownerOrganisationId: owner.id, challengeAreaIds: [area.id], visibility: "DRAFT", title: titles.draft }),
    await createTestCase({ ownerOrganisationId: owner.id, challengeAreaIds: [area.id], visibility: "MEMBERS", title: titles.members }),
    await createTestCase({ ownerOrganisationId: owner.id, challengeAreaIds: [area.id], visibility: "PUBLIC", title: titles.pub }),
  ];
  // Other files create cases in parallel: without this the three could drop out of the six newest.
  await pinToFrontPage(made.map((c) => c.id));
  ownerMember = await createUser({ memberships: [{ organisationId: owner.id, role: "MEMBER" }] });
  otherMember = await createUser({ memberships: [{ organisationId: other.id, role: "MEMBER" }] });
  otherEditor = await createUser({ memberships: [{ organisationId: other.id, role: "EDITOR" }] });
});

describe("front page", () => {
  it("shows visitors public cases only, with a login call to action", async () => {
    const { status, html } = await new Client().page("/");
    expect(status).toBe(200);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain(titles.pub);
    expect(html).not.toContain(titles.members);
    expect(html).not.toContain(titles.draft);
    expect(html).toContain('href="/login?redirectTo=%2F"');
    expect(html).not.toContain('href="/cases/new"');
  });

  it("shows a member of another organisation MEMBERS cases but not someone else's draft", async () => {
    const c = await loggedInClient(otherMember);
    const { html } = await c.page("/");
    expect(html).toContain(titles.pub);
    expect(html).toContain(titles.members);
    expect(html).not.toContain(titles.draft);
    // A members-only case is labelled as such on its card.
    expect(html).toContain("Kun for medlemmer");
  });

  it("links the title of a card to the case and its areas to the area page", async () => {
    const { html } = await new Client().page("/");
    const card = html.slice(html.indexOf(titles.pub) - 300, html.indexOf(titles.pub) + 1500);
    expect(card).toMatch(/href="\/cases\/[a-z0-9-]+"/);
    expect(card).toContain(`href="/areas/${area.slug}"`);
    expect(card).toContain(area.nameNb);
  });

  it("counts only the cases each viewer may see per challenge area", async () => {
    expect(areaCount((await new Client().page("/")).html, area.slug)).toBe(1);
    expect(areaCount((await (await loggedInClient(otherMember)).page("/")).html, area.slug)).toBe(2);
    expect(areaCount((await (await loggedInClient(ownerMember)).page("/")).html, area.slug)).toBe(3);
  });

  it("keeps this file's cases on the front page while other files add newer ones", async () => {
    // What the rest of the suite does meanwhile, at once: six newer public cases elsewhere.
    const elsewhere = await createOrganisation();
    const otherArea = await createArea();
    for (let i = 0; i < 6; i++) {
      await createTestCase({ ownerOrganisationId: elsewhere.id, challengeAreaIds: [otherArea.id], visibility: "PUBLIC" });
    }
    expect((await new Client().page("/")).html).toContain(titles.pub);
    expect((await (await loggedInClient(otherMember)).page("/")).html).toContain(titles.members);
  });

  it("invites editors to write a case", async () => {
    const { html } = await (await loggedInClient(otherEditor)).page("/");
    expect(html).toContain('href="/cases/new"');
    expect(html).toContain("Skriv en case");
  });

  it("is in English with the lb_lang=en cookie, area names included", async () => {
    const c = new Client();
    c.setCookie("lb_lang", "en");
    const { html } = await c.page("/");
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Challenge areas");
    expect(html).toContain(area.nameEn);
    expect(html).not.toContain(area.nameNb);
    expect(html).toContain("1 case<");
  });
});

describe("challenge area pages", () => {
  it("lists all areas with visible counts on /areas", async () => {
    const { status, html } = await new Client().page("/areas");
    expect(status).toBe(200);
    expect(areaCount(html, area.slug)).toBe(1);
    expect(html).toContain(area.descriptionNb);
    expect(areaCount((await (await loggedInClient(otherMember)).page("/areas")).html, area.slug)).toBe(2);
  });

  it("shows the area's name, description and the cases the viewer may see", async () => {
    const visitor = await new Client().page(`/areas/${area.slug}`);
    expect(visitor.status).toBe(200);
    expect(visitor.html).toMatch(new RegExp(`<h1[^>]*>${area.nameNb}</h1>`));
    expect(visitor.html).toContain(area.descriptionNb);
    expect(visitor.html).toContain(titles.pub);
    expect(visitor.html).not.toContain(titles.members);
    expect(visitor.html).not.toContain(titles.draft);
    expect(cardCount(visitor.html)).toBe(1);

    const other = await (await loggedInClient(otherMember)).page(`/areas/${area.slug}`);
    expect(other.html).toContain(titles.members);
    expect(other.html).not.toContain(titles.draft);
    expect(cardCount(other.html)).toBe(2);

    const owner = await (await loggedInClient(ownerMember)).page(`/areas/${area.slug}`);
    expect(owner.html).toContain(titles.draft);
    expect(owner.html).toContain("Utkast");
    expect(cardCount(owner.html)).toBe(3);
  });

  it("is in English with the lb_lang=en cookie", async () => {
    const c = new Client();
    c.setCookie("lb_lang", "en");
    const { html } = await c.page(`/areas/${area.slug}`);
    expect(html).toContain('<html lang="en"');
    expect(html).toMatch(new RegExp(`<h1[^>]*>${area.nameEn}</h1>`));
    expect(html).toContain(area.descriptionEn);
    expect(html).toContain("One case you have access to.");
  });

  it("answers 404 for an unknown area", async () => {
    const { status, html } = await new Client().page(`/areas/finnes-ikke-${uniqueSuffix()}`);
    expect(status).toBe(404);
    expect(html).toContain("Vi fant ikke siden du lette etter.");
  });

  it("explains an empty area, and how to see more", async () => {
    const empty = await createArea();
    const { status, html } = await new Client().page(`/areas/${empty.slug}`);
    expect(status).toBe(200);
    expect(html).toContain("Ingen caser i dette området ennå.");
    expect(html).toContain("Logg inn for å se dem.");
  });

  it("pages through many cases, 20 at a time, with an accessible page navigation", async () => {
    const big = await createArea();
    const owner = await createOrganisation();
    for (let i = 0; i < 21; i++) {
      await createTestCase({ ownerOrganisationId: owner.id, challengeAreaIds: [big.id], visibility: "PUBLIC" });
    }
    const c = new Client();
    const first = await c.page(`/areas/${big.slug}`);
    expect(cardCount(first.html)).toBe(20);
    expect(first.html).toMatch(/<nav class="ds-pagination pagination" aria-label="Sider">/);
    expect(currentPageLink(first.html)).toEqual({ href: `/areas/${big.slug}`, label: "Side 1" });
    expect(first.html).toContain(`href="/areas/${big.slug}?page=2"`);
    expect(first.html).toContain("Viser 1–20 av 21.");

    const second = await c.page(`/areas/${big.slug}?page=2`);
    expect(cardCount(second.html)).toBe(1);
    expect(currentPageLink(second.html)).toEqual({ href: `/areas/${big.slug}?page=2`, label: "Side 2" });
    expect(second.html).toContain('rel="prev"');

    const beyond = await c.get(`/areas/${big.slug}?page=9`);
    expect(beyond.status).toBe(302);
    expect(beyond.headers.get("location")).toBe(`/areas/${big.slug}?page=2`);
    const nonsense = await c.get(`/areas/${big.slug}?page=abc`);
    expect(nonsense.headers.get("location")).toBe(`/areas/${big.slug}`);
  });
});
