/**
 * Open redirects over HTTP (issue 10, fault 3): login (form post and the loader of a signed-in
 * user) and the language switch never answer a Location that a browser would follow off the
 * app, whatever `redirectTo` holds. Every variant of tests/support/redirect-variants.ts is
 * tried against each entry point.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createUser } from "../support/factories";
import { Client } from "../support/http";
import { HOSTILE_REDIRECTS } from "../support/redirect-variants";

const CONTROL = /[\u0000-\u001f\u007f]/;
let user: Awaited<ReturnType<typeof createUser>>;
let base: string;

/** Asserts what a browser would do with the answer: stay on the app. */
function expectStaysOnApp(res: Response, variant: string) {
  const label = JSON.stringify(variant);
  // A NUL byte anywhere in a request is refused as malformed (400) before any route runs.
  if (variant.includes("\u0000") && res.status === 400) return;
  expect(res.status, label).toBe(302);
  const location = res.headers.get("location")!;
  expect(location, label).toBeTruthy();
  expect(CONTROL.test(location), label).toBe(false);
  expect(location.startsWith("//"), label).toBe(false);
  expect(new URL(location, `${base}/login`).origin, label).toBe(new URL(base).origin);
}

beforeAll(async () => {
  user = await createUser();
  base = new Client().baseUrl;
});

describe("no open redirect", () => {
  it(`after logging in, for ${HOSTILE_REDIRECTS.length} redirectTo variants`, async () => {
    for (const variant of HOSTILE_REDIRECTS) {
      const c = new Client();
      await c.ensureCsrf();
      const res = await c.post("/login", { email: user.email, password: user.password, redirectTo: variant });
      expectStaysOnApp(res, variant);
      if (res.status === 302) expect(c.cookie("lb_session"), JSON.stringify(variant)).toBeTruthy();
    }
    // Clean up: these successful logins are not failures, but keep the table small.
    await db().loginAttempt.deleteMany({ where: { email: user.email } });
  }, 120_000);

  it(`when a signed-in user opens /login?redirectTo=..., for ${HOSTILE_REDIRECTS.length} variants`, async () => {
    const c = new Client();
    await c.login(user.email, user.password);
    for (const variant of HOSTILE_REDIRECTS) {
      const res = await c.get(`/login?redirectTo=${encodeURIComponent(variant)}`);
      expectStaysOnApp(res, variant);
    }
  });

  it(`after switching the language, for ${HOSTILE_REDIRECTS.length} variants (visitor and signed in)`, async () => {
    const visitor = new Client();
    const member = new Client();
    await member.login(user.email, user.password);
    for (const c of [visitor, member]) {
      for (const variant of HOSTILE_REDIRECTS) {
        const res = await c.post("/language", { locale: "en", redirectTo: variant });
        expectStaysOnApp(res, variant);
      }
    }
  });

  it("still takes the user back to a page of the app, query and fragment kept", async () => {
    const c = new Client();
    const res = await c.post("/language", { locale: "nb", redirectTo: "/search?q=sykefravær&fylker=Vestland#results" });
    expect(res.headers.get("location")).toBe("/search?q=sykefrav%C3%A6r&fylker=Vestland#results");
    const login = new Client();
    await login.ensureCsrf();
    const res2 = await login.post("/login", { email: user.email, password: user.password, redirectTo: "/profile?tab=1" });
    expect(res2.headers.get("location")).toBe("/profile?tab=1");
  });
});
