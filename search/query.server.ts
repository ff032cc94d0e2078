/**
 * SearchParams + the viewer's VisibilityScope -> Meilisearch requests -> SearchResult.
 *
 * Visibility: the filter is built from caseVisibilityScope() (app/policies/case.ts), the same
 * data the database filter is built from, and is ANDed with every request - also the
 * facet-count requests. Facet values come from the URL: each one is quoted and escaped, and
 * every condition is its own element of Meilisearch's filter array, so a value can never
 * change the shape of the filter.
 *
 * Facet counts are disjunctive: the count next to a value of facet F ignores F's own active
 * filter (ticking "Vestland" must not make every other fylke drop to 0). One multiSearch
 * request: the main query plus one facet-only query per active facet.
 */
import type { MultiSearchQuery, SearchResponse } from "meilisearch";
import type { MultiSearcher } from "./client.server";
import type { VisibilityScope } from "../app/policies/case";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, hasMarker, markedToHtml, shorten } from "./highlight.server";
import { effectiveSort, FACETS, type CaseSearchDocument, type Facet, type SearchHit, type SearchParams, type SearchResult } from "./types";

/** A string literal in Meilisearch's filter language: double-quoted, `\` and `"` escaped. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The cases a viewer may see, as a Meilisearch filter expression; null = no restriction. */
export function visibilityFilter(scope: VisibilityScope): string | null {
  if (scope.all) return null;
  const or = ['visibility = "PUBLIC"'];
  if (scope.members) or.push('visibility = "MEMBERS"');
  if (scope.draftOrganisationIds.length) {
    or.push(`(visibility = "DRAFT" AND organisationIds IN [${scope.draftOrganisationIds.map(quoteFilterValue).join(", ")}])`);
  }
  return or.length === 1 ? or[0] : `(${or.join(" OR ")})`;
}

/**
 * The adoption figure a viewer may know (docs/decisions/017-adaptations.md): visitors the
 * organisations with PUBLIC adaptations, logged-in users those with PUBLIC or MEMBERS ones.
 * Drafts are in neither, so no count or order reveals one.
 */
export function adoptionField(scope: VisibilityScope): "adoptedPublic" | "adoptedMembers" {
  return scope.members ? "adoptedMembers" : "adoptedPublic";
}

/** The index field a facet is counted on. */
function facetField(facet: Facet, scope: VisibilityScope): string {
  return facet === "adopted" ? adoptionField(scope) : facet;
}

/** Values of one facet are alternatives (OR); different facets narrow (AND). */
function facetFilter(facet: Facet, values: string[] | undefined, scope: VisibilityScope): string | null {
  if (!values?.length) return null;
  if (facet === "adopted") return values.includes("yes") ? `${adoptionField(scope)} > 0` : null;
  return `${facet} IN [${[...new Set(values)].map(quoteFilterValue).join(", ")}]`;
}

/** Meilisearch counts the adoption field per number; the facet has one value: "yes" = any above 0. */
function facetCounts(facet: Facet, scope: VisibilityScope, distribution: Record<string, Record<string, number>> | undefined) {
  const counts = distribution?.[facetField(facet, scope)] ?? {};
  if (facet !== "adopted") return { ...counts };
  const yes = Object.entries(counts).reduce((sum, [value, n]) => (Number(value) > 0 ? sum + n : sum), 0);
  return yes ? { yes } : {};
}

/**
 * Leaves out cases whose document in the index is stale (their outbox row is still pending):
 * out of hits, totals and facet counts alike, they are answered from the database.
 */
function excludeIdsFilter(excludeIds: string[] = []): string | undefined {
  return excludeIds.length ? `id NOT IN [${[...new Set(excludeIds)].map(quoteFilterValue).join(", ")}]` : undefined;
}

/**
 * The whole filter as an array (Meilisearch ANDs the elements), optionally leaving one facet
 * out. `exclude`: an excludeIdsFilter() clause, built once for all queries of a search.
 */
export function buildFilter(scope: VisibilityScope, filters: SearchParams["filters"], except?: Facet, exclude?: string): string[] {
  const out: string[] = [];
  const vis = visibilityFilter(scope);
  if (vis) out.push(vis);
  if (exclude) out.push(exclude);
  for (const facet of FACETS) {
    if (facet === except) continue;
    const f = facetFilter(facet, filters[facet], scope);
    if (f) out.push(f);
  }
  return out;
}

function activeFacets(filters: SearchParams["filters"]): Facet[] {
  return FACETS.filter((f) => (filters[f]?.length ?? 0) > 0);
}

const RETRIEVE = [
  "id",
  "slug",
  "title",
  "summary",
  "organisationNames",
  "challengeAreas",
  "status",
  "visibility",
  "year",
  "language",
  "adoptedPublic",
  "adoptedMembers",
];
/** Where a snippet may come from, best first. */
const SNIPPET_FIELDS = ["summary", "sections", "results", "partners"] as const;
const CROP_WORDS = 32;

export interface MeiliSearchOptions {
  /** Cases to leave out (stale documents), see buildFilter. */
  excludeIds?: string[];
  /** Fetch this page instead of params' own (the caller slices it): page-based, so totals stay exact. */
  window?: { page: number; hitsPerPage: number };
}

/** The requests for one search: [main, ...one facet-only query per active facet]. */
export function buildSearchQueries(
  indexUid: string,
  scope: VisibilityScope,
  params: SearchParams,
  options: MeiliSearchOptions = {},
): MultiSearchQuery[] {
  const active = activeFacets(params.filters);
  const q = params.q.trim();
  const exclude = excludeIdsFilter(options.excludeIds);
  const main: MultiSearchQuery = {
    indexUid,
    q,
    filter: buildFilter(scope, params.filters, undefined, exclude),
    facets: FACETS.filter((f) => !active.includes(f)).map((f) => facetField(f, scope)),
    page: options.window?.page ?? params.page,
    hitsPerPage: options.window?.hitsPerPage ?? params.pageSize,
    attributesToRetrieve: RETRIEVE,
    attributesToHighlight: ["title", ...SNIPPET_FIELDS],
    attributesToCrop: [...SNIPPET_FIELDS],
    cropLength: CROP_WORDS,
    cropMarker: "…",
    highlightPreTag: HIGHLIGHT_PRE,
    highlightPostTag: HIGHLIGHT_POST,
  };
  if (effectiveSort(params) === "newest") main.sort = ["updatedAt:desc"];
  if (effectiveSort(params) === "adopted") main.sort = [`${adoptionField(scope)}:desc`, "updatedAt:desc"];
  const facetQueries = active.map<MultiSearchQuery>((facet) => ({
    indexUid,
    q,
    filter: buildFilter(scope, params.filters, facet, exclude),
    facets: [facetField(facet, scope)],
    limit: 0,
  }));
  return [main, ...facetQueries];
}

type FormattedDoc = Partial<Record<keyof CaseSearchDocument, unknown>>;
type Hit = Pick<
  CaseSearchDocument,
  "id" | "slug" | "title" | "summary" | "organisationNames" | "challengeAreas" | "status" | "visibility" | "year"
> &
  Partial<Pick<CaseSearchDocument, "adoptedPublic" | "adoptedMembers">> & {
    // Missing in documents indexed before content languages existed.
    language?: CaseSearchDocument["language"];
    _formatted?: FormattedDoc;
  };

function snippetOf(hit: Hit): string {
  const formatted = hit._formatted ?? {};
  for (const field of SNIPPET_FIELDS) {
    const value = formatted[field];
    if (typeof value === "string" && hasMarker(value)) return markedToHtml(value);
  }
  return markedToHtml(shorten(hit.summary));
}

export function toSearchHit(hit: Hit, adoption: "adoptedPublic" | "adoptedMembers" = "adoptedPublic"): SearchHit {
  const adopted = hit[adoption] ?? 0;
  const title = typeof hit._formatted?.title === "string" ? hit._formatted.title : hit.title;
  return {
    id: hit.id,
    slug: hit.slug,
    title: hit.title,
    summary: hit.summary,
    snippetHtml: snippetOf(hit),
    titleHtml: markedToHtml(title),
    ownerName: hit.organisationNames?.[0] ?? "",
    challengeAreas: hit.challengeAreas ?? [],
    status: hit.status,
    visibility: hit.visibility,
    year: hit.year ?? null,
    language: hit.language ?? "nb",
    ...(adopted > 0 ? { adopted } : {}),
  };
}

function toSearchResult(scope: VisibilityScope, params: SearchParams, responses: SearchResponse<Hit>[], tookMs: number): SearchResult {
  const [main, ...facetResponses] = responses;
  const active = activeFacets(params.filters);
  const facets: SearchResult["facets"] = {};
  for (const facet of FACETS) facets[facet] = facetCounts(facet, scope, main.facetDistribution);
  active.forEach((facet, i) => {
    facets[facet] = facetCounts(facet, scope, facetResponses[i]?.facetDistribution);
  });
  const total = main.totalHits ?? main.estimatedTotalHits ?? main.hits.length;
  return {
    hits: main.hits.map((hit) => toSearchHit(hit, adoptionField(scope))),
    total,
    page: params.page,
    totalPages: main.totalPages ?? Math.max(1, Math.ceil(total / params.pageSize)),
    facets,
    degraded: false,
    tookMs,
  };
}

/**
 * One search through Meilisearch (throws MultiSearchError when it is unreachable, answers with
 * an error or the signal aborts). `client`: getMultiSearcher() or createMultiSearcher().
 */
export async function searchWithMeili(
  client: MultiSearcher,
  indexUid: string,
  scope: VisibilityScope,
  params: SearchParams,
  options: { signal?: AbortSignal } & MeiliSearchOptions = {},
): Promise<SearchResult> {
  const started = performance.now();
  const queries = buildSearchQueries(indexUid, scope, params, options);
  const response = await client.multiSearch<SearchResponse<Hit>>({ queries }, options.signal ? { signal: options.signal } : undefined);
  return toSearchResult(scope, params, response.results, Math.round(performance.now() - started));
}
