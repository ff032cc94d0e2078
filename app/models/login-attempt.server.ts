/**
 * Login rate limiting (docs/decisions/005 and 010). Every password check is a LoginAttempt
 * row. Three limits inside LOGIN_WINDOW_MINUTES, each lifting once the max-th newest of its
 * failures has left the window:
 *  - one account from one address: LOGIN_MAX_FAILURES_PER_ACCOUNT (5). Someone guessing from
 *    address A locks only A out of that account; the real user elsewhere still gets in.
 *  - one address, any accounts: LOGIN_MAX_FAILURES_PER_IP (30) (password spraying).
 *  - one account from all addresses together: LOGIN_MAX_FAILURES_PER_ACCOUNT_TOTAL (50)
 *    (a distributed attack). It does not apply to a browser that has signed in to the
 *    account before (a signed known-device cookie, OWASP's "device cookies"), so the real
 *    user is not locked out by it either.
 * Check and record are one atomic step (attemptLogin): per account and per address a
 * PostgreSQL advisory lock serialises the check and the insert of the attempt row, which
 * counts as a failure until the password proves right - so 25 parallel guesses get at most
 * the limit of password checks. Locked attempts are refused before the password is checked
 * and are not recorded. The answer is the same whether or not the e-mail has an account.
 */
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { getUserByEmail, normaliseEmail } from "~/models/user.server";
import { verifyPassword } from "~/utils/password.server";

export interface LoginLimits {
  /** Failures for one account from one address. */
  maxPerAccount: number;
  maxPerIp: number;
  /** Failures for one account from all addresses (not applied to known devices). */
  maxPerAccountTotal: number;
  windowMinutes: number;
}

function loginLimits(): LoginLimits {
  const e = env();
  return {
    maxPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
    maxPerAccountTotal: e.LOGIN_MAX_FAILURES_PER_ACCOUNT_TOTAL,
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

type Client = Pick<ReturnType<typeof db>, "loginAttempt">;

async function recentFailures(client: Client, where: { email?: string; ip?: string }, since: Date, take: number) {
  const rows = await client.loginAttempt.findMany({
    where: { ...where, success: false, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
    take,
  });
  return rows.map((r) => r.createdAt);
}

async function lockFor(
  client: Client,
  { email, ip, knownDevice }: { email: string; ip: string; knownDevice: boolean },
  now: Date,
  limits: LoginLimits,
): Promise<Date | null> {
  const since = windowStart(now, limits.windowMinutes);
  const [byPair, byIp, byAccount] = await Promise.all([
    recentFailures(client, { email, ip }, since, limits.maxPerAccount),
    recentFailures(client, { ip }, since, limits.maxPerIp),
    knownDevice ? Promise.resolve([]) : recentFailures(client, { email }, since, limits.maxPerAccountTotal),
  ]);
  const until = laterOf(
    laterOf(lockedUntil(byPair, limits.maxPerAccount, limits.windowMinutes), lockedUntil(byIp, limits.maxPerIp, limits.windowMinutes)),
    knownDevice ? null : lockedUntil(byAccount, limits.maxPerAccountTotal, limits.windowMinutes),
  );
  return until && until > now ? until : null;
}

/** Null when a login may be tried, otherwise the time the lock lifts (a read-only look). */
export async function getLoginLock(
  { email, ip, knownDevice = false }: { email: string; ip: string; knownDevice?: boolean },
  now = new Date(),
  limits: LoginLimits = loginLimits(),
): Promise<Date | null> {
  return lockFor(db(), { email: normaliseEmail(email), ip, knownDevice }, now, limits);
}

export async function recordLoginAttempt({ email, ip, success }: { email: string; ip: string; success: boolean }) {
  await db().loginAttempt.create({ data: { email: normaliseEmail(email), ip, success } });
}

export type LoginAttemptOutcome<T> = { status: "ok"; value: T } | { status: "invalid" } | { status: "locked"; until: Date };

/**
 * One password check under the limits, atomically: under advisory locks for the account and
 * the address, the limits are checked and the attempt is recorded (as a failure); then, with
 * the locks released, `check` runs (the expensive argon2 verification) and a success turns
 * the row into a success. `check` returns the value for a right password, null otherwise.
 */
export async function attemptLogin<T>(
  input: { email: string; ip: string; knownDevice?: boolean },
  check: () => Promise<T | null>,
  limits: LoginLimits = loginLimits(),
): Promise<LoginAttemptOutcome<T>> {
  const email = normaliseEmail(input.email);
  const reserved = await db().$transaction(async (tx): Promise<{ until: Date } | { id: bigint }> => {
    // Always account first, then address: no two transactions wait on each other in a cycle.
    await tx.$queryRaw`SELECT 1 AS ok FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`login-account:${email}`}, 0))) AS l`;
    await tx.$queryRaw`SELECT 1 AS ok FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`login-ip:${input.ip}`}, 0))) AS l`;
    const now = new Date();
    const until = await lockFor(tx, { email, ip: input.ip, knownDevice: !!input.knownDevice }, now, limits);
    if (until) return { until };
    const row = await tx.loginAttempt.create({ data: { email, ip: input.ip, success: false, createdAt: now }, select: { id: true } });
    return { id: row.id };
  });
  if ("until" in reserved) return { status: "locked", until: reserved.until };
  const value = await check();
  if (value === null) return { status: "invalid" };
  await db().loginAttempt.update({ where: { id: reserved.id }, data: { success: true } });
  return { status: "ok", value };
}

/** A login with e-mail and password under the limits; the user on success. */
export async function loginWithPassword(input: { email: string; password: string; ip: string; knownDevice?: boolean }) {
  return attemptLogin({ email: input.email, ip: input.ip, knownDevice: input.knownDevice }, async () => {
    const user = await getUserByEmail(input.email);
    const ok = await verifyPassword(user?.passwordHash, input.password); // same time with or without an account
    return ok && user ? { id: user.id, email: user.email } : null;
  });
}

/** Login attempts are kept this long (7 days): far longer than any limit's window, short enough for personal data. */
export const LOGIN_ATTEMPT_RETENTION_MS = 7 * 24 * 60 * 60_000;

/**
 * Deletes login attempts older than the retention (or than the limit's window, if that is
 * longer). They hold an e-mail address and an IP address and serve only the limits.
 */
export async function pruneLoginAttempts(now = new Date(), limits: LoginLimits = loginLimits()): Promise<number> {
  const keepMs = Math.max(LOGIN_ATTEMPT_RETENTION_MS, limits.windowMinutes * 60_000);
  const { count } = await db().loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - keepMs) } } });
  return count;
}
