/**
 * Notification mail in a real browser (docs/decisions/021): the unsubscribe link from a mail
 * in the mail log, opened logged out, works in one click and can be undone; the settings page
 * works with the keyboard only. Both in bokmål and English.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getMailFrequencies } from "~/models/notification-setting.server";
import { DEFAULT_MAIL_FREQUENCY } from "~/notifications/kinds";
import { baseUrl, expectNoAxeViolations, loginInBrowser } from "../support/browser";
import { expectVisibleFocus, tabTo, useBrowser, visit, waitForHydration } from "../support/browser-session";
import { createFullCase, createTestArea } from "../support/case-factories";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { waitForMail } from "../support/mail";
import { notifyDirect } from "../support/mail-notifications";

const browser = useBrowser();

type Lang = "nb" | "en";
const TEXT = {
  nb: {
    done: "Du får ikke lenger e-post om nye spørsmål.",
    undo: "Angre avmeldingen",
    undone: "Avmeldingen er angret",
    saved: "Innstillingene er lagret.",
    save: "Lagre innstillingene",
    legend: "Nye svar",
    daily: "Daglig oppsummering",
  },
  en: {
    done: "You will no longer get e-mail about new questions.",
    undo: "Undo unsubscribing",
    undone: "Unsubscribing has been undone",
    saved: "Your settings have been saved.",
    save: "Save settings",
    legend: "New answers",
    daily: "Daily digest",
  },
};

async function setLang(page: Page, lang: Lang) {
  await page.context().addCookies([{ name: "lb_lang", value: lang, url: baseUrl() }]);
}

describe.each(["nb", "en"] as Lang[])("notification mail (%s)", (lang) => {
  it("unsubscribes in one click from the link in the mail, logged out, and undoes it", async () => {
    const user = await createUser({ locale: lang });
    const org = await createOrganisation();
    const area = await createTestArea();
    const c = await createFullCase({
      ownerOrganisationId: org.id,
      challengeAreaIds: [area.id],
      visibility: "PUBLIC",
      title: `Spørsmålssak ${uniqueSuffix()}`,
    });
    await notifyDirect(user.id, [{ kind: "question", caseId: c.id }]);
    const mail = await waitForMail(user.email);
    const link = mail.text.match(new RegExp(`${baseUrl().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/unsubscribe/[\\w.-]+`))?.[0];
    expect(link, "the mail has an unsubscribe link").toBeTruthy();
    expect(mail.html).toContain(`href="${link}"`);

    const page = await browser.newPage();
    await setLang(page, lang);
    const response = await page.goto(link!);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.getByRole("status").textContent()).toContain(TEXT[lang].done);
    expect((await getMailFrequencies(user.id)).question).toBe("OFF");
    await waitForHydration(page);
    await expectNoAxeViolations(page, `unsubscribe (${lang})`);

    await page.getByRole("button", { name: TEXT[lang].undo }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain(TEXT[lang].undone);
    expect(await getMailFrequencies(user.id)).toEqual(DEFAULT_MAIL_FREQUENCY);
    // Switching language on the "undone" page must not unsubscribe again.
    await page.getByRole("button", { name: lang === "nb" ? "English" : "Norsk" }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang === "nb" ? "en" : "nb");
    expect(await getMailFrequencies(user.id)).toEqual(DEFAULT_MAIL_FREQUENCY);
  });

  it("changes a setting with the keyboard only and announces the result", async () => {
    const user = await createUser({ locale: lang });
    const page = await browser.newPage();
    await setLang(page, lang);
    await loginInBrowser(page, user.email, user.password);
    await visit(page, "/me/notification-settings");
    await waitForHydration(page);
    // "New answers": Immediately is checked; Tab reaches the group's checked radio, arrow keys move the choice.
    const answers = page.getByRole("group", { name: TEXT[lang].legend });
    const immediate = answers.getByRole("radio").first();
    expect(await immediate.isChecked()).toBe(true);
    await tabTo(page, immediate);
    await page.keyboard.press("ArrowDown");
    const daily = answers.getByRole("radio", { name: TEXT[lang].daily });
    expect(await daily.isChecked()).toBe(true);
    await expectVisibleFocus(page, "the daily radio button");
    await tabTo(page, page.getByRole("button", { name: TEXT[lang].save }));
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("status").textContent()).toContain(TEXT[lang].saved);
    expect((await getMailFrequencies(user.id)).answer).toBe("DAILY");
  });
});
