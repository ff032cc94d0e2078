/**
 * Password reset links: a random token goes into the e-mail, only its sha256 is stored.
 * A link works for one hour and once; using it ends every session of the user.
 */
import { hashToken, randomToken } from "~/models/session.server";
import { normaliseEmail } from "~/models/user.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { getFixedT, isLocale } from "~/utils/i18n";
import { sendMail } from "~/utils/mail.server";
import { hashPassword } from "~/utils/password.server";
import { recordEvent } from "./events.server";

const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
/** More open links than this per hour and we stop sending (nobody's inbox gets flooded). */
const MAX_OPEN_RESETS_PER_HOUR = 5;

export type TokenState = "valid" | "expired" | "used" | "unknown";

/** Pure: what a stored reset token row means right now. */
export function resetTokenState(row: { expiresAt: Date; usedAt: Date | null } | null, now = new Date()): TokenState {
  if (!row) return "unknown";
  if (row.usedAt) return "used";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

/**
 * Creates a reset token and mails the link when the e-mail has an account; does nothing
 * otherwise. Returns nothing either way, so callers cannot tell the difference.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const user = await db().user.findUnique({ where: { email: normaliseEmail(email) } });
  if (!user) return;
  const open = await db().passwordResetToken.count({
    where: { userId: user.id, usedAt: null, createdAt: { gt: new Date(Date.now() - RESET_TOKEN_TTL_MS) } },
  });
  if (open >= MAX_OPEN_RESETS_PER_HOUR) return;
  const token = randomToken();
  const now = new Date();
  await db().passwordResetToken.create({
    data: { tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS) },
  });
  const t = getFixedT(isLocale(user.locale) ? user.locale : "nb", "auth");
  await sendMail({
    to: user.email,
    subject: t("mail.resetSubject"),
    text: t("mail.resetBody", { name: user.name, link: `${env().APP_URL}/reset-password/${token}` }),
  });
}

export async function getPasswordResetState(token: string): Promise<TokenState> {
  const row = await db().passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) } });
  return resetTokenState(row);
}

/**
 * Uses the token (atomically, so two submits cannot both win), sets the password, voids
 * the user's other reset links and ends all of their sessions. The token is checked before
 * the password is hashed. `options.hash` replaces the hasher (tests observe the call order).
 */
export async function resetPasswordWithToken(
  token: string,
  password: string,
  options: { hash?: (password: string) => Promise<string> } = {},
): Promise<{ ok: true; userId: string } | { ok: false; state: Exclude<TokenState, "valid"> }> {
  const tokenHash = hashToken(token);
  // The token first: hashing a password is expensive (argon2), and an unknown, used or
  // expired link must not cost one. The claim below re-checks atomically.
  const before = resetTokenState(await db().passwordResetToken.findUnique({ where: { tokenHash } }));
  if (before !== "valid") return { ok: false, state: before };
  const passwordHash = await (options.hash ?? hashPassword)(password);
  return db().$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.passwordResetToken.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    const row = await tx.passwordResetToken.findUnique({ where: { tokenHash } });
    if (claimed.count !== 1 || !row) {
      const state = resetTokenState(row, now);
      return { ok: false as const, state: state === "valid" ? "used" : state };
    }
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: now } });
    await tx.session.deleteMany({ where: { userId: row.userId } });
    await recordEvent(tx, { type: "access.changed", entity: "all", actorUserId: row.userId, payload: { reason: "session" } });
    return { ok: true as const, userId: row.userId };
  });
}
