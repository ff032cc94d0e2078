/**
 * Starts this process's "notifications" consumer (docs/decisions/020-follows-and-notifications.md):
 * woken by NOTIFY event_deliveries and after a listener reconnect, polling otherwise.
 */
import { lineLogger } from "../app/utils/logger.server";

export async function startNotifications(): Promise<() => Promise<void>> {
  const { startNotificationsWorker } = await import("../app/notifications/consumer.server");
  const worker = startNotificationsWorker({ log: lineLogger("notifications") });
  return () => worker.stop();
}
