/**
 * One browser per test file, a fresh context per user, and no silent page errors:
 * `useBrowser()` registers the hooks in the calling file. Every page it opens records
 * `pageerror`s (uncaught exceptions, React hydration errors) and `console.error`s; after
 * each test the contexts are closed and the test FAILS if any page logged one.
 *
 * The only console errors tolerated are Chromium's "Failed to load resource: ... status of
 * 4xx" lines for the page itself or its data requests: a 400 after an invalid form or the
 * 404 page are answers the tests provoke on purpose (and assert). A 4xx for a script,
 * stylesheet or image is still a failure.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { baseUrl, launchBrowser } from "./browser";

const EXPECTED_HTTP_ERROR = /^Failed to load resource: the server responded with a status of 4\d\d\b/;
const ASSET = /\/build\/|\.(?:js|css|svg|png|ico|woff2?)(?:\?|$)/;

export type BrowserLocale = "nb-NO" | "en-US";

export function useBrowser() {
  let browser: Browser | undefined;
  const open: Array<{ context: BrowserContext; problems: string[] }> = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const problems = open.flatMap((o) => o.problems);
    await Promise.all(open.map((o) => o.context.close().catch(() => undefined)));
    open.length = 0;
    if (problems.length) {
      const shown = problems.slice(0, 10).join("\n") + (problems.length > 10 ? `\n... and ${problems.length - 10} more` : "");
      throw new Error(`The page reported ${problems.length} error(s):\n${shown}`);
    }
  });

  return {
    /**
     * A page in a new context (own cookies = own user). Desktop-sized unless `viewport` says
     * otherwise; `javaScript: false` opens the page as a browser without JavaScript.
     */
    async newPage(
      options: { locale?: BrowserLocale; viewport?: { width: number; height: number }; javaScript?: boolean } = {},
    ): Promise<Page> {
      if (!browser) throw new Error("useBrowser(): the browser is not running (call newPage inside a test)");
      const context = await browser.newContext({
        locale: options.locale ?? "nb-NO",
        viewport: options.viewport ?? { width: 1280, height: 900 },
        javaScriptEnabled: options.javaScript ?? true,
      });
      const entry = { context, problems: [] as string[] };
      open.push(entry);
      const page = await context.newPage();
      page.setDefaultTimeout(8000);
      page.on("pageerror", (error) => entry.problems.push(`pageerror on ${page.url()}: ${error.stack ?? error.message}`));
      page.on("console", (msg) => {
        if (msg.type() !== "error") return;
        const where = msg.location().url;
        if (EXPECTED_HTTP_ERROR.test(msg.text()) && !ASSET.test(where)) return;
        entry.problems.push(`console.error on ${page.url()}: ${msg.text()} (${where})`);
      });
      return page;
    },
  };
}

/** Go to an app path (relative to the test server). */
export async function visit(page: Page, path: string) {
  return page.goto(`${baseUrl()}${path}`);
}

/**
 * Resolves once React has hydrated the page: React puts its props on every DOM node it
 * hydrates; the footer is the last part of the layout, and one frame later the commit
 * (effects, event handlers) has run.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const last = document.querySelector(".site-footer p:last-child");
    return !!last && Object.keys(last).some((k) => k.startsWith("__reactProps"));
  });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

export interface FocusInfo {
  tag: string;
  text: string;
  indicator: string;
  visible: boolean;
  inViewport: boolean;
}

/**
 * What the focused element looks like: a focus indicator is an outline (not 'none', width > 0)
 * or a box-shadow on the element itself; for the rich-text surface, on its `.editor` frame
 * (which carries the :focus-within ring); for a Designsystemet checkbox or radio, on its
 * `.ds-field` (DS rings the box and its label together).
 */
async function focusInfo(page: Page): Promise<FocusInfo> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: "body", text: "", indicator: "none", visible: false, inViewport: false };
    // Chromium's date/month inputs have a calendar button inside their shadow DOM that is a
    // Tab stop of its own; the input is then not :focus and the browser draws its own ring
    // around the button, which page styles cannot reach.
    if (el instanceof HTMLInputElement && /^(date|month|week|time|datetime-local)$/.test(el.type) && !el.matches(":focus")) {
      const r = el.getBoundingClientRect();
      return {
        tag: `input#${el.id}::picker`,
        text: "",
        indicator: "native",
        visible: true,
        inViewport: r.bottom > 0 && r.top < window.innerHeight,
      };
    }
    // Designsystemet draws the ring of a checkbox or radio around its whole field (box + label).
    const dsField = el.matches("input[type=checkbox], input[type=radio]") ? (el.closest(".ds-field") as HTMLElement | null) : null;
    const ringOn = el.isContentEditable ? ((el.closest(".editor") as HTMLElement | null) ?? el) : (dsField ?? el);
    const s = getComputedStyle(ringOn);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow !== "none" && s.boxShadow !== "";
    const r = el.getBoundingClientRect();
    return {
      tag:
        el.tagName.toLowerCase() +
        (el.id ? `#${el.id}` : "") +
        (el.className && typeof el.className === "string" ? `.${el.className.split(" ")[0]}` : ""),
      text: (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 60),
      indicator: outline ? `outline ${s.outlineStyle} ${s.outlineWidth}` : shadow ? `box-shadow ${s.boxShadow}` : "none",
      visible: outline || shadow,
      inViewport: r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth,
    };
  });
}

/** Fails unless the focused element shows a focus indicator and is on screen. */
export async function expectVisibleFocus(page: Page, what: string) {
  const info = await focusInfo(page);
  expect(info.visible, `focus indicator on ${what} (${info.tag} "${info.text}")`).toBe(true);
  expect(info.inViewport, `${what} (${info.tag}) is on screen when focused`).toBe(true);
  return info;
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, like a keyboard user would, and
 * checks that every stop on the way shows a visible focus indicator. Fails after `max` presses.
 */
export async function tabTo(page: Page, target: ReturnType<Page["locator"]>, options: { max?: number; backwards?: boolean } = {}) {
  const max = options.max ?? 60;
  const handle = await target.elementHandle();
  if (!handle) throw new Error("tabTo: target not found");
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(options.backwards ? "Shift+Tab" : "Tab");
    const info = await focusInfo(page);
    stops.push(`${info.tag} "${info.text}"`);
    if (info.tag !== "body") {
      expect(info.visible, `focus indicator on tab stop ${i + 1}: ${info.tag} "${info.text}"`).toBe(true);
    }
    if (await handle.evaluate((el) => el === document.activeElement)) return stops;
  }
  throw new Error(`tabTo: target not reached after ${max} presses; stops: ${stops.join(" | ")}`);
}
