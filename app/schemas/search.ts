/**
 * The search page's state lives in the URL (shareable, back button works):
 * /search?q=…&area=…&fylke=…&kind=…&status=…&year=…&lang=…&sort=newest&page=2
 * Parsing is lenient: a value that cannot be valid is dropped instead of failing the page.
 */
import { z } from "zod";
import type { Facet, SearchParams } from "../../search/types";
import { CASE_STATUSES, CONTENT_LANGUAGES } from "./case";
import { SIZE_BRACKET_KEYS } from "./reuse-facts";

export const ORGANISATION_KINDS = ["KOMMUNE", "BYDEL", "FYLKESKOMMUNE", "PUBLIC_BODY", "PARTNER"] as const;
export const SEARCH_PAGE_SIZE = 10;
const MAX_QUERY_LENGTH = 200;
const MAX_VALUES = 30;

/** URL parameter per facet, in the order the page shows them. */
export const FACET_PARAMS = [
  { facet: "challengeAreas", param: "area" },
  { facet: "fylker", param: "fylke" },
  { facet: "organisationKinds", param: "kind" },
  { facet: "status", param: "status" },
  { facet: "year", param: "year" },
  { facet: "adopted", param: "adopted" },
  { facet: "sizeBracket", param: "size" },
  { facet: "costFigures", param: "cost" },
  { facet: "language", param: "lang" },
] as const satisfies ReadonlyArray<{ facet: Facet; param: string }>;

export type FacetParam = (typeof FACET_PARAMS)[number]["param"];

const valueSchemas: Record<FacetParam, z.ZodType<string>> = {
  area: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/),
  fylke: z.string().trim().min(1).max(80),
  kind: z.enum(ORGANISATION_KINDS),
  status: z.enum(CASE_STATUSES),
  year: z.string().regex(/^(19|20)\d\d$/),
  adopted: z.literal("yes"),
  size: z.enum(SIZE_BRACKET_KEYS),
  cost: z.enum(["yes"]),
  lang: z.enum(CONTENT_LANGUAGES),
};

export interface SearchState {
  q: string;
  filters: Record<FacetParam, string[]>;
  sort: "relevance" | "newest" | "adopted";
  page: number;
}

export function parseSearchState(params: URLSearchParams): SearchState {
  const q = (params.get("q") ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH);
  const filters = {} as SearchState["filters"];
  for (const { param } of FACET_PARAMS) {
    const values = params.getAll(param).filter((v) => valueSchemas[param].safeParse(v).success);
    filters[param] = [...new Set(values)].slice(0, MAX_VALUES);
  }
  const rawSort = params.get("sort");
  const sort = rawSort === "newest" || rawSort === "adopted" ? rawSort : "relevance";
  const rawPage = params.get("page") ?? "";
  const page = /^[1-9]\d{0,4}$/.test(rawPage) ? Number(rawPage) : 1;
  return { q, filters, sort, page };
}

/** Every facet with nothing chosen ("clear all"). */
export function noFilters(): SearchState["filters"] {
  return Object.fromEntries(FACET_PARAMS.map(({ param }) => [param, []])) as unknown as SearchState["filters"];
}

/** The URL of a state; defaults are left out so URLs stay short. */
export function searchHref(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const { param } of FACET_PARAMS) for (const v of state.filters[param]) params.append(param, v);
  if (state.sort !== "relevance") params.set("sort", state.sort);
  if (state.page > 1) params.set("page", String(state.page));
  const query = params.toString();
  return query ? `/search?${query}` : "/search";
}

/** The same search without one filter value (page back to 1). */
export function withoutFilter(state: SearchState, param: FacetParam, value: string): SearchState {
  return { ...state, page: 1, filters: { ...state.filters, [param]: state.filters[param].filter((v) => v !== value) } };
}

export function toEngineParams(state: SearchState, pageSize = SEARCH_PAGE_SIZE): SearchParams {
  const filters: SearchParams["filters"] = {};
  for (const { facet, param } of FACET_PARAMS) if (state.filters[param].length) filters[facet] = state.filters[param];
  return { q: state.q, filters, sort: state.sort, page: state.page, pageSize };
}
