import crypto from "node:crypto";
import { db } from "~/utils/db.server";
import { recordEvent } from "./events.server";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function hashToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function randomToken(bytes = 32) {
  return crypto.randomBytes(bytes).toString("base64url");
}

/**
 * Creates a session. `token` goes into the cookie (only its hash is stored); `csrfToken` is
 * the session's own CSRF token, which every form of a signed-in user must carry.
 */
export async function createSessionTokens(userId: string): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  await db().session.create({
    data: {
      id: hashToken(token),
      userId,
      csrfToken,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    },
  });
  return { token, csrfToken };
}

/** Creates a session and returns the secret token for the cookie. */
export async function createSession(userId: string) {
  return (await createSessionTokens(userId)).token;
}

const sessionInclude = {
  user: {
    include: {
      memberships: {
        include: { organisation: { select: { id: true, name: true, slug: true, kind: true } } },
        orderBy: { createdAt: "asc" as const },
      },
    },
  },
};

/** The live session behind a cookie token: its user and its CSRF token; null when unknown or expired. */
export async function getSession(token: string) {
  const session = await db().session.findUnique({ where: { id: hashToken(token) }, include: sessionInclude });
  if (!session) return null;
  if (session.expiresAt.getTime() < Date.now()) {
    await db()
      .session.delete({ where: { id: session.id } })
      .catch(() => {});
    return null;
  }
  return { user: session.user, csrfToken: session.csrfToken };
}

export async function getSessionUser(token: string) {
  return (await getSession(token))?.user ?? null;
}

/** Logging out also ends the session's live-editing connections (in every process). */
export async function deleteSession(token: string) {
  await db().$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: hashToken(token) } });
    if (count) await recordEvent(tx, { type: "access.changed", entity: "all", payload: { reason: "session" } });
  });
}

export async function deleteUserSessions(userId: string) {
  await db().$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId } });
    if (count) await recordEvent(tx, { type: "access.changed", entity: "all", actorUserId: userId, payload: { reason: "session" } });
  });
}
