/**
 * "Spør kommunen" in a real browser, keyboard only: a member of one municipality asks on a
 * case (bokmål), the owner's editor is told by mail, answers in English, and the asker marks
 * the question answered. Each outcome is announced in the status region.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { loginInBrowser } from "../support/browser";
import { expectVisibleFocus, tabTo, useBrowser, visit, waitForHydration } from "../support/browser-session";
import { createFullCase, createTestArea } from "../support/case-factories";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { waitForMail } from "../support/mail";

const browser = useBrowser();

async function openCase(page: Page, slug: string) {
  await visit(page, `/cases/${slug}`);
  await waitForHydration(page);
}

const status = (page: Page) => page.locator("#questions [role=status]");

describe("questions and answers, keyboard only", () => {
  it("ask (nb) -> the owner is mailed -> answer (en) -> the asker marks it answered", async () => {
    const [owner, asking] = await Promise.all([
      createOrganisation({ name: `Hamar kommune helse og omsorg ${uniqueSuffix()}` }),
      createOrganisation(),
    ]);
    const ownerEditor = await createUser({ locale: "en", memberships: [{ organisationId: owner.id, role: "EDITOR" }] });
    const asker = await createUser({ memberships: [{ organisationId: asking.id, role: "MEMBER" }] });
    const area = await createTestArea();
    const c = await createFullCase({
      ownerOrganisationId: owner.id,
      challengeAreaIds: [area.id],
      visibility: "MEMBERS",
      actorId: ownerEditor.id,
    });
    const questionText = `Hvor mange stillinger ble omgjort? ${uniqueSuffix()}`;

    // --- asking, in bokmål, with the keyboard
    const askerPage = await browser.newPage();
    await loginInBrowser(askerPage, asker.email, asker.password);
    await openCase(askerPage, c.slug);
    const askBox = askerPage.getByLabel("Ditt spørsmål", { exact: true });
    await tabTo(askerPage, askBox, { max: 200 });
    await askerPage.keyboard.type(questionText);
    await askerPage.keyboard.press("Tab");
    await expectVisibleFocus(askerPage, "the send button");
    expect(await askerPage.evaluate(() => document.activeElement?.textContent)).toBe("Send spørsmålet");
    await askerPage.keyboard.press("Enter");
    await expect.poll(() => status(askerPage).textContent(), { timeout: 10_000 }).toContain("Spørsmålet ditt er sendt.");
    await expect.poll(() => askerPage.locator(".qa-question").first().textContent(), { timeout: 10_000 }).toContain(questionText);
    expect(await askerPage.locator(".qa-question").first().textContent()).toContain("Ikke besvart");
    expect(await askBox.inputValue(), "the sent question is not left in the box").toBe("");

    // --- the owner's editor hears of it by mail (the notifications and mail consumers)
    const mail = await waitForMail(ownerEditor.email, 0, 20_000);
    expect(mail.subject + mail.text).toContain(c.title);

    // --- answering, in English, with the keyboard
    const ownerPage = await browser.newPage({ locale: "en-US" });
    await loginInBrowser(ownerPage, ownerEditor.email, ownerEditor.password);
    await openCase(ownerPage, c.slug);
    const summary = ownerPage.locator(".qa-answer-form summary").first();
    await tabTo(ownerPage, summary, { max: 200 });
    await ownerPage.keyboard.press("Enter");
    const answerBox = ownerPage.getByLabel("Your answer", { exact: true });
    await expect.poll(() => answerBox.isVisible(), { timeout: 10_000 }).toBe(true);
    await ownerPage.keyboard.press("Tab");
    expect(await answerBox.evaluate((el) => el === document.activeElement), "Tab goes from the summary into the answer box").toBe(true);
    await ownerPage.keyboard.type("Twelve positions, see https://example.no/report.");
    await ownerPage.keyboard.press("Tab");
    await ownerPage.keyboard.press("Enter");
    await expect.poll(() => status(ownerPage).textContent(), { timeout: 10_000 }).toContain("Your answer has been published.");
    const answer = ownerPage.locator(".qa-answer").first();
    await expect.poll(() => answer.textContent(), { timeout: 10_000 }).toContain(`Answer from ${owner.name}`);
    expect(await ownerPage.getByLabel("Your answer", { exact: true }).inputValue(), "the sent answer is not left in the box").toBe("");
    expect(await answer.locator(".qa-post__body a").getAttribute("href")).toBe("https://example.no/report");
    expect(await answer.locator(".qa-post__body a").getAttribute("rel")).toBe("nofollow ugc noopener");

    // --- the asker marks it answered
    await openCase(askerPage, c.slug);
    expect(await askerPage.locator(".qa-answer").first().textContent()).toContain(`Svar fra ${owner.name}`);
    const mark = askerPage.getByRole("button", { name: "Marker som besvart" });
    await tabTo(askerPage, mark, { max: 200 });
    await askerPage.keyboard.press("Enter");
    await expect.poll(() => status(askerPage).textContent(), { timeout: 10_000 }).toContain("Spørsmålet er markert som besvart.");
    await expect.poll(() => askerPage.getByRole("button", { name: "Marker som ikke besvart" }).count(), { timeout: 10_000 }).toBe(1);

    // --- 390 px wide: the questions fit without sideways scrolling
    const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await loginInBrowser(phone, asker.email, asker.password);
    await openCase(phone, c.slug);
    await phone.locator("#questions").scrollIntoViewIfNeeded();
    const layout = await phone.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      // What sticks out, if anything (named in the failure message).
      wide: [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > 390.5 && !e.closest(".ds-table, table"))
        .slice(0, 6)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}.${String(e.className)} in ${String(e.parentElement?.className)} right=${e.getBoundingClientRect().right.toFixed(1)} "${(e.textContent ?? "").slice(0, 40)}"`,
        ),
    }));
    expect(layout.width, `no sideways scroll at 390 px; sticking out: ${layout.wide.join(" | ")}`).toBeLessThanOrEqual(390);
  });

  it("without JavaScript: a too long question comes back with the text kept and the error linked", async () => {
    const org = await createOrganisation();
    const user = await createUser({ memberships: [{ organisationId: org.id, role: "MEMBER" }] });
    const area = await createTestArea();
    const c = await createFullCase({ ownerOrganisationId: org.id, challengeAreaIds: [area.id], visibility: "PUBLIC" });
    const page = await browser.newPage({ javaScript: false });
    await loginInBrowser(page, user.email, user.password);
    await visit(page, `/cases/${c.slug}`);
    const long = `Lang ${"tekst ".repeat(1100)}`;
    await page.getByLabel("Ditt spørsmål", { exact: true }).fill(long);
    await page.getByRole("button", { name: "Send spørsmålet" }).click();
    expect(new URL(page.url()).pathname).toBe(`/cases/${c.slug}/questions`);
    expect(await page.getByRole("alert").textContent()).toContain("Teksten er for lang");
    expect(await page.getByLabel("Ditt spørsmål", { exact: true }).inputValue()).toBe(long);
    expect(await page.getByLabel("Ditt spørsmål", { exact: true }).getAttribute("aria-invalid")).toBe("true");
  });
});
