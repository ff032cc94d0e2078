/**
 * Helpers for notification tests (decision 020). The test server runs the "notifications"
 * consumer, so tests wait for the observable outcome: every "notifications" delivery of the
 * entities they touched is processed. Nothing here sleeps for a fixed time.
 */
import { db } from "~/utils/db.server";
import { until } from "./collab-client";

/** Waits until every "notifications" delivery of these entities (e.g. case ids) is processed by the server's worker. */
export async function notificationsSettled(entityIds: string[], timeoutMs = 20_000) {
  await until(
    async () =>
      (await db().eventDelivery.count({
        where: { consumer: "notifications", entityId: { in: entityIds }, processedAt: null },
      })) === 0,
    `notifications deliveries of ${entityIds.join(", ")} processed`,
    timeoutMs,
  );
}

/** The notification rows of a user (kind and case), oldest first. */
export async function notificationsOf(userId: string) {
  return db().notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, caseId: true, eventId: true, data: true, readAt: true },
  });
}

/** Follows through the database (the /follow route is tested on its own). */
export async function followDirect(userId: string, targetType: "case" | "challenge_area" | "organisation", targetId: string) {
  await db().follow.upsert({
    where: { userId_targetType_targetId: { userId, targetType, targetId } },
    create: { userId, targetType, targetId },
    update: {},
  });
}
