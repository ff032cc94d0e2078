/**
 * Real browser for end-to-end tests: playwright-core driving Debian's chromium
 * (`apt-get install chromium`; .ci/run installs it). Never downloads a browser.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect, inject } from "vitest";

const require = createRequire(import.meta.url);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

export const baseUrl = () => inject("baseUrl");

export async function loginInBrowser(page: Page, email: string, password: string) {
  await page.goto(`${baseUrl()}/login`);
  await page.getByLabel(/e-post|e-mail/i).fill(email);
  await page.getByLabel(/passord|password/i).fill(password);
  await page.getByRole("button", { name: /logg inn|log in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core (WCAG 2.1 A + AA rules) on the current page and fails on any violation. */
export async function expectNoAxeViolations(page: Page, label = page.url()) {
  // Evaluated through the DevTools protocol, not as an inline <script>: the page's
  // Content-Security-Policy (script-src with a nonce) rightly refuses injected scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // @ts-expect-error injected global
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v: { id: string; help: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
    }));
  });
  expect(violations, `axe violations on ${label}`).toEqual([]);
}
