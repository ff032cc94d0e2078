/**
 * The "notifications" consumer (docs/decisions/020-follows-and-notifications.md): turns the
 * events listed for it in app/events/registry.ts into Notification rows. Runs in every
 * process (started by server/notifications.ts); deliveries are claimed per entity, so two
 * processes never handle the same case at once, and the rows, the "notifications.created"
 * events and the "processed" marks commit together - or not at all, and the batch is retried
 * with backoff. Handling a delivery twice inserts nothing new (unique (userId, eventId, kind)).
 */
import { startConsumerWorker, type ConsumerWorker } from "~/events/consumer.server";
import { groupKey, type DeliveryGroup, type DeliveryHandler, type DeliveryOutcome } from "~/models/events.server";
import { createNotificationsIsolated, toNotificationEvent } from "~/models/notification.server";

export const NOTIFICATIONS_CONSUMER = "notifications";

/**
 * One batch: every event of every group (a group carries all events of its entity), each group
 * under a savepoint, so one entity whose events cannot be handled (a failing query) is retried
 * with backoff while the others commit.
 */
export const handleNotificationDeliveries: DeliveryHandler = async (groups: DeliveryGroup[], tx) => {
  const outcomes = new Map<string, DeliveryOutcome>();
  for (const group of groups) {
    const events = group.events.map((e) => toNotificationEvent({ ...e, entity: group.entity, entityId: group.entityId }));
    events.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const key = groupKey(group.entity, group.entityId);
    outcomes.set(key, await createNotificationsIsolated(tx, events));
  }
  return outcomes;
};

export function startNotificationsWorker(options: { log?: (line: string) => void; idleMs?: number } = {}): ConsumerWorker {
  return startConsumerWorker({ name: NOTIFICATIONS_CONSUMER, handle: handleNotificationDeliveries, ...options });
}
