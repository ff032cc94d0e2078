/**
 * Issue 15, defect 8 and the accessibility statement's heading, measured in a real browser:
 * - the footer sits at the bottom of the window on a short page (no white band below it);
 * - a checkbox keeps its size when its label wraps (no-JS co-owner list at 390 px);
 * - at 390 px the statement's long heading breaks only between words or at its soft hyphen.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { loginInBrowser } from "../support/browser";
import { createFullCase, createTestArea } from "../support/case-factories";
import { useBrowser, visit } from "../support/browser-session";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";

const browser = useBrowser();

/** The words of the element's text that the browser split over two lines or more. */
const brokenWords = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const node = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
    if (!node) return ["(no text)"];
    const text = node.textContent ?? "";
    const broken: string[] = [];
    let start = 0;
    for (const word of text.split(" ")) {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + word.length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(word);
      start += word.length + 1;
    }
    return broken;
  });

describe("layout", () => {
  it("a 390 px phone without JavaScript, with an unread notification, does not scroll sideways", async () => {
    const org = await createOrganisation();
    const user = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
    const { db } = await import("~/utils/db.server");
    await db().notification.create({ data: { userId: user.id, kind: "invitation", eventId: 0n, data: {} } });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, javaScript: false });
    await loginInBrowser(page, user.email, user.password);
    await visit(page, "/");
    expect(await page.locator(".unread-badge").count(), "the header shows the unread count").toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it("wraps a long contact e-mail address on a 390 px phone instead of scrolling sideways", async () => {
    const org = await createOrganisation();
    const user = await createUser({ memberships: [{ organisationId: org.id, role: "MEMBER" }] });
    const c = await createFullCase({
      ownerOrganisationId: org.id,
      challengeAreaIds: [(await createTestArea()).id],
      visibility: "PUBLIC",
      contactEmail: `ingrid.haugen.${uniqueSuffix()}@hamar.demo.losningsbanken.no`,
    });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    // Contact details are shown to logged-in users only.
    await loginInBrowser(page, user.email, user.password);
    await visit(page, `/cases/${c.slug}`);
    expect(await page.locator('a[href^="mailto:"]').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it("keeps the footer at the bottom of the window on a short page", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await visit(page, "/login");
    const { footerBottom, windowHeight, docHeight } = await page.evaluate(() => ({
      footerBottom: document.querySelector(".site-footer")!.getBoundingClientRect().bottom,
      windowHeight: window.innerHeight,
      docHeight: document.documentElement.scrollHeight,
    }));
    expect(docHeight, "the page is no taller than the window").toBeLessThanOrEqual(windowHeight);
    expect(Math.round(footerBottom)).toBe(windowHeight);
  });

  it("does not shrink a checkbox whose label wraps", async () => {
    const org = await createOrganisation();
    const user = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
    await createOrganisation({
      name: `Interkommunalt samarbeid om helse, omsorg og velferdsteknologi i Nordre og Søndre distrikt ${uniqueSuffix()}`,
    });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, javaScript: false });
    await loginInBrowser(page, user.email, user.password);
    await visit(page, "/cases/new");
    const sizes = await page
      .locator('input[type="checkbox"][name="coOwnerIds"]')
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().width)));
    expect(sizes.length).toBeGreaterThan(1);
    expect(new Set(sizes).size, `checkbox widths: ${[...new Set(sizes)].join(", ")}`).toBe(1);
    expect(sizes[0]).toBeGreaterThanOrEqual(16);
  });

  it("breaks the accessibility statement's heading only between words or at its soft hyphen at 390 px", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await visit(page, "/tilgjengelighet");
    const h1 = page.locator("h1");
    // Only a word with a soft hyphen may be split, and only there (the hyphen shows).
    expect((await brokenWords(page, "h1")).every((w) => w.includes("\u00ad"))).toBe(true);
    expect(await h1.evaluate((el) => el.scrollWidth <= el.clientWidth), "the heading fits its box").toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
