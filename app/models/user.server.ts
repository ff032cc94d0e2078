import { db } from "~/utils/db.server";
import type { AppLocale } from "~/utils/i18n";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { recordEvent } from "./events.server";

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

export async function getUserByEmail(email: string) {
  return db().user.findUnique({ where: { email: normaliseEmail(email) } });
}

export async function updateUserLocale(userId: string, locale: AppLocale) {
  await db().user.update({ where: { id: userId }, data: { locale } });
}

export async function updateUserProfile(userId: string, input: { name: string; jobTitle: string | null; locale: AppLocale }) {
  return db().user.update({
    where: { id: userId },
    data: { name: input.name, jobTitle: input.jobTitle, locale: input.locale },
  });
}

/** True when the password is this user's (takes the same time for users without a password). */
export async function checkUserPassword(userId: string, password: string) {
  const user = await db().user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return verifyPassword(user?.passwordHash, password);
}

/**
 * Sets a new password and ends every session of the user (a changed password must lock
 * out whoever else may be signed in). The caller starts a fresh session if appropriate.
 */
export async function setUserPassword(userId: string, password: string) {
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId } });
    await recordEvent(tx, { type: "access.changed", entity: "all", actorUserId: userId, payload: { reason: "session" } });
  });
}
