/** The search outbox as operators see it: how much is waiting, and for how long. */
import { db } from "~/utils/db.server";

export interface OutboxBacklog {
  /** Rows not yet processed by the search worker. */
  pending: number;
  /** Of those, rows whose last attempt failed (the worker retries them later). */
  failing: number;
  /** When the oldest unprocessed row was written, or null when nothing is waiting. */
  oldestCreatedAt: Date | null;
}

export async function getOutboxBacklog(): Promise<OutboxBacklog> {
  const where = { processedAt: null };
  const [pending, failing, oldest] = await Promise.all([
    db().searchOutbox.count({ where }),
    db().searchOutbox.count({ where: { ...where, lastError: { not: null } } }),
    db().searchOutbox.aggregate({ where, _min: { createdAt: true } }),
  ]);
  return { pending, failing, oldestCreatedAt: oldest._min.createdAt ?? null };
}
