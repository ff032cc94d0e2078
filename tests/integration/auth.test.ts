/**
 * Accounts from the outside: login (incl. rate limiting), logout, CSRF, password reset,
 * profile. Everything goes through the real server over HTTP; the database is only used
 * to set up users and to age tokens.
 */
import { describe, expect, it } from "vitest";
import { getLoginLock, recordLoginAttempt } from "~/models/login-attempt.server";
import { hashToken } from "~/models/session.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createOrganisation, createUser, uniqueEmail } from "../support/factories";
import { Client } from "../support/http";
import { linkPath, mailsTo, waitForMail } from "../support/mail";

const INVALID = "Feil e-postadresse eller passord.";
const TOO_MANY = "Det har vært for mange mislykkede innloggingsforsøk.";

/** The page with everything that legitimately differs between two browsers blanked out. */
function normalise(html: string, client: Client, replacements: Record<string, string> = {}) {
  let out = html.replaceAll(client.cookie("lb_csrf") ?? "\u0000", "CSRF").replace(/nonce="[^"]*"/g, 'nonce="NONCE"');
  for (const [from, to] of Object.entries(replacements)) out = out.replaceAll(from, to);
  return out;
}

async function loggedIn(email: string, password: string) {
  const c = new Client();
  await c.login(email, password);
  return c;
}

/** True when the client's session cookie still opens a members-only page. */
async function sessionWorks(c: Client) {
  const res = await c.get("/profile");
  return res.status === 200;
}

describe("login", () => {
  it("logs in with the right password and goes to the requested page", async () => {
    const user = await createUser({ name: "Kari Nordmann" });
    const c = new Client();
    await c.ensureCsrf();
    const res = await c.post("/login", { email: user.email.toUpperCase(), password: user.password, redirectTo: "/profile" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/profile");
    expect(c.cookie("lb_session")).toBeTruthy();
    const { status, html } = await c.page("/profile");
    expect(status).toBe(200);
    expect(html).toContain("Kari Nordmann");
  });

  it("renders a labelled form with autocomplete hints and a link to reset the password", async () => {
    const { status, html } = await new Client().page("/login?redirectTo=%2Fprofile");
    expect(status).toBe(200);
    expect(html).toMatch(/<title>Logg inn – Løsningsbanken<\/title>/);
    expect(html).toMatch(/<label [^>]*for="f-email">E-postadresse<\/label>/);
    expect(html).toMatch(/<input [^>]*type="email"[^>]*autocomplete="username"[^>]*id="f-email"/i);
    expect(html).toMatch(/autocomplete="current-password"/i);
    expect(html).toContain('name="redirectTo" value="/profile"');
    expect(html).toContain('href="/forgot-password"');
  });

  it("never redirects to another site after login", async () => {
    const user = await createUser();
    for (const target of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      const c = new Client();
      await c.ensureCsrf();
      const res = await c.post("/login", { email: user.email, password: user.password, redirectTo: target });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/");
    }
  });

  it("gives the same answer for an unknown e-mail and a wrong password, keeps the e-mail and drops the password", async () => {
    const user = await createUser();
    const unknown = uniqueEmail("nobody");
    const wrong = new Client();
    await wrong.ensureCsrf();
    const resWrong = await wrong.post("/login", { email: user.email, password: "wrong-password-123", redirectTo: "/" });
    const nobody = new Client();
    await nobody.ensureCsrf();
    const resUnknown = await nobody.post("/login", { email: unknown, password: "wrong-password-123", redirectTo: "/" });

    expect(resWrong.status).toBe(400);
    expect(resUnknown.status).toBe(400);
    const htmlWrong = await resWrong.text();
    const htmlUnknown = await resUnknown.text();
    expect(htmlWrong).toContain(INVALID);
    expect(htmlWrong).toContain(`value="${user.email}"`);
    expect(htmlUnknown).toContain(`value="${unknown}"`);
    expect(htmlWrong).not.toContain("wrong-password-123");
    expect(wrong.cookie("lb_session")).toBeUndefined();
    // Byte for byte the same page once the typed address and the CSRF token are blanked out.
    expect(normalise(htmlWrong, wrong, { [user.email]: "EMAIL" })).toBe(normalise(htmlUnknown, nobody, { [unknown]: "EMAIL" }));
  });

  it("reports a missing password and an invalid e-mail as field errors", async () => {
    const c = new Client();
    await c.ensureCsrf();
    const res = await c.post("/login", { email: "not-an-address", password: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Skriv en gyldig e-postadresse");
    expect(html).toContain("Fyll ut dette feltet.");
    expect(html).toContain('value="not-an-address"');
    expect(html).toContain('href="#f-password"');
  });

  it(`locks an account after the allowed number of failures, even for the right password`, async () => {
    const max = env().LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const user = await createUser();
    const c = new Client();
    await c.ensureCsrf();
    for (let i = 0; i < max; i++) {
      const res = await c.post("/login", { email: user.email, password: `wrong-${i}-password` });
      expect(res.status, `attempt ${i + 1}`).toBe(400);
    }
    const res = await c.post("/login", { email: user.email, password: user.password });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const html = await res.text();
    expect(html).toContain(TOO_MANY);
    expect(html).toMatch(/Vent \d+ minutter/);
    expect(c.cookie("lb_session")).toBeUndefined();
    // Another browser (same account) is locked out too: the limit is per account.
    const other = new Client();
    await other.ensureCsrf();
    expect((await other.post("/login", { email: user.email, password: user.password })).status).toBe(429);
  });

  it("answers a locked unknown e-mail exactly like a locked account", async () => {
    // A distributed attack: failures from many other addresses up to the account-wide ceiling
    // (so this test does not eat into the local IP's budget either).
    const max = env().LOGIN_MAX_FAILURES_PER_ACCOUNT_TOTAL;
    const user = await createUser();
    const unknown = uniqueEmail("ghost");
    await db().loginAttempt.createMany({
      data: Array.from({ length: max }, (_, i) => [
        { email: user.email, ip: `198.51.100.${i % 250}`, success: false },
        { email: unknown, ip: `198.51.101.${i % 250}`, success: false },
      ]).flat(),
    });
    const a = new Client();
    await a.ensureCsrf();
    const resKnown = await a.post("/login", { email: user.email, password: user.password });
    const b = new Client();
    await b.ensureCsrf();
    const resUnknown = await b.post("/login", { email: unknown, password: user.password });
    expect(resKnown.status).toBe(429);
    expect(resUnknown.status).toBe(429);
    expect(normalise(await resKnown.text(), a, { [user.email]: "EMAIL" })).toBe(
      normalise(await resUnknown.text(), b, { [unknown]: "EMAIL" }),
    );
  });

  it("locks an IP that fails too often across many accounts, and only that IP", async () => {
    const max = env().LOGIN_MAX_FAILURES_PER_IP;
    const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const otherIp = "2001:db8::77";
    const user = await createUser();
    await db().loginAttempt.deleteMany({ where: { ip } });
    for (let i = 0; i < max - 1; i++) await recordLoginAttempt({ email: uniqueEmail("spray"), ip, success: false });
    expect(await getLoginLock({ email: user.email, ip })).toBeNull();
    await recordLoginAttempt({ email: uniqueEmail("spray"), ip, success: false });
    const until = await getLoginLock({ email: user.email, ip });
    expect(until).not.toBeNull();
    expect(until!.getTime()).toBeGreaterThan(Date.now());
    expect(await getLoginLock({ email: user.email, ip: otherIp })).toBeNull();
  });

  it("forgets failures older than the window", async () => {
    const max = env().LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const user = await createUser();
    const old = new Date(Date.now() - (env().LOGIN_WINDOW_MINUTES + 1) * 60_000);
    await db().loginAttempt.createMany({
      data: Array.from({ length: max }, () => ({ email: user.email, ip: "198.51.100.20", success: false, createdAt: old })),
    });
    expect(await getLoginLock({ email: user.email, ip: "198.51.100.20" })).toBeNull();
    const c = new Client();
    await c.ensureCsrf();
    expect((await c.post("/login", { email: user.email, password: user.password })).status).toBe(302);
  });
});

describe("forged requests", () => {
  it("rejects a login post without the CSRF token", async () => {
    const user = await createUser();
    const c = new Client();
    await c.ensureCsrf();
    const res = await c.post("/login", { email: user.email, password: user.password }, { csrf: false });
    expect(res.status).toBe(403);
    expect(c.cookie("lb_session")).toBeUndefined();
  });

  it("rejects a login post from another origin, even with a valid token", async () => {
    const user = await createUser();
    const c = new Client();
    await c.ensureCsrf();
    // A fetch-style (data) request reaches our own check: 403.
    const data = await c.post(
      "/login?_data=routes%2Flogin",
      { email: user.email, password: user.password },
      { origin: "https://evil.example" },
    );
    expect(data.status).toBe(403);
    // A document post is stopped even earlier by Remix's own Origin/Host guard, which answers
    // 500 (see the report on server/app.ts); what matters is that no session comes of it.
    const doc = await c.post("/login", { email: user.email, password: user.password }, { origin: "https://evil.example" });
    expect(doc.status).toBeGreaterThanOrEqual(400);
    expect(c.cookie("lb_session")).toBeUndefined();
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().loginAttempt.count({ where: { email: user.email } })).toBe(0);
  });

  it("does not log out on a forged post or a plain GET", async () => {
    const user = await createUser();
    const c = await loggedIn(user.email, user.password);
    expect((await c.post("/logout", {}, { csrf: "forged-token-forged-token-forged" })).status).toBe(403);
    expect((await c.post("/logout", {}, { origin: "https://evil.example" })).status).toBe(403);
    const get = await c.get("/logout");
    expect(get.status).toBe(302);
    expect(get.headers.get("location")).toBe("/");
    expect(await sessionWorks(c)).toBe(true);
  });
});

describe("logout", () => {
  it("ends the session on the server, so a copied cookie stops working", async () => {
    const user = await createUser();
    const c = await loggedIn(user.email, user.password);
    const stolen = c.cookie("lb_session")!;
    expect(await db().session.count({ where: { id: hashToken(stolen) } })).toBe(1);

    const res = await c.post("/logout", {});
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    expect(c.cookie("lb_session")).toBeUndefined();
    expect(await db().session.count({ where: { id: hashToken(stolen) } })).toBe(0);

    const replay = new Client();
    replay.setCookie("lb_session", stolen);
    const page = await replay.get("/profile");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/login?redirectTo=%2Fprofile");
  });
});

describe("logged-out visitors", () => {
  it("are sent to the login page from pages that need an account", async () => {
    const c = new Client();
    for (const path of ["/profile", "/organisation", "/organisation?org=abc"]) {
      const res = await c.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  it("cannot post to member pages", async () => {
    const org = await createOrganisation();
    const c = new Client();
    await c.ensureCsrf();
    const res = await c.post("/organisation", { intent: "invite", organisationId: org.id, email: uniqueEmail(), role: "MEMBER" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    expect(await db().invitation.count({ where: { organisationId: org.id } })).toBe(0);
  });
});

describe("password reset", () => {
  async function requestReset(email: string) {
    const c = new Client();
    await c.ensureCsrf();
    const res = await c.post("/forgot-password", { email });
    return { c, res };
  }

  it("answers the same for known and unknown addresses, and mails only the known one", async () => {
    const user = await createUser();
    const unknown = uniqueEmail("nobody");
    const known = await requestReset(user.email);
    const other = await requestReset(unknown);
    for (const { res } of [known, other]) {
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/forgot-password?sent=1");
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    const pageKnown = await known.c.page("/forgot-password?sent=1");
    const pageUnknown = await other.c.page("/forgot-password?sent=1");
    expect(pageKnown.html).toContain("Hvis det finnes en konto med denne e-postadressen");
    expect(normalise(pageKnown.html, known.c)).toBe(normalise(pageUnknown.html, other.c));

    const mail = await waitForMail(user.email);
    expect(mail.subject).toBe("Lag nytt passord i Løsningsbanken");
    expect(mail.text).toContain(user.name);
    expect(linkPath(mail, "/reset-password/")).toMatch(/^\/reset-password\/[A-Za-z0-9_-]{40,}$/);
    expect(mailsTo(unknown)).toEqual([]);
  });

  it("writes the mail in the user's language", async () => {
    const user = await createUser({ locale: "en" });
    await requestReset(user.email);
    const mail = await waitForMail(user.email);
    expect(mail.subject).toBe("Choose a new password for Løsningsbanken");
    expect(mail.text).toContain("The link works for one hour");
  });

  it("sets a new password once, ends every old session and logs the user in", async () => {
    const user = await createUser();
    const oldBrowser = await loggedIn(user.email, user.password);
    await requestReset(user.email);
    const path = linkPath(await waitForMail(user.email), "/reset-password/");
    const token = path.split("/").pop()!;
    // Only the hash is stored.
    const row = await db().passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) } });
    expect(row?.userId).toBe(user.id);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(60 * 60 * 1000);
    expect(await db().passwordResetToken.count({ where: { tokenHash: token } })).toBe(0);

    const c = new Client();
    const form = await c.page(path);
    expect(form.status).toBe(200);
    expect(form.html).toContain("Lag nytt passord");
    expect(form.html).toMatch(/autocomplete="new-password"/i);

    const mismatch = await c.post(path, { password: "ny-lang-passordfrase", confirmPassword: "noe-helt-annet-her" });
    expect(mismatch.status).toBe(400);
    const mismatchHtml = await mismatch.text();
    expect(mismatchHtml).toContain("Passordene er ikke like.");
    expect(mismatchHtml).not.toContain("ny-lang-passordfrase");
    const short = await c.post(path, { password: "kort", confirmPassword: "kort" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("Passordet må ha minst 10 tegn.");

    const newPassword = "en-helt-ny-passordfrase";
    const done = await c.post(path, { password: newPassword, confirmPassword: newPassword });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/profile?notice=passwordReset");
    expect(c.cookie("lb_session")).toBeTruthy();
    const profile = await c.page("/profile?notice=passwordReset");
    expect(profile.status).toBe(200);
    expect(profile.html).toContain("Du har laget nytt passord og er logget inn.");

    // The session from before the reset is gone.
    expect(await sessionWorks(oldBrowser)).toBe(false);
    // Old password out, new password in.
    const wrong = new Client();
    await wrong.ensureCsrf();
    expect((await wrong.post("/login", { email: user.email, password: user.password })).status).toBe(400);
    await loggedIn(user.email, newPassword);

    // The link is single use.
    const again = await new Client().page(path);
    expect(again.status).toBe(410);
    expect(again.html).toContain("Lenken for å lage nytt passord er allerede brukt.");
    expect(again.html).toContain('href="/forgot-password"');
    const replay = new Client();
    await replay.ensureCsrf();
    const replayRes = await replay.post(path, { password: "tredje-passord-her", confirmPassword: "tredje-passord-her" });
    expect(replayRes.status).toBe(410);
    expect(replay.cookie("lb_session")).toBeUndefined();
    await loggedIn(user.email, newPassword);
  });

  it("refuses an expired link with a way to ask for a new one", async () => {
    const user = await createUser();
    await requestReset(user.email);
    const path = linkPath(await waitForMail(user.email), "/reset-password/");
    const token = path.split("/").pop()!;
    await db().passwordResetToken.update({
      where: { tokenHash: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const c = new Client();
    const page = await c.page(path);
    expect(page.status).toBe(410);
    expect(page.html).toContain("Lenken for å lage nytt passord er utløpt.");
    expect(page.html).toContain("Be om en ny lenke");
    const res = await c.post(path, { password: "en-helt-ny-passordfrase", confirmPassword: "en-helt-ny-passordfrase" });
    expect(res.status).toBe(410);
    await loggedIn(user.email, user.password); // unchanged
  });

  it("does not know made-up links", async () => {
    const { status, html } = await new Client().page("/reset-password/not-a-real-token-at-all");
    expect(status).toBe(404);
    expect(html).toContain("Vi kjenner ikke igjen denne lenken.");
  });
});

describe("profile", () => {
  it("saves name, job title and language (and switches the interface language)", async () => {
    const user = await createUser({ name: "Ola Nordmann" });
    const c = await loggedIn(user.email, user.password);
    const res = await c.post("/profile", { intent: "profile", name: "Ola Normann", jobTitle: "Rådgiver", locale: "en" });
    expect(res.status).toBe(302);
    expect(c.cookie("lb_lang")).toBe("en");
    const saved = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(saved).toMatchObject({ name: "Ola Normann", jobTitle: "Rådgiver", locale: "en" });
    const { html } = await c.page("/profile?notice=saved");
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Your profile has been saved.");
  });

  it("keeps what was typed when the name is missing", async () => {
    const user = await createUser();
    const c = await loggedIn(user.email, user.password);
    const res = await c.post("/profile", { intent: "profile", name: "  ", jobTitle: "Spesialrådgiver", locale: "nb" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Fyll ut dette feltet.");
    expect(html).toContain('value="Spesialrådgiver"');
  });

  it("changes the password only with the current one, and ends other sessions", async () => {
    const user = await createUser();
    const other = await loggedIn(user.email, user.password);
    const c = await loggedIn(user.email, user.password);
    const wrong = await c.post("/profile", {
      intent: "password",
      currentPassword: "not-the-password",
      password: "nytt-passord-som-er-langt",
      confirmPassword: "nytt-passord-som-er-langt",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Nåværende passord er feil.");
    expect(await sessionWorks(other)).toBe(true);

    const ok = await c.post("/profile", {
      intent: "password",
      currentPassword: user.password,
      password: "nytt-passord-som-er-langt",
      confirmPassword: "nytt-passord-som-er-langt",
    });
    expect(ok.status).toBe(302);
    expect(await sessionWorks(c)).toBe(true);
    expect(await sessionWorks(other)).toBe(false);
    await loggedIn(user.email, "nytt-passord-som-er-langt");
  });
});
