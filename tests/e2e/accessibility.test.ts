/**
 * axe-core (WCAG 2.1 A + AA) on every page template, in bokmål and English, after
 * hydration (so client-only parts such as the rich-text editors are checked too).
 * Each page is also checked to be the page we meant (status, <html lang>, not the error
 * panel unless expected), so a redirect or a 404 cannot pass in its place.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectNoAxeViolations, loginInBrowser } from "../support/browser";
import { useBrowser, visit, waitForHydration } from "../support/browser-session";
import { createFullCase, createTestArea } from "../support/case-factories";
import { createOrganisation, createUser } from "../support/factories";

const browser = useBrowser();

type Lang = "nb" | "en";
const LANGS: Lang[] = ["nb", "en"];
const ERROR_TITLE: Record<Lang, string> = { nb: "Noe gikk galt", en: "Something went wrong" };

let fixture: {
  admin: { email: string; password: string };
  orgId: string;
  area: { id: string; slug: string };
  publicSlug: string;
};

beforeAll(async () => {
  const org = await createOrganisation();
  // A platform admin who is also admin of an organisation sees every page there is.
  const admin = await createUser({ platformRole: "ADMIN", memberships: [{ organisationId: org.id, role: "ADMIN" }] });
  const area = await createTestArea();
  const c = await createFullCase({ ownerOrganisationId: org.id, challengeAreaIds: [area.id], visibility: "PUBLIC", actorId: admin.id });
  fixture = { admin, orgId: org.id, area: { id: area.id, slug: area.slug }, publicSlug: c.slug };
});

async function setLang(page: Page, lang: Lang) {
  await page.context().addCookies([{ name: "lb_lang", value: lang, url: baseUrl() }]);
}

/** Opens `path` in each language, checks it is the intended page, and runs axe on it. */
async function checkPage(page: Page, path: string, options: { status?: number; errorPage?: boolean; langs?: Lang[] } = {}) {
  for (const lang of options.langs ?? LANGS) {
    await setLang(page, lang);
    const response = await visit(page, path);
    const label = `${path} (${lang})`;
    expect(response?.status(), label).toBe(options.status ?? 200);
    expect(new URL(page.url()).pathname, `${label}: no redirect`).toBe(path.split("?")[0]);
    expect(await page.evaluate(() => document.documentElement.lang), label).toBe(lang);
    const h1 = await page.locator("h1").allTextContents();
    expect(h1, `${label}: one h1`).toHaveLength(1);
    if (options.errorPage) expect(h1[0], label).toBe(ERROR_TITLE[lang]);
    else expect(h1[0], `${label} is not the error page`).not.toBe(ERROR_TITLE[lang]);
    await waitForHydration(page);
    await expectNoAxeViolations(page, label);
  }
}

describe("axe on every page template", () => {
  it("public pages, as a visitor", async () => {
    const page = await browser.newPage();
    await checkPage(page, "/");
    await checkPage(page, "/areas");
    await checkPage(page, `/areas/${fixture.area.slug}`);
    expect(await page.locator(".case-card").count(), "the area page lists the case").toBeGreaterThan(0);
    await checkPage(page, `/cases/${fixture.publicSlug}`);
    expect(await page.locator("table.case__results").count(), "case page with a results table").toBe(1);
    await checkPage(page, "/login");
    await checkPage(page, "/forgot-password");
    await checkPage(page, "/reset-password/not-a-real-token", { status: 404 });
    expect(await page.getByRole("alert").count(), "the invalid-link message").toBe(1);
    await checkPage(page, "/finnes-ikke", { status: 404, errorPage: true });
    await checkPage(page, "/cases/finnes-ikke", { status: 404, errorPage: true });
  });

  it("login with errors", async () => {
    const page = await browser.newPage();
    for (const lang of LANGS) {
      await setLang(page, lang);
      await visit(page, "/login");
      await waitForHydration(page);
      await page.locator("form.form button[type=submit]").click();
      await page.getByRole("alert").waitFor();
      expect(await page.locator("[aria-invalid=true]").count(), `login errors (${lang})`).toBeGreaterThan(0);
      await expectNoAxeViolations(page, `/login with errors (${lang})`);
    }
  });

  it("pages for a signed-in editor, organisation admin and platform admin", async () => {
    const page = await browser.newPage();
    await loginInBrowser(page, fixture.admin.email, fixture.admin.password);
    await checkPage(page, "/");
    await checkPage(page, `/cases/${fixture.publicSlug}`);
    expect(await page.locator(".case__contact a[href^='mailto:']").count(), "signed in: the contact is shown").toBe(1);
    await checkPage(page, "/cases/new");
    expect(await page.locator(".ProseMirror[contenteditable=true]").count(), "editors are on the page").toBe(6);
    await checkPage(page, `/cases/${fixture.publicSlug}/edit`);
    expect(await page.locator(".ProseMirror[contenteditable=true]").count(), "editors are on the page").toBe(6);
    await checkPage(page, `/cases/${fixture.publicSlug}/delete`);
    await checkPage(page, "/organisation");
    await checkPage(page, "/profile");
    await checkPage(page, "/admin");
    await checkPage(page, "/admin/organisations");
    await checkPage(page, "/admin/organisations/new");
    await checkPage(page, `/admin/organisations/${fixture.orgId}`);
    await checkPage(page, "/admin/challenge-areas");
    await checkPage(page, "/admin/challenge-areas/new");
    await checkPage(page, `/admin/challenge-areas/${fixture.area.id}`);
    // The 404 page knows the language and the signed-in user (the root loader runs for it).
    await checkPage(page, "/finnes-ikke", { status: 404, errorPage: true });
    expect(await page.getByRole("button", { name: "Log out" }).count(), "still signed in on the 404 page").toBe(1);
  });

  it("the case form with errors", async () => {
    const page = await browser.newPage();
    await loginInBrowser(page, fixture.admin.email, fixture.admin.password);
    for (const lang of LANGS) {
      await setLang(page, lang);
      await visit(page, "/cases/new");
      await expect.poll(() => page.locator(".ProseMirror[contenteditable=true]").count()).toBe(6);
      // A baseline that is not a number puts errors inside the results table too.
      await page.locator("#f-results-0-baseline").fill("x");
      await page.getByRole("button", { name: lang === "nb" ? "Opprett case" : "Create case" }).click();
      await page.getByRole("alert").waitFor();
      const invalid = await page.locator("[aria-invalid=true]").evaluateAll((els) => els.map((e) => e.id));
      expect(invalid, `/cases/new errors (${lang})`).toEqual(expect.arrayContaining(["f-title", "f-summary", "f-results-0-baseline"]));
      await expectNoAxeViolations(page, `/cases/new with errors (${lang})`);
    }
  });
});
