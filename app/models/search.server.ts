/**
 * Case search for a viewer. Meilisearch answers when it is available; when it is not (or
 * does not answer within SEARCH_TIMEOUT_MS) PostgreSQL full-text search answers instead and
 * the result says `degraded: true`. An outage is logged once when it starts and once when
 * it ends, not on every request; for a few seconds after a failure requests go straight to
 * PostgreSQL instead of waiting for Meilisearch again.
 *
 * Visibility: both engines filter by caseVisibilityScope(viewer). A document the outbox
 * worker has not updated yet (a case just made a draft, members-only or deleted; an
 * organisation just renamed or moved) must not show up in hits, totals OR facet counts:
 * the cases with a pending outbox row are "stale" - they are left out of every Meilisearch
 * request (`id NOT IN [...]`) and searched in the database instead (same query, filters and
 * scope), and the two answers are added up. Stale cases that still match come first (they
 * were changed moments ago). With more than MAX_STALE_MERGE stale cases (the index is far
 * behind, e.g. after an outage) the database answers the whole search. Hits are re-checked
 * against the database as before; should the re-check still drop one (its change committed
 * between reading the outbox and asking Meilisearch), the search runs once more without it.
 */
import { searchWithDatabase } from "../../search/fallback.server";
import { casesIndexName, forgetSearchHealth, getMultiSearcher, isSearchAvailable } from "../../search/client.server";
import { searchWithMeili } from "../../search/query.server";
import { FACETS, type SearchParams, type SearchResult } from "../../search/types";
import { visibleCaseIds } from "~/models/search-fallback.server";
import { db } from "~/utils/db.server";
import { getLogger } from "~/utils/logger.server";
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
    getLogger("search").warn(`Meilisearch is unavailable (${reason}); answering searches from PostgreSQL until it is back.`);
    outage = { since: now, retryAt: now + RETRY_AFTER_MS };
  } else {
    outage.retryAt = now + RETRY_AFTER_MS;
  }
}

function noteSuccess() {
  if (outage) {
    getLogger("search").info(`Meilisearch is back after ${Math.round((Date.now() - outage.since) / 1000)} s.`);
    outage = null;
  }
}

/** More stale documents than this and the database answers the whole search (auto mode). */
export const MAX_STALE_MERGE = 300;

/**
 * Cases whose search document may be out of date: a pending search delivery for the case or
 * for an adaptation of it, for
 * an organisation that owns or co-owns it (its names, fylke and kind are in the document), or
 * for a challenge area it is tagged with. At most `limit` + 1 ids (so the caller can tell
 * "too many").
 */
export async function staleCaseIds(limit = MAX_STALE_MERGE): Promise<string[]> {
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    WITH pending AS (
      SELECT DISTINCT entity, "entityId" FROM "EventDelivery" WHERE consumer = 'search' AND "processedAt" IS NULL
    )
    SELECT id FROM (
      SELECT p."entityId" AS id FROM pending p WHERE p.entity = 'case'
      UNION
      -- An adaptation's original: its adoption figures follow the adaptation (docs/decisions/017).
      SELECT c."adaptedFromId" FROM pending p JOIN "Case" c ON c.id = p."entityId" WHERE p.entity = 'case' AND c."adaptedFromId" IS NOT NULL
      UNION
      SELECT c.id FROM pending p JOIN "Case" c ON c."ownerOrganisationId" = p."entityId" WHERE p.entity = 'organisation'
      UNION
      SELECT co."caseId" FROM pending p JOIN "CaseCoOwner" co ON co."organisationId" = p."entityId" WHERE p.entity = 'organisation'
      UNION
      SELECT ca."caseId" FROM pending p JOIN "CaseChallengeArea" ca ON ca."challengeAreaId" = p."entityId" WHERE p.entity = 'challenge_area'
    ) AS stale LIMIT ${limit + 1}`;
  return rows.map((r) => r.id);
}

/** Hit ids the viewer may not see according to the database right now. */
async function invisibleHitIds(scope: VisibilityScope, result: SearchResult): Promise<string[]> {
  if (!result.hits.length) return [];
  const ids = result.hits.map((h) => h.id);
  const keep = await visibleCaseIds(scope, ids);
  return ids.filter((id) => !keep.has(id));
}

function addCounts(a: SearchResult["facets"], b: SearchResult["facets"]): SearchResult["facets"] {
  const out: SearchResult["facets"] = {};
  for (const facet of FACETS) {
    const sum: Record<string, number> = { ...(a[facet] ?? {}) };
    for (const [value, count] of Object.entries(b[facet] ?? {})) sum[value] = (sum[value] ?? 0) + count;
    out[facet] = sum;
  }
  return out;
}

/** The most hits Meilisearch returns for one search (its default maxTotalHits). */
const MEILI_MAX_HITS = 1000;

/**
 * Meilisearch without the stale cases + the database for the stale cases only, as one
 * result: stale matches first, then Meilisearch's, paged together; totals and facet counts added.
 */
async function searchMerged(scope: VisibilityScope, params: SearchParams, stale: string[], timeoutMs: number): Promise<SearchResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const fromDb = stale.length
    ? await searchWithDatabase(scope, { ...params, page: 1, pageSize: Math.max(1, stale.length) }, { onlyIds: stale })
    : null;
  const k = fromDb?.total ?? 0;
  if (!fromDb || k === 0) {
    const meili = await searchWithMeili(getMultiSearcher(), casesIndexName(), scope, params, { signal, excludeIds: stale });
    return meili;
  }
  const offset = (params.page - 1) * params.pageSize;
  const dbHits = fromDb.hits.slice(offset, offset + params.pageSize);
  const need = params.pageSize - dbHits.length;
  const meiliStart = Math.max(0, offset - k);
  const window = { page: 1, hitsPerPage: Math.max(1, Math.min(MEILI_MAX_HITS, meiliStart + need)) };
  const meili = await searchWithMeili(getMultiSearcher(), casesIndexName(), scope, params, { signal, excludeIds: stale, window });
  const total = meili.total + k;
  return {
    hits: [...dbHits, ...(need > 0 ? meili.hits.slice(meiliStart, meiliStart + need) : [])],
    total,
    page: params.page,
    totalPages: Math.max(1, Math.ceil(total / params.pageSize)),
    facets: addCounts(meili.facets, fromDb.facets),
    degraded: false,
    tookMs: Math.round(performance.now() - started),
  };
}

/**
 * Meilisearch with the stale cases answered from the database, hits re-checked (see the top
 * of this file). Throws when Meilisearch fails.
 */
async function searchConsistent(scope: VisibilityScope, params: SearchParams, stale: string[], timeoutMs: number): Promise<SearchResult> {
  let result = await searchMerged(scope, params, stale, timeoutMs);
  const invisible = await invisibleHitIds(scope, result);
  if (!invisible.length) return result;
  result = await searchMerged(scope, params, [...stale, ...invisible], timeoutMs);
  // Still one (a change in the last milliseconds): drop it from the page; counts follow on the next search.
  const again = new Set(await invisibleHitIds(scope, result));
  if (!again.size) return result;
  return { ...result, hits: result.hits.filter((h) => !again.has(h.id)), total: Math.max(0, result.total - again.size) };
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
  const timeoutMs = options.timeoutMs ?? SEARCH_TIMEOUT_MS;
  if (engine === "meilisearch") {
    return searchConsistent(scope, params, await staleCaseIds(100_000), timeoutMs);
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
  const stale = await staleCaseIds(MAX_STALE_MERGE);
  // The index is far behind (an outage, a bulk import): the database gives a consistent answer.
  if (stale.length > MAX_STALE_MERGE) return searchWithDatabase(scope, params);
  let result: SearchResult;
  try {
    result = await searchConsistent(scope, params, stale, timeoutMs);
  } catch (error) {
    forgetSearchHealth();
    noteFailure(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    return searchWithDatabase(scope, params);
  }
  noteSuccess();
  return result;
}
