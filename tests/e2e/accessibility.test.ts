/**
 * axe-core (WCAG 2.1 A + AA) on every page template, in bokmål and English, after
 * hydration (so client-only parts such as the rich-text editors are checked too).
 * Each page is also checked to be the page we meant (status, <html lang>, not the error
 * panel unless expected), so a redirect or a 404 cannot pass in its place.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, expectNoAxeViolations } from "../support/browser";
import { useBrowser, visit, waitForHydration } from "../support/browser-session";
import { adaptCase } from "~/models/case-adapt.server";
import { updateCase } from "~/models/case.server";
import { db } from "~/utils/db.server";
import { createFullCase, createTestArea, inputFor, viewerOf } from "../support/case-factories";
import { createOrganisation, createUser } from "../support/factories";
import { Client } from "../support/http";
import { unsubscribeToken } from "~/notifications/unsubscribe-token.server";
import { textToPostDoc } from "~/editor/reduced-schema";
import { askQuestion, postAnswer } from "~/models/question.server";

const browser = useBrowser();

type Lang = "nb" | "en";
const LANGS: Lang[] = ["nb", "en"];
// Every error page checked here is a 404: its own heading, not a generic "something went wrong".
const ERROR_TITLE: Record<Lang, string> = { nb: "Fant ikke siden", en: "Page not found" };

let fixture: {
  admin: { id: string; email: string; password: string };
  orgId: string;
  orgSlug: string;
  area: { id: string; slug: string };
  publicSlug: string;
  /** Another organisation's case the admin may adapt, and the admin organisation's adaptation of it. */
  otherSlug: string;
  adaptedSlug: string;
  /** A question with an answer on the public case (questions & answers pages). */
  questionId: string;
  /** The admin's session cookie (lb_session). */
  adminSession: string;
};

beforeAll(async () => {
  const org = await createOrganisation();
  // A platform admin who is also admin of an organisation sees every page there is.
  const admin = await createUser({ platformRole: "ADMIN", memberships: [{ organisationId: org.id, role: "ADMIN" }] });
  const area = await createTestArea();
  const c = await createFullCase({ ownerOrganisationId: org.id, challengeAreaIds: [area.id], visibility: "PUBLIC", actorId: admin.id });
  const otherOrg = await createOrganisation();
  const other = await createFullCase({ ownerOrganisationId: otherOrg.id, challengeAreaIds: [area.id], visibility: "PUBLIC" });
  const adapted = await adaptCase(viewerOf(admin), other.slug, { organisationId: org.id });
  await db().case.update({ where: { id: adapted.id }, data: { whatWeChanged: "Vi gjorde det mindre.\n\nOg raskere." } });
  // With facts for reuse, so axe also checks the facts box (decision 018).
  const facts = { costOneOffNok: "250 000", durationMonths: "18", inhabitants: "31 000", prerequisites: "Ett avsnitt.\n\nEtt til." };
  await updateCase(
    c.id,
    inputFor(c, {
      ...facts,
      reportLinks: [{ title: "Rapport", url: "https://www.ks.no/" }],
      results: c.results.map((r) => ({ ...r, baseline: r.baseline?.toString(), result: r.result?.toString() })),
    }),
    admin.id,
    c.version,
  );
  const client = new Client();
  await client.login(admin.email, admin.password);
  const adminSession = client.cookie("lb_session");
  if (!adminSession) throw new Error("the admin's login set no lb_session cookie");
  const questionId = await askedAndAnswered(c.id, org.id);
  // Something on /notifications and /me (decision 020): a follow and an unread notification.
  await db().follow.create({ data: { userId: admin.id, targetType: "challenge_area", targetId: area.id } });
  await db().notification.create({
    data: {
      userId: admin.id,
      kind: "case_published",
      eventId: 0n,
      caseId: other.id,
      data: { via: "challenge_area", challengeAreaId: area.id },
    },
  });
  fixture = {
    admin,
    orgId: org.id,
    orgSlug: org.slug,
    area: { id: area.id, slug: area.slug },
    publicSlug: c.slug,
    otherSlug: other.slug,
    adaptedSlug: adapted.slug,
    questionId,
    adminSession,
  };
});

/** A question from another municipality on the case, answered by the owner (through the model, like the pages do). */
async function askedAndAnswered(caseId: string, ownerOrgId: string) {
  const asking = await createOrganisation();
  const asker = await createUser({ memberships: [{ organisationId: asking.id, role: "MEMBER" }] });
  const owner = await createUser({ memberships: [{ organisationId: ownerOrgId, role: "EDITOR" }] });
  const viewer = (u: typeof asker) => ({ id: u.id, platformRole: u.platformRole, memberships: u.memberships });
  const { question } = await askQuestion(viewer(asker), caseId, {
    doc: textToPostDoc("Hvor lang tid tok det? https://example.no"),
    text: "",
  });
  await postAnswer(viewer(owner), question.id, { doc: textToPostDoc("Omtrent et halvt år."), text: "" });
  return question.id;
}

async function setLang(page: Page, lang: Lang) {
  await page.context().addCookies([{ name: "lb_lang", value: lang, url: baseUrl() }]);
}

/** Opens `path` in each language, checks it is the intended page, and runs axe on it. */
async function checkPage(page: Page, path: string, options: { status?: number; errorPage?: boolean; langs?: Lang[] } = {}) {
  for (const lang of options.langs ?? LANGS) {
    await setLang(page, lang);
    const response = await visit(page, path);
    const label = `${path} (${lang})`;
    expect(response?.status(), label).toBe(options.status ?? 200);
    expect(new URL(page.url()).pathname, `${label}: no redirect`).toBe(path.split("?")[0]);
    expect(await page.evaluate(() => document.documentElement.lang), label).toBe(lang);
    const h1 = await page.locator("h1").allTextContents();
    expect(h1, `${label}: one h1`).toHaveLength(1);
    if (options.errorPage) expect(h1[0], label).toBe(ERROR_TITLE[lang]);
    else expect(h1[0], `${label} is not the error page`).not.toBe(ERROR_TITLE[lang]);
    await waitForHydration(page);
    await expectNoAxeViolations(page, label);
  }
}

/** One page template: its path (fixture ids are known only after beforeAll), what to expect, and extra checks. */
interface Template {
  path: () => string;
  status?: number;
  errorPage?: boolean;
  alsoCheck?: (page: Page) => Promise<void>;
}

// One test per template (both languages): a single test over every page took ~35 page loads
// and axe runs, which passed the 30 s test timeout on a busy machine.
const VISITOR_PAGES: Record<string, Template> = {
  "front page": { path: () => "/" },
  "challenge areas": { path: () => "/areas" },
  "one challenge area": {
    path: () => `/areas/${fixture.area.slug}`,
    alsoCheck: async (page) => expect(await page.locator(".case-card").count(), "the area page lists the case").toBeGreaterThan(0),
  },
  "a case": {
    path: () => `/cases/${fixture.publicSlug}`,
    alsoCheck: async (page) => {
      expect(await page.locator("table.case__results").count(), "case page with a results table").toBe(1);
      expect(await page.locator("section.reuse-box dt").count(), "case page with the facts box").toBe(5);
    },
  },
  "an organisation": {
    path: () => `/organisations/${fixture.orgSlug}`,
    alsoCheck: async (page) => expect(await page.locator(".case-card").count(), "the organisation's cases").toBeGreaterThan(0),
  },
  login: { path: () => "/login" },
  "accessibility statement": { path: () => "/tilgjengelighet" },
  "forgot password": { path: () => "/forgot-password" },
  "reset password, invalid link": {
    path: () => "/reset-password/not-a-real-token",
    status: 404,
    alsoCheck: async (page) => expect(await page.getByRole("alert").count(), "the invalid-link message").toBe(1),
  },
  "unsubscribe link": {
    path: () => `/unsubscribe/${unsubscribeToken(fixture.admin.id, "case_revised")}`,
    alsoCheck: async (page) => expect(await page.getByRole("status").count(), "what changed is announced").toBe(1),
  },
  "unsubscribe, invalid link": { path: () => "/unsubscribe/not-a-real-token", status: 400 },
  "404 page": { path: () => "/finnes-ikke", status: 404, errorPage: true },
  "404 for a case": { path: () => "/cases/finnes-ikke", status: 404, errorPage: true },
};

const SIGNED_IN_PAGES: Record<string, Template> = {
  "front page": { path: () => "/" },
  "a case": {
    path: () => `/cases/${fixture.publicSlug}`,
    alsoCheck: async (page) =>
      expect(await page.locator(".case__contact a[href^='mailto:']").count(), "signed in: the contact is shown").toBe(1),
  },
  "a case with questions and answers": {
    path: () => `/cases/${fixture.publicSlug}`,
    alsoCheck: async (page) => {
      expect(await page.locator(".qa-question").count(), "the question is shown").toBe(1);
      expect(await page.locator(".qa-answer").count(), "with its answer").toBe(1);
    },
  },
  "one question": {
    path: () => `/questions/${fixture.questionId}`,
    alsoCheck: async (page) => expect(await page.locator(".qa-answer").count(), "the answer is shown").toBe(1),
  },
  "ask a question": { path: () => `/cases/${fixture.publicSlug}/questions` },
  "unanswered questions": { path: () => "/questions/unanswered" },
  "new case": {
    path: () => "/cases/new",
    alsoCheck: async (page) => expect(await page.locator(".ProseMirror[contenteditable=true]").count(), "editors are on the page").toBe(6),
  },
  "edit a case": {
    path: () => `/cases/${fixture.publicSlug}/edit`,
    alsoCheck: async (page) => expect(await page.locator(".ProseMirror[contenteditable=true]").count(), "editors are on the page").toBe(6),
  },
  "delete a case": { path: () => `/cases/${fixture.publicSlug}/delete` },
  "adapt a case": {
    path: () => `/cases/${fixture.otherSlug}/adapt`,
    alsoCheck: async (page) => expect(await page.locator("form button[type=submit]").count(), "the adapt form").toBeGreaterThan(0),
  },
  "an adapted case": {
    path: () => `/cases/${fixture.adaptedSlug}`,
    alsoCheck: async (page) => expect(await page.locator(".case-adaptations__based-on a").count(), "the link to the original").toBe(1),
  },
  "a case with an adaptation": {
    path: () => `/cases/${fixture.otherSlug}`,
    alsoCheck: async (page) => expect(await page.locator(".case-adaptations__adopted li").count(), "the adaptation is listed").toBe(1),
  },
  organisation: { path: () => "/organisation" },
  "an organisation's page (follow toggle)": {
    path: () => `/organisations/${fixture.orgSlug}`,
    alsoCheck: async (page) => expect(await page.locator("button[aria-pressed]").count(), "the follow toggle").toBe(1),
  },
  notifications: {
    path: () => "/notifications",
    alsoCheck: async (page) => expect(await page.locator(".notification--unread").count(), "unread notifications").toBeGreaterThan(0),
  },
  "mine sider": {
    path: () => "/me",
    alsoCheck: async (page) => expect(await page.locator("#me-following").count(), "what I follow").toBe(1),
  },
  profile: { path: () => "/profile" },
  "notification settings": {
    path: () => "/me/notification-settings",
    alsoCheck: async (page) => expect(await page.getByRole("radio").count(), "four choices per kind").toBe(24),
  },
  admin: { path: () => "/admin" },
  "admin: organisations": { path: () => "/admin/organisations" },
  "admin: new organisation": { path: () => "/admin/organisations/new" },
  "admin: one organisation": { path: () => `/admin/organisations/${fixture.orgId}` },
  "admin: challenge areas": { path: () => "/admin/challenge-areas" },
  "admin: new challenge area": { path: () => "/admin/challenge-areas/new" },
  "admin: one challenge area": { path: () => `/admin/challenge-areas/${fixture.area.id}` },
  // The 404 page knows the language and the signed-in user (the root loader runs for it).
  "404 page": {
    path: () => "/finnes-ikke",
    status: 404,
    errorPage: true,
    alsoCheck: async (page) =>
      expect(await page.getByRole("button", { name: "Log out" }).count(), "still signed in on the 404 page").toBe(1),
  },
};

/** A page signed in as the fixture's admin: the session cookie of one HTTP login, no login form per test. */
async function signedInPage() {
  const page = await browser.newPage();
  await page.context().addCookies([{ name: "lb_session", value: encodeURIComponent(fixture.adminSession), url: baseUrl() }]);
  return page;
}

describe("axe on every page template, as a visitor", () => {
  it.each(Object.entries(VISITOR_PAGES))("%s", async (_name, template) => {
    const page = await browser.newPage();
    await checkPage(page, template.path(), template);
    await template.alsoCheck?.(page);
  });
});

describe("axe on every page template, signed in as editor, organisation admin and platform admin", () => {
  it.each(Object.entries(SIGNED_IN_PAGES))("%s", async (_name, template) => {
    const page = await signedInPage();
    await checkPage(page, template.path(), template);
    await template.alsoCheck?.(page);
  });
});

describe("axe on pages with errors", () => {
  it("login with errors", async () => {
    const page = await browser.newPage();
    for (const lang of LANGS) {
      await setLang(page, lang);
      await visit(page, "/login");
      await waitForHydration(page);
      await page.locator("form.form button[type=submit]").click();
      await page.getByRole("alert").waitFor();
      expect(await page.locator("[aria-invalid=true]").count(), `login errors (${lang})`).toBeGreaterThan(0);
      await expectNoAxeViolations(page, `/login with errors (${lang})`);
    }
  });

  it("the case form with errors", async () => {
    const page = await signedInPage();
    for (const lang of LANGS) {
      await setLang(page, lang);
      await visit(page, "/cases/new");
      await expect.poll(() => page.locator(".ProseMirror[contenteditable=true]").count()).toBe(6);
      // A baseline that is not a number puts errors inside the results table too.
      await page.locator("#f-results-0-baseline").fill("x");
      await page.getByRole("button", { name: lang === "nb" ? "Opprett case" : "Create case" }).click();
      await page.getByRole("alert").waitFor();
      const invalid = await page.locator("[aria-invalid=true]").evaluateAll((els) => els.map((e) => e.id));
      expect(invalid, `/cases/new errors (${lang})`).toEqual(expect.arrayContaining(["f-title", "f-summary", "f-results-0-baseline"]));
      await expectNoAxeViolations(page, `/cases/new with errors (${lang})`);
    }
  });
});
