/**
 * The accessibility statement (issue 15, defect 4): /tilgjengelighet answers in both languages
 * with Digdir's sections and a feedback contact, and the footer of every page links to it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createOrganisation } from "../support/factories";
import { Client } from "../support/http";
import { createArea, createTestCase } from "../support/home-factories";

const FOOTER_LINK = { nb: "Les tilgjengelighetserklæringen", en: "Read the accessibility statement" };

function client(lang: "nb" | "en") {
  const c = new Client();
  c.setCookie("lb_lang", lang);
  return c;
}

/** The text of every h1/h2 in the page, tags stripped. */
function headings(html: string, level: 1 | 2) {
  return [...html.matchAll(new RegExp(`<h${level}[\\s>][\\s\\S]*?</h${level}>`, "g"))].map((m) => m[0].replace(/<[^>]*>/g, "").trim());
}

/** The site footer's link to the statement, if any (a case page has footers of its own). */
function footerLink(html: string) {
  const footer = /<footer class="site-footer"[\s\S]*?<\/footer>/.exec(html)?.[0] ?? "";
  return /<a [^>]*href="\/tilgjengelighet"[^>]*>([^<]*)<\/a>/.exec(footer)?.[1];
}

let caseSlug: string;

beforeAll(async () => {
  const org = await createOrganisation();
  const area = await createArea();
  const made = await createTestCase({ ownerOrganisationId: org.id, challengeAreaIds: [area.id], visibility: "PUBLIC" });
  caseSlug = made.slug;
});

describe("accessibility statement", () => {
  it("is linked from the footer of the front page, search, a case, login, the statement itself and the 404 page", async () => {
    for (const lang of ["nb", "en"] as const) {
      const c = client(lang);
      for (const path of ["/", "/search?q=skole", `/cases/${caseSlug}`, "/login", "/tilgjengelighet", "/finnes-ikke"]) {
        const { html } = await c.page(path);
        expect(footerLink(html), `${path} (${lang})`).toBe(FOOTER_LINK[lang]);
      }
    }
  });

  it("answers in Norwegian with Digdir's sections, the known gaps and a feedback contact", async () => {
    const { status, html } = await client("nb").page("/tilgjengelighet");
    expect(status).toBe(200);
    expect(html).toContain('<html lang="nb"');
    expect(html).toContain("<title>Tilgjengelighetserklæring – Løsningsbanken</title>");
    expect(headings(html, 1)).toEqual(["Tilgjengelighets\u00aderklæring for Løsningsbanken"]);
    expect(headings(html, 2)).toEqual(["Lovkrav", "Slik har vi testet", "Kjente mangler", "Si fra om noe ikke fungerer"]);
    expect(html).toContain("likestillings- og diskrimineringsloven");
    expect(html).toContain("WCAG 2.1 på nivå AA");
    expect(html).toContain("egenvurdering");
    expect(html).toContain("Kjente mangler");
    expect(html).toContain("per 5. desember 2026");
    expect(html).toContain("skjermlesere");
    expect(html).toContain("ta kontakt med fasilitatorene i nettverket ditt");
    expect(html).toContain('href="https://www.uutilsynet.no/"');
  });

  it("answers in English at the same address", async () => {
    const { status, html } = await client("en").page("/tilgjengelighet");
    expect(status).toBe(200);
    expect(html).toContain('<html lang="en"');
    expect(headings(html, 1)).toEqual(["Accessibility statement for Løsningsbanken"]);
    expect(headings(html, 2)).toEqual(["Legal requirements", "How we have tested", "Known gaps", "Tell us if something does not work"]);
    expect(html).toContain("WCAG 2.1 at level AA");
    expect(html).toContain("as of 5 December 2026");
    expect(html).toContain("contact the facilitators in your network");
    expect(html).toContain('href="https://www.uutilsynet.no/"');
  });
});
