/**
 * The co-owner picker on the case form (app/components/OrganisationPicker.tsx): with
 * JavaScript a searchable multi-select (Designsystemet Suggestion) that filters as you
 * type and is used with the keyboard alone; without JavaScript the plain checkbox list.
 * Both post the same coOwnerIds, and the saved case has exactly the chosen co-owners.
 * Also counts the Tab presses from the header to "Opprett case" (issue target: under 30).
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getCaseBySlug } from "~/models/case.server";
import { baseUrl, expectNoAxeViolations, loginInBrowser } from "../support/browser";
import { useBrowser, visit, waitForHydration } from "../support/browser-session";
import { createTestArea } from "../support/case-factories";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { choose } from "../support/pickers";

const browser = useBrowser();
const suffix = uniqueSuffix();

let editor: { email: string; password: string };
let area: { id: string; nameNb: string };
let frøyaKommune: { id: string; name: string };
let frøyaHavbruk: { id: string; name: string };
let hitra: { id: string; name: string };
let ownerId: string;

beforeAll(async () => {
  const owner = await createOrganisation();
  ownerId = owner.id;
  [frøyaKommune, frøyaHavbruk, hitra] = await Promise.all([
    createOrganisation({ name: `Frøya kommune ${suffix}` }),
    createOrganisation({ name: `Frøya havbruk ${suffix}` }),
    createOrganisation({ name: `Hitra kommune ${suffix}` }),
  ]);
  editor = await createUser({ memberships: [{ organisationId: owner.id, role: "EDITOR" }] });
  area = await createTestArea();
});

async function fillRequired(page: Page, title: string, javaScript = true) {
  await page.getByLabel("Tittel", { exact: true }).fill(title);
  await page
    .getByLabel("Sammendrag", { exact: true })
    .fill("Et sammendrag som er langt nok til å bli lagret, om samarbeid over kommunegrensen.");
  if (javaScript) await choose(page, "f-challengeAreaIds", area.nameNb);
  else await page.getByLabel(area.nameNb).check();
}

async function savedCoOwners(page: Page) {
  await page.waitForURL((url) => /^\/cases\/[a-z0-9-]+$/.test(url.pathname) && url.pathname !== "/cases/new");
  const stored = await getCaseBySlug(new URL(page.url()).pathname.split("/")[2]);
  expect(stored?.ownerOrganisationId).toBe(ownerId);
  return (stored?.coOwners ?? []).map((c) => c.organisationId).sort();
}

const visibleOptions = (page: Page) =>
  page.locator(".org-picker:has(#f-coOwnerIds) u-option:not([data-empty])").filter({ visible: true }).allTextContents();

describe("the co-owner picker", () => {
  it("filters as you type, is chosen with the keyboard, and saves exactly those co-owners", async () => {
    const page = await browser.newPage();
    await loginInBrowser(page, editor.email, editor.password);
    await visit(page, "/cases/new");
    await waitForHydration(page);
    const title = `Felles havbruksplan ${suffix}`;
    await fillRequired(page, title);

    // With JavaScript the 40-odd checkboxes are one combobox field.
    const field = page.locator("#f-coOwnerIds");
    expect(await page.locator('input[type="checkbox"][name="coOwnerIds"]').count()).toBe(0);
    await field.focus();
    // Designsystemet's Suggestion makes it a combobox once it is used.
    await expect.poll(() => field.getAttribute("role")).toBe("combobox");
    expect(await page.getByRole("combobox", { name: "Medeiere (valgfritt)" }).count()).toBe(1);
    await page.keyboard.type("frøya", { delay: 40 });
    await expect.poll(async () => (await visibleOptions(page)).length).toBeGreaterThanOrEqual(2);
    const shown = await visibleOptions(page);
    expect(
      shown.every((name) => name.toLocaleLowerCase("nb").includes("frøya")),
      shown.join(", "),
    ).toBe(true);
    expect(shown).toContain(frøyaKommune.name);
    expect(shown).toContain(frøyaHavbruk.name);
    expect(shown).not.toContain(hitra.name);

    // Narrow to ours, then choose both with the arrow keys and Enter.
    await field.fill("");
    await page.keyboard.type(`havbruk ${suffix}`, { delay: 30 });
    await expect.poll(() => visibleOptions(page)).toEqual([frøyaHavbruk.name]);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await field.fill("");
    await page.keyboard.type(`frøya kommune ${suffix}`, { delay: 30 });
    await expect.poll(() => visibleOptions(page)).toEqual([frøyaKommune.name]);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    // Chosen ones show as chips (removable), and the form carries them as coOwnerIds.
    await expect
      .poll(() => page.locator(".org-picker:has(#f-coOwnerIds) ds-suggestion > data").allTextContents())
      .toEqual([frøyaHavbruk.name, frøyaKommune.name]);
    const posted = () =>
      page.locator('input[type="hidden"][name="coOwnerIds"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).sort());
    expect(await posted()).toEqual([frøyaHavbruk.id, frøyaKommune.id].sort());
    expect(await field.evaluate((el) => el === document.activeElement), "focus stays in the field").toBe(true);
    await expectNoAxeViolations(page, "case form, co-owner list open with two chosen");

    // A chip is reached with the left arrow and removed with Enter; choose it again after.
    await field.fill("");
    await page.keyboard.press("ArrowLeft");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(frøyaKommune.name);
    await page.keyboard.press("Enter");
    await expect.poll(posted).toEqual([frøyaHavbruk.id]);
    await field.focus();
    await page.keyboard.type(`frøya kommune ${suffix}`, { delay: 30 });
    await expect.poll(() => visibleOptions(page)).toEqual([frøyaKommune.name]);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(posted).toEqual([frøyaHavbruk.id, frøyaKommune.id].sort());

    // Keyboard-only path length: from the skip link to the save button. The co-owners are one
    // Tab stop whatever the number of organisations (it was one per organisation).
    await page.keyboard.press("Escape");
    await page.locator(".skip-link, .ds-skip-link").first().focus();
    const save = page.getByRole("button", { name: "Opprett case" });
    const stops: string[] = [];
    while (!(await save.evaluate((el) => el === document.activeElement)) && stops.length < 300) {
      await page.keyboard.press("Tab");
      stops.push(await page.evaluate(() => document.activeElement?.id ?? ""));
    }
    console.log(`Tab presses from the skip link to "Opprett case" with two co-owners chosen: ${stops.length}`);
    expect(stops.filter((id) => id.startsWith("f-coOwnerIds"))).toEqual(["f-coOwnerIds"]);
    expect(await save.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press("Enter");
    expect(await savedCoOwners(page)).toEqual([frøyaHavbruk.id, frøyaKommune.id].sort());

    // Editing shows the chosen ones as chips; removing one and saving leaves the other.
    const slug = new URL(page.url()).pathname.split("/")[2];
    await visit(page, `/cases/${slug}/edit`);
    await waitForHydration(page);
    await expect
      .poll(() => page.locator(".org-picker:has(#f-coOwnerIds) ds-suggestion > data").allTextContents())
      .toEqual([frøyaHavbruk.name, frøyaKommune.name].sort((a, b) => a.localeCompare(b, "nb")));
    // The chip's × removes it with the mouse (Designsystemet makes only the × a click target).
    const chip = page.locator(".org-picker:has(#f-coOwnerIds) ds-suggestion > data", { hasText: frøyaHavbruk.name });
    await chip.scrollIntoViewIfNeeded();
    const box = (await chip.boundingBox())!;
    await page.mouse.click(box.x + box.width - 14, box.y + box.height / 2);
    await expect.poll(posted).toEqual([frøyaKommune.id]);
    await page.getByRole("button", { name: "Lagre endringer" }).click();
    await page.waitForURL((url) => url.pathname === `/cases/${slug}`);
    await expect.poll(async () => ((await getCaseBySlug(slug))?.coOwners ?? []).map((c) => c.organisationId)).toEqual([frøyaKommune.id]);
  });

  it("without JavaScript the checkboxes post the same co-owners", async () => {
    const page = await browser.newPage({ javaScript: false });
    await loginInBrowser(page, editor.email, editor.password);
    await visit(page, "/cases/new");
    expect(await page.locator(".org-picker ds-suggestion").count()).toBe(0);
    await fillRequired(page, `Felles havbruksplan uten skript ${suffix}`, false);
    await page.getByLabel(frøyaKommune.name, { exact: true }).check();
    await page.getByLabel(frøyaHavbruk.name, { exact: true }).check();
    await page.getByRole("button", { name: "Opprett case" }).click();
    expect(await savedCoOwners(page)).toEqual([frøyaHavbruk.id, frøyaKommune.id].sort());
  });

  it("speaks English in the English UI and passes axe there", async () => {
    const page = await browser.newPage({ locale: "en-US" });
    await page.context().addCookies([{ name: "lb_lang", value: "en", url: baseUrl() }]);
    await loginInBrowser(page, editor.email, editor.password);
    await visit(page, "/cases/new");
    await waitForHydration(page);
    const field = page.locator("#f-coOwnerIds");
    await field.focus();
    await page.keyboard.type(`havbruk ${suffix}`, { delay: 30 });
    await expect.poll(() => visibleOptions(page)).toEqual([frøyaHavbruk.name]);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    // The element's own screen-reader texts come from our locale (its CSS defaults are Norwegian).
    await expect.poll(() => field.getAttribute("aria-description")).toBe("Go left to find 1 chosen");
    expect(await page.getByRole("combobox", { name: "Co-owners (optional)" }).count()).toBe(1);
    await expectNoAxeViolations(page, "case form in English, co-owner list open");
  });
});
