/**
 * Cookie names and attributes: with an https APP_URL every cookie is `__Host-` prefixed and
 * Secure, Path=/, without Domain (so no other host - a sibling subdomain, a plain-http
 * network attacker - can set or shadow it); on plain http (development) the bare names.
 * env() is cached per process, so these tests hand parseEnv()'s result in explicitly.
 */
import { describe, expect, it } from "vitest";
import { cookieName, serializeCookie } from "~/utils/auth.server";
import { parseEnv } from "~/utils/env.server";

const https = parseEnv({ APP_URL: "https://losningsbanken.example.no", DATA_DIR: "/tmp/lb-unit" });
const http = parseEnv({ APP_URL: "http://localhost:3000", DATA_DIR: "/tmp/lb-unit" });

const NAMES = ["lb_session", "lb_csrf", "lb_device", "lb_lang"];

describe("cookies under https", () => {
  it.each(NAMES)("%s is __Host- prefixed, Secure, Path=/ and has no Domain", (name) => {
    expect(cookieName(name, https)).toBe(`__Host-${name}`);
    const header = serializeCookie(name, "value with ; and =", { maxAgeSeconds: 60 }, https);
    const [pair, ...attrs] = header.split("; ");
    expect(pair).toBe(`__Host-${name}=${encodeURIComponent("value with ; and =")}`);
    expect(attrs).toContain("Secure");
    expect(attrs).toContain("Path=/");
    expect(attrs).toContain("HttpOnly");
    expect(attrs.some((a) => /^domain=/i.test(a))).toBe(false);
  });

  it("a cleared cookie keeps the prefix and its attributes (or the browser would refuse it)", () => {
    const header = serializeCookie("lb_session", "", { maxAgeSeconds: 0 }, https);
    expect(header).toMatch(/^__Host-lb_session=; Path=\/; SameSite=Lax; HttpOnly; Secure; Max-Age=0$/);
  });
});

describe("cookies on plain http (development)", () => {
  it.each(NAMES)("%s keeps its bare name and is not Secure", (name) => {
    expect(cookieName(name, http)).toBe(name);
    const header = serializeCookie(name, "v", {}, http);
    expect(header.startsWith(`${name}=v; `)).toBe(true);
    expect(header).not.toContain("Secure");
    expect(header).toContain("Path=/");
  });
});

describe("the transport reads the same cookies under either name", () => {
  it("a session cookie, prefixed or not, makes pages no-store; a look-alike name does not", async () => {
    const { hasSessionCookie } = await import("~/utils/http-guard.server");
    expect(hasSessionCookie("__Host-lb_session=abc")).toBe(true);
    expect(hasSessionCookie("lb_lang=en; lb_session=abc")).toBe(true);
    expect(hasSessionCookie("x_lb_session=abc; lb_sessionx=1")).toBe(false);
    expect(hasSessionCookie(undefined)).toBe(false);
  });

  it("the error pages' language comes from lb_lang or __Host-lb_lang", async () => {
    const { localeFromCookieHeader } = await import("~/utils/http-guard.server");
    expect(localeFromCookieHeader("__Host-lb_lang=en")).toBe("en");
    expect(localeFromCookieHeader("a=1; lb_lang=en")).toBe("en");
    expect(localeFromCookieHeader("lb_lang=nb")).toBe("nb");
    expect(localeFromCookieHeader("xlb_lang=en")).toBe("nb");
  });
});
