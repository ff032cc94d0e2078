/**
 * Account pages in a real browser: keyboard use, focus after errors, and axe-core
 * (WCAG 2.1 A/AA) on every page of the login, reset, profile, organisation and invitation flows.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectNoAxeViolations, launchBrowser, loginInBrowser } from "../support/browser";
import { createOrganisation, createUser, uniqueEmail } from "../support/factories";
import { Client } from "../support/http";
import { linkPath, waitForMail } from "../support/mail";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "nb-NO" });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  return page;
}

describe("account pages in the browser", () => {
  it("logs in with the keyboard; a failed attempt moves focus to the error summary", async () => {
    const user = await createUser();
    const page = await newPage();
    await page.goto(`${baseUrl()}/login`);
    await expectNoAxeViolations(page, "/login");
    await page.getByLabel("E-postadresse").fill(user.email);
    await page.getByLabel("Passord", { exact: true }).fill("wrong-password-here");
    await page.keyboard.press("Enter");
    const summary = page.getByRole("alert");
    await expect.poll(() => summary.textContent()).toContain("Feil e-postadresse eller passord.");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");
    expect(await page.getByLabel("E-postadresse").inputValue()).toBe(user.email);
    await expectNoAxeViolations(page, "/login with errors");

    await page.getByLabel("Passord", { exact: true }).fill(user.password);
    await page.getByLabel("Passord", { exact: true }).press("Enter");
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.getByRole("button", { name: "Logg ut" }).waitFor({ state: "visible" });
    await page.context().close();
  });

  it("profile and organisation pages pass axe for an admin", async () => {
    const org = await createOrganisation();
    const admin = await createUser({ memberships: [{ organisationId: org.id, role: "ADMIN" }] });
    await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
    const inviter = new Client();
    await inviter.login(admin.email, admin.password);
    await inviter.post("/organisation", { intent: "invite", organisationId: org.id, email: uniqueEmail("pending"), role: "MEMBER" });

    const page = await newPage();
    await loginInBrowser(page, admin.email, admin.password);
    await page.goto(`${baseUrl()}/profile`);
    expect(await page.locator("h1").textContent()).toBe("Profil");
    await expectNoAxeViolations(page, "/profile");
    await page.goto(`${baseUrl()}/organisation`);
    expect(await page.locator("h1").count()).toBe(1);
    await expectNoAxeViolations(page, "/organisation");

    // Inviting with an invalid address: the summary links to the field and keeps the text.
    await page.getByLabel("E-postadresse").fill("feil-adresse");
    await page.getByRole("button", { name: "Send invitasjon" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("Skriv en gyldig e-postadresse");
    expect(await page.getByLabel("E-postadresse").inputValue()).toBe("feil-adresse");
    await expectNoAxeViolations(page, "/organisation with errors");
    await page.context().close();
  });

  it("forgot-password, reset and invitation pages pass axe", async () => {
    const user = await createUser();
    const page = await newPage();
    await page.goto(`${baseUrl()}/forgot-password`);
    await expectNoAxeViolations(page, "/forgot-password");
    await page.getByLabel("E-postadresse").fill(user.email);
    await page.getByRole("button", { name: "Send lenke" }).click();
    await page.waitForURL((url) => url.search === "?sent=1");
    await expectNoAxeViolations(page, "/forgot-password?sent=1");
    const resetPath = linkPath(await waitForMail(user.email), "/reset-password/");
    await page.goto(`${baseUrl()}${resetPath}`);
    await expectNoAxeViolations(page, "/reset-password");

    const org = await createOrganisation();
    const admin = await createUser({ memberships: [{ organisationId: org.id, role: "ADMIN" }] });
    const c = new Client();
    await c.login(admin.email, admin.password);
    const email = uniqueEmail("invitee");
    await c.post("/organisation", { intent: "invite", organisationId: org.id, email, role: "EDITOR" });
    const invitePath = linkPath(await waitForMail(email), "/invite/");
    await page.goto(`${baseUrl()}${invitePath}`);
    await expectNoAxeViolations(page, "/invite (new account)");
    await page.getByLabel("Navn").fill("Nora Nettleser");
    await page.getByLabel("Nytt passord", { exact: true }).fill("nora-sitt-passord");
    await page.getByLabel("Gjenta nytt passord").fill("nora-sitt-passord");
    await page.getByRole("button", { name: "Lag konto og godta" }).click();
    await page.waitForURL((url) => url.pathname === "/organisation");
    expect(await page.getByRole("status").textContent()).toContain("Velkommen!");
    await page.context().close();
  });
});
