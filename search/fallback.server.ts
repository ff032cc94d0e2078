/**
 * Search without Meilisearch: PostgreSQL full-text search (app/models/search-fallback.server.ts)
 * over the same visible cases, with the same filters, facets, sort and paging, returned as a
 * SearchResult marked degraded so the page can say the search is reduced.
 */
import { searchInDatabase, type FallbackHitRow } from "../app/models/search-fallback.server";
import type { VisibilityScope } from "../app/policies/case";
import {
  HIGHLIGHT_POST,
  HIGHLIGHT_PRE,
  hasMarker,
  markedToHtml,
  mergeTermMarks,
  queryTerms,
  shorten,
  withCropMarks,
} from "./highlight.server";
import { synonymSwaps } from "./norwegian";
import type { SearchHit, SearchParams, SearchResult } from "./types";

function toHit(row: FallbackHitRow, terms: string[], hasQ: boolean): SearchHit {
  const title = hasQ ? mergeTermMarks(row.titleHeadline ?? row.title, terms) : row.title;
  let snippet: string;
  if (!hasQ) snippet = shorten(row.summary);
  else if (row.snippetHeadline && hasMarker(row.snippetHeadline))
    snippet = withCropMarks(mergeTermMarks(row.snippetHeadline, terms), row.body);
  else {
    // Only a substring matched (a word part): cut around the first occurrence and mark it.
    const body = row.body.replace(/\s+/g, " ").trim();
    const at = terms
      .map((t) => body.toLowerCase().indexOf(t))
      .filter((i) => i >= 0)
      .sort((a, b) => a - b)[0];
    const start = at === undefined ? 0 : Math.max(0, body.lastIndexOf(" ", Math.max(0, at - 60)) + 1);
    snippet = mergeTermMarks(`${start > 0 ? "… " : ""}${shorten(body.slice(start), 240)}`, terms);
  }
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    snippetHtml: markedToHtml(snippet),
    titleHtml: markedToHtml(title),
    ownerName: row.ownerName,
    challengeAreas: row.areas,
    status: row.status,
    visibility: row.visibility,
    year: row.year,
    language: row.language,
    ...(row.adopted > 0 ? { adopted: row.adopted } : {}),
  };
}

/** `onlyIds`: search among these cases only (stale search documents, app/models/search.server.ts). */
export async function searchWithDatabase(
  scope: VisibilityScope,
  params: SearchParams,
  options: { onlyIds?: string[] } = {},
): Promise<SearchResult> {
  const started = performance.now();
  const q = params.q.trim();
  const terms = queryTerms(q);
  // Synonyms as Meilisearch has them. A variant's words are also matched as substrings
  // (compound parts) when the synonym put in is one word of 4+ letters: "fravær" should find
  // "sykefraværsoppfølging", but "full time" must not match every text with "full" and "time".
  const variants = q
    ? synonymSwaps(q)
        .slice(1)
        .map(({ text, synonym }) => ({ q: text, terms: synonym && !/\s/.test(synonym) && synonym.length >= 4 ? queryTerms(text) : [] }))
    : [];
  const query = {
    q,
    terms,
    variants,
    filters: params.filters,
    sort: params.sort,
    onlyIds: options.onlyIds,
    limit: params.pageSize,
    offset: (params.page - 1) * params.pageSize,
    startSel: HIGHLIGHT_PRE,
    stopSel: HIGHLIGHT_POST,
  };
  const markTerms = [...new Set([...terms, ...variants.flatMap((v) => v.terms)])];
  const { rows, total, facets } = await searchInDatabase(scope, query);
  return {
    hits: rows.map((row) => toHit(row, markTerms, q !== "")),
    total,
    page: params.page,
    totalPages: Math.max(1, Math.ceil(total / params.pageSize)),
    facets,
    degraded: true,
    tookMs: Math.round(performance.now() - started),
  };
}
