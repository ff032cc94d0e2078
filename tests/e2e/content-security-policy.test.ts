/**
 * The Content-Security-Policy in a real browser: pages hydrate, the live editor connects,
 * text typed live is stored - and the browser reports no policy violation at all (the
 * `securitypolicyviolation` event catches also the refusals that never reach the console).
 * A too-large form (without JavaScript) answers with the translated 413 page, and the long
 * text is still in the form after going back.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getCaseById } from "~/models/case.server";
import { docToText, type CaseSections } from "~/editor/sections";
import { loginInBrowser } from "../support/browser";
import { useBrowser, visit, waitForHydration } from "../support/browser-session";
import { createCaseWorld, createFullCase } from "../support/case-factories";

const browser = useBrowser();

/** Records every CSP violation the page sees, from the first script on. */
async function watchViolations(page: Page) {
  const violations: string[] = [];
  await page.exposeFunction("__lbCspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __lbCspViolation: (v: string) => void }).__lbCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  return violations;
}

describe("Content-Security-Policy in the browser", () => {
  it("pages hydrate and live editing connects and stores text with no CSP violation", async () => {
    const world = await createCaseWorld();
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "MEMBERS" });
    const page = await browser.newPage();
    const violations = await watchViolations(page);

    for (const path of ["/", "/search?q=skole", "/areas", "/login"]) {
      await visit(page, path);
      await waitForHydration(page);
    }
    await loginInBrowser(page, world.users.ownerEditor.email, world.users.ownerEditor.password);
    for (const path of ["/", `/cases/${c.slug}`, "/cases/new", `/cases/${c.slug}/history`]) {
      await visit(page, path);
      await waitForHydration(page);
    }
    await visit(page, `/cases/${c.slug}/edit`);
    await expect.poll(() => page.locator(".ProseMirror[contenteditable=true]").count(), { timeout: 10_000 }).toBe(6);
    const editor = page.locator(".ProseMirror#f-sections-lessons");
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Skrevet under CSP.");
    await expect
      .poll(async () => docToText(((await getCaseById(c.id))!.sections as unknown as CaseSections).lessons), { timeout: 10_000 })
      .toContain("Skrevet under CSP.");
    // TipTap's own <style> (allowed by its hash) is in effect.
    const tiptapRules = await page.evaluate(
      () => (document.querySelector("style[data-tiptap-style]") as HTMLStyleElement | null)?.sheet?.cssRules.length ?? 0,
    );
    expect(tiptapRules).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it("a too-large form gets the translated 413 page, and Back brings back the long text typed", async () => {
    const world = await createCaseWorld();
    const page = await browser.newPage({ javaScript: false });
    const violations = await watchViolations(page);
    await loginInBrowser(page, world.users.ownerEditor.email, world.users.ownerEditor.password);
    await visit(page, "/cases/new");
    await page.getByLabel("Tittel", { exact: true }).fill("En altfor stor case");
    // More than the 1 MB limit, typed into a section's plain text area (the form without JavaScript).
    const huge = "Langt avsnitt. ".repeat(80_000);
    await page.locator("textarea[name='sections.challenge']").fill(huge);
    await page.getByRole("button", { name: "Opprett case" }).click();
    await expect
      .poll(() => page.locator("body").textContent())
      .toContain("Skjemaet var for stort (mer enn 1 MB), så ingenting ble lagret.");
    await page.goBack();
    await page.waitForLoadState();
    // The browser restores the form's state on Back (also with Cache-Control: no-store). Fields
    // marked autocomplete="off" (the title) are the exception: Chromium does not restore those.
    expect((await page.locator("textarea[name='sections.challenge']").inputValue()).length).toBe(huge.length);
    expect(violations).toEqual([]);
  });

  it("with JavaScript, a too-large case form is not sent: it says so and keeps everything typed", async () => {
    const world = await createCaseWorld();
    const page = await browser.newPage();
    await loginInBrowser(page, world.users.ownerEditor.email, world.users.ownerEditor.password);
    await visit(page, "/cases/new");
    await waitForHydration(page);
    const posts: number[] = [];
    page.on("response", (r) => {
      if (r.request().method() === "POST") posts.push(r.status());
    });
    await page.getByLabel("Tittel", { exact: true }).fill("En altfor stor case");
    // A pasted text far beyond the limit (set directly: typing a megabyte takes minutes).
    const huge = "Langt avsnitt. ".repeat(80_000);
    await page.locator("textarea[name='summary']").evaluate((el, v) => {
      (el as HTMLTextAreaElement).value = v;
    }, huge);
    await page.getByRole("button", { name: "Opprett case" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Skjemaet er for stort til å sendes (mer enn 1 MB).");
    expect(posts, "nothing was sent").toEqual([]);
    expect(await page.getByLabel("Tittel", { exact: true }).inputValue()).toBe("En altfor stor case");
    expect((await page.locator("textarea[name='summary']").inputValue()).length).toBe(huge.length);
  });
});
