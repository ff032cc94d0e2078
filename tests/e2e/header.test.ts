/**
 * Issue 15, defect 2: the signed-in header. On a 390 px phone it does not scroll sideways and
 * stays compact (the user's links and "Logg ut" behind a "Meny" disclosure; open without
 * JavaScript); at 1280 px it does not wrap for an organisation admin who is also a facilitator
 * (the longest menu), in either language.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, loginInBrowser } from "../support/browser";
import { useBrowser, visit, waitForHydration } from "../support/browser-session";
import { createOrganisation, createUser } from "../support/factories";

const browser = useBrowser();
const PHONE = { width: 390, height: 844 };

let admin: { email: string; password: string };

beforeAll(async () => {
  const org = await createOrganisation();
  admin = await createUser({ memberships: [{ organisationId: org.id, role: "ADMIN" }], platformRole: "ADMIN" });
});

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const headerHeight = (page: Page) => page.locator("header").evaluate((el) => el.getBoundingClientRect().height);
const nav = (page: Page) => page.getByRole("navigation", { name: /Hovedmeny|Main menu/ });

describe("the signed-in header on a phone", () => {
  it("is compact, never wider than the screen, and opens its menu with the keyboard", async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await loginInBrowser(page, admin.email, admin.password);
    await visit(page, "/");
    await waitForHydration(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    const height = await headerHeight(page);
    expect(height, "header height at 390 px (was about 170-245 px)").toBeLessThanOrEqual(130);
    expect(await nav(page).isVisible(), "links are behind the menu button").toBe(false);

    const toggle = page.getByRole("button", { name: "Meny" });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.focus();
    await page.keyboard.press("Enter");
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    const links = nav(page).getByRole("link");
    expect(await links.allTextContents()).toEqual([
      "Forside",
      "Ny case",
      "Min organisasjon",
      "Administrasjon",
      "Mine sider",
      "Varsler",
      "Profil",
    ]);
    for (const box of await links.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON()))) {
      expect(box.right, "every link on screen").toBeLessThanOrEqual(390);
    }
    expect(await page.getByRole("button", { name: "Logg ut" }).isVisible()).toBe(true);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);

    // Escape closes it and gives focus back to the button.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Escape");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);

    // A followed link closes the menu.
    await toggle.click();
    await nav(page).getByRole("link", { name: "Profil" }).click();
    await page.waitForURL((url) => url.pathname === "/profile");
    await expect.poll(() => toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await nav(page).isVisible()).toBe(false);
  });

  it("without JavaScript shows every link and 'Logg ut', still within 390 px", async () => {
    const page = await browser.newPage({ viewport: PHONE, javaScript: false });
    await loginInBrowser(page, admin.email, admin.password);
    await visit(page, "/");
    expect(await page.getByRole("button", { name: "Meny" }).count()).toBe(0);
    expect(await nav(page).getByRole("link", { name: "Profil" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Logg ut" }).isVisible()).toBe(true);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  });
});

describe("the header at 1280 px", () => {
  for (const locale of ["nb", "en"] as const) {
    it(`does not wrap for an admin and facilitator (${locale})`, async () => {
      const page = await browser.newPage({ locale: locale === "en" ? "en-US" : "nb-NO" });
      if (locale === "en") await page.context().addCookies([{ name: "lb_lang", value: "en", url: baseUrl() }]);
      await loginInBrowser(page, admin.email, admin.password);
      await visit(page, "/");
      await waitForHydration(page);
      expect(await page.getByRole("button", { name: /^(Meny|Menu)$/ }).isVisible()).toBe(false);
      const tops = await nav(page)
        .getByRole("link")
        .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
      expect(tops.length).toBe(7);
      expect(new Set(tops).size, "all menu links on one row").toBe(1);
      const rowTop = async (name: RegExp) =>
        page
          .locator("header")
          .getByRole("button", { name })
          .evaluate((el) => Math.round(el.getBoundingClientRect().top));
      expect(await rowTop(/^(Logg ut|Log out)$/)).toBe(await rowTop(/^(English|Norsk)$/));
      expect(await headerHeight(page)).toBeLessThanOrEqual(125);
      expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
    });
  }
});
