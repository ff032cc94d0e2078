/**
 * Facts for reuse in a real browser, keyboard only: the closed "Fakta for gjenbruk" group is
 * one Tab stop, opens with Enter, takes the facts and a report link (added in place with
 * JavaScript), saves, and the case page shows the facts box - in bokmål and English, with no
 * axe violations and no sideways scrolling at 390 px.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getCaseById } from "~/models/case.server";
import { baseUrl, expectNoAxeViolations, loginInBrowser } from "../support/browser";
import { tabTo, useBrowser, visit, waitForHydration, type BrowserLocale } from "../support/browser-session";
import { createFullCase, createTestArea } from "../support/case-factories";
import { createOrganisation, createUser } from "../support/factories";

const browser = useBrowser();
const PHONE = { width: 390, height: 844 };

let editor: { email: string; password: string };
let orgId: string;
let areaId: string;

beforeAll(async () => {
  const org = await createOrganisation();
  orgId = org.id;
  areaId = (await createTestArea()).id;
  editor = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
});

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

const TEXT = {
  "nb-NO": {
    summary: "Fakta for gjenbruk (valgfritt)",
    cost: "Engangskostnad (kroner)",
    inhabitants: "Innbyggere i kommunen",
    effort: "Innsats (månedsverk)",
    addLink: "Legg til en lenke til",
    linkTitle: "Tittel på rapporten",
    linkUrl: "Adresse til rapporten",
    save: "Lagre endringer",
    box: "Fakta for gjenbruk",
    shown: ["kr 1 200 000", "1,5 månedsverk", "ca. 31 000 innbyggere"],
    effortTyped: "1,5",
  },
  "en-US": {
    summary: "Facts for reuse (optional)",
    cost: "One-off cost (NOK)",
    inhabitants: "Inhabitants of the municipality",
    effort: "Effort (person-months)",
    addLink: "Add another link",
    linkTitle: "Report title",
    linkUrl: "Report address",
    save: "Save changes",
    box: "Facts for reuse",
    shown: ["NOK 1,200,000", "1.5 person-months", "approx. 31,000 inhabitants"],
    effortTyped: "1.5",
  },
} as const;

describe("facts for reuse by keyboard", () => {
  for (const locale of ["nb-NO", "en-US"] as BrowserLocale[]) {
    it(`opens the group, fills the facts, adds a link, saves and shows the facts box (${locale})`, async () => {
      const text = TEXT[locale];
      const c = await createFullCase({ ownerOrganisationId: orgId, challengeAreaIds: [areaId], visibility: "PUBLIC" });
      const page = await browser.newPage({ locale });
      await page.context().addCookies([{ name: "lb_lang", value: locale === "nb-NO" ? "nb" : "en", url: baseUrl() }]);
      await loginInBrowser(page, editor.email, editor.password);
      await visit(page, `/cases/${c.slug}/edit`);
      await waitForHydration(page);

      const summary = page.locator("details.reuse-facts > summary");
      expect(await summary.textContent()).toBe(text.summary);
      expect(await page.locator("details.reuse-facts").evaluate((d) => (d as HTMLDetailsElement).open), "closed without facts").toBe(false);
      // Closed, the whole group is one Tab stop: from the summary, Tab leaves the group.
      await page.locator("#f-results-0-indicator").focus();
      await tabTo(page, summary, { max: 10 });
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator("details.reuse-facts").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);

      await page.locator("#f-costOneOffNok").waitFor({ state: "visible" });
      // The first Tab stop inside the opened group is its first field.
      await tabTo(page, page.locator("#f-costOneOffNok"), { max: 1 });
      await page.keyboard.type("1 200 000");
      await tabTo(page, page.getByLabel(text.effort), { max: 4 });
      await page.keyboard.type(text.effortTyped);
      await tabTo(page, page.getByLabel(text.inhabitants), { max: 4 });
      await page.keyboard.type("ca. 31 000");
      await tabTo(page, page.locator("#f-reportLinks-0-title"), { max: 6 });
      await page.keyboard.type("Sluttrapport");
      await page.keyboard.press("Tab");
      await page.keyboard.type("www.ks.no/sluttrapport");
      // "Add another link" adds a row in place (JavaScript) and moves focus into it.
      await tabTo(page, page.getByRole("button", { name: text.addLink }), { max: 3 });
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("f-reportLinks-1-title");
      expect(new URL(page.url()).pathname, "no round trip to the server").toBe(`/cases/${c.slug}/edit`);
      await page.keyboard.type("Evaluering");
      await page.keyboard.press("Tab");
      await page.keyboard.type("https://www.ks.no/evaluering");
      await expectNoAxeViolations(page, `edit form with the facts open (${locale})`);

      await tabTo(page, page.getByRole("button", { name: text.save, exact: true }), { max: 10 });
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname === `/cases/${c.slug}`);
      const box = page.locator("section.reuse-box");
      await box.waitFor();
      expect(await box.getByRole("heading").textContent()).toBe(text.box);
      const boxText = await box.textContent();
      for (const s of text.shown) expect(boxText).toContain(s);
      expect(await box.getByRole("link", { name: "Sluttrapport" }).getAttribute("href")).toBe("https://www.ks.no/sluttrapport");
      expect(await box.getByRole("link", { name: "Evaluering" }).getAttribute("href")).toBe("https://www.ks.no/evaluering");
      await expectNoAxeViolations(page, `case page with facts (${locale})`);

      const stored = (await getCaseById(c.id))!;
      expect(stored.costOneOffNok).toBe(1_200_000);
      expect(stored.inhabitants).toBe(31_000);
      expect(stored.effortPersonMonths?.toString()).toBe("1.5");
      expect(stored.reportLinks).toHaveLength(2);
    }, 90_000);
  }

  it("at 390 px neither the case page with facts nor the open facts group scrolls sideways", async () => {
    const c = await createFullCase({ ownerOrganisationId: orgId, challengeAreaIds: [areaId], visibility: "PUBLIC" });
    const page = await browser.newPage({ viewport: PHONE });
    await loginInBrowser(page, editor.email, editor.password);
    await visit(page, `/cases/${c.slug}/edit`);
    await waitForHydration(page);
    await page.locator("details.reuse-facts > summary").click();
    await page.locator("#f-costOneOffNok").fill("1 200 000");
    await page.locator("#f-prerequisites").fill("En lang forutsetning ".repeat(40));
    await page.locator("#f-reportLinks-0-url").fill(`https://www.ks.no/${"en-svært-lang-adresse-".repeat(10)}`);
    expect(await pageWidth(page), "edit page with the facts open").toBeLessThanOrEqual(390);
    await page.locator("#f-durationMonths").fill("18");
    await page.getByRole("button", { name: "Lagre endringer", exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/cases/${c.slug}`);
    await page.locator("section.reuse-box").waitFor();
    expect(await pageWidth(page), "case page with the facts box").toBeLessThanOrEqual(390);
  }, 60_000);

  it("without JavaScript the group opens and 'add another link' re-renders with everything kept", async () => {
    const c = await createFullCase({ ownerOrganisationId: orgId, challengeAreaIds: [areaId], visibility: "PUBLIC" });
    const page = await browser.newPage({ javaScript: false });
    await loginInBrowser(page, editor.email, editor.password);
    await visit(page, `/cases/${c.slug}/edit`);
    const summary = page.locator("details.reuse-facts > summary");
    await summary.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("details.reuse-facts").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await page.locator("#f-reportLinks-0-url").fill("https://www.ks.no/en");
    await page.locator("#f-durationMonths").fill("atten");
    // By keyboard (Designsystemet animates the opening group; a keyboard user need not wait for it).
    await page.getByRole("button", { name: "Legg til en lenke til" }).focus();
    await page.keyboard.press("Enter");
    await page.locator("#f-reportLinks-1-url").waitFor({ state: "attached" });
    expect(await page.locator("details.reuse-facts").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator("#f-reportLinks-0-url").inputValue()).toBe("https://www.ks.no/en");
    expect(await page.locator("#f-durationMonths").inputValue()).toBe("atten");
  }, 60_000);
});
