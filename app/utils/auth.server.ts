/**
 * Cookies, the current viewer, CSRF. Sessions are random tokens whose sha256 is stored
 * in the Session table (so logout and password reset can revoke them).
 *
 * CSRF (docs/decisions/003): every form carries a hidden `csrf` field (<CsrfInput/>) and
 * every action calls readForm(), which checks it:
 *  - signed in: the field must be the session's own token (Session.csrfToken, created with
 *    the session). A cookie + field pair an attacker planted is worth nothing.
 *  - visitors (login, forgot password): a double-submit cookie `lb_csrf` whose value is a
 *    nonce signed with the server secret (app/utils/secret.server.ts), so a pair chosen by an
 *    attacker (e.g. a cookie injected from a sibling domain) fails the signature.
 * Values are compared over bytes in constant time (safeEqual), whatever their length or
 * characters. On top, the Origin header (when the browser sends one) must be ours, and the
 * session cookie is SameSite=Lax. With an https APP_URL every cookie is `__Host-` prefixed
 * (Secure, Path=/, no Domain): no other host can set or shadow it.
 */
import { redirect } from "@remix-run/node";
import { createSessionTokens, deleteSession, getSession, randomToken, SESSION_TTL_MS } from "~/models/session.server";
import { normaliseEmail } from "~/models/user.server";
import type { Viewer } from "~/policies/viewer";
import { env, type Env } from "~/utils/env.server";
import { parseCookieHeader, readFormData } from "~/utils/http.server";
import { DEFAULT_LOCALE, getFixedT, isLocale, LOCALE_COOKIE } from "~/utils/i18n";
import { safeEqual, sign } from "~/utils/secret.server";

/** A cookie's real name: `__Host-` prefixed when the app runs on https. */
export function cookieName(base: string, e: Env = env()): string {
  return e.COOKIE_SECURE ? `__Host-${base}` : base;
}

const SESSION_COOKIE = "lb_session";
const CSRF_COOKIE = "lb_csrf";
const DEVICE_COOKIE = "lb_device";
/** A known-device cookie lives this long (docs/decisions/010). */
const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 3600;

function parseCookies(request: Request): Record<string, string> {
  return parseCookieHeader(request.headers.get("Cookie"));
}

/** Reads a cookie by its base name (the `__Host-` variant under https). */
export function readCookie(request: Request, base: string): string | undefined {
  return parseCookies(request)[cookieName(base)];
}

/**
 * A Set-Cookie value. `name` is the base name: it gets the `__Host-` prefix (and with it
 * Secure, Path=/ and no Domain) whenever APP_URL is https.
 */
export function serializeCookie(
  name: string,
  value: string,
  options: { maxAgeSeconds?: number; httpOnly?: boolean; sameSite?: "Lax" | "Strict" } = {},
  e: Env = env(),
) {
  const parts = [`${cookieName(name, e)}=${encodeURIComponent(value)}`, "Path=/", `SameSite=${options.sameSite ?? "Lax"}`];
  if (options.httpOnly !== false) parts.push("HttpOnly");
  if (e.COOKIE_SECURE) parts.push("Secure");
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join("; ");
}

type SessionInfo = NonNullable<Awaited<ReturnType<typeof getSession>>>;
export type SessionUser = SessionInfo["user"];

const sessionCache = new WeakMap<Request, Promise<SessionInfo | null>>();
/** Sessions already looked up for a request (so getCsrf can stay synchronous). */
const resolvedSessions = new WeakMap<Request, SessionInfo | null>();

function getSessionInfo(request: Request): Promise<SessionInfo | null> {
  let cached = sessionCache.get(request);
  if (!cached) {
    const token = readCookie(request, SESSION_COOKIE);
    // A session token is 43 base64url characters; anything else cannot be one (no DB round trip).
    cached = (token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? getSession(token) : Promise.resolve(null)).then((info) => {
      resolvedSessions.set(request, info);
      return info;
    });
    sessionCache.set(request, cached);
  }
  return cached;
}

/** The signed-in user with memberships, or null. Cached per request. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSessionInfo(request))?.user ?? null;
}

export function toViewer(user: SessionUser | null): Viewer | null {
  if (!user) return null;
  return {
    id: user.id,
    platformRole: user.platformRole,
    memberships: user.memberships.map((m) => ({ organisationId: m.organisationId, role: m.role })),
  };
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw loginRedirect(request);
  return user;
}

export async function requireViewer(request: Request): Promise<Viewer> {
  return toViewer(await requireUser(request))!;
}

// ---------------------------------------------------------------- redirects

/** ASCII control characters (TAB, CR, LF, NUL, ...): browsers drop some of them from URLs. */
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const MAX_REDIRECT_LENGTH = 2048;

/**
 * Where to send the browser after login, a language switch, etc. The candidate is resolved
 * against our own origin with the WHATWG URL parser - the one browsers use, which drops
 * TAB/CR/LF and reads `\` as `/` - and accepted only when it stays on our origin. What is
 * returned is the parser's normalised path + query + fragment, never the raw input (so
 * "/\t/evil.example" cannot become "//evil.example" in the browser). Control characters are
 * refused outright; a path that would start with "//" (e.g. "/.//evil") too.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/", e: Env = env()): string {
  if (typeof to !== "string" || to === "" || to.length > MAX_REDIRECT_LENGTH || CONTROL_CHARS.test(to)) return fallback;
  const origin = new URL(e.APP_URL).origin;
  let url: URL;
  try {
    url = new URL(to, `${origin}/`);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  const path = url.pathname;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path + url.search + url.hash;
}

// ---------------------------------------------------------------- sessions

/**
 * Signs the user in: a new session, the session's CSRF token as this browser's CSRF cookie
 * (no fixation: whatever token the browser had before is worthless now), and - after a
 * password login - a known-device cookie for that account (docs/decisions/010).
 */
export async function startSession(
  userId: string,
  redirectTo: string,
  extraHeaders: HeadersInit = {},
  options: { knownDeviceFor?: string } = {},
) {
  const { token, csrfToken } = await createSessionTokens(userId);
  const headers = new Headers(extraHeaders);
  headers.append("Set-Cookie", serializeCookie(SESSION_COOKIE, token, { maxAgeSeconds: SESSION_TTL_MS / 1000 }));
  headers.append("Set-Cookie", serializeCookie(CSRF_COOKIE, csrfToken, { sameSite: "Strict" }));
  if (options.knownDeviceFor) {
    headers.append(
      "Set-Cookie",
      serializeCookie(DEVICE_COOKIE, knownDeviceToken(options.knownDeviceFor), {
        maxAgeSeconds: DEVICE_COOKIE_MAX_AGE_S,
        sameSite: "Strict",
      }),
    );
  }
  return redirect(safeRedirect(redirectTo), { headers });
}

export async function endSession(request: Request, redirectTo = "/") {
  const token = readCookie(request, SESSION_COOKIE);
  if (token) await deleteSession(token);
  const headers = new Headers();
  headers.append("Set-Cookie", serializeCookie(SESSION_COOKIE, "", { maxAgeSeconds: 0 }));
  // The session's CSRF token died with it: the browser gets a visitor token right away.
  headers.append("Set-Cookie", serializeCookie(CSRF_COOKIE, visitorCsrfToken(), { sameSite: "Strict" }));
  return redirect(redirectTo, { headers });
}

// ---------------------------------------------------------------- known devices

/** `nonce.signature`, the signature binding the nonce to one (normalised) e-mail address. */
function knownDeviceToken(email: string, nonce = randomToken(12)): string {
  return `${nonce}.${sign("known-device", `${normaliseEmail(email)}\0${nonce}`)}`;
}

/** True when this browser carries a known-device cookie issued at a login to this account. */
export function isKnownDevice(request: Request, email: string): boolean {
  const value = readCookie(request, DEVICE_COOKIE);
  if (!value || value.length > 200) return false;
  const dot = value.indexOf(".");
  if (dot <= 0) return false;
  return safeEqual(value, knownDeviceToken(email, value.slice(0, dot)));
}

// ---------------------------------------------------------------- CSRF

/** A visitor's CSRF token: `nonce.signature`. Only the server can make one that verifies. */
function visitorCsrfToken(nonce = randomToken(18)): string {
  return `${nonce}.${sign("csrf", nonce)}`;
}

function isVisitorCsrfToken(value: string | undefined): value is string {
  if (!value || value.length > 200) return false;
  const dot = value.indexOf(".");
  if (dot <= 0) return false;
  return safeEqual(value, visitorCsrfToken(value.slice(0, dot)));
}

/**
 * The CSRF token the page's forms must carry; sets the cookie when it is missing or stale.
 * For a signed-in user it is the session's token: call after getUser(request) (the root
 * loader does), which looked the session up.
 */
export function getCsrf(request: Request): { token: string; setCookie?: string } {
  const cookie = readCookie(request, CSRF_COOKIE);
  const session = resolvedSessions.get(request);
  if (session) {
    if (cookie === session.csrfToken) return { token: session.csrfToken };
    return { token: session.csrfToken, setCookie: serializeCookie(CSRF_COOKIE, session.csrfToken, { sameSite: "Strict" }) };
  }
  if (isVisitorCsrfToken(cookie)) return { token: cookie };
  const token = visitorCsrfToken();
  return { token, setCookie: serializeCookie(CSRF_COOKIE, token, { sameSite: "Strict" }) };
}

function sameOrigin(request: Request) {
  const origin = request.headers.get("Origin");
  if (!origin || origin === "null") return origin !== "null";
  // APP_URL only: never the Host header (DNS rebinding); server/app.ts refuses others earlier too.
  return origin === new URL(env().APP_URL).origin;
}

/** Longer than any token we issue: refused without further work. */
const MAX_CSRF_LENGTH = 200;

/**
 * Throws a 403 response (the translated "reload and try again" page) unless the form carries
 * the right CSRF token for this browser - the session's token when signed in, a validly
 * signed double-submit token otherwise - and the request comes from our own origin.
 */
async function requireCsrf(request: Request, form: FormData) {
  const field = form.get("csrf");
  let ok = typeof field === "string" && field.length > 0 && field.length <= MAX_CSRF_LENGTH && sameOrigin(request);
  if (ok) {
    const session = await getSessionInfo(request);
    if (session) ok = safeEqual(field as string, session.csrfToken);
    else {
      const cookie = readCookie(request, CSRF_COOKIE);
      ok = isVisitorCsrfToken(cookie) && safeEqual(field as string, cookie);
    }
  }
  if (!ok) throw await csrfRefusal(request);
}

/**
 * The 403 for a failed CSRF check. Pages render it with the shared error boundary (which
 * knows it by statusText "csrf"); routes without a page (/logout, /language) send its body:
 * the same translated sentence, in the reader's language.
 */
async function csrfRefusal(request: Request) {
  const chosen = readCookie(request, LOCALE_COOKIE);
  const saved = (await getSessionInfo(request).catch(() => null))?.user.locale;
  const locale = isLocale(chosen) ? chosen : isLocale(saved) ? saved : DEFAULT_LOCALE;
  return new Response(getFixedT(locale, "common")("errors.csrf"), {
    status: 403,
    statusText: "csrf",
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Reads the form and checks CSRF in one go. */
export async function readForm(request: Request): Promise<FormData> {
  // A body that is not a readable form is the client's fault: 415/400, never a 500.
  const form = await readFormData(request);
  await requireCsrf(request, form);
  return form;
}
