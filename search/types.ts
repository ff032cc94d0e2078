/**
 * The contract between the search pieces (issue: search). Everything Meilisearch-specific
 * lives under search/; the app talks to it through app/models/search.server.ts.
 */

/** One case as Meilisearch stores it. Built by toCaseDocument() in search/documents.server.ts. */
export interface CaseSearchDocument {
  id: string;
  slug: string;
  title: string;
  summary: string;
  /** Plain text of the sections, in order: challenge, whatWeDid, method, lessons. */
  sections: string;
  /** Results: the results section text plus every results-as-numbers row as text. */
  results: string;
  /** The partners section text. */
  partners: string;
  /** Owner and co-owner names. */
  organisationNames: string[];
  /** Challenge area names in bokmål and English. */
  challengeAreaNames: string[];
  /** Extra searchable words: parts of Norwegian compounds found in the text (search/norwegian.ts). */
  compoundParts: string;
  // ---- filterable / facets
  challengeAreas: string[]; // slugs
  ownerOrganisationId: string;
  organisationIds: string[]; // owner + co-owners (draft visibility filter)
  organisationKinds: string[]; // the OWNER's kind (KOMMUNE | BYDEL | ...), one value: co-owners do not count
  language: "nb" | "nn" | "en"; // the language the case is written in
  fylker: string[];
  status: "IDEA" | "PILOTING" | "IMPLEMENTED" | "SCALED" | "DISCONTINUED";
  year: number | null; // start year of the period, else the year it was created
  visibility: "DRAFT" | "MEMBERS" | "PUBLIC";
  /**
   * Adoption (docs/decisions/017-adaptations.md): organisations with a PUBLIC adaptation of
   * this case (what visitors may know), and with a PUBLIC or MEMBERS one (what logged-in
   * users may know). Drafts never count. Filterable, sortable, a ranking rule.
   */
  adoptedPublic: number;
  adoptedMembers: number;
  /** Municipality size bracket from the case's inhabitants (app/schemas/reuse-facts.ts); null = not given. */
  sizeBracket: string | null;
  /** "yes" when the case gives a one-off or yearly cost. */
  costFigures: "yes" | "no";
  // ---- sortable
  updatedAt: number; // epoch ms
  createdAt: number;
}

/** "adopted" is not a document field: the adoption figure the viewer may know (adoptedPublic or adoptedMembers) > 0. */
export const FACETS = [
  "challengeAreas",
  "fylker",
  "organisationKinds",
  "status",
  "year",
  "adopted",
  "sizeBracket",
  "costFigures",
  "language",
] as const;
export type Facet = (typeof FACETS)[number];

export interface SearchParams {
  q: string;
  filters: Partial<Record<Facet, string[]>>;
  /** "adopted": most reused first ("Mest gjenbrukt"). */
  sort: "relevance" | "newest" | "adopted";
  page: number; // 1-based
  pageSize: number;
}

/** Words to search for (not only spaces). */
export function hasSearchWords(q: string): boolean {
  return q.trim() !== "";
}

/**
 * The order results come in. Without search words there is nothing to rank by relevance, so
 * the newest come first whatever was asked; both engines and the search page use this.
 */
export function effectiveSort(params: Pick<SearchParams, "q" | "sort">): SearchParams["sort"] {
  // "Mest gjenbrukt" needs no search words to mean something.
  return hasSearchWords(params.q) || params.sort === "adopted" ? params.sort : "newest";
}

export interface SearchHit {
  id: string;
  slug: string;
  title: string;
  summary: string;
  /** HTML-safe snippet: text escaped, matches wrapped in <mark>. */
  snippetHtml: string;
  titleHtml: string;
  ownerName: string;
  challengeAreas: string[];
  status: CaseSearchDocument["status"];
  visibility: CaseSearchDocument["visibility"];
  year: number | null;
  language: CaseSearchDocument["language"];
  /** Organisations that took it into use, as far as the viewer may know (adoptionField); absent = none. */
  adopted?: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  totalPages: number;
  /** Counts per facet value, for the viewer's visible cases matching q and the OTHER active filters. */
  facets: Partial<Record<Facet, Record<string, number>>>;
  /** True when Meilisearch was unreachable and PostgreSQL full-text search answered instead. */
  degraded: boolean;
  tookMs: number;
}
