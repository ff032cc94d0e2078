/**
 * Notification e-mail (docs/decisions/021-mail-and-digests.md), against the real server and
 * database: the settings page and the unsubscribe link from outside.
 */
import { describe, expect, it } from "vitest";
import { getMailFrequencies, setMailFrequencies } from "~/models/notification-setting.server";
import { DEFAULT_MAIL_FREQUENCY } from "~/notifications/kinds";
import { unsubscribeToken } from "~/notifications/unsubscribe-token.server";
import { createUser } from "../support/factories";
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
