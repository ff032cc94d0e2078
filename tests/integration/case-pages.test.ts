/**
 * The case pages from the outside, over HTTP against the running server: who sees what,
 * that hidden cases are indistinguishable from missing ones, and the create / edit /
 * conflict / delete flows without JavaScript (plain form posts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getCaseBySlug, updateCase } from "~/models/case.server";
import { CaseInputSchema } from "~/schemas/case";
import { db } from "~/utils/db.server";
import {
  caseFormFields,
  createCaseWorld,
  editFormFields,
  createFullCase,
  loggedIn,
  VISIBILITY_LEVELS,
  type Visibility,
} from "../support/case-factories";
import { createUser, uniqueSuffix } from "../support/factories";
import { Client } from "../support/http";

let world: Awaited<ReturnType<typeof createCaseWorld>>;
const cases = {} as Record<Visibility, { slug: string; id: string; title: string; contactEmail: string }>;
let clients: { visitor: Client; otherMember: Client; ownerMember: Client; ownerEditor: Client; ownerAdmin: Client; otherEditor: Client };

beforeAll(async () => {
  world = await createCaseWorld();
  for (const visibility of VISIBILITY_LEVELS) {
    const c = await createFullCase({
      ownerOrganisationId: world.owner.id,
      coOwnerIds: [world.coOwner.id],
      challengeAreaIds: [world.area.id],
      visibility,
      actorId: world.users.ownerEditor.id,
    });
    cases[visibility] = { slug: c.slug, id: c.id, title: c.title, contactEmail: c.contactEmail! };
  }
  const u = world.users;
  const [otherMember, ownerMember, ownerEditor, ownerAdmin, otherEditor] = await Promise.all([
    loggedIn(u.otherMember),
    loggedIn(u.ownerMember),
    loggedIn(u.ownerEditor),
    loggedIn(u.ownerAdmin),
    loggedIn(u.otherEditor),
  ]);
  clients = { visitor: new Client(), otherMember, ownerMember, ownerEditor, ownerAdmin, otherEditor };
});

/** The page with every occurrence of the slug replaced: what differs besides the address? */
/** Also without the per-response CSP nonce (the only other part that differs by design). */
function withoutSlug(html: string, slug: string) {
  return html
    .split(slug)
    .join("SLUG")
    .split(encodeURIComponent(`/cases/${slug}`))
    .join("PATH")
    .replace(/nonce="[^"]*"/g, 'nonce="NONCE"');
}

const EXPECTED: Record<Visibility, Record<"visitor" | "otherMember" | "ownerMember", number>> = {
  PUBLIC: { visitor: 200, otherMember: 200, ownerMember: 200 },
  MEMBERS: { visitor: 404, otherMember: 200, ownerMember: 200 },
  DRAFT: { visitor: 404, otherMember: 404, ownerMember: 200 },
};

describe("reading a case", () => {
  for (const visibility of VISIBILITY_LEVELS) {
    for (const who of ["visitor", "otherMember", "ownerMember"] as const) {
      it(`${visibility} case as ${who} -> ${EXPECTED[visibility][who]}`, async () => {
        const { status, html } = await clients[who].page(`/cases/${cases[visibility].slug}`);
        expect(status).toBe(EXPECTED[visibility][who]);
        if (status === 200) {
          expect(html).toContain(`<title>${cases[visibility].title}</title>`);
          expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
        } else {
          expect(html).not.toContain(cases[visibility].title);
        }
      });
    }
  }

  it("a hidden case is the very same 404 as a slug that does not exist", async () => {
    for (const who of ["visitor", "otherMember"] as const) {
      const hiddenSlug = cases.DRAFT.slug;
      const missingSlug = `finnes-ikke-${uniqueSuffix()}`;
      const hidden = await clients[who].get(`/cases/${hiddenSlug}`);
      const missing = await clients[who].get(`/cases/${missingSlug}`);
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(withoutSlug(await hidden.text(), hiddenSlug)).toBe(withoutSlug(await missing.text(), missingSlug));
      expect(hidden.headers.get("content-type")).toBe(missing.headers.get("content-type"));
    }
  });

  it("guessed addresses (ids, numbered slugs, edit and delete pages) are 404 too", async () => {
    const c = clients.otherMember;
    expect((await c.get(`/cases/${cases.PUBLIC.id}`)).status).toBe(404);
    expect((await c.get(`/cases/${cases.PUBLIC.slug}-2`)).status).toBe(404);
    expect((await c.get(`/cases/${cases.DRAFT.slug}/edit`)).status).toBe(404);
    expect((await clients.otherEditor.get(`/cases/${cases.DRAFT.slug}/edit`)).status).toBe(404);
    expect((await clients.otherEditor.get(`/cases/finnes-ikke-${uniqueSuffix()}/edit`)).status).toBe(404);
    expect((await clients.otherEditor.get(`/cases/${cases.DRAFT.slug}/delete`)).status).toBe(404);
  });
});

/** The <title> and the one <h1> of a page. */
function titleAndHeading(html: string) {
  return {
    title: /<title>([^<]*)<\/title>/.exec(html)?.[1],
    h1: [...html.matchAll(/<h1[^>]*>([^<]*)<\/h1>/g)].map((m) => m[1]),
  };
}

describe("error pages say what happened and what to do next", () => {
  const NOT_FOUND = {
    nb: { title: "Fant ikke siden – Løsningsbanken", h1: "Fant ikke siden", next: "Sjekk at adressen er riktig" },
    en: { title: "Page not found – Løsningsbanken", h1: "Page not found", next: "Check that the address is correct" },
  };
  const FORBIDDEN = {
    nb: { title: "Du har ikke tilgang – Løsningsbanken", h1: "Du har ikke tilgang", next: "be en administrator i organisasjonen din" },
    en: {
      title: "You do not have access – Løsningsbanken",
      h1: "You do not have access",
      next: "ask an administrator in your organisation",
    },
  };

  it("404 for an unknown path and for a hidden case, in bokmål and English, with links onward", async () => {
    const english = new Client();
    english.setCookie("lb_lang", "en");
    for (const [lang, client] of [
      ["nb", clients.visitor],
      ["en", english],
    ] as const) {
      for (const path of [`/finnes-ikke-${uniqueSuffix()}`, `/cases/${cases.DRAFT.slug}`, `/cases/finnes-ikke-${uniqueSuffix()}`]) {
        const { status, html } = await client.page(path);
        const label = `${lang} ${path}`;
        expect(status, label).toBe(404);
        expect(titleAndHeading(html), label).toEqual({ title: NOT_FOUND[lang].title, h1: [NOT_FOUND[lang].h1] });
        expect(html, label).toContain(NOT_FOUND[lang].next);
        expect(html, label).toContain('href="/search"');
        expect(html, `${label}: a visitor is offered to log in`).toContain('href="/login"');
        expect(html, label).not.toContain(cases.DRAFT.title);
      }
    }
    // Logged in: no login link, same heading.
    const member = await clients.otherMember.page(`/cases/${cases.DRAFT.slug}`);
    expect(titleAndHeading(member.html).h1).toEqual([NOT_FOUND.nb.h1]);
    expect(member.html).not.toContain('href="/login"');
  });

  it("403 as a member (/admin, /cases/new) says to ask the organisation's administrator, in bokmål and English", async () => {
    const englishMember = await createUser({ locale: "en", memberships: [{ organisationId: world.owner.id, role: "MEMBER" }] });
    const en = new Client();
    await en.login(englishMember.email, englishMember.password);
    for (const [lang, client] of [
      ["nb", clients.ownerMember],
      ["en", en],
    ] as const) {
      for (const path of ["/admin", "/cases/new"]) {
        const { status, html } = await client.page(path);
        const label = `${lang} ${path}`;
        expect(status, label).toBe(403);
        expect(titleAndHeading(html), label).toEqual({ title: FORBIDDEN[lang].title, h1: [FORBIDDEN[lang].h1] });
        expect(html, label).toContain(FORBIDDEN[lang].next);
        expect(html, label).toContain('href="/"');
      }
    }
  });

  it("a signed-in user in no organisation is told how to join one, not to ask their organisation's administrator", async () => {
    for (const lang of ["nb", "en"] as const) {
      const loner = await createUser({ locale: lang });
      const client = new Client();
      await client.login(loner.email, loner.password);
      const invite = lang === "nb" ? "invitasjonen kommer på e-post" : "invitations come by e-mail";
      const facilitators = lang === "nb" ? "ta kontakt med fasilitatorene for nettverket" : "contact the network";
      const roleAdvice = lang === "nb" ? "om redaktørrolle" : "for the editor role";
      const home = await client.page("/");
      expect(home.status).toBe(200);
      expect(home.html, `${lang} front page`).toContain(invite);
      expect(home.html, `${lang} front page`).toContain(facilitators);
      expect(home.html, `${lang} front page`).not.toContain(roleAdvice);
      const refused = await client.page("/cases/new");
      expect(refused.status).toBe(403);
      expect(titleAndHeading(refused.html).h1).toEqual([FORBIDDEN[lang].h1]);
      expect(refused.html, `${lang} /cases/new`).toContain(invite);
      expect(refused.html, `${lang} /cases/new`).not.toContain(FORBIDDEN[lang].next);
    }
  });
});

describe("reading a case, contact details", () => {
  it("shows the contact e-mail to logged-in users only; visitors get a hint to log in", async () => {
    const slug = cases.PUBLIC.slug;
    const visitor = await clients.visitor.page(`/cases/${slug}`);
    expect(visitor.html).not.toContain(cases.PUBLIC.contactEmail);
    expect(visitor.html).not.toContain("Kari Kontakt");
    expect(visitor.html).toContain(`href="/login?redirectTo=${encodeURIComponent(`/cases/${slug}`)}"`);
    const member = await clients.otherMember.page(`/cases/${slug}`);
    expect(member.html).toContain(`href="mailto:${cases.PUBLIC.contactEmail}"`);
    expect(member.html).toContain("Prosjektleder");
  });

  it("renders sections, period, areas, owners and the numbers table, formatted per language", async () => {
    const slug = cases.PUBLIC.slug;
    const { html } = await clients.visitor.page(`/cases/${slug}`);
    expect(html).toMatch(/<h2 id="section-challenge">Utfordringen<\/h2><div class="prose" lang="nb"><p>Utfordringen [0-9a-f]+<\/p><\/div>/);
    expect(html).toContain('<h2 id="section-whatWeDid">Hva vi gjorde</h2>');
    expect(html).not.toContain('id="section-method"'); // empty sections are left out
    expect(html.indexOf("section-challenge")).toBeLessThan(html.indexOf("section-whatWeDid"));
    expect(html.indexOf("section-whatWeDid")).toBeLessThan(html.indexOf("section-lessons"));
    expect(html).toContain("mars 2023 – juni 2024");
    expect(html).toContain(`href="/areas/${world.area.slug}"`);
    expect(html).toContain(world.owner.name);
    expect(html).toContain(world.coOwner.name);
    expect(html).toContain(">8,4<");
    expect(html).toContain(">6,1<");
    expect(html).toContain("−2,3 (−27,4\u00a0%)");
    expect(html).toContain("Opprettet");
    // Visitors get no edit or delete controls.
    expect(html).not.toContain(`/cases/${slug}/edit`);
    expect(html).not.toContain(`/cases/${slug}/delete`);

    const en = new Client();
    en.setCookie("lb_lang", "en");
    const english = await en.page(`/cases/${slug}`);
    expect(english.html).toContain(">8.4<");
    expect(english.html).toContain("March 2023 – June 2024");
    expect(english.html).toContain('<h2 id="section-challenge">The challenge</h2>');
  });

  it("offers Edit to editors and Delete only to admins of the owner", async () => {
    const slug = cases.MEMBERS.slug;
    const editor = (await clients.ownerEditor.page(`/cases/${slug}`)).html;
    expect(editor).toContain(`href="/cases/${slug}/edit"`);
    expect(editor).not.toContain(`href="/cases/${slug}/delete"`);
    const admin = (await clients.ownerAdmin.page(`/cases/${slug}`)).html;
    expect(admin).toContain(`href="/cases/${slug}/delete"`);
    const member = (await clients.ownerMember.page(`/cases/${slug}`)).html;
    expect(member).not.toContain(`href="/cases/${slug}/edit"`);
  });
});

describe("creating a case", () => {
  it("sends visitors to the login page and refuses members without editor rights", async () => {
    const res = await new Client().get("/cases/new");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent("/cases/new")}`);
    expect((await clients.ownerMember.get("/cases/new")).status).toBe(403);
    expect(
      (
        await clients.ownerMember.post(
          "/cases/new",
          caseFormFields({ ownerOrganisationId: world.owner.id, challengeAreaIds: world.area.id }),
        )
      ).status,
    ).toBe(403);
  });

  it("refuses a post without the CSRF token, and one for an organisation the user cannot write for", async () => {
    const fields = caseFormFields({ ownerOrganisationId: world.owner.id, challengeAreaIds: world.area.id });
    expect((await clients.ownerEditor.post("/cases/new", fields, { csrf: false })).status).toBe(403);
    expect((await clients.ownerEditor.post("/cases/new", fields, { csrf: "x".repeat(32) })).status).toBe(403);
    const forged = caseFormFields({ ownerOrganisationId: world.other.id, challengeAreaIds: world.area.id });
    expect((await clients.ownerEditor.post("/cases/new", forged)).status).toBe(403);
    expect(await db().case.count({ where: { title: { in: [fields.title as string, forged.title as string] } } })).toBe(0);
  });

  it("shows the form with the only writable organisation preselected", async () => {
    const { status, html } = await clients.ownerEditor.page("/cases/new");
    expect(status).toBe(200);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toMatch(new RegExp(`<option value="${world.owner.id}" selected="">`));
    // No-JS first paint: every section is a textarea with a label pointing at it.
    for (const key of ["challenge", "whatWeDid", "method", "partners", "results", "lessons"]) {
      expect(html).toMatch(new RegExp(`<label [^>]*id="f-sections-${key}-label" for="f-sections-${key}">`));
      expect(html).toMatch(new RegExp(`<textarea id="f-sections-${key}" name="sections.${key}"`));
    }
    // The months are plain text boxes (one Tab stop each, no picker) with a hint of what to type.
    expect(html).toMatch(/<input [^>]*type="text"[^>]*id="f-periodStart"|<input [^>]*id="f-periodStart"[^>]*type="text"/);
    expect(html).not.toContain('type="month"');
    expect(html).toContain("f.eks. 03.2024 eller mars 2024");
    expect(html).toContain('name="intent" value="addResult"');
  });

  it("an invalid submit answers 400 and puts every typed value back, with the errors", async () => {
    const title = `Min tittel ${uniqueSuffix()}`;
    const res = await clients.ownerEditor.post(
      "/cases/new",
      caseFormFields({
        title,
        summary: "Kort",
        "sections.challenge": "Seksjonstekst som må overleve",
        "sections.method": JSON.stringify({
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "Rik metodetekst" }] }],
        }),
        periodStart: "2024-05",
        periodEnd: "2024-02",
        ownerOrganisationId: world.owner.id,
        challengeAreaIds: world.area.id,
        contactEmail: "ikke-en-adresse",
        "results.0.indicator": "Andel heltid",
        "results.0.baseline": "tolv",
      }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`value="${title}"`);
    expect(html).toContain(">Kort</textarea>");
    expect(html).toContain(">Seksjonstekst som må overleve</textarea>");
    expect(html).toContain(">Rik metodetekst</textarea>"); // rich JSON shown as text without JS
    expect(html).toContain('value="ikke-en-adresse"');
    expect(html).toContain('value="Andel heltid"');
    expect(html).toContain('value="tolv"');
    expect(html).toContain('value="2024-05"');
    expect(html).toMatch(
      new RegExp(`<input [^>]*type="checkbox" id="f-challengeAreaIds[^"]*" name="challengeAreaIds" checked="" value="${world.area.id}"`),
    );
    // Error summary + messages wired to the fields.
    expect(html).toContain('role="alert"');
    expect(html).toContain("Sammendraget må ha minst 10 tegn.");
    expect(html).toContain("Sluttmåneden kan ikke være før startmåneden.");
    expect(html).toContain('href="#f-results-0-baseline"');
    expect(html).toMatch(
      /id="f-summary"[^>]*aria-invalid="true"[^>]*aria-describedby="f-summary-hint f-summary-error"|aria-invalid="true" aria-describedby="f-summary-hint f-summary-error"/,
    );
    expect(await db().case.count({ where: { title } })).toBe(0);
  });

  it("'add row' without JavaScript re-renders the form with one more row and nothing lost", async () => {
    const res = await clients.ownerEditor.post(
      "/cases/new",
      caseFormFields({
        intent: "addResult",
        title: "Tittel jeg skrev",
        "sections.lessons": "Lærdom jeg skrev",
        ownerOrganisationId: world.owner.id,
        "results.0.indicator": "Første indikator",
        "results.0.result": "3,5",
      }),
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('value="Tittel jeg skrev"');
    expect(html).toContain(">Lærdom jeg skrev</textarea>");
    expect(html).toContain('value="Første indikator"');
    expect(html).toContain('value="3,5"');
    expect(html).toContain('name="results.1.indicator"');
    expect(html).not.toContain('name="results.2.indicator"');
    expect(html).not.toContain('role="alert"'); // no validation on "add row"
  });

  it("a valid submit creates the case and redirects to it with a saved message", async () => {
    const title = `Ny og gyldig case ${uniqueSuffix()}`;
    const res = await clients.ownerEditor.post(
      "/cases/new",
      caseFormFields({
        title,
        "sections.challenge": "Første avsnitt.\n\nAndre avsnitt.",
        visibility: "DRAFT",
        ownerOrganisationId: world.owner.id,
        coOwnerIds: world.coOwner.id,
        challengeAreaIds: world.area.id,
        contactName: "Ola Nordmann",
        "results.0.indicator": "Ventetid",
        "results.0.unit": "dager",
        "results.0.baseline": "12,5",
        "results.0.result": "7",
        "results.1.indicator": "",
      }),
    );
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/cases\/ny-og-gyldig-case-[0-9a-f]+\?saved=1$/);
    const { status, html } = await clients.ownerEditor.page(location);
    expect(status).toBe(200);
    expect(html).toMatch(
      /<div role="status"[^>]*><div class="ds-alert" data-color="success"><p class="ds-paragraph">Casen er lagret.<\/p><\/div><\/div>/,
    );
    expect(html).toContain(`<h1 id="case-title" lang="nb">${title}</h1>`);
    expect(html).toContain("<p>Første avsnitt.</p><p>Andre avsnitt.</p>");
    expect(html).toContain(">12,5<");
    expect(html).toContain("Ola Nordmann");
    const stored = (await getCaseBySlug(location.slice("/cases/".length, location.indexOf("?"))))!;
    expect(stored.createdById).toBe(world.users.ownerEditor.id);
    expect(stored.results).toHaveLength(1);
    expect(stored.coOwners.map((o) => o.organisationId)).toEqual([world.coOwner.id]);
    // The co-owner's editor can see and edit the draft; another organisation cannot see it.
    const coEditor = await loggedIn(world.users.coOwnerEditor);
    expect((await coEditor.get(location.replace("?saved=1", "/edit"))).status).toBe(200);
    expect((await clients.otherMember.get(location)).status).toBe(404);
  });
});

describe("the period as people type it", () => {
  it("creates a case from '032024' and 'mars 2024' and stores both as 2024-03", async () => {
    const title = `Periode skrevet fritt ${uniqueSuffix()}`;
    const res = await clients.ownerEditor.post(
      "/cases/new",
      caseFormFields({
        title,
        periodStart: "032024",
        periodEnd: " mars 2024 ",
        ownerOrganisationId: world.owner.id,
        challengeAreaIds: world.area.id,
      }),
    );
    expect(res.status).toBe(302);
    const stored = (await db().case.findFirst({ where: { title } }))!;
    expect(stored.periodStart?.toISOString().slice(0, 7)).toBe("2024-03");
    expect(stored.periodEnd?.toISOString().slice(0, 7)).toBe("2024-03");
  });

  it("an impossible month is a 400 with a field error, the typed text kept, and nothing saved", async () => {
    const title = `Umulig måned ${uniqueSuffix()}`;
    const res = await clients.ownerEditor.post(
      "/cases/new",
      caseFormFields({
        title,
        periodStart: "13.2024",
        periodEnd: "snart",
        ownerOrganisationId: world.owner.id,
        challengeAreaIds: world.area.id,
      }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="13.2024"');
    expect(html).toContain('value="snart"');
    expect(html).toContain('href="#f-periodStart"');
    expect(html).toContain('href="#f-periodEnd"');
    expect(html).toContain("Vi forstod ikke dette som en måned.");
    expect(await db().case.count({ where: { title } })).toBe(0);
  });

  it("editing: 'mars 2024' is stored as 2024-03; '13.2024' keeps the stored period and echoes the text", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" });
    const bad = await clients.ownerEditor.post(`/cases/${c.slug}/edit`, editFormFields(c, { periodStart: "13.2024" }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('value="13.2024"');
    expect(html).toContain('href="#f-periodStart"');
    expect((await getCaseBySlug(c.slug))!.periodStart?.toISOString().slice(0, 7)).toBe("2023-03");

    const ok = await clients.ownerEditor.post(
      `/cases/${c.slug}/edit`,
      editFormFields(c, { periodStart: "mars 2024", periodEnd: "06/2024" }),
    );
    expect(ok.status).toBe(302);
    const stored = (await getCaseBySlug(c.slug))!;
    expect(stored.periodStart?.toISOString().slice(0, 7)).toBe("2024-03");
    expect(stored.periodEnd?.toISOString().slice(0, 7)).toBe("2024-06");
  });
});

describe("editing a case", () => {
  async function freshCase(visibility: Visibility = "PUBLIC") {
    return createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility });
  }

  const editFields = editFormFields;

  it("another organisation's editor gets 403 on the form and on a forged post", async () => {
    const c = await freshCase("PUBLIC");
    expect((await clients.otherEditor.get(`/cases/${c.slug}/edit`)).status).toBe(403);
    const res = await clients.otherEditor.post(`/cases/${c.slug}/edit`, editFields(c, { title: "Kapret tittel" }));
    expect(res.status).toBe(403);
    expect((await getCaseBySlug(c.slug))!.title).toBe(c.title);
    // A plain member of the owner may read but not edit.
    expect((await clients.ownerMember.get(`/cases/${c.slug}/edit`)).status).toBe(403);
  });

  it("refuses an edit post without the CSRF token", async () => {
    const c = await freshCase();
    const res = await clients.ownerEditor.post(`/cases/${c.slug}/edit`, editFields(c, { title: "Uten token" }), { csrf: false });
    expect(res.status).toBe(403);
    expect((await getCaseBySlug(c.slug))!.title).toBe(c.title);
  });

  it("the form shows the stored values, numbers in the reader's format and the version", async () => {
    const c = await freshCase();
    const { status, html } = await clients.ownerEditor.page(`/cases/${c.slug}/edit`);
    expect(status).toBe(200);
    expect(html).toContain(`value="${c.title}"`);
    expect(html).toContain('name="version" value="1"');
    expect(html).toContain('value="8,4"');
    expect(html).toContain('value="2023-03"');
    expect(html).toMatch(/<textarea id="f-sections-challenge" name="sections.challenge"[^>]*>Utfordringen [0-9a-f]+<\/textarea>/);
  });

  it("moving the case to an organisation the editor cannot write for is a field error", async () => {
    const c = await freshCase();
    const res = await clients.ownerEditor.post(`/cases/${c.slug}/edit`, editFields(c, { ownerOrganisationId: world.other.id }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Du kan ikke gi eierskapet til denne organisasjonen.");
    expect((await getCaseBySlug(c.slug))!.ownerOrganisationId).toBe(world.owner.id);
  });

  it("saves and redirects with a message; the change is visible", async () => {
    const c = await freshCase();
    const res = await clients.ownerEditor.post(
      `/cases/${c.slug}/edit`,
      editFields(c, { title: `${c.title} v2`, "sections.lessons": "Ny lærdom." }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/cases/${c.slug}?saved=1`);
    const { html } = await clients.visitor.page(`/cases/${c.slug}`);
    expect(html).toContain(`${c.title} v2`);
    expect(html).toContain("<p>Ny lærdom.</p>");
    expect(html).toContain("Sist endret");
    expect(html).toContain(world.users.ownerEditor.name);
  });

  it("conflict: shows the other person's version next to the user's own values; saving again wins", async () => {
    const c = await freshCase();
    // The user opens the form at version 1 ...
    const form = await clients.ownerEditor.page(`/cases/${c.slug}/edit`);
    expect(form.html).toContain('name="version" value="1"');
    // ... meanwhile the owner's admin saves.
    const input = CaseInputSchema.parse({
      title: `${c.title} (admins versjon)`,
      summary: c.summary,
      sections: { challenge: "Adminens utfordringstekst." },
      status: c.status,
      visibility: c.visibility,
      ownerOrganisationId: c.ownerOrganisationId,
      challengeAreaIds: [world.area.id],
    });
    await updateCase(c.id, input, world.users.ownerAdmin.id, 1);

    const mine = editFields(c, { title: `${c.title} (min versjon)`, "sections.challenge": "Min egen tekst." });
    const res = await clients.ownerEditor.post(`/cases/${c.slug}/edit`, mine);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(`value="${c.title} (min versjon)"`); // mine, kept
    expect(html).toContain(">Min egen tekst.</textarea>");
    expect(html).toContain("Noen andre har lagret casen mens du redigerte");
    expect(html).toContain(`${c.title} (admins versjon)`); // theirs, shown
    expect(html).toContain("Adminens utfordringstekst.");
    expect(html).toContain(world.users.ownerAdmin.name);
    expect(html).toContain('name="version" value="2"');
    // The admin also changed a section: the form now carries the content version it has shown.
    expect(html).toContain('name="contentVersion" value="2"');
    expect((await getCaseBySlug(c.slug))!.title).toBe(`${c.title} (admins versjon)`);

    const again = await clients.ownerEditor.post(`/cases/${c.slug}/edit`, { ...mine, version: "2", contentVersion: "2" });
    expect(again.status).toBe(302);
    const stored = (await getCaseBySlug(c.slug))!;
    expect(stored.title).toBe(`${c.title} (min versjon)`);
    expect(stored.version).toBe(3);
  });
});

describe("deleting a case", () => {
  it("admins of the owner confirm, then the case is gone (404) for everyone", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" });
    expect((await clients.ownerEditor.get(`/cases/${c.slug}/delete`)).status).toBe(403);
    expect((await clients.ownerEditor.post(`/cases/${c.slug}/delete`, { intent: "delete" })).status).toBe(403);
    const confirm = await clients.ownerAdmin.page(`/cases/${c.slug}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain(c.title);
    expect((await clients.ownerAdmin.post(`/cases/${c.slug}/delete`, { intent: "delete" }, { csrf: false })).status).toBe(403);
    const res = await clients.ownerAdmin.post(`/cases/${c.slug}/delete`, { intent: "delete" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/?deleted=1");
    expect((await clients.visitor.get(`/cases/${c.slug}`)).status).toBe(404);
    expect((await clients.ownerAdmin.get(`/cases/${c.slug}`)).status).toBe(404);
    expect((await db().case.findUnique({ where: { id: c.id } }))?.deletedAt).not.toBeNull();
  });
});
