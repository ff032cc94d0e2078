/**
 * Issue 15, defect 3 (WCAG 3.1.2): a case has a content language (nb, nn, en), chosen on the
 * form (with and without JavaScript), and its text is marked with lang= wherever it is shown -
 * the case page (title, summary, sections, numbers), cards and search hits - in either
 * interface language. The history shows a change of language like any other fact.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getCaseBySlug } from "~/models/case.server";
import { baseUrl, expectNoAxeViolations, loginInBrowser } from "../support/browser";
import { useBrowser, visit, waitForHydration } from "../support/browser-session";
import { createTestArea } from "../support/case-factories";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { choose } from "../support/pickers";
import { waitForIndexed } from "../support/search";

const browser = useBrowser();
const token = `målform${uniqueSuffix()}`;

let editor: { email: string; password: string };
let area: { id: string; slug: string; nameNb: string };

beforeAll(async () => {
  const org = await createOrganisation();
  editor = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
  area = await createTestArea();
});

/** The language the element is in: its own lang= or the nearest ancestor's. */
const langOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => el.closest("[lang]")?.getAttribute("lang") ?? null);
const slugOf = (page: Page) => new URL(page.url()).pathname.split("/")[2];

async function waitForCasePage(page: Page) {
  await page.waitForURL((url) => /^\/cases\/[a-z0-9-]+$/.test(url.pathname) && url.pathname !== "/cases/new");
}

describe("a case's content language", () => {
  it("is chosen on the form and marks the case's text on its page, cards and search hits", async () => {
    const page = await browser.newPage();
    await loginInBrowser(page, editor.email, editor.password);
    await visit(page, "/cases/new");
    await expect.poll(() => page.locator(".ProseMirror[contenteditable=true]").count()).toBe(6);
    const title = `Heiltidskultur på nynorsk ${token}`;
    await page.locator("#f-title").fill(title);
    await page.getByLabel("Sammendrag", { exact: true }).fill("Kommunen prøvde lengre vakter i heimetenesta.");
    await page.locator(".ProseMirror#f-sections-challenge").click();
    await page.keyboard.type("Mange tilsette hadde små stillingar.");
    await page.locator('input[name="visibility"][value="PUBLIC"]').check();
    await choose(page, "f-challengeAreaIds", area.nameNb);
    const language = page.getByLabel("Språket casen er skrevet på");
    expect(await language.inputValue(), "bokmål unless chosen").toBe("nb");
    await language.selectOption("nn");
    await page.getByRole("button", { name: "Opprett case" }).click();
    await waitForCasePage(page);
    const slug = slugOf(page);
    expect((await getCaseBySlug(slug))?.contentLanguage).toBe("nn");

    await expect.poll(() => page.locator("h1").textContent()).toBe(title);
    expect(await langOf(page, "h1#case-title")).toBe("nn");
    expect(await langOf(page, ".case__summary")).toBe("nn");
    // The section's text (static, or the live read-only editor once it has synced).
    expect(await langOf(page, '[aria-labelledby="section-challenge"] .prose')).toBe("nn");
    expect(await page.locator(".case__facts").textContent()).toContain("Nynorsk");
    // The interface around it keeps the page's language.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("nb");
    expect(await langOf(page, "#section-challenge")).toBe("nb");

    // In the English interface the content is still marked as nynorsk.
    const english = await browser.newPage({ locale: "en-US" });
    await english.context().addCookies([{ name: "lb_lang", value: "en", url: baseUrl() }]);
    await visit(english, `/cases/${slug}`);
    expect(await english.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await langOf(english, "h1#case-title")).toBe("nn");
    expect(await english.locator(".case__facts").textContent()).toContain("Norwegian Nynorsk");
    await expectNoAxeViolations(english, "a nynorsk case in the English interface");

    // Cards (the area page) and search hits.
    const stored = await getCaseBySlug(slug);
    await waitForIndexed([stored!]);
    await visit(english, `/areas/${area.slug}`);
    expect(await langOf(english, `#case-card-${slug}`)).toBe("nn");
    await visit(english, `/search?q=${encodeURIComponent(token)}`);
    expect(await langOf(english, ".search-hit__title")).toBe("nn");
    expect(await langOf(english, ".search-hit__snippet")).toBe("nn");
    // ...and the language is a filter there.
    await visit(english, `/search?q=${encodeURIComponent(token)}&lang=en`);
    expect(await english.locator(".search-hit").count()).toBe(0);
    await visit(english, `/search?q=${encodeURIComponent(token)}&lang=nn`);
    expect(await english.locator(".search-hit").count()).toBe(1);

    // Changing it is a change in the history.
    await visit(page, `/cases/${slug}/edit`);
    await waitForHydration(page);
    await page.getByLabel("Språket casen er skrevet på").selectOption("en");
    await page.getByRole("button", { name: "Lagre endringer" }).click();
    await page.waitForURL((url) => url.pathname === `/cases/${slug}`);
    await expect.poll(async () => (await getCaseBySlug(slug))?.contentLanguage).toBe("en");
    await visit(page, `/cases/${slug}/history`);
    // The oldest version (nynorsk), compared with now (English).
    await page.locator("main a[href*='/history/']").last().click();
    await page.waitForURL((url) => url.pathname.includes("/history/"));
    await expect.poll(() => page.locator("main").textContent()).toContain("Språk");
    expect(await page.locator("main").textContent()).toContain("Nynorsk");
    expect(await page.locator("main").textContent()).toContain("Engelsk");
  });

  it("is chosen without JavaScript too", async () => {
    const page = await browser.newPage({ javaScript: false });
    await loginInBrowser(page, editor.email, editor.password);
    await visit(page, "/cases/new");
    await page.locator("#f-title").fill(`An English case ${token}`);
    await page.getByLabel("Sammendrag", { exact: true }).fill("A case written in English, long enough to save.");
    await page.getByLabel(area.nameNb).check();
    await page.getByLabel("Språket casen er skrevet på").selectOption("en");
    await page.getByRole("button", { name: "Opprett case" }).click();
    await waitForCasePage(page);
    expect((await getCaseBySlug(slugOf(page)))?.contentLanguage).toBe("en");
    expect(await langOf(page, "h1#case-title")).toBe("en");
  });
});
