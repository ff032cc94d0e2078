/**
 * Case search for a viewer. Meilisearch answers when it is available; when it is not (or
 * does not answer within SEARCH_TIMEOUT_MS) PostgreSQL full-text search answers instead and
 * the result says `degraded: true`. An outage is logged once when it starts and once when
 * it ends, not on every request; for a few seconds after a failure requests go straight to
 * PostgreSQL instead of waiting for Meilisearch again.
 *
 * Visibility: both engines filter by caseVisibilityScope(viewer). Meilisearch hits are
 * additionally re-checked against the database (one query by primary key for the page's
 * ids) so a document the outbox worker has not updated yet - a case just made a draft or
 * deleted - can never show up for someone who may no longer see it.
 */
import { searchWithDatabase } from "../../search/fallback.server";
import { casesIndexName, forgetSearchHealth, getMultiSearcher, isSearchAvailable } from "../../search/client.server";
import { searchWithMeili } from "../../search/query.server";
import type { SearchParams, SearchResult } from "../../search/types";
import { visibleCaseIds } from "~/models/search-fallback.server";
import { caseVisibilityScope, type VisibilityScope } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";

export const SEARCH_TIMEOUT_MS = 1500;
/** After a failure, skip Meilisearch for this long (it is tried again afterwards). */
const RETRY_AFTER_MS = 5000;

export interface SearchOptions {
  /**
   * "database" forces the PostgreSQL path (tests, and the degraded-mode page test through
   * the load context); "meilisearch" forces Meilisearch and throws when it fails (tests).
   */
  engine?: "auto" | "database" | "meilisearch";
  timeoutMs?: number;
}

let outage: { since: number; retryAt: number } | null = null;

function noteFailure(reason: string) {
  const now = Date.now();
  if (!outage) {
    console.warn(`[search] Meilisearch is unavailable (${reason}); answering searches from PostgreSQL until it is back.`);
    outage = { since: now, retryAt: now + RETRY_AFTER_MS };
  } else {
    outage.retryAt = now + RETRY_AFTER_MS;
  }
}

function noteSuccess() {
  if (outage) {
    console.warn(`[search] Meilisearch is back after ${Math.round((Date.now() - outage.since) / 1000)} s.`);
    outage = null;
  }
}

/** Drops hits the viewer may not see according to the database right now. */
async function recheckVisibility(scope: VisibilityScope, result: SearchResult): Promise<SearchResult> {
  if (!result.hits.length) return result;
  const ids = result.hits.map((h) => h.id);
  const keep = await visibleCaseIds(scope, ids);
  if (keep.size === ids.length) return result;
  const dropped = ids.length - keep.size;
  return { ...result, hits: result.hits.filter((h) => keep.has(h.id)), total: Math.max(0, result.total - dropped) };
}

/** Meilisearch only, no fallback, no re-check: what the index itself answers for a scope. */
export async function searchCasesWithMeilisearch(scope: VisibilityScope, params: SearchParams, timeoutMs = SEARCH_TIMEOUT_MS) {
  return searchWithMeili(getMultiSearcher(), casesIndexName(), scope, params, { signal: AbortSignal.timeout(timeoutMs) });
}

export async function searchCasesWithDatabase(scope: VisibilityScope, params: SearchParams) {
  return searchWithDatabase(scope, params);
}

export async function searchCases(viewer: Viewer | null, params: SearchParams, options: SearchOptions = {}): Promise<SearchResult> {
  const scope = caseVisibilityScope(viewer);
  const engine = options.engine ?? "auto";
  if (engine === "database") return searchWithDatabase(scope, params);
  if (engine === "meilisearch") {
    return recheckVisibility(scope, await searchCasesWithMeilisearch(scope, params, options.timeoutMs));
  }
  if (outage && Date.now() < outage.retryAt) return searchWithDatabase(scope, params);
  let available: boolean;
  try {
    available = await isSearchAvailable();
  } catch {
    available = false;
  }
  if (!available) {
    noteFailure("not configured or not healthy");
    return searchWithDatabase(scope, params);
  }
  let result: SearchResult;
  try {
    result = await searchCasesWithMeilisearch(scope, params, options.timeoutMs);
  } catch (error) {
    forgetSearchHealth();
    noteFailure(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    return searchWithDatabase(scope, params);
  }
  noteSuccess();
  return recheckVisibility(scope, result);
}
