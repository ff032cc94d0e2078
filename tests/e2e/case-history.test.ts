/**
 * The history pages in a real browser: axe-clean in bokmål and English, differences marked
 * by more than colour, and a keyboard-only path from the case to restoring an old version.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getCaseById, updateCase } from "~/models/case.server";
import { db } from "~/utils/db.server";
import { baseUrl, expectNoAxeViolations, loginInBrowser } from "../support/browser";
import { tabTo, useBrowser, visit, waitForHydration } from "../support/browser-session";
import { createFullCase, createTestArea, inputFor } from "../support/case-factories";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";

const browser = useBrowser();

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

let editor: { email: string; password: string; id: string };
let area: { id: string };
let orgId: string;

beforeAll(async () => {
  const org = await createOrganisation();
  orgId = org.id;
  editor = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
  area = await createTestArea();
});

/** A case whose first version says `oldText` and whose current version says `newText`. */
async function caseWithTwoVersions() {
  const suffix = uniqueSuffix();
  const oldText = `Innbyggerne ventet lenge på svar i ${suffix}.`;
  const newText = `Innbyggerne ventet altfor lenge på svar i ${suffix}, særlig om sommeren.`;
  const created = await createFullCase({
    ownerOrganisationId: orgId,
    challengeAreaIds: [area.id],
    visibility: "DRAFT",
    actorId: editor.id,
    title: `Svartid ${suffix}`,
  });
  await updateCase(
    created.id,
    inputFor(created, { sections: { ...(created.sections as object), challenge: doc(oldText) } }),
    editor.id,
    created.version,
  );
  const v2 = (await getCaseById(created.id))!;
  await updateCase(
    v2.id,
    inputFor(v2, { status: "IMPLEMENTED", sections: { ...(v2.sections as object), challenge: doc(newText) } }),
    editor.id,
    v2.version,
  );
  const revisions = await db().caseRevision.findMany({ where: { caseId: created.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { slug: created.slug, id: created.id, oldText, newText, revisions };
}

async function setLang(page: Page, lang: "nb" | "en") {
  await page.context().addCookies([{ name: "lb_lang", value: lang, url: baseUrl() }]);
}

describe("history in the browser", () => {
  it("the list and a revision pass axe in bokmål and English; changes are not shown by colour alone", async () => {
    const c = await caseWithTwoVersions();
    const page = await browser.newPage();
    await loginInBrowser(page, editor.email, editor.password);
    const headings = { nb: ["Historikk", "Versjon 2 av"], en: ["History", "Version 2 of"] };
    for (const lang of ["nb", "en"] as const) {
      await setLang(page, lang);
      const list = await visit(page, `/cases/${c.slug}/history`);
      expect(list?.status()).toBe(200);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      expect(await page.locator("h1").textContent()).toContain(headings[lang][0]);
      expect(await page.locator("table tbody tr").count()).toBe(3);
      await waitForHydration(page);
      await expectNoAxeViolations(page, `history list (${lang})`);

      const revision = await visit(page, `/cases/${c.slug}/history/${c.revisions[1].id}`);
      expect(revision?.status()).toBe(200);
      expect(await page.locator("h1").textContent()).toContain(headings[lang][1]);
      await waitForHydration(page);
      await expectNoAxeViolations(page, `revision (${lang})`);
    }
    // Added text is underlined and removed text struck through, and both are announced.
    const ins = page.locator(".diff ins").first();
    expect(await ins.evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain("underline");
    expect(await ins.locator(".visually-hidden").first().textContent()).toBe("added: ");
    expect(await page.locator(".diff-key del").evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain("line-through");
    await page.screenshot({ path: "/tmp/case-history-revision.png", fullPage: true });
  });

  it("restores an old version with the keyboard only, and the case shows it", async () => {
    const c = await caseWithTwoVersions();
    const page = await browser.newPage();
    await loginInBrowser(page, editor.email, editor.password);
    await visit(page, `/cases/${c.slug}`);
    await waitForHydration(page);

    await tabTo(page, page.getByRole("link", { name: "Historikk", exact: true }));
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("h1").textContent()).toContain("Historikk");
    await tabTo(page, page.getByRole("link", { name: "Versjon 2", exact: true }));
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("h1").textContent()).toContain("Versjon 2 av");
    expect(await page.locator(".diff").first().textContent()).toContain("altfor");

    await tabTo(page, page.getByRole("button", { name: "Gjenopprett denne versjonen" }));
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === `/cases/${c.slug}` && url.searchParams.get("restored") === "1");
    // The case page has several status regions (follow toggle, questions): the flash is the one that says it.
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Versjonen er gjenopprettet." }).count()).toBe(1);
    const challenge = page.locator("section", { has: page.getByRole("heading", { name: "Utfordringen" }) });
    await expect.poll(() => challenge.locator(".prose").textContent()).toBe(c.oldText);

    // Nothing lost: the text from before the restore is still in the history.
    const revisions = await db().caseRevision.findMany({ where: { caseId: c.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(revisions.map((r) => r.kind)).toEqual(["CREATE", "EDIT", "EDIT", "RESTORE"]);
    expect(JSON.stringify(revisions[2].snapshot)).toContain(c.newText);
  });
});
