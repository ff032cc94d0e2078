import crypto from "node:crypto";
import { db } from "~/utils/db.server";
import { notifyAccessChanged } from "~/utils/collab-bridge.server";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function hashToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function randomToken(bytes = 32) {
  return crypto.randomBytes(bytes).toString("base64url");
}

/** Creates a session and returns the secret token for the cookie (only its hash is stored). */
export async function createSession(userId: string) {
  const token = randomToken();
  await db().session.create({
    data: {
      id: hashToken(token),
      userId,
      csrfToken: randomToken(24),
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    },
  });
  return token;
}

export async function getSessionUser(token: string) {
  const session = await db().session.findUnique({
    where: { id: hashToken(token) },
    include: {
      user: {
        include: {
          memberships: {
            include: { organisation: { select: { id: true, name: true, slug: true, kind: true } } },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
  });
  if (!session) return null;
  if (session.expiresAt.getTime() < Date.now()) {
    await db().session.delete({ where: { id: session.id } }).catch(() => {});
    return null;
  }
  return session.user;
}

export async function deleteSession(token: string) {
  await db().session.deleteMany({ where: { id: hashToken(token) } });
  // Logging out also ends the session's live-editing connections.
  notifyAccessChanged();
}

export async function deleteUserSessions(userId: string) {
  await db().session.deleteMany({ where: { userId } });
  notifyAccessChanged();
}
