/**
 * Helpers for notification-mail tests (decision 021). Notifications are written the way the
 * notifications model writes them (rows + one "notifications.created" event per user, in one
 * transaction), so the test server's "mail" consumer picks them up; tests then wait for the
 * observable outcome (every mail delivery processed, every row decided), never a fixed time.
 */
import { recordEvent } from "~/models/events.server";
import type { NotificationKind } from "~/notifications/kinds";
import { db, type Prisma } from "~/utils/db.server";
import { until } from "./collab-client";

export interface NotificationSpec {
  kind: NotificationKind;
  caseId?: string | null;
  data?: Record<string, unknown>;
  createdAt?: Date;
}

/** Inserts the user's notification rows and records "notifications.created" in one transaction; returns the row ids. */
export async function notifyDirect(userId: string, specs: NotificationSpec[], options: { event?: boolean } = {}): Promise<string[]> {
  return db().$transaction(async (tx) => {
    // The source event: a marker nobody consumes (the rows only need a unique event id).
    const source = await recordEvent(tx, { type: "case.content_saved", entity: "test-marker", entityId: userId });
    const rows = await tx.notification.createManyAndReturn({
      data: specs.map((s, i) => ({
        userId,
        kind: s.kind,
        // (userId, eventId, kind) is unique: one source event per row here.
        eventId: source + BigInt(i) * 1_000_000_000n,
        caseId: s.caseId ?? null,
        data: (s.data ?? {}) as Prisma.InputJsonValue,
        ...(s.createdAt ? { createdAt: s.createdAt } : {}),
      })),
      select: { id: true },
    });
    if (options.event !== false) {
      await recordEvent(tx, {
        type: "notifications.created",
        entity: "user",
        entityId: userId,
        payload: { notificationIds: rows.map((r) => r.id) },
      });
    }
    return rows.map((r) => r.id);
  });
}

/** Waits until the server's mail consumer has processed every delivery for these users. */
export async function mailSettled(userIds: string[], timeoutMs = 20_000) {
  await until(
    async () => (await db().eventDelivery.count({ where: { consumer: "mail", entityId: { in: userIds }, processedAt: null } })) === 0,
    `mail deliveries of ${userIds.join(", ")} processed`,
    timeoutMs,
  );
}

/** The mail side's decision per notification row. */
export async function outcomesOf(ids: string[]) {
  const rows = await db().notification.findMany({ where: { id: { in: ids } }, select: { id: true, mailOutcome: true } });
  const byId = new Map(rows.map((r) => [r.id, r.mailOutcome]));
  return ids.map((id) => byId.get(id) ?? null);
}
