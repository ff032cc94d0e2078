/**
 * Issue 15, defects 1 and 5, counted in a real browser:
 * - the keyboard-only way through /cases/new, from the header's "Ny case" link to "Opprett case"
 *   with two co-owners and a challenge area chosen, takes fewer than 30 Tab presses (the
 *   challenge areas are one combobox, the editors' toolbars are no Tab stop on the way);
 * - after a navigation inside the app, focus is on the new page's h1 and its title is announced
 *   politely; not on the first load, not for a change of the same page, not when a form comes
 *   back with errors (the error summary takes focus).
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getCaseBySlug } from "~/models/case.server";
import { loginInBrowser } from "../support/browser";
import { tabTo, useBrowser, visit, waitForHydration } from "../support/browser-session";
import { createTestArea } from "../support/case-factories";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { choose } from "../support/pickers";

const browser = useBrowser();
const suffix = uniqueSuffix();

let editor: { email: string; password: string };
let ownerId: string;
let area: { id: string; nameNb: string };
let partners: Array<{ id: string; name: string }>;

beforeAll(async () => {
  const owner = await createOrganisation();
  ownerId = owner.id;
  partners = await Promise.all([
    createOrganisation({ name: `Tastvik kommune ${suffix}` }),
    createOrganisation({ name: `Tastøy kommune ${suffix}` }),
  ]);
  editor = await createUser({ memberships: [{ organisationId: owner.id, role: "EDITOR" }] });
  area = await createTestArea();
});

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
const focusedIsH1 = (page: Page) => page.evaluate(() => document.activeElement?.tagName === "H1");
const announced = (page: Page) => page.locator("[data-route-announcer]").textContent();

describe("keyboard-only create path", () => {
  it("takes fewer than 30 Tab presses from the header's 'Ny case' to 'Opprett case'", async () => {
    const page = await browser.newPage();
    await loginInBrowser(page, editor.email, editor.password);
    await visit(page, "/");
    await waitForHydration(page);
    await tabTo(page, page.locator("header").getByRole("link", { name: "Ny case" }), { max: 20 });
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/cases/new");
    await expect.poll(() => page.locator(".ProseMirror[contenteditable=true]").count()).toBe(6);

    let presses = 0;
    const stops: string[] = [];
    const tab = async () => {
      await page.keyboard.press("Tab");
      presses++;
      stops.push(await focusedId(page));
    };
    /** Tab until the element with this id has focus. */
    const tabToId = async (id: string) => {
      for (let i = 0; i < 80 && (await focusedId(page)) !== id; i++) await tab();
      expect(await focusedId(page), `reached #${id}; stops: ${stops.join(" ")}`).toBe(id);
    };

    await tabToId("f-title");
    await page.keyboard.type(`Tastaturveien ${suffix}`);
    await tabToId("f-summary");
    await page.keyboard.type("Et sammendrag skrevet med tastaturet alene, langt nok til å lagres.");
    await tabToId("f-sections-challenge");
    await page.keyboard.type("Utfordringen med tastaturet.");
    await tabToId("f-challengeAreaIds");
    await choose(page, "f-challengeAreaIds", area.nameNb);
    await tabToId("f-coOwnerIds");
    for (const p of partners) await choose(page, "f-coOwnerIds", p.name);
    await page.keyboard.press("Escape");
    const save = page.getByRole("button", { name: "Opprett case" });
    for (let i = 0; i < 80 && !(await save.evaluate((el) => el === document.activeElement)); i++) await tab();
    expect(await save.evaluate((el) => el === document.activeElement), stops.join(" ")).toBe(true);

    console.log(`Tab presses from "Ny case" to "Opprett case" (two co-owners, one area): ${presses}; stops: ${stops.join(" ")}`);
    expect(presses, stops.join(" ")).toBeLessThan(30);
    // Every area was a Tab stop of its own, and each editor's toolbar one more.
    expect(stops.filter((id) => id.startsWith("f-challengeAreaIds"))).toEqual(["f-challengeAreaIds"]);
    expect(await page.locator('input[type="checkbox"][name="challengeAreaIds"]').count()).toBe(0);

    await page.keyboard.press("Enter");
    await page.waitForURL((url) => /^\/cases\/[a-z0-9-]+$/.test(url.pathname) && url.pathname !== "/cases/new");
    const stored = await getCaseBySlug(new URL(page.url()).pathname.split("/")[2]);
    expect(stored?.ownerOrganisationId).toBe(ownerId);
    expect(stored?.challengeAreas.map((a) => a.challengeAreaId)).toEqual([area.id]);
    expect((stored?.coOwners ?? []).map((c) => c.organisationId).sort()).toEqual(partners.map((p) => p.id).sort());
  });

  it("reaches an editor's toolbar with Shift+Tab or Alt+F10 from the text, and Escape returns", async () => {
    const page = await browser.newPage();
    await loginInBrowser(page, editor.email, editor.password);
    await visit(page, "/cases/new");
    await expect.poll(() => page.locator(".ProseMirror[contenteditable=true]").count()).toBe(6);
    await page.locator("#f-summary").focus();
    await page.keyboard.press("Tab");
    expect(await focusedId(page), "Tab skips the toolbar").toBe("f-sections-challenge");
    await page.keyboard.press("Shift+Tab");
    const toolbar = page.getByRole("toolbar", { name: "Formatering: Utfordringen" });
    expect(await toolbar.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => focusedId(page)).toBe("f-sections-challenge");
    await page.keyboard.press("Alt+F10");
    expect(await toolbar.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Tab");
    expect(await focusedId(page)).toBe("f-sections-challenge");
  });
});

describe("focus after navigation", () => {
  it("moves to the new page's heading and announces its title, but not on first load or same-page changes", async () => {
    const page = await browser.newPage();
    await visit(page, "/");
    await waitForHydration(page);
    expect(await focusedIsH1(page), "first load: the browser's own start").toBe(false);
    expect(await announced(page)).toBe("");

    // A link in the page.
    await page.getByRole("link", { name: "Se alle utfordringsområder" }).click();
    await page.waitForURL((url) => url.pathname === "/areas");
    await expect.poll(() => focusedIsH1(page)).toBe(true);
    expect(await page.locator("h1").getAttribute("tabindex")).toBe("-1");
    await expect.poll(() => announced(page)).toBe(await page.title());
    expect(await page.title()).toContain("Utfordringsområder");

    // A link in the header, followed with the keyboard.
    await tabTo(page, page.locator("header").getByRole("link", { name: "Forside" }), { max: 20, backwards: true });
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => focusedIsH1(page)).toBe(true);
    await expect.poll(() => announced(page)).toBe(await page.title());

    // A same-page change (a search from the search page's own field) keeps focus where it is.
    await visit(page, "/search");
    await waitForHydration(page);
    const field = page.getByRole("searchbox").first();
    await field.fill("tast");
    await field.press("Enter");
    await page.waitForURL((url) => url.pathname === "/search" && url.search.includes("tast"));
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).not.toBe("H1");
  });

  it("leaves focus to the error summary when a form comes back with errors", async () => {
    const page = await browser.newPage();
    await loginInBrowser(page, editor.email, editor.password);
    await visit(page, "/");
    await waitForHydration(page);
    await page.locator("header").getByRole("link", { name: "Ny case" }).click();
    await page.waitForURL((url) => url.pathname === "/cases/new");
    await expect.poll(() => focusedIsH1(page)).toBe(true);
    await expect.poll(() => page.locator(".ProseMirror[contenteditable=true]").count()).toBe(6);
    await page.getByRole("button", { name: "Opprett case" }).click();
    await page.locator(".ds-error-summary").first().waitFor();
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest(".ds-error-summary"))).toBe(true);
    expect(await focusedIsH1(page)).toBe(false);
  });
});
