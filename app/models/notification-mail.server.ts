/**
 * Mailing notifications (docs/decisions/021-mail-and-digests.md): the mail consumer's
 * immediate mails and the scheduler's digests. Both decide per notification, in the
 * transaction that holds the user's mail lock ("mail:user:<id>", the same key the consumer's
 * delivery lock uses), and record the decision in Notification.mailOutcome:
 *   null       undecided (waiting for an immediate mail or a digest, or its kind is off)
 *   immediate  mailed on its own (mailedAt)
 *   deferred   over the daily cap of immediate mails: waits for the next daily digest
 *   digest     part of a digest (digestedAt)
 *   hidden     the recipient could not see its case when it was to be sent: never mailed
 * Visibility is checked AT SENDING TIME (viewerForUser + canViewCase on the case as it is now).
 */
import { accessInfo, caseAccessSelect } from "~/models/case.server";
import { getMailFrequencies } from "~/models/notification-setting.server";
import { viewerForUser } from "~/models/viewer.server";
import type { DigestFrequency, DigestPeriod } from "~/notifications/digest-periods";
import { startOfOsloDay } from "~/notifications/digest-periods";
import { isNotificationKind, NOTIFICATION_KINDS, type MailFrequency, type NotificationKind } from "~/notifications/kinds";
import { renderDigestMail, renderImmediateMail, type MailItem, type MailRecipient } from "~/notifications/mail-content.server";
import { canViewCase } from "~/policies/case";
import { db, Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { isLocale } from "~/utils/i18n";
import { sendMail, type Mail } from "~/utils/mail.server";

type Tx = Prisma.TransactionClient;
export type SendMail = (mail: Mail) => Promise<void>;

/** An immediate notification older than this is not mailed on its own any more: it goes into the daily digest. */
export const IMMEDIATE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Digests leave out notifications older than this (e.g. a kind switched on again after weeks). */
export const DIGEST_MAX_AGE_MS = 15 * 24 * 60 * 60 * 1000;

/** Waits for (and holds until the transaction ends) the user's mail lock, shared with the consumer's delivery lock. */
async function lockUser(tx: Tx, userId: string) {
  await tx.$queryRaw`SELECT 1 AS ok FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`mail:user:${userId}`}, 0))) AS locked`;
}

const notificationSelect = {
  id: true,
  kind: true,
  caseId: true,
  actorUserId: true,
  data: true,
  createdAt: true,
} satisfies Prisma.NotificationSelect;
type NotificationRow = Prisma.NotificationGetPayload<{ select: typeof notificationSelect }>;

async function recipientOf(tx: Tx, userId: string): Promise<MailRecipient | null> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, locale: true } });
  return user ? { ...user, locale: isLocale(user.locale) ? user.locale : "nb" } : null;
}

const str = (v: unknown) => (typeof v === "string" && v ? v : null);

/**
 * The notifications the user may see NOW, resolved for mailing (case title and slug, names
 * read fresh), and the ids of those they may not (their case is a draft elsewhere, deleted,
 * or they left the organisation since).
 */
export async function resolveForMail(
  tx: Tx,
  userId: string,
  locale: "nb" | "en",
  rows: NotificationRow[],
): Promise<{ items: MailItem[]; hiddenIds: string[] }> {
  if (!rows.length) return { items: [], hiddenIds: [] };
  const viewer = await viewerForUser(userId, tx);
  const caseIds = [...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : [])))];
  const cases = await tx.case.findMany({
    where: { id: { in: caseIds } },
    select: {
      id: true,
      slug: true,
      title: true,
      ...caseAccessSelect,
      owner: { select: { name: true } },
    },
  });
  const byId = new Map(cases.map((c) => [c.id, c]));
  const data = (r: NotificationRow) =>
    r.data && typeof r.data === "object" && !Array.isArray(r.data) ? (r.data as Record<string, unknown>) : {};
  const orgIds = rows.flatMap((r) => (str(data(r).organisationId) ? [str(data(r).organisationId)!] : []));
  const areaIds = rows.flatMap((r) => (str(data(r).challengeAreaId) ? [str(data(r).challengeAreaId)!] : []));
  const actorIds = rows.flatMap((r) => (r.actorUserId && (r.kind === "question" || r.kind === "answer") ? [r.actorUserId] : []));
  const [orgs, areas, actors] = await Promise.all([
    tx.organisation.findMany({ where: { id: { in: [...new Set(orgIds)] } }, select: { id: true, name: true } }),
    tx.challengeArea.findMany({ where: { id: { in: [...new Set(areaIds)] } }, select: { id: true, nameNb: true, nameEn: true } }),
    tx.user.findMany({ where: { id: { in: [...new Set(actorIds)] } }, select: { id: true, name: true } }),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const areaName = new Map(areas.map((a) => [a.id, locale === "en" ? a.nameEn : a.nameNb]));
  const actorName = new Map(actors.map((a) => [a.id, a.name]));

  const items: MailItem[] = [];
  const hiddenIds: string[] = [];
  for (const row of rows) {
    if (!isNotificationKind(row.kind)) continue;
    const c = row.caseId ? byId.get(row.caseId) : undefined;
    // A notification about a case is mailed only while its recipient may see that case.
    if (row.caseId && (!viewer || !c || !canViewCase(viewer, accessInfo(c)))) {
      hiddenIds.push(row.id);
      continue;
    }
    if (!viewer) {
      hiddenIds.push(row.id);
      continue;
    }
    const d = data(row);
    const via = str(d.via);
    items.push({
      id: row.id,
      kind: row.kind,
      createdAt: row.createdAt,
      case: c ? { id: c.id, title: c.title, slug: c.slug } : null,
      areaName: via === "challenge_area" ? (areaName.get(str(d.challengeAreaId) ?? "") ?? null) : null,
      organisationName:
        row.kind === "case_adapted"
          ? (c?.owner.name ?? null)
          : via === "organisation" || row.kind === "invitation"
            ? (orgName.get(str(d.organisationId) ?? "") ?? null)
            : null,
      actorName: row.actorUserId ? (actorName.get(row.actorUserId) ?? null) : null,
    });
  }
  return { items, hiddenIds };
}

async function markHidden(tx: Tx, ids: string[]) {
  if (ids.length) await tx.notification.updateMany({ where: { id: { in: ids }, mailOutcome: null }, data: { mailOutcome: "hidden" } });
}

function kindsWith(frequencies: Record<NotificationKind, MailFrequency>, frequency: MailFrequency): NotificationKind[] {
  return NOTIFICATION_KINDS.filter((k) => frequencies[k] === frequency);
}

export interface ImmediateResult {
  sent: number;
  deferred: number;
  hidden: number;
  /** The send error that stopped this user's round (what was sent before it stays recorded). */
  error?: string;
}

/**
 * One user's immediate mails (the mail consumer, per "notifications.created" delivery group,
 * in the claiming transaction `tx`, which already holds the user's mail lock): the user's
 * undecided notifications of kinds they get IMMEDIATELY, at most MAIL_IMMEDIATE_DAILY_CAP
 * mails per Oslo day - the rest are deferred to the daily digest. Each decision is written in
 * `tx` right after its mail went out; a send failure stops the round (returned as `error`),
 * keeping the decisions made so far.
 */
export async function mailImmediateNotifications(
  tx: Tx,
  userId: string,
  options: { now?: Date; send?: SendMail; cap?: number } = {},
): Promise<ImmediateResult> {
  const now = options.now ?? new Date();
  const send = options.send ?? sendMail;
  const cap = options.cap ?? env().MAIL_IMMEDIATE_DAILY_CAP;
  const result: ImmediateResult = { sent: 0, deferred: 0, hidden: 0 };
  const recipient = await recipientOf(tx, userId);
  if (!recipient) return result;
  const immediate = kindsWith(await getMailFrequencies(userId, tx), "IMMEDIATE");
  if (!immediate.length) return result;
  const rows = await tx.notification.findMany({
    where: { userId, mailOutcome: null, kind: { in: immediate }, createdAt: { gte: new Date(now.getTime() - IMMEDIATE_MAX_AGE_MS) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: notificationSelect,
  });
  if (!rows.length) return result;
  const { items, hiddenIds } = await resolveForMail(tx, userId, recipient.locale, rows);
  await markHidden(tx, hiddenIds);
  result.hidden = hiddenIds.length;

  let sentToday = await tx.notification.count({
    where: { userId, mailOutcome: "immediate", mailedAt: { gte: startOfOsloDay(now) } },
  });
  for (const item of items) {
    if (sentToday >= cap) {
      await tx.notification.updateMany({ where: { id: item.id, mailOutcome: null }, data: { mailOutcome: "deferred" } });
      result.deferred++;
      continue;
    }
    try {
      await send(renderImmediateMail(recipient, item));
    } catch (error) {
      result.error = error instanceof Error ? error.message : String(error);
      break;
    }
    await tx.notification.update({ where: { id: item.id }, data: { mailOutcome: "immediate", mailedAt: now } });
    sentToday++;
    result.sent++;
  }
  return result;
}

// ---------------------------------------------------------------- digests

/** Which undecided notifications a digest of `frequency` takes (besides its kinds' own: the immediate overflow). */
function digestWhere(
  userId: string,
  frequency: DigestFrequency,
  frequencies: Record<NotificationKind, MailFrequency>,
  before: Date,
  now: Date,
): Prisma.NotificationWhereInput {
  const own = kindsWith(frequencies, frequency);
  const or: Prisma.NotificationWhereInput[] = [
    { kind: { in: own }, mailOutcome: { in: ["deferred"] } },
    { kind: { in: own }, mailOutcome: null },
  ];
  if (frequency === "DAILY") {
    const immediate = kindsWith(frequencies, "IMMEDIATE");
    // Over the cap, or too old to be mailed on its own: the daily digest takes it.
    or.push({ kind: { in: immediate }, mailOutcome: "deferred" });
    or.push({ kind: { in: immediate }, mailOutcome: null, createdAt: { lt: new Date(now.getTime() - IMMEDIATE_MAX_AGE_MS) } });
  }
  return { userId, createdAt: { lt: before, gte: new Date(now.getTime() - DIGEST_MAX_AGE_MS) }, OR: or };
}

export interface BuiltDigest {
  recipient: MailRecipient;
  items: MailItem[];
  hiddenIds: string[];
  mail: Mail | null;
}

/** A user's digest as it would go out now for notifications created before `before` (null mail: nothing to send). */
export async function buildDigest(
  tx: Tx,
  userId: string,
  frequency: DigestFrequency,
  before: Date,
  now: Date,
): Promise<BuiltDigest | null> {
  const recipient = await recipientOf(tx, userId);
  if (!recipient) return null;
  const frequencies = await getMailFrequencies(userId, tx);
  const rows = await tx.notification.findMany({
    where: digestWhere(userId, frequency, frequencies, before, now),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: notificationSelect,
  });
  const { items, hiddenIds } = await resolveForMail(tx, userId, recipient.locale, rows);
  return { recipient, items, hiddenIds, mail: items.length ? renderDigestMail(recipient, frequency, items) : null };
}

export type DigestOutcome = "sent" | "empty" | "already" | "gone";

/**
 * Sends one user's digest for one period, once across all processes: the DigestRun row
 * (primary key user + frequency + period) is inserted in the same transaction that builds,
 * sends and marks; a second worker waits for the user's lock, then finds the row and does
 * nothing. A send failure rolls everything back (the next tick tries again).
 */
export async function sendDigest(
  userId: string,
  period: DigestPeriod,
  options: { now?: Date; send?: SendMail } = {},
): Promise<{ outcome: DigestOutcome; notifications: number; hidden: number }> {
  const now = options.now ?? new Date();
  const send = options.send ?? sendMail;
  return db().$transaction(
    async (tx) => {
      await lockUser(tx, userId);
      const claimed = await tx.$executeRaw`
        INSERT INTO "DigestRun" ("userId", frequency, "periodKey", notifications, "sentAt")
        VALUES (${userId}, ${period.frequency}::"MailFrequency", ${period.key}, 0, ${now})
        ON CONFLICT DO NOTHING`;
      if (claimed === 0) return { outcome: "already" as const, notifications: 0, hidden: 0 };
      const digest = await buildDigest(tx, userId, period.frequency, period.boundary, now);
      if (!digest) return { outcome: "gone" as const, notifications: 0, hidden: 0 };
      await markHidden(tx, digest.hiddenIds);
      if (!digest.mail) return { outcome: "empty" as const, notifications: 0, hidden: digest.hiddenIds.length };
      await send(digest.mail);
      const ids = digest.items.map((i) => i.id);
      await tx.notification.updateMany({ where: { id: { in: ids } }, data: { mailOutcome: "digest", digestedAt: now } });
      await tx.digestRun.update({
        where: { userId_frequency_periodKey: { userId, frequency: period.frequency, periodKey: period.key } },
        data: { notifications: ids.length },
      });
      return { outcome: "sent" as const, notifications: ids.length, hidden: digest.hiddenIds.length };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/**
 * Users who may have something for this period's digest: undecided (or deferred) notifications
 * created before its boundary, and no DigestRun for it yet. The kinds are checked against each
 * user's settings by sendDigest; a user with nothing gets an empty run (no mail) and is not
 * asked again this period.
 */
export async function digestCandidates(
  period: DigestPeriod,
  now: Date,
  options: { limit?: number; onlyUserIds?: string[] } = {},
): Promise<string[]> {
  const only = options.onlyUserIds ? Prisma.sql`AND n."userId" = ANY(${options.onlyUserIds}::text[])` : Prisma.empty;
  const rows = await db().$queryRaw<Array<{ userId: string }>>`
    SELECT DISTINCT n."userId" FROM "Notification" n
    WHERE (n."mailOutcome" IS NULL OR n."mailOutcome" = 'deferred')
      AND n."createdAt" < ${period.boundary}
      AND n."createdAt" >= ${new Date(now.getTime() - DIGEST_MAX_AGE_MS)}
      AND NOT EXISTS (
        SELECT 1 FROM "DigestRun" r
        WHERE r."userId" = n."userId" AND r.frequency = ${period.frequency}::"MailFrequency" AND r."periodKey" = ${period.key}
      )
      ${only}
    LIMIT ${options.limit ?? 500}`;
  return rows.map((r) => r.userId);
}
