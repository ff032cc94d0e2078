/**
 * Facts for reuse from the outside (docs/decisions/018-reuse-facts.md): the create and edit
 * forms without JavaScript (values as Norwegians type them, garbage -> 400 with every typed
 * value back, never 500), the facts box on the case page in nb and en, the importer, and the
 * history (snapshots, diff, restore).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getCaseById, getCaseBySlug, restoreRevision, updateCase } from "~/models/case.server";
import { importCases } from "~/models/case-import.server";
import { db } from "~/utils/db.server";
import { createCaseWorld, createFullCase, editFormFields, caseFormFields, inputFor, loggedIn } from "../support/case-factories";
import { uniqueSuffix } from "../support/factories";
import { Client } from "../support/http";

let world: Awaited<ReturnType<typeof createCaseWorld>>;
let editor: Client;

beforeAll(async () => {
  world = await createCaseWorld();
  editor = await loggedIn(world.users.ownerEditor);
});

const FACTS = {
  costOneOffNok: "kr 1 200 000",
  costYearlyNok: "250.000",
  effortPersonMonths: "6,5",
  durationMonths: "18 mnd",
  inhabitants: "ca. 31 000",
  targetGroup: "Hjemmeboende over 80 år",
  prerequisites: "Ledelsen må stå bak.\n\nEn turnuskoordinator <b>i 50 %</b>.",
  "reportLinks.0.title": "Sluttrapport fra <KS>",
  "reportLinks.0.url": "https://www.ks.no/rapport.pdf",
  "reportLinks.1.title": "",
  "reportLinks.1.url": "",
  "reportLinks.2.title": "",
  "reportLinks.2.url": "www.hamar.kommune.no/evaluering",
};

const slugOf = (location: string) => location.slice("/cases/".length, location.indexOf("?"));

/** The value attribute of the input named `name` in server-rendered HTML (null: no such input). */
function inputValue(html: string, name: string) {
  const tag = new RegExp(`<input [^>]*name="${name.replace(/\./g, "\\.")}"[^>]*>`).exec(html)?.[0];
  return tag ? (/ value="([^"]*)"/.exec(tag)?.[1] ?? null) : null;
}

describe("creating a case with facts (no JavaScript)", () => {
  let slug: string;

  it("stores what was typed and shows a compact facts box at the top of the case page", async () => {
    const res = await editor.post(
      "/cases/new",
      caseFormFields({ ownerOrganisationId: world.owner.id, challengeAreaIds: world.area.id, visibility: "PUBLIC", ...FACTS }),
    );
    expect(res.status).toBe(302);
    slug = slugOf(res.headers.get("location")!);
    const stored = (await getCaseBySlug(slug))!;
    expect(stored).toMatchObject({
      costOneOffNok: 1_200_000,
      costYearlyNok: 250_000,
      durationMonths: 18,
      inhabitants: 31_000,
      targetGroup: "Hjemmeboende over 80 år",
      prerequisites: "Ledelsen må stå bak.\n\nEn turnuskoordinator <b>i 50 %</b>.",
      reportLinks: [
        { title: "Sluttrapport fra <KS>", url: "https://www.ks.no/rapport.pdf" },
        { title: "", url: "https://www.hamar.kommune.no/evaluering" },
      ],
    });
    expect(stored.effortPersonMonths?.toString()).toBe("6.5");

    const { status, html } = await new Client().page(`/cases/${slug}`);
    expect(status).toBe(200);
    const box = html.slice(html.indexOf('<section class="reuse-box"'), html.indexOf("</section>", html.indexOf('class="reuse-box"')));
    expect(box).toContain(">Fakta for gjenbruk</h2>");
    expect(box).toContain("<dt>Engangskostnad</dt><dd>kr 1 200 000</dd>");
    expect(box).toContain("<dt>Årlig kostnad</dt><dd>kr 250 000 per år</dd>");
    expect(box).toContain("<dt>Innsats</dt><dd>6,5 månedsverk</dd>");
    expect(box).toContain("<dt>Varighet</dt><dd>18 måneder</dd>");
    expect(box).toContain("<dt>Kommunestørrelse</dt><dd>ca. 31 000 innbyggere</dd>");
    expect(box).toContain("<dd>Hjemmeboende over 80 år</dd>");
    // Paragraphs kept; text stays text (escaped), never HTML.
    expect(box).toContain("<p>Ledelsen må stå bak.</p><p>En turnuskoordinator &lt;b&gt;i 50 %&lt;/b&gt;.</p>");
    expect(box).toContain('<a href="https://www.ks.no/rapport.pdf" rel="noopener noreferrer nofollow">Sluttrapport fra &lt;KS&gt;</a>');
    expect(box).toContain(
      '<a href="https://www.hamar.kommune.no/evaluering" rel="noopener noreferrer nofollow">hamar.kommune.no/evaluering</a>',
    );
    // The box comes before the sections.
    expect(html.indexOf('class="reuse-box"')).toBeLessThan(html.indexOf('id="section-challenge"') >>> 0 || html.length);
  });

  it("shows the facts in English with English number formats", async () => {
    const en = new Client();
    en.setCookie("lb_lang", "en");
    const { html } = await en.page(`/cases/${slug}`);
    expect(html).toContain(">Facts for reuse</h2>");
    expect(html).toContain("<dt>One-off cost</dt><dd>NOK 1,200,000</dd>");
    expect(html).toContain("<dd>6.5 person-months</dd>");
    expect(html).toContain("<dd>18 months</dd>");
    expect(html).toContain("<dd>approx. 31,000 inhabitants</dd>");
  });

  it("a case without facts has no facts box at all", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" });
    const { html } = await new Client().page(`/cases/${c.slug}`);
    expect(html).not.toContain("reuse-box");
    expect(html).not.toContain("Fakta for gjenbruk</h2>");
  });

  it("the edit form shows the stored facts as people type them, in an open facts group", async () => {
    const { status, html } = await editor.page(`/cases/${slug}/edit`);
    expect(status).toBe(200);
    expect(html).toMatch(/<details class="ds-details reuse-facts" open="">/);
    expect(inputValue(html, "costOneOffNok")).toBe("1 200 000");
    expect(inputValue(html, "effortPersonMonths")).toBe("6,5");
    expect(inputValue(html, "inhabitants")).toBe("31 000");
    expect(html).toContain(">Ledelsen må stå bak.\n\nEn turnuskoordinator &lt;b&gt;i 50 %&lt;/b&gt;.</textarea>");
    expect(inputValue(html, "reportLinks.1.url")).toBe("https://www.hamar.kommune.no/evaluering");
    expect(inputValue(html, "reportLinks.2.url")).toBe(""); // one empty row to add a link without JavaScript
    expect(inputValue(html, "reportLinks.3.url")).toBeNull();
  });

  it("an edit saved without touching the facts keeps them; changing one changes only that", async () => {
    const before = (await getCaseBySlug(slug))!;
    const unchanged = await editor.post(`/cases/${slug}/edit`, editFormFields(before));
    expect(unchanged.status).toBe(302);
    const same = (await getCaseBySlug(slug))!;
    expect({ ...same, version: 0, updatedAt: 0, results: [] }).toMatchObject({
      costOneOffNok: before.costOneOffNok,
      inhabitants: before.inhabitants,
      reportLinks: before.reportLinks,
      prerequisites: before.prerequisites,
    });
    const res = await editor.post(
      `/cases/${slug}/edit`,
      editFormFields(same, { inhabitants: "32 500", "reportLinks.0.title": "", "reportLinks.0.url": "" }),
    );
    expect(res.status).toBe(302);
    const after = (await getCaseBySlug(slug))!;
    expect(after.inhabitants).toBe(32_500);
    expect(after.costOneOffNok).toBe(1_200_000);
    expect(after.reportLinks).toEqual([{ title: "", url: "https://www.hamar.kommune.no/evaluering" }]);
  });
});

describe("the live edit page", () => {
  it("saves the facts with the metadata while the sections stay as the live editor stored them", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "MEMBERS" });
    const res = await editor.post(
      `/cases/${c.slug}/edit`,
      editFormFields(c, { sectionsLive: "1", "sections.challenge": "", durationMonths: "9 måneder", targetGroup: "Unge" }),
    );
    expect(res.status).toBe(302);
    const saved = (await getCaseById(c.id))!;
    expect(saved.durationMonths).toBe(9);
    expect(saved.targetGroup).toBe("Unge");
    expect(saved.sections).toEqual(c.sections);
    expect(saved.contentVersion).toBe(c.contentVersion);
    // The live edit page shows them again (the same form).
    const { html } = await editor.page(`/cases/${c.slug}/edit`);
    expect(inputValue(html, "durationMonths")).toBe("9");
  });
});

describe("garbage in the facts", () => {
  it("answers 400 with each message and every typed value back - never 500 - and stores nothing", async () => {
    const title = `Fakta med feil ${uniqueSuffix()}`;
    const res = await editor.post(
      "/cases/new",
      caseFormFields({
        title,
        ownerOrganisationId: world.owner.id,
        challengeAreaIds: world.area.id,
        costOneOffNok: "mange penger",
        costYearlyNok: "-40 000",
        effortPersonMonths: "1,25",
        durationMonths: "9999999999999999999999",
        inhabitants: "0",
        targetGroup: "x".repeat(300),
        "reportLinks.0.title": "Farlig",
        "reportLinks.0.url": "javascript:alert(document.cookie)",
      }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<details class="ds-details reuse-facts" open="">/);
    expect(html).toContain('value="mange penger"');
    expect(html).toContain('value="-40 000"');
    expect(html).toContain('value="1,25"');
    expect(html).toContain('value="9999999999999999999999"');
    expect(html).toContain('value="javascript:alert(document.cookie)"');
    expect(html).toContain("Skriv et beløp i kroner, for eksempel 1 200 000");
    expect(html).toContain("Kan ikke være negativt");
    expect(html).toContain("Bruk høyst én desimal, for eksempel 1,5");
    expect(html).toContain("Tallet er for stort (høyst 600 måneder)");
    expect(html).toContain("Må være minst 1");
    expect(html).toContain("Skriv en hel adresse som begynner med http:// eller https://");
    // The error summary links to the fields inside the (open) group.
    expect(html).toContain('href="#f-costOneOffNok"');
    expect(html).toContain('href="#f-reportLinks-0-url"');
    expect(html).toMatch(/id="f-costOneOffNok"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-costOneOffNok"/);
    expect(await db().case.count({ where: { title } })).toBe(0);
  });

  it("hostile shapes of the fields (huge, repeated, odd indexes, many rows) are 400 or ignored, never 500", async () => {
    const base = caseFormFields({ ownerOrganisationId: world.owner.id, challengeAreaIds: world.area.id });
    const variants: Array<Record<string, string | string[]>> = [
      { costOneOffNok: "9".repeat(5000) },
      { costOneOffNok: ["1", "2"] },
      { prerequisites: "p".repeat(5000) },
      { "reportLinks.999999999999.url": "https://ks.no/" },
      { "reportLinks.-1.url": "https://ks.no/" },
      { "reportLinks.0.url": "https://ks.no/" + "a".repeat(3000) },
      Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`reportLinks.${i}.url`, `https://ks.no/${i}`])),
      { inhabitants: "\u0000" },
      { effortPersonMonths: "NaN" },
      { durationMonths: "1e3" },
      { intent: "addReportLink", ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`reportLinks.${i}.url`, `x${i}`])) },
    ];
    for (const v of variants) {
      const res = await editor.post("/cases/new", { ...base, ...v });
      expect([200, 302, 400], JSON.stringify(v).slice(0, 80)).toContain(res.status);
      if (res.status === 302) {
        const c = (await getCaseBySlug(slugOf(res.headers.get("location")!)))!;
        expect(c.reportLinks).toEqual([]); // only the odd-index variants save, without links
      }
    }
  });

  it("'add another link' without JavaScript keeps everything typed and adds one empty row", async () => {
    const res = await editor.post(
      "/cases/new",
      caseFormFields({
        intent: "addReportLink",
        title: "Tittel jeg skrev",
        ownerOrganisationId: world.owner.id,
        costOneOffNok: "tolv kroner",
        "reportLinks.0.title": "Første",
        "reportLinks.0.url": "https://ks.no/1",
      }),
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('value="Tittel jeg skrev"');
    expect(html).toContain('value="tolv kroner"');
    expect(inputValue(html, "reportLinks.0.title")).toBe("Første");
    expect(inputValue(html, "reportLinks.1.url")).toBe("");
    expect(inputValue(html, "reportLinks.2.url")).toBeNull();
    expect(html).not.toContain('role="alert"');
  });

  it("a create form without any fact has the facts group closed", async () => {
    const { html } = await editor.page("/cases/new");
    expect(html).toMatch(/<details class="ds-details reuse-facts">/);
    expect(html).toContain("<summary>Fakta for gjenbruk (valgfritt)</summary>");
  });
});

describe("importing facts", () => {
  it("Markdown front matter and JSON take the facts; bad ones are reported per case with file and line", async () => {
    const s = uniqueSuffix();
    const md = [
      "---",
      `title: Importert med fakta ${s}`,
      "summary: Et sammendrag som er langt nok for importen.",
      "status: implementert",
      "visibility: offentlig",
      `owner: ${world.owner.slug}`,
      `challengeAreas: ${world.area.slug}`,
      "facts:",
      '  costOneOffNok: "kr 1,5 mill."',
      "  costYearlyNok: 40000",
      "  effortPersonMonths: 3.5",
      "  durationMonths: 12",
      '  inhabitants: "31 000"',
      "  targetGroup: Unge voksne",
      "  prerequisites: |",
      "    Et avsnitt.",
      "",
      "    Et annet avsnitt.",
      "  reportLinks:",
      "    - title: Evaluering",
      "      url: https://ks.no/evaluering",
      "    - www.nav.no/rapport",
      "---",
      "## Utfordring",
      "Tekst.",
    ].join("\n");
    const ok = await importCases([{ file: "fakta.md", text: md }]);
    expect(ok.issueCount).toBe(0);
    const c = (await getCaseById(ok.imported[0].id))!;
    expect(c).toMatchObject({
      costOneOffNok: 1_500_000,
      costYearlyNok: 40_000,
      durationMonths: 12,
      inhabitants: 31_000,
      targetGroup: "Unge voksne",
      prerequisites: "Et avsnitt.\n\nEt annet avsnitt.",
      reportLinks: [
        { title: "Evaluering", url: "https://ks.no/evaluering" },
        { title: "", url: "https://www.nav.no/rapport" },
      ],
    });
    expect(c.effortPersonMonths?.toString()).toBe("3.5");

    const json = JSON.stringify([
      {
        title: `JSON med feil fakta ${s}`,
        summary: "Et sammendrag som er langt nok for importen.",
        status: "pilot",
        owner: world.owner.slug,
        challengeAreas: [world.area.slug],
        facts: { costOneOffNok: -5, inhabitants: "mange", reportLinks: [{ title: "x", url: "javascript:alert(1)" }], colour: "blå" },
      },
    ]);
    const bad = await importCases([{ file: "feil.json", text: json }]);
    expect(bad.imported).toEqual([]);
    const messages = bad.files[0].issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "[0].facts.costOneOffNok: cannot be negative",
        expect.stringMatching(/^\[0\]\.facts\.inhabitants: must be a number of inhabitants/),
        "[0].facts.reportLinks[0].url: must be a full http:// or https:// address",
        expect.stringMatching(/^\[0\]\.facts\.colour: unknown key/),
      ]),
    );
    expect(bad.files[0].issues.every((i) => i.line !== null)).toBe(true);
  });
});

describe("history", () => {
  it("revisions snapshot the facts; the diff names the changed facts; a restore brings them back", async () => {
    const c = await createFullCase({
      ownerOrganisationId: world.owner.id,
      challengeAreaIds: [world.area.id],
      visibility: "PUBLIC",
      actorId: world.users.ownerEditor.id,
    });
    const withFacts = await updateCase(
      c.id,
      inputFor(c, { costOneOffNok: "100 000", durationMonths: "6", reportLinks: [{ title: "R", url: "https://ks.no/r" }] }),
      world.users.ownerEditor.id,
      c.version,
    );
    const first = await db().caseRevision.findFirstOrThrow({ where: { caseId: c.id }, orderBy: { createdAt: "desc" } });
    expect(first.snapshot).toMatchObject({
      costOneOffNok: 100_000,
      durationMonths: 6,
      reportLinks: [{ title: "R", url: "https://ks.no/r" }],
    });
    const changed = await updateCase(
      c.id,
      inputFor(withFacts, { costOneOffNok: "150 000", durationMonths: "6", inhabitants: "5 000" }),
      world.users.ownerEditor.id,
      withFacts.version,
    );
    expect(changed.reportLinks).toEqual([]);

    const { status, html } = await editor.page(`/cases/${c.slug}/history/${first.id}`);
    expect(status).toBe(200);
    const diff = html.slice(html.indexOf('class="ds-table diff-meta"'), html.indexOf("</table>", html.indexOf("diff-meta")));
    expect(diff).toMatch(/<th[^>]*scope="row"[^>]*>Engangskostnad<\/th><td[^>]*>.*kr 100 000.*<\/td><td[^>]*>.*kr 150 000/);
    expect(diff).toMatch(/<th[^>]*scope="row"[^>]*>Kommunestørrelse<\/th>/);
    expect(diff).toMatch(/<th[^>]*scope="row"[^>]*>Rapporter<\/th><td[^>]*>.*R \(https:\/\/ks.no\/r\)/);
    expect(diff).not.toContain(">Varighet<"); // unchanged facts are not listed as changes
    // The revision itself shows its facts like the other details.
    expect(html).toMatch(/<dt>Varighet<\/dt><dd>.*6 måneder/);

    await restoreRevision(c.id, first.id, world.users.ownerEditor.id);
    const restored = (await getCaseById(c.id))!;
    expect(restored.costOneOffNok).toBe(100_000);
    expect(restored.inhabitants).toBeNull();
    expect(restored.reportLinks).toEqual([{ title: "R", url: "https://ks.no/r" }]);
  });

  it("restoring a revision written before the facts existed clears them instead of failing", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "DRAFT" });
    const rev = await db().caseRevision.findFirstOrThrow({ where: { caseId: c.id } });
    const old = { ...(rev.snapshot as Record<string, unknown>) };
    for (const k of [
      "costOneOffNok",
      "costYearlyNok",
      "effortPersonMonths",
      "durationMonths",
      "inhabitants",
      "targetGroup",
      "prerequisites",
      "reportLinks",
    ])
      delete old[k];
    await db().caseRevision.update({ where: { id: rev.id }, data: { snapshot: old as object } });
    const updated = await updateCase(c.id, inputFor(c, { inhabitants: "1 000" }), null, c.version);
    expect(updated.inhabitants).toBe(1000);
    await restoreRevision(c.id, rev.id, null);
    expect((await getCaseById(c.id))!.inhabitants).toBeNull();
  });
});
