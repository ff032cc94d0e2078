/**
 * "Ta i bruk hos oss" in a real browser, keyboard only, in bokmål and English: another
 * municipality's editor adapts a case, lands on the new draft's edit page with a status
 * message, and sees the link both ways ("Bygger på …" on the new case, "Tatt i bruk i 1
 * kommune" with the list on the original).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getCaseBySlug } from "~/models/case.server";
import { loginInBrowser } from "../support/browser";
import { tabTo, useBrowser, visit, waitForHydration } from "../support/browser-session";
import { createFullCase, createTestArea } from "../support/case-factories";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";

const browser = useBrowser();

const TEXT = {
  nb: {
    button: "Ta i bruk hos oss",
    submit: "Lag vår egen case",
    created: "Casen er laget som et utkast",
    basedOn: (title: string, org: string) => `«${title}» fra ${org}`,
    adopted: "Tatt i bruk i 1 kommune",
  },
  en: {
    button: "Adopt this in our organisation",
    submit: "Create our own case",
    created: "The case was created as a draft",
    basedOn: (title: string, org: string) => `«${title}» by ${org}`,
    adopted: "Adopted by 1 municipality",
  },
} as const;

/** Presses Enter on the focused link or button and waits for the address to match. */
async function enterAndWait(page: Page, url: RegExp) {
  await Promise.all([page.waitForURL(url), page.keyboard.press("Enter")]);
  await waitForHydration(page);
}

describe("adapting a case in the browser, keyboard only", () => {
  for (const lang of ["nb", "en"] as const) {
    it(`another municipality's editor adapts a case and sees the link both ways (${lang})`, async () => {
      const t = TEXT[lang];
      const [owner, adopter] = await Promise.all([
        createOrganisation({ name: `Hamar kommune ${uniqueSuffix()}` }),
        createOrganisation({ name: `Frøya kommune ${uniqueSuffix()}` }),
      ]);
      const area = await createTestArea();
      const original = await createFullCase({
        ownerOrganisationId: owner.id,
        challengeAreaIds: [area.id],
        visibility: "PUBLIC",
        title: `Heltid i hjemmetjenesten ${uniqueSuffix()}`,
      });
      const editor = await createUser({ locale: lang, memberships: [{ organisationId: adopter.id, role: "EDITOR" }] });

      const page = await browser.newPage({ locale: lang === "nb" ? "nb-NO" : "en-US" });
      await loginInBrowser(page, editor.email, editor.password);
      await visit(page, `/cases/${original.slug}`);
      await waitForHydration(page);

      // The case page's button, by keyboard.
      await tabTo(page, page.getByRole("link", { name: t.button }), { max: 80 });
      await enterAndWait(page, /\/adapt$/);
      expect(await page.locator("h1").textContent()).toBe(t.button);

      // One organisation: nothing to choose, straight to the submit button.
      await tabTo(page, page.getByRole("button", { name: t.submit }), { max: 80 });
      await enterAndWait(page, /\/edit\?adapted=1$/);
      const status = page.getByRole("status").filter({ hasText: t.created });
      await expect.poll(() => status.count()).toBe(1);
      expect(await status.textContent()).toContain(adopter.name);

      const slug = new URL(page.url()).pathname.split("/")[2];
      const created = (await getCaseBySlug(slug))!;
      expect(created).toMatchObject({ adaptedFromId: original.id, ownerOrganisationId: adopter.id, visibility: "DRAFT" });
      // The form has "Hva vi endret" for an adaptation.
      expect(await page.locator("textarea[name=whatWeChanged]").count()).toBe(1);

      // The new case links to the original ...
      await visit(page, `/cases/${slug}`);
      await waitForHydration(page);
      const toOriginal = page.getByRole("link", { name: t.basedOn(original.title, owner.name) });
      await tabTo(page, toOriginal, { max: 80 });
      await enterAndWait(page, new RegExp(`/cases/${original.slug}$`));

      // ... and the original lists it (the draft is the editor's own organisation's).
      const adopted = page.getByRole("heading", { name: t.adopted });
      expect(await adopted.count()).toBe(1);
      const back = page.getByRole("link", { name: t.basedOn(created.title, adopter.name) });
      await tabTo(page, back, { max: 80 });
      await enterAndWait(page, new RegExp(`/cases/${slug}$`));
      expect(await page.locator("h1").textContent()).toBe(created.title);
    });
  }
});
