/**
 * A search result -> what the search page shows: the title (with the page number, which a
 * screen reader reads first after a page change), the hits with area names in the reader's
 * language, and the facet options. Only what the page shows: this is sent on every
 * keystroke and embedded in every page. Highlighted titles and snippets are HTML the
 * search layer has escaped (only <mark> is markup).
 */
import { CASE_STATUSES, CONTENT_LANGUAGES } from "~/schemas/case";
import { SIZE_BRACKET_KEYS } from "~/schemas/reuse-facts";
import { ORGANISATION_KINDS, type FacetParam, type SearchState } from "~/schemas/search";
import { getFixedT, type AppLocale } from "~/utils/i18n";
import type { SearchResult } from "../../search/types";

interface AreaNames {
  slug: string;
  nameNb: string;
  nameEn: string;
}

/** The challenge areas a result names (in hits and facet counts): their names must be known. */
export function areaSlugsShown(result: SearchResult): Set<string> {
  return new Set([...result.hits.flatMap((h) => h.challengeAreas), ...Object.keys(result.facets.challengeAreas ?? {})]);
}

/** `areas` in display order (the taxonomy's sort order). */
export function presentSearchResults(state: SearchState, result: SearchResult, areas: AreaNames[], locale: AppLocale) {
  const areaNames = Object.fromEntries(areas.map((a) => [a.slug, locale === "en" ? a.nameEn : a.nameNb]));
  const areaOrder = new Map(areas.map((a, i) => [a.slug, i]));
  const t = getFixedT(locale, "search");

  /** Options of one facet: every value with a count, plus checked values that have none now. */
  const options = (param: FacetParam, facet: keyof typeof result.facets, order: (a: string, b: string) => number) => {
    const counts = result.facets[facet] ?? {};
    const values = new Set([...Object.keys(counts), ...state.filters[param]]);
    return [...values].sort(order).map((value) => ({ value, count: counts[value] ?? 0, checked: state.filters[param].includes(value) }));
  };
  const byList = (list: readonly string[]) => (a: string, b: string) => list.indexOf(a) - list.indexOf(b);
  const facets = {
    area: options("area", "challengeAreas", (a, b) => (areaOrder.get(a) ?? 999) - (areaOrder.get(b) ?? 999) || a.localeCompare(b)),
    fylke: options("fylke", "fylker", (a, b) => a.localeCompare(b, "nb")),
    kind: options("kind", "organisationKinds", byList(ORGANISATION_KINDS)),
    status: options("status", "status", byList(CASE_STATUSES)),
    year: options("year", "year", (a, b) => b.localeCompare(a)),
    adopted: options("adopted", "adopted", (a, b) => a.localeCompare(b)),
    size: options("size", "sizeBracket", byList(SIZE_BRACKET_KEYS)),
    // Only "with cost figures" is offered (a case without them is not something to look for).
    cost: options("cost", "costFigures", () => 0).filter((o) => o.value === "yes"),
    lang: options("lang", "language", byList(CONTENT_LANGUAGES)),
  } satisfies Record<FacetParam, unknown>;

  return {
    title:
      result.totalPages > 1 && state.page > 1
        ? state.q
          ? t("meta.titleWithQueryPage", { q: state.q, page: state.page, pages: result.totalPages })
          : t("meta.titlePage", { page: state.page, pages: result.totalPages })
        : state.q
          ? t("meta.titleWithQuery", { q: state.q })
          : t("meta.title"),
    state,
    hits: result.hits.map((h) => ({
      id: h.id,
      slug: h.slug,
      titleHtml: h.titleHtml,
      snippetHtml: h.snippetHtml,
      ownerName: h.ownerName,
      status: h.status,
      visibility: h.visibility,
      year: h.year,
      lang: h.language,
      adopted: h.adopted ?? 0,
      areas: h.challengeAreas.filter((slug) => areaNames[slug]).map((slug) => ({ slug, name: areaNames[slug] })),
    })),
    total: result.total,
    totalPages: result.totalPages,
    degraded: result.degraded,
    facets,
    areaNames,
  };
}
