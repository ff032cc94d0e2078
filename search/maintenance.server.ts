/**
 * Whole-index operations behind `npm run search:reindex` and `npm run search:check`.
 * - reindexCases: builds <index>_new_<ts> from the database with the settings in code, swaps
 *   it with the live index in one Meilisearch task (searches keep answering from one or the
 *   other, never from none), deletes the old one, then re-queues whatever changed while it
 *   was copying so the worker brings those cases up to date in the new index.
 * - checkIndex: database vs index: missing, stale and extra documents; `fix` repairs them
 *   through the outbox.
 */
import type { Meilisearch } from "meilisearch";
import {
  countLiveCases,
  countUnprocessed,
  databaseNow,
  enqueueCaseSearchUpdates,
  lastOutboxError,
  listLiveCaseIds,
  pendingOutboxCaseIds,
  requeueChangedSince,
} from "~/models/search-outbox.server";
import { waitForSuccess } from "./client.server";
import { loadCaseDocuments } from "./documents.server";
import { applyCasesIndexSettings } from "./settings";
import type { CaseSearchDocument } from "./types";
import { createSearchWorker } from "./worker.server";

export interface ReindexResult {
  indexed: number;
  tookMs: number;
  /** Changes made during the copy, queued again for the worker. */
  requeued: number;
}

async function documentsFor(ids: string[]): Promise<CaseSearchDocument[]> {
  const docs: CaseSearchDocument[] = [];
  for (const [id, doc] of await loadCaseDocuments(ids)) {
    if (doc instanceof Error) throw new Error(`Case ${id}: could not build its search document: ${doc.message}`);
    if (doc) docs.push(doc);
  }
  return docs;
}

export async function reindexCases(options: {
  client: Meilisearch;
  indexName: string;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  log?: (line: string) => void;
}): Promise<ReindexResult> {
  const { client, indexName } = options;
  const batchSize = options.batchSize ?? 1000;
  const log = options.log ?? (() => {});
  const started = Date.now();
  const since = await databaseNow();

  // Leftovers of an interrupted reindex.
  const { results: indexes } = await client.getIndexes({ limit: 1000 });
  for (const { uid } of indexes) {
    if (uid.startsWith(`${indexName}_new_`)) {
      log(`Deleting ${uid}, left behind by an interrupted reindex.`);
      await waitForSuccess(client.deleteIndex(uid));
    }
  }

  const fresh = `${indexName}_new_${Date.now()}`;
  await applyCasesIndexSettings(client, fresh);
  const total = await countLiveCases();
  let done = 0;
  options.onProgress?.(0, total);
  try {
    // Up to two batches in flight: the next one is read from the database while Meilisearch
    // indexes the previous one.
    const inFlight: Array<{ task: Promise<unknown>; count: number }> = [];
    const settle = async () => {
      const oldest = inFlight.shift()!;
      await oldest.task;
      done += oldest.count;
      options.onProgress?.(done, Math.max(total, done));
    };
    let after: string | undefined;
    for (;;) {
      const ids = await listLiveCaseIds({ after, take: batchSize });
      if (!ids.length) break;
      after = ids[ids.length - 1];
      const docs = await documentsFor(ids);
      inFlight.push({ task: waitForSuccess(client.index(fresh).addDocuments(docs, { primaryKey: "id" }), 300_000), count: docs.length });
      if (inFlight.length >= 2) await settle();
    }
    while (inFlight.length) await settle();

    await applyCasesIndexSettings(client, indexName); // creates the live index on a first run
    await waitForSuccess(client.swapIndexes([{ indexes: [indexName, fresh], rename: false }]));
  } catch (error) {
    await client.deleteIndex(fresh).waitTask().catch(() => {});
    throw error;
  }
  await waitForSuccess(client.deleteIndex(fresh));
  const requeued = await requeueChangedSince(since);
  return { indexed: done, tookMs: Date.now() - started, requeued };
}

export interface CheckResult {
  cases: number;
  documents: number;
  missing: string[];
  stale: string[];
  extra: string[];
  /** Of the differences, those whose case still has unprocessed outbox rows (the worker is on it). */
  pending: string[];
  fixed: boolean;
}

/** JSON with sorted keys: a document equals another regardless of field order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

async function allDocuments(client: Meilisearch, indexName: string): Promise<Map<string, CaseSearchDocument>> {
  const docs = new Map<string, CaseSearchDocument>();
  const index = client.index<CaseSearchDocument>(indexName);
  try {
    for (let offset = 0; ; offset += 1000) {
      const page = await index.getDocuments({ limit: 1000, offset });
      for (const d of page.results) docs.set(String(d.id), d);
      if (page.results.length < 1000) break;
    }
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === "index_not_found") return docs;
    throw error;
  }
  return docs;
}

export async function checkIndex(options: {
  client: Meilisearch;
  indexName: string;
  fix?: boolean;
  batchSize?: number;
  log?: (line: string) => void;
}): Promise<CheckResult> {
  const { client, indexName } = options;
  const batchSize = options.batchSize ?? 1000;
  const indexed = await allDocuments(client, indexName);
  const result: CheckResult = { cases: 0, documents: indexed.size, missing: [], stale: [], extra: [], pending: [], fixed: false };
  const repairs: CaseSearchDocument[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const ids = await listLiveCaseIds({ after, take: batchSize });
    if (!ids.length) break;
    after = ids[ids.length - 1];
    for (const doc of await documentsFor(ids)) {
      result.cases++;
      seen.add(doc.id);
      const current = indexed.get(doc.id);
      if (!current) result.missing.push(doc.id);
      // Covers an updatedAt mismatch as well as any other field that drifted.
      else if (canonical(current) !== canonical(doc)) result.stale.push(doc.id);
      else continue;
      repairs.push(doc);
    }
  }
  for (const id of indexed.keys()) if (!seen.has(id)) result.extra.push(id);

  const pendingIds = await pendingOutboxCaseIds();
  result.pending = [...result.missing, ...result.stale, ...result.extra].filter((id) => pendingIds.has(id));

  if (options.fix && (repairs.length || result.extra.length)) {
    await repairThroughOutbox(client, indexName, [...repairs.map((d) => d.id), ...result.extra], options.log);
    result.fixed = true;
  }
  return result;
}

/**
 * Repairs go through the outbox, not straight to the index: the worker's per-case locks then
 * make sure a repair can never overwrite a newer state the app's worker is indexing at the
 * same moment. The command drains the rows itself (so it works without a running app) and
 * waits until every one of them is processed, by itself or by the app's worker.
 */
async function repairThroughOutbox(client: Meilisearch, indexName: string, caseIds: string[], log: (line: string) => void = () => {}) {
  const rowIds = await enqueueCaseSearchUpdates(caseIds);
  const worker = createSearchWorker({ client: () => client, indexName: () => indexName, log });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const round = await worker.runOnce();
    if (round.failed) throw new Error(`Meilisearch rejected the repair: ${await lastOutboxError(rowIds)}`);
    if (!(await countUnprocessed(rowIds))) return;
    if (Date.now() > deadline) throw new Error("The repair did not finish within 10 minutes; the outbox keeps the rest.");
    if (!round.claimed) await new Promise((r) => setTimeout(r, 100));
  }
}
