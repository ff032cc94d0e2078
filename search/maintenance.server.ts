/**
 * Whole-index operations behind `npm run search:reindex` and `npm run search:check`.
 * - reindexCases: builds <index>_new_<ts> from the database with the settings in code, swaps
 *   it with the live index in one Meilisearch task (searches keep answering from one or the
 *   other, never from none), deletes the old one, then re-queues whatever changed while it
 *   was copying so the worker brings those cases up to date in the new index.
 * - checkIndex: database vs index: missing, stale and extra documents; `fix` repairs them.
 */
import type { Meilisearch } from "meilisearch";
import {
  countLiveCases,
  databaseNow,
  listLiveCaseIds,
  pendingOutboxCaseIds,
  requeueChangedSince,
  withCaseSearchLocks,
} from "~/models/search-outbox.server";
import { waitForSuccess } from "./client.server";
import { loadCaseDocuments } from "./documents.server";
import { applyCasesIndexSettings } from "./settings";
import type { CaseSearchDocument } from "./types";

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
    await client
      .deleteIndex(fresh)
      .waitTask()
      .catch(() => {});
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
    await repair(client, indexName, [...repairs.map((d) => d.id), ...result.extra], Math.min(batchSize, 500));
    result.fixed = true;
  }
  return result;
}

/**
 * Repairs write the current state of each case (or delete its document) under the search
 * worker's per-case locks, so a repair can never put back an older state over a newer one
 * the worker is indexing at the same moment.
 */
async function repair(client: Meilisearch, indexName: string, caseIds: string[], batchSize: number) {
  await applyCasesIndexSettings(client, indexName);
  const index = client.index<CaseSearchDocument>(indexName);
  for (let i = 0; i < caseIds.length; i += batchSize) {
    const chunk = caseIds.slice(i, i + batchSize);
    await withCaseSearchLocks(chunk, async (loadCases) => {
      const upserts: CaseSearchDocument[] = [];
      const deletes: string[] = [];
      for (const [id, doc] of await loadCaseDocuments(chunk, loadCases)) {
        if (doc instanceof Error) throw new Error(`Case ${id}: could not build its search document: ${doc.message}`);
        if (doc) upserts.push(doc);
        else deletes.push(id);
      }
      if (upserts.length) await waitForSuccess(index.addDocuments(upserts, { primaryKey: "id" }), 300_000);
      if (deletes.length) await waitForSuccess(index.deleteDocuments(deletes), 300_000);
    });
  }
}

/**
 * Index settings that change what the documents must carry: a new filter, sort or ranking
 * attribute is only useful once every document has the field.
 */
const DOCUMENT_SHAPE_SETTINGS = ["filterableAttributes", "sortableAttributes", "rankingRules"];

/** Pure: whether applying these changed settings to an index holding `documents` documents calls for a rebuild. */
export function settingsChangeNeedsReindex(changed: string[], documents: number): boolean {
  return documents > 0 && changed.some((s) => DOCUMENT_SHAPE_SETTINGS.includes(s));
}

/**
 * After a deploy that added search fields (new facets, sorts, ranking signals), documents
 * written by the previous version lack them: this rebuilds the index in the background
 * (reindexCases: searches keep answering from the old index until the swap). Only the process
 * whose start applied the change sees `changed`, so several processes do not all rebuild.
 * Resolves to null when no rebuild was needed; never rejects (a failure is logged, and
 * `npm run search:reindex` remains the manual way).
 */
export async function reindexAfterSettingsChange(options: {
  client: Meilisearch;
  indexName: string;
  changed: string[];
  log: (line: string) => void;
}): Promise<ReindexResult | null> {
  const { client, indexName, changed, log } = options;
  try {
    const { numberOfDocuments } = await client.index(indexName).getStats();
    if (!settingsChangeNeedsReindex(changed, numberOfDocuments)) return null;
    log(`Search index ${indexName}: ${changed.join(", ")} changed; rebuilding its ${numberOfDocuments} documents in the background.`);
    const result = await reindexCases({ client, indexName, log });
    log(`Search index ${indexName}: rebuilt ${result.indexed} documents in ${Math.round(result.tookMs / 1000)} s.`);
    return result;
  } catch (error) {
    log(
      `WARNING: could not rebuild the search index after its settings changed (${(error as Error).message}); run npm run search:reindex.`,
    );
    return null;
  }
}
