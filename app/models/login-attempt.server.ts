/**
 * Login rate limiting. Every attempt is a LoginAttempt row; an account (e-mail) or an IP
 * with too many failures inside the window is locked until enough of those failures have
 * aged out of it. Locked attempts are rejected before the password is checked and are not
 * recorded, so an attacker hammering a locked account gains nothing and keeps nothing locked
 * beyond the window. The answer is the same whether or not the e-mail has an account.
 */
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { normaliseEmail } from "~/models/user.server";

export interface LoginLimits {
  maxPerAccount: number;
  maxPerIp: number;
  windowMinutes: number;
}

export function loginLimits(): LoginLimits {
  const e = env();
  return {
    maxPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
    windowMinutes: e.LOGIN_WINDOW_MINUTES,
  };
}

export function windowStart(now: Date, windowMinutes: number): Date {
  return new Date(now.getTime() - windowMinutes * 60_000);
}

/**
 * When a lock lifts, given the failure times inside the window (newest first): once the
 * max-th newest failure leaves the window, fewer than max remain. Null = not locked.
 */
export function lockedUntil(failuresNewestFirst: Date[], max: number, windowMinutes: number): Date | null {
  if (failuresNewestFirst.length < max) return null;
  return new Date(failuresNewestFirst[max - 1].getTime() + windowMinutes * 60_000);
}

/** The later of two optional dates (both locks must lift before a login is allowed). */
export function laterOf(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

/** Whole minutes to wait, at least one. */
export function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

async function recentFailures(where: { email: string } | { ip: string }, since: Date, take: number) {
  const rows = await db().loginAttempt.findMany({
    where: { ...where, success: false, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
    take,
  });
  return rows.map((r) => r.createdAt);
}

/** Null when a login may be tried, otherwise the time the lock lifts. */
export async function getLoginLock(
  { email, ip }: { email: string; ip: string },
  now = new Date(),
  limits: LoginLimits = loginLimits(),
): Promise<Date | null> {
  const since = windowStart(now, limits.windowMinutes);
  const [byAccount, byIp] = await Promise.all([
    recentFailures({ email: normaliseEmail(email) }, since, limits.maxPerAccount),
    recentFailures({ ip }, since, limits.maxPerIp),
  ]);
  const until = laterOf(
    lockedUntil(byAccount, limits.maxPerAccount, limits.windowMinutes),
    lockedUntil(byIp, limits.maxPerIp, limits.windowMinutes),
  );
  return until && until > now ? until : null;
}

export async function recordLoginAttempt({ email, ip, success }: { email: string; ip: string; success: boolean }) {
  await db().loginAttempt.create({ data: { email: normaliseEmail(email), ip, success } });
}
