/**
 * The search consumer of the domain events: keeps the Meilisearch index in step with the
 * database. Runs inside the web process (server/index.ts). Each round claims up to `batchSize`
 * due "search" delivery rows (app/models/search-outbox.server.ts processOutboxBatch over
 * events.server.ts processDeliveryBatch), coalesces them per entity, loads each case as it is NOW and upserts its document (or deletes it when the
 * case is deleted or gone), waits for Meilisearch's task to succeed, and only then marks
 * the rows processed. Failures back off per row (attempts, nextAttemptAt, lastError); the
 * loop itself never throws. See docs/decisions/006-search-index-and-outbox.md and 012-domain-events.md.
 */
import type { Meilisearch } from "meilisearch";
import {
  processOutboxBatch,
  releaseOutboxBackoff,
  type OutboxBatchResult,
  type OutboxEntity,
  type OutboxOutcome,
} from "~/models/search-outbox.server";
import { casesIndexName, forgetSearchHealth, getSearchClient, waitForSuccess } from "./client.server";
import { loadCaseDocuments } from "./documents.server";
import { applyCasesIndexSettings } from "./settings";
import type { CaseSearchDocument } from "./types";

export interface SearchWorkerOptions {
  /** Meilisearch client (default: from MEILI_URL / MEILI_MASTER_KEY). */
  client?: () => Meilisearch;
  /** Index to write (default: casesIndexName()). */
  indexName?: () => string;
  batchSize?: number;
  /** Pause between rounds when there was nothing (or not a full batch) to do. */
  idleMs?: number;
  /** Longest wait between retries of a failing row. */
  maxBackoffMs?: number;
  /** How often to ask whether an unreachable Meilisearch is back. */
  probeMs?: number;
  log?: (line: string) => void;
  /** Test hook: runs after Meilisearch accepted a batch, before the rows are marked processed. */
  afterIndex?: (caseIds: string[]) => Promise<void>;
}

export interface SearchWorker {
  /** One round now (tests); the loop does the same. */
  runOnce(): Promise<OutboxBatchResult>;
  /** New deliveries were committed (NOTIFY event_deliveries, app/utils/domain-events.server.ts): start the next round now. */
  wake(): void;
  /** Finishes the current batch, then stops. */
  stop(): Promise<void>;
  readonly stats: { batches: number; processed: number; failed: number; lastError: string | null };
}

export function startSearchWorker(options: SearchWorkerOptions = {}): SearchWorker {
  const worker = createSearchWorker(options);
  worker.start();
  return worker;
}

const sleep = (ms: number, signal: { wake?: () => void }) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.wake = undefined;
      resolve();
    }
    signal.wake = done;
  });

export function createSearchWorker(options: SearchWorkerOptions = {}): SearchWorker & { start(): void } {
  const client = options.client ?? getSearchClient;
  const indexName = options.indexName ?? (() => casesIndexName());
  const batchSize = options.batchSize ?? 200;
  const idleMs = options.idleMs ?? 250;
  const probeMs = options.probeMs ?? 1000;
  const log = options.log ?? (() => {});
  const stats = { batches: 0, processed: 0, failed: 0, lastError: null as string | null };

  let settingsAppliedTo: string | null = null;
  // Assume Meilisearch may have been away (e.g. before a restart): the first probe that
  // finds it healthy makes rows waiting in backoff due at once.
  let meiliDown = true;
  let lastProbe = 0;
  let stopping = false;
  let loop: Promise<void> | undefined;
  const pause: { wake?: () => void } = {};
  // A wake() that came while a round was running: the round may have missed those rows.
  let wokenDuringRound = false;

  async function indexEntities(entities: OutboxEntity[], context: Parameters<Parameters<typeof processOutboxBatch>[1]>[1]) {
    const outcomes = new Map<string, OutboxOutcome>();
    const key = (e: OutboxEntity) => `${e.entity}:${e.entityId}`;
    // Which cases each delivered entity stands for ("organisation" and "challenge_area" fan out to their cases).
    const casesOf = new Map<string, string[]>();
    for (const e of entities) {
      // An adaptation's original carries its adoption figures: indexed along (docs/decisions/017).
      if (e.entity === "case") casesOf.set(key(e), [e.entityId, ...((await context.originalsOf?.(e.entityId)) ?? [])]);
      else if (e.entity === "organisation") casesOf.set(key(e), await context.caseIdsOfOrganisation(e.entityId));
      else if (e.entity === "challenge_area") casesOf.set(key(e), await context.caseIdsOfChallengeArea(e.entityId));
      else {
        log(`Search worker: ignoring deliveries for unknown entity "${e.entity}" (${e.entityId}).`);
        casesOf.set(key(e), []);
      }
    }
    const caseIds = [...new Set([...casesOf.values()].flat())];
    const docs = await loadCaseDocuments(caseIds, context.loadCases);
    const upserts: CaseSearchDocument[] = [];
    const deletes: string[] = [];
    for (const [id, doc] of docs) {
      if (doc instanceof Error) continue;
      if (doc) upserts.push(doc);
      else deletes.push(id);
    }

    let batchError: string | null = null;
    if (upserts.length || deletes.length) {
      try {
        const meili = client();
        const uid = indexName();
        // addDocuments would create a missing index WITHOUT our settings (filters would fail).
        if (settingsAppliedTo !== uid) {
          await applyCasesIndexSettings(meili, uid);
          settingsAppliedTo = uid;
        }
        const index = meili.index<CaseSearchDocument>(uid);
        if (upserts.length) await waitForSuccess(index.addDocuments(upserts, { primaryKey: "id" }));
        if (deletes.length) await waitForSuccess(index.deleteDocuments(deletes));
        if (meiliDown) {
          meiliDown = false;
        }
        await options.afterIndex?.(caseIds);
      } catch (error) {
        batchError = describe(error);
        if (isUnreachable(error)) {
          meiliDown = true;
          forgetSearchHealth();
        }
        // A missing index (deleted by hand) gets its settings again next time.
        settingsAppliedTo = null;
      }
    }

    for (const e of entities) {
      const ids = casesOf.get(key(e))!;
      const broken = ids.map((id) => docs.get(id)).find((d): d is Error => d instanceof Error);
      if (broken) outcomes.set(key(e), { ok: false, error: `Could not build the search document: ${broken.message}` });
      else if (batchError && ids.length) outcomes.set(key(e), { ok: false, error: batchError });
      else outcomes.set(key(e), { ok: true });
    }
    return outcomes;
  }

  async function runOnce(): Promise<OutboxBatchResult> {
    const result = await processOutboxBatch({ limit: batchSize, maxBackoffMs: options.maxBackoffMs }, indexEntities);
    if (result.claimed) stats.batches++;
    stats.processed += result.processed;
    stats.failed += result.failed;
    return result;
  }

  async function probe() {
    if (!meiliDown || Date.now() - lastProbe < probeMs) return;
    lastProbe = Date.now();
    try {
      await client().health();
    } catch {
      return;
    }
    meiliDown = false;
    const released = await releaseOutboxBackoff();
    if (released) log(`Search worker: Meilisearch is reachable; retrying ${released} waiting change(s) now.`);
  }

  async function run() {
    let failingSince: number | null = null;
    let dbErrorDelay = 1000;
    while (!stopping) {
      let full: boolean;
      try {
        await probe();
        const result = await runOnce();
        full = result.claimed >= batchSize;
        dbErrorDelay = 1000;
        if (result.failed) {
          if (failingSince === null) {
            failingSince = Date.now();
            stats.lastError = "indexing failed";
            log(`Search worker: ${result.failed} change(s) could not be indexed; retrying with backoff (saving is not affected).`);
          }
        } else if (result.processed && failingSince !== null) {
          log(`Search worker: indexing works again after ${Math.round((Date.now() - failingSince) / 1000)} s.`);
          failingSince = null;
          stats.lastError = null;
        }
      } catch (error) {
        // The database itself is unreachable (or a bug): never crash the process.
        stats.lastError = describe(error);
        log(`Search worker: ${stats.lastError}; trying again in ${dbErrorDelay / 1000} s.`);
        await sleep(dbErrorDelay, pause);
        dbErrorDelay = Math.min(dbErrorDelay * 2, 30_000);
        continue;
      }
      if (wokenDuringRound) wokenDuringRound = false;
      else if (!full && !stopping) await sleep(idleMs, pause);
    }
  }

  return {
    stats,
    runOnce,
    start() {
      loop ??= run();
    },
    wake() {
      if (pause.wake) pause.wake();
      else wokenDuringRound = true;
    },
    async stop() {
      stopping = true;
      pause.wake?.();
      await loop;
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? `: ${cause.message}` : "";
  return `${error.message}${detail}`.slice(0, 2000);
}

/** Connection refused, reset, timed out: Meilisearch is away (not: it rejected the request). */
function isUnreachable(error: unknown): boolean {
  const name = (error as { name?: string })?.name ?? "";
  return name === "MeilisearchRequestError" || name === "MeilisearchRequestTimeOutError" || name === "MeilisearchTaskTimeOutError";
}
