/**
 * The signed token in every notification mail's unsubscribe link (docs/decisions/021):
 * `<userId>.<scope>.<signature>`, scope = a notification kind or "all", signature =
 * HMAC-SHA256 (app/utils/secret.server.ts, purpose "unsubscribe") of `<userId>.<scope>`.
 *
 * The token is the whole authentication of /unsubscribe/$token (it works logged out and from
 * a mail client's one-click POST): whoever holds a user's mail can turn that user's mails off,
 * and nothing else. No expiry - an unsubscribe link in an old mail must keep working (RFC 8058
 * asks for that too); a new SESSION_SECRET voids every old link.
 */
import { isNotificationKind, type NotificationKind } from "~/notifications/kinds";
import { safeEqual, sign } from "~/utils/secret.server";

export type UnsubscribeScope = NotificationKind | "all";

const PURPOSE = "unsubscribe";
/** Longer than any token we issue (user ids are cuids): refused without computing an HMAC. */
const MAX_TOKEN_LENGTH = 200;
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isUnsubscribeScope(value: unknown): value is UnsubscribeScope {
  return value === "all" || isNotificationKind(value);
}

export function unsubscribeToken(userId: string, scope: UnsubscribeScope): string {
  if (!USER_ID.test(userId)) throw new Error("unsubscribeToken: unexpected user id format");
  return `${userId}.${scope}.${sign(PURPOSE, `${userId}.${scope}`)}`;
}

/** The user and scope a token stands for, or null when it is malformed or its signature is wrong. */
export function readUnsubscribeToken(token: unknown): { userId: string; scope: UnsubscribeScope } | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [userId, scope, signature] = parts;
  if (!USER_ID.test(userId) || !isUnsubscribeScope(scope) || !signature) return null;
  // Constant-time: the expected signature is compared without revealing how much of it matched.
  if (!safeEqual(signature, sign(PURPOSE, `${userId}.${scope}`))) return null;
  return { userId, scope };
}
