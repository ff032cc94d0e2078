/**
 * Login throttling (issue 10, fault 5; docs/decisions/010): the check and the record of an
 * attempt are atomic, so parallel guesses get at most the limit of password checks; and
 * someone guessing cannot lock the real user out - the per-account limit counts per address,
 * and the account-wide ceiling (a distributed attack) does not apply to a browser that signed
 * in to the account before (known-device cookie).
 */
import { afterEach, describe, expect, it } from "vitest";
import { attemptLogin, LOGIN_ATTEMPT_RETENTION_MS, loginWithPassword, pruneLoginAttempts } from "~/models/login-attempt.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createUser } from "../support/factories";
import { Client } from "../support/http";

const TOO_MANY = "Det har vært for mange mislykkede innloggingsforsøk.";
const used: string[] = [];

async function user() {
  const u = await createUser();
  used.push(u.email);
  return u;
}

// Keep the loopback address's per-IP budget for the other test files.
afterEach(async () => {
  await db().loginAttempt.deleteMany({ where: { email: { in: used.splice(0) } } });
});

async function expectLocked(res: Response) {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  const html = await res.text();
  expect(html).toContain(TOO_MANY);
  expect(html).toMatch(/Vent \d+ minutter?/);
}

describe("atomic check and record", () => {
  it("25 parallel wrong passwords over HTTP: at most the limit are checked, the rest get the lock message", async () => {
    const max = env().LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const u = await user();
    const clients = await Promise.all(
      Array.from({ length: 25 }, async () => {
        const c = new Client();
        await c.ensureCsrf();
        return c;
      }),
    );
    const answers = await Promise.all(clients.map((c, i) => c.post("/login", { email: u.email, password: `wrong-password-${i}` })));
    const statuses = answers.map((r) => r.status);
    // Every attempt that was checked is a row; locked attempts are not recorded.
    const checked = await db().loginAttempt.count({ where: { email: u.email } });
    expect(checked).toBeLessThanOrEqual(max);
    expect(statuses.filter((s) => s === 400).length).toBe(checked);
    expect(statuses.filter((s) => s === 429).length).toBe(25 - checked);
    await expectLocked(answers[statuses.indexOf(429)]);
  });

  it("25 parallel attempts through the model: the password check runs at most the limit of times", async () => {
    const max = env().LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const u = await user();
    let checks = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, () =>
        attemptLogin({ email: u.email, ip: "198.51.100.201" }, async () => {
          checks++;
          await new Promise((r) => setTimeout(r, 20)); // as slow as a real hash, so the attempts overlap
          return null;
        }),
      ),
    );
    expect(checks).toBeLessThanOrEqual(max);
    expect(outcomes.filter((o) => o.status === "invalid").length).toBe(checks);
    expect(outcomes.filter((o) => o.status === "locked").length).toBe(25 - checks);
  });
});

describe("the real user is not locked out by someone else's guessing", () => {
  it("an attacker on this address fails until locked; the real user from another address still gets in", async () => {
    const max = env().LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const u = await user();
    const attacker = new Client();
    await attacker.ensureCsrf();
    for (let i = 0; i < max; i++)
      expect((await attacker.post("/login", { email: u.email, password: `guess-${i}-guess` })).status).toBe(400);
    await expectLocked(await attacker.post("/login", { email: u.email, password: u.password }));
    const real = await loginWithPassword({ email: u.email, password: u.password, ip: "2001:db8::1234" });
    expect(real.status).toBe("ok");
  });

  it("an attacker on another address fails many times; the real user here still gets in, over HTTP", async () => {
    const max = env().LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const u = await user();
    for (let i = 0; i < max + 3; i++) await loginWithPassword({ email: u.email, password: `guess-${i}-guess`, ip: "203.0.113.66" });
    const locked = await loginWithPassword({ email: u.email, password: u.password, ip: "203.0.113.66" });
    expect(locked.status).toBe("locked"); // the attacker's address is locked even with the right password
    const c = new Client();
    await c.ensureCsrf();
    const res = await c.post("/login", { email: u.email, password: u.password, redirectTo: "/profile" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/profile");
  });

  it("a distributed attack (the account-wide ceiling from many addresses) does not lock out a browser that signed in before", async () => {
    const total = env().LOGIN_MAX_FAILURES_PER_ACCOUNT_TOTAL;
    const u = await user();
    const other = await user();
    // The real user's browser signed in last week: it has the known-device cookie.
    const known = new Client();
    await known.login(u.email, u.password);
    expect(known.cookie("lb_device")).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect((await known.post("/logout", {})).status).toBe(302);
    // A browser that signed in to ANOTHER account only.
    const otherDevice = new Client();
    await otherDevice.login(other.email, other.password);
    await otherDevice.post("/logout", {});
    await db().loginAttempt.deleteMany({ where: { email: { in: [u.email, other.email] } } });

    await db().loginAttempt.createMany({
      data: Array.from({ length: total }, (_, i) => ({ email: u.email, ip: `10.${i >> 8}.${i & 255}.9`, success: false })),
    });

    const unknown = new Client();
    await unknown.ensureCsrf();
    await expectLocked(await unknown.post("/login", { email: u.email, password: u.password }));
    await expectLocked(await otherDevice.post("/login", { email: u.email, password: u.password }));
    // A device cookie made up or copied from another account's browser is no key either.
    const forged = new Client();
    await forged.ensureCsrf();
    forged.setCookie("lb_device", `${"A".repeat(16)}.${"B".repeat(43)}`);
    await expectLocked(await forged.post("/login", { email: u.email, password: u.password }));
    forged.setCookie("lb_device", otherDevice.cookie("lb_device")!);
    await expectLocked(await forged.post("/login", { email: u.email, password: u.password }));

    const res = await known.post("/login", { email: u.email, password: u.password, redirectTo: "/" });
    expect(res.status).toBe(302);
    expect(known.cookie("lb_session")).toBeTruthy();
  });

  it("the known-device cookie does not lift the per-address limit", async () => {
    const max = env().LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const u = await user();
    const c = new Client();
    await c.login(u.email, u.password);
    await c.post("/logout", {});
    for (let i = 0; i < max; i++) expect((await c.post("/login", { email: u.email, password: `guess-${i}-guess` })).status).toBe(400);
    await expectLocked(await c.post("/login", { email: u.email, password: u.password }));
  });

  it("guessing the current password on /profile counts the same way: parallel guesses get at most the limit of checks", async () => {
    const max = env().LOGIN_MAX_FAILURES_PER_ACCOUNT;
    const u = await user();
    const c = new Client();
    await c.login(u.email, u.password);
    await db().loginAttempt.deleteMany({ where: { email: u.email } });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        c.post("/profile", {
          intent: "password",
          currentPassword: `guess-${i}-guess`,
          password: "nytt-passord-som-er-langt",
          confirmPassword: "nytt-passord-som-er-langt",
        }),
      ),
    );
    const checked = await db().loginAttempt.count({ where: { email: u.email } });
    expect(checked).toBeLessThanOrEqual(max);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(12 - checked);
    const locked = answers.find((r) => r.status === 429)!;
    expect(await locked.text()).toContain("For mange feil forsøk. Vent litt og prøv igjen.");
  });
});

describe("retention", () => {
  it("attempts older than 7 days are pruned; newer ones (and other accounts' recent ones) stay", async () => {
    const u = await user();
    const now = new Date();
    const at = (msAgo: number) => new Date(now.getTime() - msAgo);
    await db().loginAttempt.createMany({
      data: [
        { email: u.email, ip: "192.0.2.7", success: false, createdAt: at(LOGIN_ATTEMPT_RETENTION_MS + 60_000) },
        { email: u.email, ip: "192.0.2.7", success: true, createdAt: at(LOGIN_ATTEMPT_RETENTION_MS + 86_400_000) },
        { email: u.email, ip: "192.0.2.7", success: false, createdAt: at(LOGIN_ATTEMPT_RETENTION_MS - 60_000) },
      ],
    });
    expect(await pruneLoginAttempts(now)).toBeGreaterThanOrEqual(2);
    const left = await db().loginAttempt.findMany({ where: { email: u.email } });
    expect(left.map((r) => r.createdAt.getTime())).toEqual([at(LOGIN_ATTEMPT_RETENTION_MS - 60_000).getTime()]);
  });
});
