/**
 * Follow an area by keyboard, a new case published there reaches the notifications page and
 * the header's unread count, mark it read - keyboard only, in bokmål and English (decision 020).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, loginInBrowser } from "../support/browser";
import { tabTo, useBrowser, visit, waitForHydration } from "../support/browser-session";
import { createFullCase, createTestArea } from "../support/case-factories";
import { createOrganisation, createUser } from "../support/factories";
import { notificationsSettled } from "../support/notifications";

const browser = useBrowser();

const TEXT = {
  nb: { follow: "Følg området", link: /^Varsler/, unread: "1 ulest", markRead: "Merk som lest", marked: "Varselet er merket som lest." },
  en: {
    follow: "Follow area",
    link: /^Notifications/,
    unread: "1 unread",
    markRead: "Mark as read",
    marked: "The notification is marked as read.",
  },
} as const;

let publisher: { orgId: string; editorId: string };
beforeAll(async () => {
  const org = await createOrganisation();
  const editor = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
  publisher = { orgId: org.id, editorId: editor.id };
});

describe("follow an area and be told", () => {
  for (const lang of ["nb", "en"] as const) {
    it(`keyboard only (${lang})`, async () => {
      const t = TEXT[lang];
      const area = await createTestArea();
      const user = await createUser({ locale: lang });
      const page = await browser.newPage({ locale: lang === "en" ? "en-US" : "nb-NO" });
      if (lang === "en") await page.context().addCookies([{ name: "lb_lang", value: "en", url: baseUrl() }]);
      await loginInBrowser(page, user.email, user.password);
      await visit(page, `/areas/${area.slug}`);
      await waitForHydration(page);

      // Follow: a toggle button, pressed with the keyboard; the change is announced.
      const toggle = page.getByRole("button", { name: new RegExp(`^\\+?\\s*${t.follow}`) });
      expect(await toggle.getAttribute("aria-pressed")).toBe("false");
      await tabTo(page, toggle);
      await page.keyboard.press("Space");
      await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
      await expect
        .poll(() => page.locator(".follow-toggle [role=status]").textContent())
        .toContain(lang === "nb" ? area.nameNb : area.nameEn);

      // Someone else publishes a case in the area.
      const c = await createFullCase({
        ownerOrganisationId: publisher.orgId,
        challengeAreaIds: [area.id],
        visibility: "PUBLIC",
        actorId: publisher.editorId,
      });
      await notificationsSettled([c.id]);

      // The header's link says how many are unread, as part of its name.
      await visit(page, "/");
      await waitForHydration(page);
      const link = page.locator("nav.main-nav").getByRole("link", { name: t.link });
      expect(await link.textContent()).toContain(t.unread);
      await tabTo(page, link, { max: 30 });
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname === "/notifications");
      await waitForHydration(page);
      const item = page.locator(".notification--unread");
      expect(await item.count()).toBe(1);
      expect(await item.textContent()).toContain(c.title);

      // Mark it read by keyboard: announced, and the count is gone from the header.
      const mark = page.getByRole("button", { name: new RegExp(`^${t.markRead}`) });
      await tabTo(page, mark, { max: 30 });
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator(".notifications__status").textContent()).toBe(t.marked);
      await expect.poll(() => page.locator(".notification--unread").count()).toBe(0);
      await expect.poll(() => page.locator("nav.main-nav .unread-badge").count()).toBe(0);
      // The keyboard stays on the notification's link, not lost on <body>.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("A");
    });
  }
});
