/**
 * Per user and notification kind: how often it is e-mailed (docs/decisions/021). A missing
 * row means DEFAULT_MAIL_FREQUENCY (app/notifications/kinds.ts), so a new kind or a changed
 * default reaches everybody who never chose otherwise.
 */
import { NotFoundError } from "~/models/errors";
import { DEFAULT_MAIL_FREQUENCY, NOTIFICATION_KINDS, type MailFrequency, type NotificationKind } from "~/notifications/kinds";
import type { UnsubscribeScope } from "~/notifications/unsubscribe-token.server";
import { db, Prisma } from "~/utils/db.server";

type Tx = Prisma.TransactionClient;
export type MailFrequencies = Record<NotificationKind, MailFrequency>;

/** Pure: stored rows on top of the defaults (rows of unknown kinds are ignored). */
export function withDefaults(rows: Array<{ kind: string; frequency: MailFrequency }>): MailFrequencies {
  const result = { ...DEFAULT_MAIL_FREQUENCY };
  for (const row of rows)
    if ((NOTIFICATION_KINDS as readonly string[]).includes(row.kind)) result[row.kind as NotificationKind] = row.frequency;
  return result;
}

/** Every kind's frequency for one user (defaults where nothing is stored). */
export async function getMailFrequencies(userId: string, tx: Tx = db()): Promise<MailFrequencies> {
  return withDefaults(await tx.notificationSetting.findMany({ where: { userId }, select: { kind: true, frequency: true } }));
}

/** The same for many users at once (the mail consumer and the digest scheduler). */
export async function getMailFrequenciesOf(userIds: string[], tx: Tx = db()): Promise<Map<string, MailFrequencies>> {
  const rows = await tx.notificationSetting.findMany({
    where: { userId: { in: userIds } },
    select: { userId: true, kind: true, frequency: true },
  });
  return new Map(userIds.map((id) => [id, withDefaults(rows.filter((r) => r.userId === id))]));
}

/** Stores the given kinds' frequencies (others stay as they are). */
export async function setMailFrequencies(userId: string, values: Partial<MailFrequencies>): Promise<void> {
  const entries = Object.entries(values) as Array<[NotificationKind, MailFrequency]>;
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new NotFoundError("user", userId);
    for (const [kind, frequency] of entries) {
      await tx.notificationSetting.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, frequency },
        update: { frequency },
      });
    }
  });
}

export interface UnsubscribeResult {
  /** The kinds that were on before, with what they were (for "undo"); empty when all were off already. */
  changed: Array<{ kind: NotificationKind; from: MailFrequency }>;
  locale: "nb" | "en";
}

/**
 * Turns one kind (or all) OFF for a user - the unsubscribe link's and one-click POST's work.
 * Idempotent. Throws NotFoundError when the user no longer exists.
 */
export async function unsubscribe(userId: string, scope: UnsubscribeScope): Promise<UnsubscribeResult> {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { locale: true } });
    if (!user) throw new NotFoundError("user", userId);
    const before = await getMailFrequencies(userId, tx);
    const kinds = scope === "all" ? [...NOTIFICATION_KINDS] : [scope];
    const changed = kinds.filter((kind) => before[kind] !== "OFF").map((kind) => ({ kind, from: before[kind] }));
    for (const { kind } of changed) {
      await tx.notificationSetting.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, frequency: "OFF" },
        update: { frequency: "OFF" },
      });
    }
    return { changed, locale: user.locale };
  });
}
