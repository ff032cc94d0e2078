/**
 * CSRF tokens bound to the session (issue 10): a signed-in user's forms must carry the
 * session's own token (Session.csrfToken); a visitor's double-submit cookie must carry the
 * server's signature. Forged pairs, tokens of another session, multibyte values of the right
 * length, empty, overlong, NUL and missing values are all refused with the translated 403
 * page - never a 500, never a session.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createUser } from "../support/factories";
import { Client } from "../support/http";

const CSRF_NB = "Skjemaet var utløpt eller kom fra et annet nettsted.";
const CSRF_EN = "The form had expired or came from another site.";

let user: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  user = await createUser();
});

/** Field values to try in place of the right token `good` (same JS length where it matters). */
function forgedFields(good: string): Array<[string, string | null]> {
  const n = good.length;
  return [
    ["missing", null],
    ["empty", ""],
    ["one character off", good.slice(0, -1) + (good.endsWith("A") ? "B" : "A")],
    ["truncated", good.slice(0, -1)],
    ["one character longer", `${good}A`],
    ["multibyte of the same length (ø)", "ø".repeat(n)],
    ["multibyte of the same length (€)", "€".repeat(n)],
    ["emoji (surrogate pairs) of the same length", "😀".repeat(Math.floor(n / 2)) + (n % 2 ? "x" : "")],
    ["the right token with its last character multibyte", good.slice(0, -1) + "å"],
    ["NUL bytes", "\u0000".repeat(n)],
    ["the right token followed by NUL", `${good}\u0000`],
    ["spaces", " ".repeat(n)],
    ["overlong (10 000 characters)", "A".repeat(10_000)],
    ["overlong multibyte (5 000 × ø)", "ø".repeat(5000)],
    ["lone surrogate", "\ud800".repeat(n)],
  ];
}

async function expectRefused(res: Response, label: string, language: "nb" | "en" = "nb", sent?: string | null) {
  // A NUL byte anywhere in a request is refused as malformed (400) before any route runs.
  if (sent?.includes("\u0000") && res.status === 400) return;
  expect(res.status, label).toBe(403);
  const html = await res.text();
  expect(html, label).toContain(language === "nb" ? CSRF_NB : CSRF_EN);
}

describe("visitors (double-submit cookie, signed)", () => {
  it("refuses 15 forged field values on the login form with the translated page, and no login happens", async () => {
    // Variants shaped like the real token (its length), e.g. multibyte of the right length.
    const probe = new Client();
    const good = await probe.ensureCsrf();
    for (const [label, field] of forgedFields(good)) {
      const c = new Client();
      c.setCookie("lb_csrf", good);
      const res = await c.post("/login", { email: user.email, password: user.password, redirectTo: "/" }, { csrf: field ?? false });
      await expectRefused(res, `token-shaped: ${label}`, "nb", field);
      expect(c.cookie("lb_session"), label).toBeUndefined();
    }
    expect(await db().loginAttempt.count({ where: { email: user.email } })).toBe(0);
  });

  it("refuses a cookie + field pair chosen by an attacker (e.g. a cookie planted from a sibling domain)", async () => {
    const pairs = [
      "a".repeat(32),
      "attacker-chosen-token-attacker-chosen",
      "nonce.signature-that-is-not-ours",
      `${"A".repeat(24)}.${"B".repeat(43)}`,
      "ø".repeat(32),
      "😀".repeat(16),
    ];
    for (const value of pairs) {
      const c = new Client();
      c.setCookie("lb_csrf", value);
      const res = await c.post("/login", { email: user.email, password: user.password, redirectTo: "/" }, { csrf: value });
      await expectRefused(res, value);
      expect(c.cookie("lb_session")).toBeUndefined();
    }
    // The forgot-password form too (the other visitor form).
    const c = new Client();
    c.setCookie("lb_csrf", "z".repeat(40));
    await expectRefused(await c.post("/forgot-password", { email: user.email }, { csrf: "z".repeat(40) }), "forgot-password");
  });

  it("refuses the token another browser got (the pair belongs together, per browser)", async () => {
    const attacker = new Client();
    const token = await attacker.ensureCsrf();
    const victim = new Client();
    await victim.ensureCsrf();
    await expectRefused(
      await victim.post("/login", { email: user.email, password: "wrong-password-123" }, { csrf: token }),
      "other browser",
    );
  });

  it("a browser without the cookie gets a fresh signed one on any page, and its own form then works", async () => {
    const c = new Client();
    const res = await c.get("/login");
    const line = res.headers.getSetCookie().find((l) => l.startsWith("lb_csrf="))!;
    expect(line).toMatch(/^lb_csrf=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}; Path=\/; SameSite=Strict; HttpOnly/);
    const ok = await c.post("/login", { email: user.email, password: user.password, redirectTo: "/" });
    expect(ok.status).toBe(302);
    await db().loginAttempt.deleteMany({ where: { email: user.email } });
  });
});

describe("signed-in users (the session's own token)", () => {
  it("the page carries the session's token, and it works", async () => {
    const c = new Client();
    await c.login(user.email, user.password);
    const session = await db().session.findFirst({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
    const html = await (await c.get("/profile")).text();
    expect(html).toContain(`name="csrf" value="${session!.csrfToken}"`);
    expect(c.cookie("lb_csrf")).toBe(session!.csrfToken);
    const res = await c.post("/language", { locale: "nb", redirectTo: "/profile" });
    expect(res.status).toBe(302);
  });

  it("refuses an attacker's pair, another session's token, a visitor token and 15 forged values; the session stays", async () => {
    const victim = new Client();
    await victim.login(user.email, user.password);
    const good = victim.cookie("lb_csrf")!;
    const attacker = new Client();
    await attacker.login(user.email, user.password); // another session of the same account, even
    const visitor = new Client();
    const visitorToken = await visitor.ensureCsrf();

    const tries: Array<[string, string | null, string | undefined]> = [
      ["attacker-chosen pair", "a".repeat(32), "a".repeat(32)],
      ["another session's token", attacker.cookie("lb_csrf")!, undefined],
      ["another session's token as a pair", attacker.cookie("lb_csrf")!, attacker.cookie("lb_csrf")!],
      ["a valid visitor token as a pair", visitorToken, visitorToken],
      ...forgedFields(good).map(([label, field]) => [label, field, undefined] as [string, string | null, undefined]),
    ];
    for (const [label, field, cookie] of tries) {
      const c = new Client();
      c.setCookie("lb_session", victim.cookie("lb_session")!);
      c.setCookie("lb_csrf", cookie ?? good);
      const res = await c.post("/logout", {}, { csrf: field ?? false });
      await expectRefused(res, label, "nb", field);
      const lang = await c.post("/language", { locale: "en", redirectTo: "/" }, { csrf: field ?? false });
      await expectRefused(lang, `language: ${label}`, "nb", field);
    }
    // Nothing of it logged the victim out or changed their language.
    expect((await victim.get("/profile")).status).toBe(200);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("nb");
  });

  it("the refusal page is in the reader's language", async () => {
    const c = new Client();
    await c.login(user.email, user.password);
    c.setCookie("lb_lang", "en");
    await expectRefused(await c.post("/logout", {}, { csrf: "ø".repeat(32) }), "en", "en");
  });

  it("logging in replaces a token planted before (no fixation), and logging out makes the old one useless", async () => {
    const c = new Client();
    const planted = await c.ensureCsrf();
    await c.login(user.email, user.password);
    expect(c.cookie("lb_csrf")).not.toBe(planted);
    const sessionToken = c.cookie("lb_csrf")!;
    expect((await c.post("/logout", {})).status).toBe(302);
    // Signed out: the session's token is no visitor token.
    const res = await c.post("/login", { email: user.email, password: user.password, redirectTo: "/" }, { csrf: sessionToken });
    await expectRefused(res, "after logout");
  });
});
