/**
 * A worker loop for one domain-event consumer (docs/decisions/012-domain-events.md): what a
 * new consumer (issue 11: notifications, mail) needs besides its entry in registry.ts.
 *
 *   const worker = startConsumerWorker({ name: "mail", handle: async (groups) => ... });
 *
 * Each round claims up to `batchSize` due deliveries of `name` (processDeliveryBatch: coalesced
 * per entity, advisory lock per entity, backoff on failure); `handle` returns an outcome per
 * group (key `${entity}:${entityId}`). Delivery is at-least-once: `handle` must be idempotent.
 * The loop is woken by NOTIFY event_deliveries (onDeliveriesWaiting) and after a listener
 * reconnect, polls every `idleMs` otherwise, and never throws (a database error waits with
 * backoff). The search worker (search/worker.server.ts) predates this and keeps its own loop
 * because it also watches Meilisearch's health.
 */
import {
  groupKey,
  processDeliveryBatch,
  type DeliveryBatchResult,
  type DeliveryGroup,
  type DeliveryHandler,
  type DeliveryOutcome,
} from "~/models/events.server";
import { onDeliveriesWaiting, onEventStreamResync } from "~/utils/domain-events.server";

export interface ConsumerWorkerOptions {
  name: string;
  handle: DeliveryHandler;
  batchSize?: number;
  idleMs?: number;
  maxBackoffMs?: number;
  log?: (line: string) => void;
}

export interface ConsumerWorker {
  runOnce(): Promise<DeliveryBatchResult>;
  wake(): void;
  stop(): Promise<void>;
  readonly stats: { rounds: number; batches: number; processed: number; failed: number };
}

/** Every group succeeded (a handler's shortcut). */
export function allOk(groups: DeliveryGroup[]): Map<string, DeliveryOutcome> {
  return new Map(groups.map((g) => [groupKey(g.entity, g.entityId), { ok: true } as const]));
}

export function startConsumerWorker(options: ConsumerWorkerOptions): ConsumerWorker {
  const batchSize = options.batchSize ?? 100;
  const idleMs = options.idleMs ?? 1000;
  const log = options.log ?? (() => {});
  const stats = { rounds: 0, batches: 0, processed: 0, failed: 0 };
  let stopping = false;
  let wokenDuringRound = false;
  let timer: NodeJS.Timeout | undefined;
  let resume: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      resume = () => {
        clearTimeout(timer);
        resume = undefined;
        resolve();
      };
      timer = setTimeout(resume, ms);
    });

  async function runOnce() {
    const result = await processDeliveryBatch(options.name, { limit: batchSize, maxBackoffMs: options.maxBackoffMs }, options.handle);
    stats.rounds++;
    if (result.claimed) stats.batches++;
    stats.processed += result.processed;
    stats.failed += result.failed;
    return result;
  }

  function wake() {
    if (resume) resume();
    else wokenDuringRound = true;
  }

  const unsubscribe = [onDeliveriesWaiting((consumer) => consumer === options.name && wake()), onEventStreamResync(wake)];

  const loop = (async () => {
    let dbErrorDelay = 1000;
    while (!stopping) {
      let full: boolean;
      try {
        const result = await runOnce();
        full = result.claimed >= batchSize;
        dbErrorDelay = 1000;
        if (result.failed) log(`Consumer ${options.name}: ${result.failed} deliver(y/ies) failed; retrying with backoff.`);
      } catch (error) {
        log(
          `Consumer ${options.name}: ${error instanceof Error ? error.message : String(error)}; trying again in ${dbErrorDelay / 1000} s.`,
        );
        await pause(dbErrorDelay);
        dbErrorDelay = Math.min(dbErrorDelay * 2, 30_000);
        continue;
      }
      if (wokenDuringRound) wokenDuringRound = false;
      else if (!full && !stopping) await pause(idleMs);
    }
  })();

  return {
    stats,
    runOnce,
    wake,
    async stop() {
      stopping = true;
      for (const off of unsubscribe) off();
      resume?.();
      await loop;
    },
  };
}
