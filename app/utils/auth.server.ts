/**
 * Cookies, the current viewer, CSRF. Sessions are random tokens whose sha256 is stored
 * in the Session table (so logout and password reset can revoke them).
 *
 * CSRF: a double-submit token. Every page gets an HttpOnly `lb_csrf` cookie; every form
 * carries the same value in a hidden `csrf` field (<CsrfInput/>), and every action calls
 * requireCsrf(). On top, the Origin header (when the browser sends one) must be ours,
 * and the session cookie is SameSite=Lax.
 */
import { redirect } from "@remix-run/node";
import crypto from "node:crypto";
import { createSession, deleteSession, getSessionUser, randomToken, SESSION_TTL_MS } from "~/models/session.server";
import type { Viewer } from "~/policies/viewer";
import { env } from "~/utils/env.server";

const SESSION_COOKIE = "lb_session";
const CSRF_COOKIE = "lb_csrf";

export function parseCookies(request: Request): Record<string, string> {
  const header = request.headers.get("Cookie") ?? "";
  const out: Record<string, string> = {};
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    if (!k || k in out) continue;
    try {
      out[k] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      out[k] = part.slice(i + 1).trim();
    }
  }
  return out;
}

export function serializeCookie(
  name: string,
  value: string,
  options: { maxAgeSeconds?: number; httpOnly?: boolean; sameSite?: "Lax" | "Strict" } = {},
) {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", `SameSite=${options.sameSite ?? "Lax"}`];
  if (options.httpOnly !== false) parts.push("HttpOnly");
  if (env().COOKIE_SECURE) parts.push("Secure");
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join("; ");
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof getSessionUser>>>;

const userCache = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in user with memberships, or null. Cached per request. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let cached = userCache.get(request);
  if (!cached) {
    const token = parseCookies(request)[SESSION_COOKIE];
    cached = token ? getSessionUser(token) : Promise.resolve(null);
    userCache.set(request, cached);
  }
  return cached;
}

export function toViewer(user: SessionUser | null): Viewer | null {
  if (!user) return null;
  return {
    id: user.id,
    platformRole: user.platformRole,
    memberships: user.memberships.map((m) => ({ organisationId: m.organisationId, role: m.role })),
  };
}

export async function getViewer(request: Request): Promise<Viewer | null> {
  return toViewer(await getUser(request));
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

/** Only same-site relative paths are allowed as post-login destinations. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export async function startSession(userId: string, redirectTo: string, extraHeaders: HeadersInit = {}) {
  const token = await createSession(userId);
  const headers = new Headers(extraHeaders);
  headers.append("Set-Cookie", serializeCookie(SESSION_COOKIE, token, { maxAgeSeconds: SESSION_TTL_MS / 1000 }));
  // A fresh CSRF token on login defeats token fixation.
  headers.append("Set-Cookie", serializeCookie(CSRF_COOKIE, randomToken(24), { sameSite: "Strict" }));
  return redirect(safeRedirect(redirectTo), { headers });
}

export async function endSession(request: Request, redirectTo = "/") {
  const token = parseCookies(request)[SESSION_COOKIE];
  if (token) await deleteSession(token);
  return redirect(redirectTo, {
    headers: { "Set-Cookie": serializeCookie(SESSION_COOKIE, "", { maxAgeSeconds: 0 }) },
  });
}

/** The CSRF token for this browser; sets the cookie when missing. */
export function getCsrf(request: Request): { token: string; setCookie?: string } {
  const existing = parseCookies(request)[CSRF_COOKIE];
  if (existing && existing.length >= 20) return { token: existing };
  const token = randomToken(24);
  return { token, setCookie: serializeCookie(CSRF_COOKIE, token, { sameSite: "Strict" }) };
}

export class CsrfError extends Error {}

function sameOrigin(request: Request) {
  const origin = request.headers.get("Origin");
  if (!origin || origin === "null") return origin !== "null";
  const allowed = new Set([new URL(request.url).origin, new URL(env().APP_URL).origin]);
  return allowed.has(origin);
}

/**
 * Throws a 403 response unless the form carries this browser's CSRF token and the
 * request comes from our own origin. Call first in every action.
 */
export function requireCsrf(request: Request, form: FormData) {
  const cookie = parseCookies(request)[CSRF_COOKIE];
  const field = form.get("csrf");
  const ok =
    typeof field === "string" &&
    !!cookie &&
    field.length === cookie.length &&
    crypto.timingSafeEqual(Buffer.from(field), Buffer.from(cookie)) &&
    sameOrigin(request);
  if (!ok) throw new Response("CSRF", { status: 403, statusText: "csrf" });
}

/** Reads the form and checks CSRF in one go. */
export async function readForm(request: Request): Promise<FormData> {
  const form = await request.formData();
  requireCsrf(request, form);
  return form;
}
