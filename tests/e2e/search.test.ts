/**
 * Search in a real browser: results follow the typing without a page load, ticking a
 * filter puts it in the URL and the back button takes it away again, the count is
 * announced, on a phone the filters fold away (keyboard, without JavaScript), and axe finds
 * nothing on the page with results, without results, in English.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectNoAxeViolations } from "../support/browser";
import { useBrowser, visit, waitForHydration } from "../support/browser-session";
import { createOrganisation, uniqueSuffix } from "../support/factories";
import { createArea, createTestCase } from "../support/home-factories";
import { waitForIndexed } from "../support/search";

const browser = useBrowser();
const token = `ekte${uniqueSuffix()}`;

beforeAll(async () => {
  const [a, b] = await Promise.all([createOrganisation({ fylke: "Agder" }), createOrganisation({ fylke: "Troms" })]);
  const area = await createArea();
  const created = [
    await createTestCase({
      ownerOrganisationId: a.id,
      challengeAreaIds: [area.id],
      visibility: "PUBLIC",
      title: `Nærværsarbeid ${token} i barnehagen`,
    }),
    await createTestCase({
      ownerOrganisationId: b.id,
      challengeAreaIds: [area.id],
      visibility: "PUBLIC",
      title: `Heltidskultur ${token} i omsorg`,
      status: "IMPLEMENTED",
    }),
    await createTestCase({
      ownerOrganisationId: b.id,
      challengeAreaIds: [area.id],
      visibility: "PUBLIC",
      title: `Rekruttering ${token} av sykepleiere`,
    }),
  ];
  await waitForIndexed(created);
});

describe("search in the browser", () => {
  it("shows results as you type, without reloading the page", async () => {
    const page = await browser.newPage();
    await visit(page, "/search");
    await waitForHydration(page);
    // A marker on window survives client-side navigation only.
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    const field = page.locator("#search-q");
    await field.click();
    await page.keyboard.type(token, { delay: 30 });
    await expect.poll(() => page.locator(".search-count").textContent()).toBe(`3 caser funnet for «${token}».`);
    expect(await page.locator(".search-count").getAttribute("aria-live")).toBe("polite");
    expect(await page.locator(".search-hit__title mark").first().textContent()).toBe(token);
    expect(new URL(page.url()).searchParams.get("q")).toBe(token);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    // Focus stayed in the field, and typing on brings the best match to the top.
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(" sykepleiere", { delay: 30 });
    await expect.poll(() => page.locator(".search-hit__title").first().textContent()).toBe(`Rekruttering ${token} av sykepleiere`);
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(`${token} sykepleiere`);
    expect(await page.locator(".search-hit__title").first().locator("mark").allTextContents()).toEqual([token, "sykepleiere"]);
    expect(await field.inputValue()).toBe(`${token} sykepleiere`);
  });

  it("a ticked filter goes into the URL and the back button takes it away", async () => {
    const page = await browser.newPage();
    await visit(page, `/search?q=${token}`);
    await waitForHydration(page);
    await expect.poll(() => page.locator(".search-hit").count()).toBe(3);
    await page.getByLabel("Troms (2)").check();
    await page.waitForURL((url) => url.searchParams.get("fylke") === "Troms");
    await expect.poll(() => page.locator(".search-hit").count()).toBe(2);
    expect(new URL(page.url()).search, "the same URL the server links to").toBe(`?q=${token}&fylke=Troms`);
    expect(await page.getByLabel("Troms (2)").isChecked()).toBe(true);
    // The active filter is shown as a removable chip.
    expect(await page.getByRole("link", { name: "Fjern filteret Troms" }).count()).toBe(1);

    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has("fylke"));
    await expect.poll(() => page.locator(".search-hit").count()).toBe(3);
    expect(await page.getByLabel("Troms (2)").isChecked()).toBe(false);
    expect(await page.locator("#search-q").inputValue()).toBe(token);

    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get("fylke") === "Troms");
    await expect.poll(() => page.locator(".search-hit").count()).toBe(2);
  });

  it("the header search goes to the search page", async () => {
    const page = await browser.newPage();
    await visit(page, "/");
    await waitForHydration(page);
    await page.getByRole("search").getByRole("searchbox").fill(token);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === token);
    await expect.poll(() => page.locator(".search-hit").count()).toBe(3);
  });

  it("on a phone the filters fold away behind a button, so the results come first", async () => {
    const phone = { width: 390, height: 844 };
    const page = await browser.newPage({ viewport: phone });
    await visit(page, `/search?q=${token}&fylke=Troms`);
    await waitForHydration(page);
    const toggle = page.locator(".search-facets__toggle");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await toggle.textContent()).toBe("Avgrens søket (ett valgt)");
    expect(await page.getByLabel("Troms (2)").isVisible()).toBe(false);
    // The first hit starts on the first screen, not below some 20 filter options.
    const firstHit = await page.locator(".search-hit").first().boundingBox();
    expect(firstHit && firstHit.y < phone.height, `first hit at y=${firstHit?.y}`).toBe(true);

    // Keyboard only: from the search field, Tab reaches the button, Enter opens the filters.
    await page.locator("#search-q").focus();
    // Designsystemet's Search: while the field has text, Tab first reaches its clear button.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Fjern tekst");
    await page.keyboard.press("Tab"); // the search button
    await page.keyboard.press("Tab");
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    expect(await page.locator(`#${await toggle.getAttribute("aria-controls")}`).isVisible()).toBe(true);
    await page.keyboard.press("Tab"); // the sort order
    await page.keyboard.press("Tab"); // the first filter option
    await page.keyboard.press("Space");
    await page.waitForURL((url) => url.searchParams.getAll("area").length === 1);
    // The filters stay open while the person is using them, and the count follows.
    await expect.poll(() => toggle.textContent()).toBe("Avgrens søket (2 valgt)");
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await expectNoAxeViolations(page, "search on a phone, filters open");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Space");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByLabel("Troms (2)").isVisible()).toBe(false);

    // On a wide screen there is nothing to fold: the heading is text and the filters show.
    const desktop = await browser.newPage();
    await visit(desktop, `/search?q=${token}`);
    await waitForHydration(desktop);
    expect(await desktop.locator(".search-facets__toggle").isVisible()).toBe(false);
    expect(await desktop.getByRole("heading", { name: "Avgrens søket" }).isVisible()).toBe(true);
    expect(await desktop.getByLabel("Troms (2)").isVisible()).toBe(true);

    // Without JavaScript a phone gets the filters open: no button could open them.
    const noJs = await browser.newPage({ viewport: phone, javaScript: false });
    await visit(noJs, `/search?q=${token}`);
    expect(await noJs.locator(".search-facets__toggle").count()).toBe(0);
    expect(await noJs.getByLabel("Troms (2)").isVisible()).toBe(true);
  });

  it("has no axe violations with results, without results, and in English", async () => {
    const page = await browser.newPage();
    for (const [path, lang] of [
      [`/search?q=${token}&fylke=Troms`, "nb"],
      [`/search?q=${token}zzzz&status=SCALED`, "nb"],
      [`/search?q=${token}`, "en"],
      [`/search?q=ingenting${token}`, "en"],
    ] as const) {
      await page.context().addCookies([{ name: "lb_lang", value: lang, url: baseUrl() }]);
      await visit(page, path);
      await waitForHydration(page);
      expect(await page.locator("h1").count(), path).toBe(1);
      await expectNoAxeViolations(page, `${path} (${lang})`);
    }
  });
});
