/**
 * Choosing in a searchable multi-select of the case form (app/components/OrganisationPicker.tsx:
 * co-owners, challenge areas) with the keyboard, as a person would: type part of the name,
 * wait until exactly that option is shown, ArrowDown and Enter. Leaves the typed text cleared.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** The options the picker around `#fieldId` shows now. */
export const shownOptions = (page: Page, fieldId: string) =>
  page.locator(`.org-picker:has(#${fieldId}) u-option:not([data-empty])`).filter({ visible: true }).allTextContents();

/** Focuses the field if needed, then chooses the one option whose name contains `search`. */
export async function choose(page: Page, fieldId: string, search: string, name = search) {
  const field = page.locator(`#${fieldId}`);
  if (!(await field.evaluate((el) => el === document.activeElement))) await field.focus();
  await page.keyboard.type(search, { delay: 20 });
  await expect.poll(() => shownOptions(page, fieldId)).toEqual([name]);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect.poll(() => page.locator(`.org-picker:has(#${fieldId}) ds-suggestion > data`).allTextContents()).toContain(name);
  // Clear what was typed (Backspace on an EMPTY field would remove the last choice).
  if (await field.inputValue()) {
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Backspace");
  }
}
