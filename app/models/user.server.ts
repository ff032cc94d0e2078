import { db } from "~/utils/db.server";
import type { AppLocale } from "~/utils/i18n";

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

export async function getUserByEmail(email: string) {
  return db().user.findUnique({ where: { email: normaliseEmail(email) } });
}

export async function updateUserLocale(userId: string, locale: AppLocale) {
  await db().user.update({ where: { id: userId }, data: { locale } });
}
