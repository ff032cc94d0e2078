/**
 * Language switching as a visitor and as a user, and the site used with the keyboard
 * only: skip link, header, login and the whole case form without touching the mouse.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createTestArea } from "../support/case-factories";
import { expectVisibleFocus, tabTo, useBrowser, visit, waitForHydration } from "../support/browser-session";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { choose } from "../support/pickers";

const browser = useBrowser();

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
const isFocused = (page: Page, selector: string) => page.locator(selector).evaluate((el) => el === document.activeElement);

describe("language", () => {
  it("switches to English with the header button, remembers it, and switches back after login", async () => {
    const user = await createUser({ locale: "en" });
    const page = await browser.newPage({ locale: "nb-NO" });
    await visit(page, "/");
    expect(await htmlLang(page)).toBe("nb");
    expect(await page.locator("h1").textContent()).toBe("Løsninger kommuner faktisk har prøvd");
    const toEnglish = page.getByRole("button", { name: "English" });
    expect(await toEnglish.getAttribute("lang"), "the button's text is marked as English").toBe("en");

    await toEnglish.click();
    await expect.poll(() => htmlLang(page)).toBe("en");
    expect(new URL(page.url()).pathname, "stays on the same page").toBe("/");
    // react-i18next hands components the new language's t() in an effect right after the
    // render that switched <html lang>: the text follows a moment later, so wait for it.
    await expect.poll(() => page.locator("h1").textContent()).toBe("Solutions municipalities have actually tried");
    expect(await page.locator(".skip-link").textContent()).toBe("Skip to main content");
    expect(await page.getByRole("navigation", { name: "Main menu" }).getByRole("link").first().textContent()).toBe("Home");
    expect(await page.getByRole("button", { name: "Norsk" }).getAttribute("lang")).toBe("nb");

    // Remembered: a link inside the app, and a full page load.
    await page.getByRole("link", { name: "See all challenge areas" }).click();
    await page.waitForURL((url) => url.pathname === "/areas");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Challenge areas");
    await visit(page, "/login");
    expect(await htmlLang(page)).toBe("en");
    expect(await page.locator("h1").textContent()).toBe("Log in");
    expect(await page.title()).toContain("Log in");

    await page.getByLabel("E-mail address").fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("button", { name: "Log out" }).waitFor();
    expect(await htmlLang(page)).toBe("en");

    // Back to Norwegian as a signed-in user: the page changes and the profile remembers it.
    await page.getByRole("button", { name: "Norsk" }).click();
    await expect.poll(() => htmlLang(page)).toBe("nb");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Løsninger kommuner faktisk har prøvd");
    expect(await page.getByRole("button", { name: "Logg ut" }).isVisible()).toBe(true);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("nb");

    // A new browser set to English still starts in bokmål (Norwegian first; the browser's
    // language is not a choice the user made here); a user who saved English gets English
    // as soon as they log in there.
    const englishUser = await createUser({ locale: "en" });
    const other = await browser.newPage({ locale: "en-US" });
    await visit(other, "/login");
    expect(await htmlLang(other)).toBe("nb");
    await other.getByLabel("E-postadresse").fill(englishUser.email);
    await other.getByLabel("Passord", { exact: true }).fill(englishUser.password);
    await other.getByRole("button", { name: "Logg inn" }).click();
    await other.getByRole("button", { name: "Log out" }).waitFor();
    expect(await htmlLang(other)).toBe("en");
  });
});

describe("keyboard only", () => {
  it("skip link first, then header, login and the case form without the mouse", async () => {
    const org = await createOrganisation();
    const user = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
    const area = await createTestArea();
    const title = `Tastaturcase ${uniqueSuffix()}`;
    const page = await browser.newPage();

    // The first Tab on a fresh page lands on a visible skip link, which moves focus to <main>.
    await visit(page, "/");
    await waitForHydration(page);
    await page.keyboard.press("Tab");
    expect(await isFocused(page, ".skip-link")).toBe(true);
    expect(await page.locator(".skip-link").textContent()).toBe("Hopp til hovedinnhold");
    await expectVisibleFocus(page, "the skip link");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    expect(new URL(page.url()).hash, "no hash navigation (it would reset forms)").toBe("");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("main")), "next Tab continues inside main").toBe(true);
    await expectVisibleFocus(page, "the first element in main");

    // Through the header to "Logg inn"; every stop shows where focus is.
    await visit(page, "/");
    await waitForHydration(page);
    const stops = await tabTo(page, page.locator("header").getByRole("link", { name: "Logg inn" }), { max: 10 });
    expect(stops[0]).toContain("skip-link");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/login");
    await tabTo(page, page.getByLabel("E-postadresse"), { max: 10 });
    await page.keyboard.type(user.email);
    await page.keyboard.press("Tab");
    expect(await page.getByLabel("Passord", { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(user.password);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("button", { name: "Logg ut" }).waitFor();

    // From the login button's old place in main BACK to the header's nav: forwards it would go
    // through the rest of the front page, whose area list grows with every test file's areas
    // (the number of stops depended on what else ran).
    await tabTo(page, page.locator("header").getByRole("link", { name: "Ny case" }), { max: 30, backwards: true });
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/cases/new");
    await expect.poll(() => page.locator(".ProseMirror[contenteditable=true]").count()).toBe(6);

    await tabTo(page, page.getByLabel("Tittel", { exact: true }), { max: 10 });
    await page.keyboard.type(title);
    await page.keyboard.press("Tab");
    expect(await isFocused(page, "#f-summary")).toBe(true);
    await page.keyboard.type("Et sammendrag skrevet bare med tastaturet.");

    // The section: Tab passes the toolbar (one stop) into the text.
    const challenge = page.locator(".ProseMirror#f-sections-challenge");
    await tabTo(page, challenge, { max: 3 });
    await expectVisibleFocus(page, "the rich-text editor");
    await page.keyboard.type("Vanlig tekst og ");
    // Toolbar with arrow keys: Shift+Tab to Bold, ArrowRight to Italic, Space to apply.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("ArrowRight");
    const italic = page.getByRole("toolbar", { name: "Formatering: Utfordringen" }).getByRole("button", { name: "Kursiv" });
    expect(await italic.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectVisibleFocus(page, "the Italic toolbar button");
    await page.keyboard.press("Space");
    await expect.poll(() => challenge.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("kursiv");
    await expect.poll(() => challenge.locator("em").textContent()).toBe("kursiv");

    // Select with arrow keys.
    await tabTo(page, page.getByLabel("Status", { exact: true }), { max: 20 });
    await page.keyboard.press("ArrowDown");
    expect(await page.getByLabel("Status", { exact: true }).inputValue()).toBe("PILOTING");

    // Radio group: one Tab stop, arrows move the choice.
    await tabTo(page, page.locator("#f-visibility"), { max: 3 });
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await page.locator('input[name="visibility"]:checked').getAttribute("value")).toBe("PUBLIC");
    await expectVisibleFocus(page, "the checked radio");

    // The challenge areas: one combobox, chosen by typing, arrow keys and Enter.
    await tabTo(page, page.locator("#f-challengeAreaIds"), { max: 5 });
    await choose(page, "f-challengeAreaIds", area.nameNb);

    await tabTo(page, page.getByLabel("Navn", { exact: true }), { max: 150 });
    await page.keyboard.type("Tora Tast");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Rådgiver");
    await page.keyboard.press("Tab");
    expect(await isFocused(page, "#f-contactEmail")).toBe(true);
    await page.keyboard.type("tora@example.test");

    await tabTo(page, page.locator("#f-results-0-indicator"), { max: 3 });
    for (const value of ["Ventetid", "dager", "12,5", "10", "2024"]) {
      await page.keyboard.type(value);
      await page.keyboard.press("Tab");
    }
    await tabTo(page, page.getByRole("button", { name: "Opprett case" }), { max: 5 });
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => /^\/cases\/[a-z0-9-]+$/.test(url.pathname) && url.pathname !== "/cases/new");
    // The URL changes before React has rendered the new page.
    await expect.poll(() => page.locator("h1").textContent()).toBe(title);
    expect(await page.locator(".case__badges").textContent()).toMatch(/Utprøving.*Offentlig/);
    expect(await page.locator(".prose").first().innerHTML()).toBe("<p>Vanlig tekst og <em>kursiv</em></p>");
    const cells = await page.locator("table.case__results tbody tr").first().locator("th, td").allTextContents();
    expect(cells.slice(0, 4)).toEqual(["Ventetid", "dager", "12,5", "10"]);
    expect(await page.getByRole("link", { name: "tora@example.test" }).isVisible()).toBe(true);
  });
});
