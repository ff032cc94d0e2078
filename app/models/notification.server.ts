/**
 * Notifications (docs/decisions/020-follows-and-notifications.md).
 *
 * Writing - only the "notifications" consumer (app/notifications/consumer.server.ts) calls
 * createNotifications, inside the transaction that claimed the event deliveries: candidates
 * from the resolvers (notification-resolvers.server.ts) minus the actor, minus everyone who
 * may not see the case at this moment; rows inserted idempotently; "notifications.created"
 * recorded per user who got rows (the mail consumer's input).
 *
 * Reading - every list and count shows only rows whose case the reader may see NOW (the case
 * may have gone back to draft, been deleted, or the reader left the organisation since): the
 * filter is part of the query, so pages, totals and the unread count agree.
 */
import type { EventType } from "~/events/registry";
import { isNotificationKind, type NotificationKind } from "~/notifications/kinds";
import { canViewCase } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";
import { db, Prisma } from "~/utils/db.server";
import { NotFoundError } from "./errors";
import { recordEvent, type DeliveryOutcome } from "./events.server";
import { RESOLVERS, type NotificationCandidate, type NotificationEvent, type Tx } from "./notification-resolvers.server";
import { accessInfo, caseAccessSelect } from "./case.server";
import { caseAccessInfos, caseVisibleToWhere, viewersForUsers } from "./viewer.server";

export class NotificationNotFound extends NotFoundError {
  constructor(id?: string | null) {
    super("notification", id);
  }
}

/**
 * Kinds a user gets at most once per case (an adaptation is told once, whether through
 * "case.adapted" or its later "case.published"), and kinds that collapse while unread (a case
 * edited live all afternoon is one unread "changed" notification, not thirty).
 */
const ONCE_PER_CASE: readonly NotificationKind[] = ["case_adapted", "case_published"];
const ONCE_WHILE_UNREAD: readonly NotificationKind[] = ["case_revised"];

export interface CreatedNotifications {
  /** Rows inserted now (redelivered events insert none). */
  created: number;
  /** userId -> ids of the rows inserted for them. */
  byUser: Map<string, string[]>;
}

/** Turns events into notification rows in `tx`. Idempotent: handling the same events again inserts nothing. */
export async function createNotifications(tx: Tx, events: NotificationEvent[]): Promise<CreatedNotifications> {
  const wanted: Array<NotificationCandidate & { eventId: bigint; actorUserId: string | null }> = [];
  for (const event of events) {
    const resolve = RESOLVERS[event.type];
    if (!resolve) continue;
    const seen = new Set<string>();
    for (const candidate of await resolve(event, tx)) {
      if (!isNotificationKind(candidate.kind)) continue;
      if (event.actorUserId && candidate.userId === event.actorUserId) continue;
      const key = `${candidate.userId}\0${candidate.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      wanted.push({ ...candidate, eventId: event.id, actorUserId: event.actorUserId });
    }
  }
  const empty: CreatedNotifications = { created: 0, byUser: new Map() };
  if (!wanted.length) return empty;

  // What each recipient may see NOW (same transaction: the state the rows are written against).
  const [viewers, cases] = await Promise.all([
    viewersForUsers(
      wanted.map((w) => w.userId),
      tx,
    ),
    caseAccessInfos(
      wanted.flatMap((w) => (w.caseId ? [w.caseId] : [])),
      tx,
    ),
  ]);
  let allowed = wanted.filter((w) => {
    const viewer = viewers.get(w.userId);
    if (!viewer) return false;
    if (!w.caseId) return true;
    const info = cases.get(w.caseId);
    return !!info && canViewCase(viewer, info);
  });

  const dedupe = allowed.filter((w) => w.caseId && (ONCE_PER_CASE.includes(w.kind) || ONCE_WHILE_UNREAD.includes(w.kind)));
  if (dedupe.length) {
    const existing = await tx.notification.findMany({
      where: {
        userId: { in: [...new Set(dedupe.map((w) => w.userId))] },
        caseId: { in: [...new Set(dedupe.map((w) => w.caseId!))] },
        kind: { in: [...ONCE_PER_CASE, ...ONCE_WHILE_UNREAD] },
        // Rows of this very event are not "earlier": ON CONFLICT handles a redelivery.
        eventId: { notIn: [...new Set(dedupe.map((w) => w.eventId))] },
      },
      select: { userId: true, caseId: true, kind: true, readAt: true },
    });
    const blocked = new Set(
      existing
        .filter((n) => ONCE_PER_CASE.includes(n.kind as NotificationKind) || n.readAt === null)
        .map((n) => `${n.userId}\0${n.caseId}\0${n.kind}`),
    );
    allowed = allowed.filter((w) => !w.caseId || !blocked.has(`${w.userId}\0${w.caseId}\0${w.kind}`));
    // ...and within this batch: a case created PUBLIC and linked as an adaptation in one
    // transaction brings "case.published" and "case.adapted" together - one row, from the
    // oldest event (events come oldest first, so a re-run picks the same one).
    const firstOfBatch = new Set<string>();
    allowed = allowed.filter((w) => {
      if (!w.caseId || !(ONCE_PER_CASE.includes(w.kind) || ONCE_WHILE_UNREAD.includes(w.kind))) return true;
      const key = `${w.userId}\0${w.caseId}\0${w.kind}`;
      if (firstOfBatch.has(key)) return false;
      firstOfBatch.add(key);
      return true;
    });
  }
  if (!allowed.length) return empty;

  const rows = await tx.notification.createManyAndReturn({
    data: allowed.map((w) => ({
      userId: w.userId,
      kind: w.kind,
      eventId: w.eventId,
      caseId: w.caseId,
      questionId: w.questionId ?? null,
      actorUserId: w.actorUserId,
      data: (w.data ?? {}) as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
    select: { id: true, userId: true, kind: true },
  });
  const byUser = new Map<string, string[]>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.id]);
  for (const [userId, ids] of byUser) {
    const kinds = [...new Set(rows.filter((r) => r.userId === userId).map((r) => r.kind))];
    await recordEvent(tx, {
      type: "notifications.created",
      entity: "user",
      entityId: userId,
      payload: { notificationIds: ids, kinds },
    });
  }
  return { created: rows.length, byUser };
}

/**
 * createNotifications under a savepoint of `tx`: a failure rolls back only these events' rows
 * and becomes a failed outcome (retried with backoff), so the rest of the batch still commits.
 */
export async function createNotificationsIsolated(tx: Tx, events: NotificationEvent[]): Promise<DeliveryOutcome> {
  await tx.$executeRawUnsafe("SAVEPOINT notifications_group");
  try {
    await createNotifications(tx, events);
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT notifications_group");
    return { ok: true };
  } catch (error) {
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT notifications_group");
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The event shape the consumer reads from a delivery group (unknown payloads become {}). */
export function toNotificationEvent(e: {
  id: bigint;
  type: string;
  payload: unknown;
  actorUserId: string | null;
  createdAt: Date;
  entity: string;
  entityId: string;
}): NotificationEvent {
  const payload = e.payload && typeof e.payload === "object" && !Array.isArray(e.payload) ? (e.payload as Record<string, unknown>) : {};
  return { ...e, type: e.type as EventType, payload };
}

// ---------------------------------------------------------------- reading

/** The rows `viewer` may be shown now: their own, about no case or a case they can see. */
export function visibleNotificationsWhere(viewer: Viewer): Prisma.NotificationWhereInput {
  return { userId: viewer.id, OR: [{ caseId: null }, { case: { is: caseVisibleToWhere(viewer) } }] };
}

export async function countUnreadNotifications(viewer: Viewer): Promise<number> {
  return db().notification.count({ where: { AND: [visibleNotificationsWhere(viewer), { readAt: null }] } });
}

export const NOTIFICATIONS_PAGE_SIZE = 20;

export async function listNotifications(viewer: Viewer, options: { page?: number; pageSize?: number } = {}) {
  const pageSize = options.pageSize ?? NOTIFICATIONS_PAGE_SIZE;
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const where = visibleNotificationsWhere(viewer);
  // (The unread count is the root loader's countUnreadNotifications: the header shows it on every page.)
  const [rows, total] = await Promise.all([
    db().notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        kind: true,
        caseId: true,
        questionId: true,
        data: true,
        createdAt: true,
        readAt: true,
        case: {
          select: {
            id: true,
            slug: true,
            title: true,
            ...caseAccessSelect,
            owner: { select: { name: true, slug: true } },
          },
        },
      },
    }),
    db().notification.count({ where }),
  ]);
  // Belt and braces: the query filtered already; the policy itself decides once more.
  const items = rows.filter((r) => !r.caseId || (r.case && canViewCase(viewer, accessInfo(r.case))));

  // Names the sentences mention (areas and organisations are public).
  const ids = (key: string) => [
    ...new Set(items.map((r) => (r.data as Record<string, unknown>)?.[key]).filter((v): v is string => typeof v === "string")),
  ];
  const [areas, organisations] = await Promise.all([
    db().challengeArea.findMany({
      where: { id: { in: ids("challengeAreaId") } },
      select: { id: true, slug: true, nameNb: true, nameEn: true },
    }),
    db().organisation.findMany({ where: { id: { in: ids("organisationId") } }, select: { id: true, slug: true, name: true } }),
  ]);
  return {
    items: items.map((r) => ({
      id: r.id,
      kind: r.kind,
      data: (r.data ?? {}) as Record<string, unknown>,
      createdAt: r.createdAt,
      readAt: r.readAt,
      questionId: r.questionId,
      case: r.case ? { slug: r.case.slug, title: r.case.title, ownerName: r.case.owner.name } : null,
    })),
    areas,
    organisations,
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

/** Marks one of the viewer's notifications read; someone else's, an unknown one or one about a case they cannot see is not found. */
export async function markNotificationRead(viewer: Viewer, id: string): Promise<void> {
  const { count } = await db().notification.updateMany({
    where: { AND: [visibleNotificationsWhere(viewer), { id, readAt: null }] },
    data: { readAt: new Date() },
  });
  if (!count) {
    // Already read is fine; anything else is not found.
    const exists = await db().notification.count({ where: { AND: [visibleNotificationsWhere(viewer), { id }] } });
    if (!exists) throw new NotificationNotFound(id);
  }
}

/** Marks every unread notification of the viewer read; returns how many. */
export async function markAllNotificationsRead(viewer: Viewer): Promise<number> {
  const { count } = await db().notification.updateMany({ where: { userId: viewer.id, readAt: null }, data: { readAt: new Date() } });
  return count;
}
