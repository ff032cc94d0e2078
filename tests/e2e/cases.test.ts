/**
 * Cases in a real browser: writing one through /cases/new like a person would (a failed
 * first attempt that loses nothing, then a successful one), and who sees which case.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getCaseBySlug } from "~/models/case.server";
import { canViewCase } from "~/policies/case";
import { loginInBrowser } from "../support/browser";
import { tabTo, useBrowser, visit } from "../support/browser-session";
import { createFullCase, createTestArea, viewerOf, type Visibility } from "../support/case-factories";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { choose } from "../support/pickers";

const browser = useBrowser();

/** The rich-text surface of a section (the contenteditable TipTap renders after hydration). */
const editor = (page: Page, section: string) => page.locator(`.ProseMirror#f-sections-${section}`);

async function openNewCaseForm(page: Page) {
  await visit(page, "/cases/new");
  // Every section has become a TipTap editor: the page is hydrated and enhanced.
  await expect.poll(() => page.locator(".ProseMirror[contenteditable=true]").count()).toBe(6);
}

describe("writing a case in the browser", () => {
  it("keeps everything typed through a failed submit, then saves and shows the case", async () => {
    const org = await createOrganisation();
    const editorUser = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
    const area = await createTestArea();
    const title = `Raskere svar på byggesøknader ${uniqueSuffix()}`;
    const summary = "Kommunen kuttet ventetiden på byggesøknader ved å ringe søkerne før vedtak.";

    const page = await browser.newPage();
    await loginInBrowser(page, editorUser.email, editorUser.password);
    await openNewCaseForm(page);

    // --- first attempt: title too short, no challenge area, a baseline that is not a number
    await page.getByLabel("Tittel", { exact: true }).fill("ab");
    await page.getByLabel("Sammendrag", { exact: true }).fill(summary);
    await editor(page, "challenge").click();
    await page.keyboard.type("Søkerne ventet i snitt tolv uker. ");
    // Bold from the toolbar with the keyboard: the toolbar is one Tab stop before the text.
    await page.keyboard.press("Shift+Tab");
    const bold = page.getByRole("button", { name: "Fet" }).first();
    expect(await bold.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    expect(await bold.getAttribute("aria-pressed")).toBe("true");
    // The button hands focus back to the text, where typing continues in bold.
    await expect.poll(() => editor(page, "challenge").evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("Det var for lenge");
    await expect.poll(() => editor(page, "challenge").locator("strong").textContent()).toBe("Det var for lenge");

    await page.getByLabel("Status", { exact: true }).selectOption("IMPLEMENTED");
    await page.getByLabel("E-postadresse", { exact: true }).fill("byggesak@example.test");
    await page.locator("#f-results-0-indicator").fill("Saksbehandlingstid");
    await page.locator("#f-results-0-unit").fill("uker");
    await page.locator("#f-results-0-baseline").fill("mye");
    await page.locator("#f-results-0-result").fill("7,9");
    await page.locator("#f-results-0-period").fill("2024");
    await page.getByRole("button", { name: "Opprett case" }).click();

    const summaryBox = page.getByRole("alert");
    await expect.poll(() => summaryBox.textContent()).toContain("Skjemaet har 3 feil");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role")), "focus on the error summary").toBe("alert");
    expect(page.url()).toMatch(/\/cases\/new$/);
    // Each problem next to its field, and the field marked invalid.
    expect(await page.locator("#f-title-error").textContent()).toBe("Tittelen må ha minst 3 tegn.");
    expect(await page.getByLabel("Tittel", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#f-challengeAreaIds-error").textContent()).toBe("Velg minst ett alternativ.");
    expect(await page.locator("#f-results-0-baseline-error").textContent()).toBe("Skriv et tall, for eksempel 12,5.");
    expect(await page.locator("#f-results-0-baseline").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#f-results-0-baseline").getAttribute("aria-describedby")).toContain("f-results-0-baseline-error");
    // Nothing typed is lost, the bold text included.
    expect(await page.getByLabel("Tittel", { exact: true }).inputValue()).toBe("ab");
    expect(await page.getByLabel("Sammendrag", { exact: true }).inputValue()).toBe(summary);
    await expect.poll(() => editor(page, "challenge").textContent()).toBe("Søkerne ventet i snitt tolv uker. Det var for lenge");
    expect(await editor(page, "challenge").locator("strong").textContent()).toBe("Det var for lenge");
    expect(await page.getByLabel("Status", { exact: true }).inputValue()).toBe("IMPLEMENTED");
    expect(await page.getByLabel("E-postadresse", { exact: true }).inputValue()).toBe("byggesak@example.test");
    const row = ["indicator", "unit", "baseline", "result", "period"];
    const rowValues = await Promise.all(row.map((f) => page.locator(`#f-results-0-${f}`).inputValue()));
    expect(rowValues).toEqual(["Saksbehandlingstid", "uker", "mye", "7,9", "2024"]);
    await page.screenshot({ path: "/tmp/case-form-errors.png", fullPage: true });

    // The summary's link takes the keyboard user to the field.
    await tabTo(page, summaryBox.getByRole("link", { name: /Utgangspunkt: Skriv et tall/ }), { max: 5 });
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("f-results-0-baseline");
    // ... and so does the skip link; neither may wipe the form (a hash change is a router
    // navigation that drops the action data: the errors and every echoed value).
    await page.locator(".skip-link").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    expect(await page.getByLabel("Sammendrag", { exact: true }).inputValue()).toBe(summary);
    expect(await editor(page, "challenge").textContent()).toBe("Søkerne ventet i snitt tolv uker. Det var for lenge");
    expect(await page.locator("#f-results-0-indicator").inputValue()).toBe("Saksbehandlingstid");
    expect(await page.getByRole("alert").textContent()).toContain("Skjemaet har 3 feil");
    await page.locator("#f-results-0-baseline").focus();

    // --- second attempt: corrected
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("8,4");
    await page.getByLabel("Tittel", { exact: true }).fill(title);
    await choose(page, "f-challengeAreaIds", area.nameNb);
    await page.getByRole("button", { name: "Opprett case" }).click();
    await page.waitForURL((url) => /^\/cases\/[a-z0-9-]+$/.test(url.pathname) && url.pathname !== "/cases/new");
    // The URL changes before React has rendered the new page.
    await expect.poll(() => page.locator("h1").textContent()).toBe(title);
    await expect.poll(() => page.locator(".case__flash").textContent()).toContain("Casen er lagret.");
    expect(await page.locator(".case__summary").textContent()).toBe(summary);
    const challenge = page.locator("section", { has: page.getByRole("heading", { name: "Utfordringen" }) });
    expect(await challenge.locator(".prose").textContent()).toBe("Søkerne ventet i snitt tolv uker. Det var for lenge");
    expect(await challenge.locator(".prose strong").textContent()).toBe("Det var for lenge");
    // Numbers in Norwegian: decimal comma, typographic minus.
    const cells = await page.locator("table.case__results tbody tr").first().locator("th, td").allTextContents();
    expect(cells.slice(0, 4)).toEqual(["Saksbehandlingstid", "uker", "8,4", "7,9"]);
    expect(cells[4].replace(/[\u00a0\u202f]/g, " ")).toBe("−0,5 (−6 %)");
    expect(await page.locator(".case__badges").textContent()).toContain("Innført");
    expect(await page.getByRole("link", { name: area.nameNb }).getAttribute("href")).toBe(`/areas/${area.slug}`);
    expect(await page.getByRole("link", { name: "byggesak@example.test" }).getAttribute("href")).toBe("mailto:byggesak@example.test");
    await page.screenshot({ path: "/tmp/case-page.png", fullPage: true });

    // Stored as written: the owner is the editor's organisation, the number is a number.
    const slug = new URL(page.url()).pathname.split("/")[2];
    const stored = await getCaseBySlug(slug);
    expect(stored?.ownerOrganisationId).toBe(org.id);
    expect(stored?.visibility).toBe("DRAFT");
    expect(stored?.results.map((r) => [r.baseline?.toString(), r.result?.toString()])).toEqual([["8.4", "7.9"]]);

    // Editing opens the same text in the editor, bold still bold.
    await page.getByRole("link", { name: "Rediger" }).click();
    await page.waitForURL((url) => url.pathname === `/cases/${slug}/edit`);
    await expect.poll(() => editor(page, "challenge").locator("strong").textContent()).toBe("Det var for lenge");
    expect(await page.getByLabel("Tittel", { exact: true }).inputValue()).toBe(title);
    expect(await page.locator("#f-results-0-result").inputValue()).toBe("7,9");
  });
});

describe("who sees a case in the browser", () => {
  /** Straight from the policy text (app/policies/case.ts); cross-checked against canViewCase below. */
  const EXPECTED: Record<Visibility, Record<"visitor" | "otherOrg" | "ownerMember", boolean>> = {
    DRAFT: { visitor: false, otherOrg: false, ownerMember: true },
    MEMBERS: { visitor: false, otherOrg: true, ownerMember: true },
    PUBLIC: { visitor: true, otherOrg: true, ownerMember: true },
  };

  it("shows DRAFT, MEMBERS and PUBLIC cases to exactly the people the policy allows", async () => {
    const [owner, other] = await Promise.all([createOrganisation(), createOrganisation()]);
    const [ownerMember, otherMember] = await Promise.all([
      createUser({ memberships: [{ organisationId: owner.id, role: "MEMBER" }] }),
      createUser({ memberships: [{ organisationId: other.id, role: "MEMBER" }] }),
    ]);
    const area = await createTestArea();
    const cases = {} as Record<Visibility, { slug: string; title: string; email: string }>;
    for (const visibility of ["DRAFT", "MEMBERS", "PUBLIC"] as const) {
      const c = await createFullCase({ ownerOrganisationId: owner.id, challengeAreaIds: [area.id], visibility });
      cases[visibility] = { slug: c.slug, title: c.title, email: c.contactEmail! };
      for (const [who, user] of [
        ["visitor", null],
        ["otherOrg", otherMember],
        ["ownerMember", ownerMember],
      ] as const) {
        const viewer = user ? viewerOf(user) : null;
        expect(canViewCase(viewer, { visibility, ownerOrganisationId: owner.id, coOwnerIds: [] }), `${visibility}/${who}`).toBe(
          EXPECTED[visibility][who],
        );
      }
    }

    const pages = {
      visitor: await browser.newPage(),
      otherOrg: await browser.newPage(),
      ownerMember: await browser.newPage(),
    };
    await Promise.all([
      loginInBrowser(pages.otherOrg, otherMember.email, otherMember.password),
      loginInBrowser(pages.ownerMember, ownerMember.email, ownerMember.password),
    ]);

    for (const visibility of ["DRAFT", "MEMBERS", "PUBLIC"] as const) {
      const c = cases[visibility];
      for (const who of ["visitor", "otherOrg", "ownerMember"] as const) {
        const page = pages[who];
        const label = `${visibility} case as ${who}`;
        const response = await visit(page, `/cases/${c.slug}`);
        const text = (await page.locator("main").textContent()) ?? "";
        if (EXPECTED[visibility][who]) {
          expect(response?.status(), label).toBe(200);
          expect(await page.locator("h1").textContent(), label).toBe(c.title);
          expect(await page.title(), label).toBe(c.title);
          if (who === "visitor") {
            // Contact details never reach a visitor's browser; a way to log in is offered instead.
            expect(await page.content(), label).not.toContain(c.email);
            expect(text, label).toContain("Logg inn for å se hvem du kan kontakte om denne casen.");
          } else {
            expect(await page.getByRole("link", { name: c.email }).getAttribute("href"), label).toBe(`mailto:${c.email}`);
          }
        } else {
          // The same not-found page as for a case that does not exist: nothing about the case leaks.
          expect(response?.status(), label).toBe(404);
          expect(await page.locator("h1").textContent(), label).toBe("Fant ikke siden");
          expect(text, label).toContain("Vi fant ikke siden du lette etter.");
          const html = await page.content();
          expect(html, label).not.toContain(c.title);
          expect(html, label).not.toContain(c.email);
        }
      }
    }
  });
});
