/**
 * Notification e-mail (docs/decisions/021-mail-and-digests.md), against the real server and
 * database: immediate mails from the server's "mail" consumer (language, HTML + text, RFC 8058
 * headers, the daily cap, visibility at sending time), digests through the scheduler's tick
 * at an injected time (grouping, idempotence with two ticks at once), the settings page and
 * the unsubscribe link from outside.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { runDigestTick } from "~/events/mail.server";
import { nextPeriod } from "~/notifications/digest-periods";
import { db } from "~/utils/db.server";
import { createFullCase, createTestArea } from "../support/case-factories";
import { createOrganisation } from "../support/factories";
import { mailsTo, waitForMail } from "../support/mail";
import { mailSettled, notifyDirect, outcomesOf } from "../support/mail-notifications";
import { getMailFrequencies, setMailFrequencies } from "~/models/notification-setting.server";
import { DEFAULT_MAIL_FREQUENCY } from "~/notifications/kinds";
import { unsubscribeToken } from "~/notifications/unsubscribe-token.server";
import { createUser, uniqueSuffix } from "../support/factories";
import { Client } from "../support/http";
import { loggedIn } from "../support/case-factories";

/** Whether the radio button name=value is checked in the page. */
function checked(html: string, name: string, value: string) {
  const tag = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="${value}"[^>]*>`))?.[0] ?? "";
  return /\schecked(=""|\s|>|\/)/.test(tag);
}

const ALL_DAILY = {
  case_published: "DAILY",
  case_revised: "DAILY",
  case_adapted: "DAILY",
  question: "DAILY",
  answer: "DAILY",
  invitation: "DAILY",
};

describe("settings page /me/notification-settings", () => {
  it("sends a visitor to the login page", async () => {
    const res = await new Client().get("/me/notification-settings");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fme%2Fnotification-settings");
  });

  it("shows the defaults, saves every kind and announces it", async () => {
    const user = await createUser();
    const client = await loggedIn(user);
    const before = await client.page("/me/notification-settings");
    expect(before.status).toBe(200);
    expect(before.html).toContain("Varsler på e-post");
    // Defaults: questions immediately, new cases daily, changes weekly.
    expect(checked(before.html, "question", "IMMEDIATE")).toBe(true);
    expect(checked(before.html, "case_revised", "WEEKLY")).toBe(true);
    expect(before.html).toContain("<legend");

    const res = await client.post("/me/notification-settings", { intent: "save", ...ALL_DAILY, question: "OFF" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/me/notification-settings?notice=saved");
    expect(await getMailFrequencies(user.id)).toEqual({ ...ALL_DAILY, question: "OFF" });
    const after = await client.page("/me/notification-settings?notice=saved");
    expect(after.html).toMatch(/role="status"[^>]*>[\s\S]*Innstillingene er lagret/);
    expect(checked(after.html, "question", "OFF")).toBe(true);
  });

  it("refuses garbage frequencies with 400, keeps the choices and saves nothing", async () => {
    const user = await createUser({ locale: "en" });
    const client = await loggedIn(user);
    for (const fields of <Array<Record<string, string>>>[
      { intent: "save", ...ALL_DAILY, answer: "SOMETIMES" },
      { intent: "save", case_published: "DAILY" },
      { intent: "save", ...ALL_DAILY, question: "x".repeat(5000) },
      { intent: "explode" },
    ]) {
      const res = await client.post("/me/notification-settings", fields);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain("Some of the choices were invalid");
    }
    const res = await client.post("/me/notification-settings", { intent: "save", ...ALL_DAILY, answer: "SOMETIMES" });
    // What the user chose stays checked.
    expect(checked(await res.text(), "case_published", "DAILY")).toBe(true);
    expect(await getMailFrequencies(user.id)).toEqual(DEFAULT_MAIL_FREQUENCY);
  });

  it("refuses a forged post (no or wrong CSRF token, foreign origin) with 403", async () => {
    const user = await createUser();
    const client = await loggedIn(user);
    expect((await client.post("/me/notification-settings", { intent: "allOff" }, { csrf: false })).status).toBe(403);
    expect((await client.post("/me/notification-settings", { intent: "allOff" }, { csrf: "forged-token" })).status).toBe(403);
    expect((await client.post("/me/notification-settings", { intent: "allOff" }, { origin: "https://evil.example" })).status).toBe(403);
    // A visitor's valid form token does not make them anybody: off to the login page.
    const visitor = new Client();
    const res = await visitor.post("/me/notification-settings", { intent: "allOff" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
    expect(await getMailFrequencies(user.id)).toEqual(DEFAULT_MAIL_FREQUENCY);
  });

  it('"Slå av all e-post" turns every kind off', async () => {
    const user = await createUser();
    const client = await loggedIn(user);
    const res = await client.post("/me/notification-settings", { intent: "allOff" });
    expect(res.headers.get("location")).toBe("/me/notification-settings?notice=allOff");
    expect(Object.values(await getMailFrequencies(user.id))).toEqual(Array(6).fill("OFF"));
  });
});

describe("unsubscribe link /unsubscribe/$token", () => {
  it("turns the kind off in one click, logged out, and shows what changed with undo and settings", async () => {
    const user = await createUser();
    const visitor = new Client();
    const page = await visitor.page(`/unsubscribe/${unsubscribeToken(user.id, "question")}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Du får ikke lenger e-post om nye spørsmål.");
    expect(page.html).toContain("Nye spørsmål: fra «Straks» til «Av»");
    expect(page.html).toContain("Angre avmeldingen");
    expect(page.html).toContain('href="/me/notification-settings"');
    expect(await getMailFrequencies(user.id)).toEqual({ ...DEFAULT_MAIL_FREQUENCY, question: "OFF" });

    // Opening it again changes nothing and says so.
    const again = await visitor.page(`/unsubscribe/${unsubscribeToken(user.id, "question")}`);
    expect(again.html).toContain("var allerede slått av");

    // Undo (a normal form with the visitor's CSRF token) restores what it was.
    const undo = await visitor.post(`/unsubscribe/${unsubscribeToken(user.id, "question")}`, { intent: "undo", question: "IMMEDIATE" });
    expect(undo.status).toBe(302);
    expect(undo.headers.get("location")).toBe(`/unsubscribe/${unsubscribeToken(user.id, "question")}?undone=1`);
    expect(await getMailFrequencies(user.id)).toEqual(DEFAULT_MAIL_FREQUENCY);
    const undone = await visitor.page(undo.headers.get("location")!);
    expect(undone.html).toContain("Avmeldingen er angret");
    expect(await getMailFrequencies(user.id)).toEqual(DEFAULT_MAIL_FREQUENCY);
  });

  it("undo only touches the kinds the token covers, and needs the CSRF token", async () => {
    const user = await createUser();
    const token = unsubscribeToken(user.id, "answer");
    const visitor = new Client();
    await visitor.page(`/unsubscribe/${token}`);
    expect((await visitor.post(`/unsubscribe/${token}`, { intent: "undo", answer: "IMMEDIATE" }, { csrf: false })).status).toBe(403);
    await visitor.post(`/unsubscribe/${token}`, { intent: "undo", answer: "DAILY", question: "OFF", invitation: "OFF" });
    expect(await getMailFrequencies(user.id)).toEqual({ ...DEFAULT_MAIL_FREQUENCY, answer: "DAILY" });
  });

  it('"all" turns every kind off', async () => {
    const user = await createUser({ locale: "en" });
    await setMailFrequencies(user.id, { case_revised: "OFF" });
    const page = await new Client().page(`/unsubscribe/${unsubscribeToken(user.id, "all")}`);
    expect(page.status).toBe(200);
    expect(Object.values(await getMailFrequencies(user.id))).toEqual(Array(6).fill("OFF"));
    // Five were on; the one already off is not listed as changed.
    expect(page.html.match(/«Av»/g)?.length).toBe(5);
  });

  it("answers a one-click POST (RFC 8058) without session, cookies or CSRF token", async () => {
    const user = await createUser();
    const token = unsubscribeToken(user.id, "case_adapted");
    const res = await fetch(`${new Client().baseUrl}/unsubscribe/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect(await getMailFrequencies(user.id)).toEqual({ ...DEFAULT_MAIL_FREQUENCY, case_adapted: "OFF" });
  });

  it("answers tampered and garbage tokens with a translated 400, never a 500, and changes nothing", async () => {
    const user = await createUser();
    const good = unsubscribeToken(user.id, "question");
    const [id, , sig] = good.split(".");
    const other = await createUser();
    const variants = [
      `${id}.all.${sig}`, // scope widened
      `${other.id}.question.${sig}`, // someone else
      `${id}.question.${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`, // signature changed
      `${id}.question`,
      `${id}.nonsense.${sig}`,
      "garbage",
      "a.b.c.d",
      "%E2%80%AE",
      "x".repeat(180),
      `${id}.question.${sig}.`,
    ];
    const visitor = new Client();
    for (const token of variants) {
      const page = await visitor.page(`/unsubscribe/${token}`);
      expect(page.status, token).toBe(400);
      expect(page.html).toContain("Ugyldig avmeldingslenke");
      const post = await fetch(`${visitor.baseUrl}/unsubscribe/${token}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
      expect(post.status, token).toBe(400);
    }
    expect(await getMailFrequencies(user.id)).toEqual(DEFAULT_MAIL_FREQUENCY);
    expect(await getMailFrequencies(other.id)).toEqual(DEFAULT_MAIL_FREQUENCY);
  });

  it("a token of a deleted user is a 404", async () => {
    const user = await createUser();
    const token = unsubscribeToken(user.id, "all");
    const { db } = await import("~/utils/db.server");
    await db().user.delete({ where: { id: user.id } });
    expect((await new Client().get(`/unsubscribe/${token}`)).status).toBe(404);
  });
});

// ---------------------------------------------------------------- immediate mails and digests

const execFileAsync = promisify(execFile);

let world: { org: Awaited<ReturnType<typeof createOrganisation>>; areaId: string; areaName: string };
beforeAll(async () => {
  const area = await createTestArea();
  world = { org: await createOrganisation(), areaId: area.id, areaName: area.nameNb };
});

async function publicCase(title = `Sak ${uniqueSuffix()}`, visibility: "PUBLIC" | "MEMBERS" = "PUBLIC") {
  return createFullCase({ ownerOrganisationId: world.org.id, challengeAreaIds: [world.areaId], visibility, title });
}

/** A moment just after the next daily (or weekly) digest boundary: the tick a test runs "then". */
function afterNextBoundary(frequency: "DAILY" | "WEEKLY") {
  return new Date(nextPeriod(frequency, new Date(), 7).boundary.getTime() + 30_000);
}

describe("immediate mails (the server's mail consumer)", () => {
  it("mails a notification at once in the user's language, as HTML and text, with one-click unsubscribe headers", async () => {
    const user = await createUser({ locale: "en", name: "Erin English" });
    const c = await publicCase("Shared staffing pool");
    const [id] = await notifyDirect(user.id, [{ kind: "question", caseId: c.id }]);
    const mail = await waitForMail(user.email);
    expect(mail.subject).toBe("Løsningsbanken: New question about “Shared staffing pool”");
    expect(mail.text).toContain("Hello Erin English,");
    expect(mail.text).toContain(`Read “Shared staffing pool”: ${inject("baseUrl")}/cases/${c.slug}`);
    expect(mail.text).toMatch(/Stop e-mail about new questions: http\S+\/unsubscribe\/[\w-]+\.question\.[\w-]+/);
    expect(mail.html).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(mail.html).toContain("<h1");
    expect(mail.html).toContain(`<a href="${inject("baseUrl")}/cases/${c.slug}" style="color: #0062ba;">Read “Shared staffing pool”</a>`);
    expect(mail.html).not.toContain("<img");
    const unsubscribe = mail.headers?.["List-Unsubscribe"] ?? "";
    expect(unsubscribe).toMatch(new RegExp(`^<${inject("baseUrl")}/unsubscribe/${user.id}\\.question\\.[\\w-]+>$`));
    expect(mail.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    // The mail goes out inside the consumer's transaction; its outcome is visible once that commits.
    await mailSettled([user.id]);
    expect(await outcomesOf([id])).toEqual(["immediate"]);

    // The mail client's one-click POST to that header's URL turns the kind off.
    const res = await fetch(unsubscribe.slice(1, -1), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect((await getMailFrequencies(user.id)).question).toBe("OFF");
  });

  it("sends Norwegian to a Norwegian user, and nothing for a kind that is not immediate", async () => {
    const user = await createUser({ locale: "nb", name: "Nora Norsk" });
    await setMailFrequencies(user.id, { answer: "WEEKLY" });
    const c = await publicCase("Felles vikarpool");
    const [weekly, immediate] = await notifyDirect(user.id, [
      { kind: "answer", caseId: c.id },
      { kind: "case_adapted", caseId: c.id },
    ]);
    const mail = await waitForMail(user.email);
    expect(mail.subject).toBe(`Løsningsbanken: ${world.org.name} har tatt i bruk en av casene deres: «Felles vikarpool»`);
    expect(mail.html).toMatch(/<html lang="nb">/);
    await mailSettled([user.id]);
    expect(await outcomesOf([weekly, immediate])).toEqual([null, "immediate"]);
    expect(mailsTo(user.email)).toHaveLength(1);
  });

  it("never sends more than MAIL_IMMEDIATE_DAILY_CAP (5) a day: 7 notifications -> 5 mails, the rest in the daily digest", async () => {
    const user = await createUser();
    const cases = await Promise.all(Array.from({ length: 7 }, (_, i) => publicCase(`Sak nummer ${i + 1} ${uniqueSuffix()}`)));
    // Three arrive together, four one by one: the cap counts across rounds.
    const ids = await notifyDirect(
      user.id,
      cases.slice(0, 3).map((c) => ({ kind: "question" as const, caseId: c.id })),
    );
    for (const c of cases.slice(3)) ids.push(...(await notifyDirect(user.id, [{ kind: "question", caseId: c.id }])));
    await mailSettled([user.id]);
    const outcomes = await outcomesOf(ids);
    expect(outcomes.filter((o) => o === "immediate")).toHaveLength(5);
    expect(outcomes.filter((o) => o === "deferred")).toHaveLength(2);
    expect(mailsTo(user.email)).toHaveLength(5);

    // The next daily digest carries the two that waited, and only those.
    await runDigestTick({ now: afterNextBoundary("DAILY"), onlyUserIds: [user.id] });
    const mails = mailsTo(user.email);
    expect(mails).toHaveLength(6);
    const digest = mails[5];
    expect(digest.subject).toBe("Løsningsbanken: Daglig oppsummering: 2 varsler");
    const deferredTitles = ids.map((id, i) => [id, cases[i].title] as const).filter((_, i) => outcomes[i] === "deferred");
    for (const [, title] of deferredTitles) expect(digest.text).toContain(`«${title}»`);
    expect(digest.text.match(/Nytt spørsmål om/g)).toHaveLength(2);
    expect(await outcomesOf(deferredTitles.map(([id]) => id))).toEqual(["digest", "digest"]);
  });

  it("re-checks visibility when sending: a case that became a draft elsewhere is skipped and never mailed", async () => {
    const user = await createUser();
    const c = await publicCase(`Snart kladd ${uniqueSuffix()}`);
    const [id] = await notifyDirect(user.id, [{ kind: "question", caseId: c.id }], { event: false });
    // Between the notification and the mail, the owners take the case back to draft.
    await db().case.update({ where: { id: c.id }, data: { visibility: "DRAFT" } });
    await db().$transaction((tx) =>
      import("~/models/events.server").then(({ recordEvent }) =>
        recordEvent(tx, { type: "notifications.created", entity: "user", entityId: user.id, payload: { notificationIds: [id] } }),
      ),
    );
    await mailSettled([user.id]);
    expect(await outcomesOf([id])).toEqual(["hidden"]);
    expect(mailsTo(user.email)).toHaveLength(0);
  });
});

describe("digests (scheduler tick at an injected time)", () => {
  it("sends one daily and one weekly digest grouped by kind and case, once even when two workers tick at once", async () => {
    const user = await createUser({ name: "Dina Digest" });
    await setMailFrequencies(user.id, { case_published: "DAILY", question: "DAILY", case_revised: "WEEKLY" });
    const a = await publicCase(`Aktiv sak ${uniqueSuffix()}`);
    const b = await publicCase(`Bygg sak ${uniqueSuffix()}`, "MEMBERS");
    const ids = await notifyDirect(user.id, [
      { kind: "case_published", caseId: a.id, data: { via: "challenge_area", challengeAreaId: world.areaId } },
      { kind: "case_published", caseId: b.id, data: { via: "organisation", organisationId: world.org.id } },
      { kind: "question", caseId: a.id },
      { kind: "question", caseId: a.id },
      { kind: "case_revised", caseId: b.id },
    ]);
    await mailSettled([user.id]);
    expect(mailsTo(user.email)).toHaveLength(0);

    const daily = afterNextBoundary("DAILY");
    // Two processes' schedulers at the same moment: the DigestRun claim lets one of them send.
    await Promise.all([runDigestTick({ now: daily, onlyUserIds: [user.id] }), runDigestTick({ now: daily, onlyUserIds: [user.id] })]);
    await runDigestTick({ now: new Date(daily.getTime() + 60_000), onlyUserIds: [user.id] });
    const [digest] = mailsTo(user.email);
    expect(mailsTo(user.email)).toHaveLength(1);
    expect(digest.subject).toBe("Løsningsbanken: Daglig oppsummering: 4 varsler");
    const text = digest.text;
    // Kinds in their fixed order, each case once under its kind, its items below it.
    const published = text.indexOf("NYE CASER I OMRÅDER OG ORGANISASJONER DU FØLGER");
    const questions = text.indexOf("NYE SPØRSMÅL");
    expect(published).toBeGreaterThan(0);
    expect(questions).toBeGreaterThan(published);
    expect(text).toContain(`Ny case i ${world.areaName}: «${a.title}»`);
    expect(text).toContain(`Ny case fra ${world.org.name}: «${b.title}»`);
    const questionPart = text.slice(questions);
    expect(questionPart.split(`«${a.title}»\n`).length - 1).toBe(1);
    expect(questionPart.match(/ {2}- Nytt spørsmål om/g)).toHaveLength(2);
    expect(text).not.toContain("er oppdatert");
    expect(digest.html).toContain("<h2");
    expect(digest.html).toContain("<h3");
    expect(digest.headers?.["List-Unsubscribe"]).toMatch(new RegExp(`/unsubscribe/${user.id}\\.all\\.`));
    expect(await outcomesOf(ids)).toEqual(["digest", "digest", "digest", "digest", null]);

    const weekly = afterNextBoundary("WEEKLY");
    await Promise.all([runDigestTick({ now: weekly, onlyUserIds: [user.id] }), runDigestTick({ now: weekly, onlyUserIds: [user.id] })]);
    const mails = mailsTo(user.email);
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toBe("Løsningsbanken: Ukentlig oppsummering: ett varsel");
    expect(mails[1].text).toContain(`«${b.title}» er oppdatert`);
    expect(await outcomesOf(ids)).toEqual(["digest", "digest", "digest", "digest", "digest"]);
    expect(await db().digestRun.count({ where: { userId: user.id, notifications: { gt: 0 } } })).toBe(2);
  });

  it("leaves out what the user may no longer see at sending time, and sends no empty digest", async () => {
    const outsider = await createUser();
    const c = await publicCase(`Blir skjult ${uniqueSuffix()}`);
    const [id] = await notifyDirect(outsider.id, [{ kind: "case_published", caseId: c.id }]);
    await mailSettled([outsider.id]);
    await db().case.update({ where: { id: c.id }, data: { visibility: "DRAFT" } });
    await runDigestTick({ now: afterNextBoundary("DAILY"), onlyUserIds: [outsider.id] });
    expect(mailsTo(outsider.email)).toHaveLength(0);
    expect(await outcomesOf([id])).toEqual(["hidden"]);
  });

  it("npm run digest:preview prints the next digest without sending or marking anything", async () => {
    const user = await createUser({ name: "Petra Preview" });
    const c = await publicCase(`Forhåndsvist sak ${uniqueSuffix()}`);
    const ids = await notifyDirect(user.id, [
      { kind: "case_published", caseId: c.id, data: { via: "challenge_area", challengeAreaId: world.areaId } },
    ]);
    await mailSettled([user.id]);
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      ["--import", "tsx", "scripts/digest-preview.ts", "--email", user.email],
      {
        env: { ...process.env, DATABASE_URL: inject("databaseUrl"), DATA_DIR: inject("dataDir") },
      },
    );
    expect(stderr).toMatch(/Next daily digest \(period \d{4}-\d{2}-\d{2}, due .* 07:00 Europe\/Oslo\): 1 notification\(s\)\./);
    expect(stdout).toContain(`To: ${user.email}`);
    expect(stdout).toContain("Subject: Løsningsbanken: Daglig oppsummering: ett varsel");
    expect(stdout).toContain(`Ny case i ${world.areaName}: «${c.title}»`);
    expect(mailsTo(user.email)).toHaveLength(0);
    expect(await outcomesOf(ids)).toEqual([null]);
    const weekly = await execFileAsync(
      process.execPath,
      ["--import", "tsx", "scripts/digest-preview.ts", "--email", user.email, "--weekly"],
      {
        env: { ...process.env, DATABASE_URL: inject("databaseUrl"), DATA_DIR: inject("dataDir") },
      },
    );
    expect(weekly.stderr).toContain("Nothing to send");
  }, 60_000);

  it("skips kinds set to off", async () => {
    const user = await createUser();
    await setMailFrequencies(user.id, { case_published: "OFF" });
    const c = await publicCase();
    const [id] = await notifyDirect(user.id, [{ kind: "case_published", caseId: c.id }]);
    await mailSettled([user.id]);
    await runDigestTick({ now: afterNextBoundary("WEEKLY"), onlyUserIds: [user.id] });
    expect(mailsTo(user.email)).toHaveLength(0);
    expect(await outcomesOf([id])).toEqual([null]);
  });
});
