/**
 * PostgreSQL full-text search over cases: what search falls back to while Meilisearch is
 * unreachable (search/fallback.server.ts turns these rows into a SearchResult).
 *
 * The visible set is the SAME VisibilityScope the Prisma filter (visibilityWhere) and the
 * Meilisearch filter are built from, expressed in SQL; the randomized leak test runs every
 * viewer through both engines and compares with canViewCase.
 *
 * Matching: the Norwegian text-search configuration over title (A), summary and
 * organisation names (B) and the plain text (C) with websearch_to_tsquery, OR every word
 * of the query found as a substring (so "sykefrav" or a compound part still finds
 * something); the same again for each synonym variant of the query ("sick leave" ->
 * "sykefravær"). The case's own vector is stored ("searchVector", a generated column);
 * only the organisation names are analysed per search; one statement matches once and gives
 * the page, the total and the facet counts. No index: the substring match scans
 * anyway, and this path only runs during an outage (`npm run bench:search` reports its speed).
 */
import type { VisibilityScope } from "~/policies/case";
import { SIZE_BRACKETS } from "~/schemas/reuse-facts";
import { db, Prisma } from "~/utils/db.server";
import { effectiveSort } from "../../search/types";

export type FallbackFacet =
  "challengeAreas" | "fylker" | "organisationKinds" | "status" | "year" | "adopted" | "sizeBracket" | "costFigures" | "language";

export interface FallbackQuery {
  q: string;
  /** Words of q for the substring match (lower case). */
  terms: string[];
  /**
   * Synonym variants of q (search/norwegian.ts synonymSwaps), each ORed with q: `q` for the
   * full-text match, `terms` (may be empty) for the substring match.
   */
  variants: Array<{ q: string; terms: string[] }>;
  filters: Partial<Record<FallbackFacet, string[]>>;
  sort: "relevance" | "newest" | "adopted";
  /** Only these cases (the ones whose search document is stale, see app/models/search.server.ts). */
  onlyIds?: string[];
  limit: number;
  offset: number;
  /** ts_headline markers (see search/highlight.server.ts). */
  startSel: string;
  stopSel: string;
}

export interface FallbackHitRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  status: "IDEA" | "PILOTING" | "IMPLEMENTED" | "SCALED" | "DISCONTINUED";
  visibility: "DRAFT" | "MEMBERS" | "PUBLIC";
  year: number | null;
  language: "nb" | "nn" | "en";
  ownerName: string;
  areas: string[];
  /** Adoption figure for the scope's class (see matchedCte). */
  adopted: number;
  titleHeadline: string | null;
  snippetHeadline: string | null;
  /** The text the snippet was cut from (without the title), for marking substring matches. */
  body: string;
}

function visibilitySql(scope: VisibilityScope): Prisma.Sql {
  if (scope.all) return Prisma.sql`TRUE`;
  const or: Prisma.Sql[] = [Prisma.sql`c.visibility = 'PUBLIC'`];
  if (scope.members) or.push(Prisma.sql`c.visibility = 'MEMBERS'`);
  if (scope.draftOrganisationIds.length) {
    const ids = scope.draftOrganisationIds;
    or.push(Prisma.sql`(c.visibility = 'DRAFT' AND (c."ownerOrganisationId" = ANY(${ids}::text[])
      OR EXISTS (SELECT 1 FROM "CaseCoOwner" co WHERE co."caseId" = c.id AND co."organisationId" = ANY(${ids}::text[]))))`);
  }
  return Prisma.sql`(${Prisma.join(or, " OR ")})`;
}

/**
 * Which of these case ids the scope may see right now (not deleted, visible). The search page
 * re-checks every Meilisearch hit with this (app/models/search.server.ts); raw SQL with the
 * same visibilitySql as the fallback, because it runs on every search and Prisma's findMany
 * costs ~0.45 ms of CPU per call against ~0.18 ms for $queryRaw (docs/decisions/008).
 */
export async function visibleCaseIds(scope: VisibilityScope, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    SELECT c.id FROM "Case" c WHERE c.id = ANY(${ids}::text[]) AND c."deletedAt" IS NULL AND ${visibilitySql(scope)}`;
  return new Set(rows.map((r) => r.id));
}

function likePattern(term: string) {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The municipality size bracket of a case, as sizeBracketOf (app/schemas/reuse-facts.ts) computes it. */
const sizeBracketSql = Prisma.raw(
  `CASE WHEN c.inhabitants IS NULL THEN NULL ${SIZE_BRACKETS.filter((b) => Number.isFinite(b.below))
    .map((b) => `WHEN c.inhabitants < ${Number(b.below)} THEN '${b.key}'`)
    .join(" ")} ELSE '${SIZE_BRACKETS[SIZE_BRACKETS.length - 1].key}' END`,
);

/** Every visible case matching q, with the columns facets and filters need. */
function matchedCte(scope: VisibilityScope, query: FallbackQuery): Prisma.Sql {
  const hasQ = query.q.trim() !== "";
  const allOf = (terms: string[]) =>
    Prisma.sql`(${Prisma.join(
      // haystack is lower-cased once per case (ILIKE would lower-case it again for every term);
      // strpos searches with Boyer-Moore-Horspool, several times faster than LIKE '%term%'.
      terms.map((t) => Prisma.sql`strpos(d.haystack, ${t.toLowerCase()}) > 0`),
      " AND ",
    )})`;
  const substringSets = [query.terms, ...query.variants.map((v) => v.terms)].filter((terms) => terms.length);
  const substring = substringSets.length ? Prisma.join(substringSets.map(allOf), " OR ") : Prisma.sql`FALSE`;
  const where = hasQ ? Prisma.sql`(d.vec @@ (SELECT tsq FROM q) OR ${substring})` : Prisma.sql`TRUE`;
  const tsquery = Prisma.join(
    [query.q, ...query.variants.map((v) => v.q)].map((text) => Prisma.sql`websearch_to_tsquery('norwegian', ${text})`),
    " || ",
  );
  return Prisma.sql`
    q AS (SELECT ${tsquery} AS tsq),
    -- Owner and co-owner organisations, and challenge areas, per case: aggregated once with
    -- joins (correlated sub-selects ran once per case and per reference).
    case_orgs AS (
      SELECT ow."caseId", string_agg(og.name, ' ') AS orgnames,
        array_agg(DISTINCT og.fylke) FILTER (WHERE og.fylke IS NOT NULL) AS fylker
      FROM (SELECT c.id AS "caseId", c."ownerOrganisationId" AS "organisationId" FROM "Case" c
            UNION SELECT co."caseId", co."organisationId" FROM "CaseCoOwner" co) ow
      JOIN "Organisation" og ON og.id = ow."organisationId"
      GROUP BY ow."caseId"
    ),
    case_areas AS (
      SELECT x."caseId", array_agg(a.slug) AS areas
      FROM "CaseChallengeArea" x JOIN "ChallengeArea" a ON a.id = x."challengeAreaId"
      GROUP BY x."caseId"
    ),
    -- OFFSET 0 keeps PostgreSQL from folding this into "matched": the vector and the text to
    -- match word parts in are built once per case, not once per condition that uses them.
    vecs AS (
      SELECT c.id, c.slug, c.title, c.summary, c."plainText", c.status::text AS status, c.visibility::text AS visibility,
        c."updatedAt", c."contentLanguage"::text AS language,
        COALESCE(EXTRACT(YEAR FROM c."periodStart"), EXTRACT(YEAR FROM (c."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Oslo'))::int AS year,
        o.name AS "ownerName",
        -- Adoption (docs/decisions/017-adaptations.md): other organisations with a PUBLIC
        -- (visitors) or PUBLIC/MEMBERS (logged-in) adaptation; drafts never count.
        (SELECT count(DISTINCT a."ownerOrganisationId") FROM "Case" a
          WHERE a."adaptedFromId" = c.id AND a."deletedAt" IS NULL AND a."ownerOrganisationId" <> c."ownerOrganisationId"
            AND a.visibility::text = ANY(${scope.members ? ["PUBLIC", "MEMBERS"] : ["PUBLIC"]}::text[])
            AND NOT EXISTS (SELECT 1 FROM "CaseCoOwner" oc WHERE oc."caseId" = c.id AND oc."organisationId" = a."ownerOrganisationId"))::int AS adopted,
        COALESCE(ca.areas, '{}') AS areas, COALESCE(co.fylker, '{}') AS fylker,
        -- The owner's kind only (co-owners are not counted as owners; issue 15, defect 9).
        ARRAY[o.kind::text] AS kinds,
        ${sizeBracketSql} AS "sizeBracket",
        CASE WHEN c."costOneOffNok" IS NOT NULL OR c."costYearlyNok" IS NOT NULL THEN 'yes' ELSE 'no' END AS "costFigures",
        c."searchVector" || setweight(to_tsvector('norwegian', COALESCE(co.orgnames, '')), 'B') AS vec,
        lower(c.title || ' ' || c.summary || ' ' || c."plainText" || ' ' || COALESCE(co.orgnames, '')) AS haystack
      FROM "Case" c
      JOIN "Organisation" o ON o.id = c."ownerOrganisationId"
      LEFT JOIN case_orgs co ON co."caseId" = c.id
      LEFT JOIN case_areas ca ON ca."caseId" = c.id
      WHERE c."deletedAt" IS NULL AND ${visibilitySql(scope)}${query.onlyIds ? Prisma.sql` AND c.id = ANY(${query.onlyIds}::text[])` : Prisma.empty}
      OFFSET 0
    ),
    -- Used by the page and by five facet counts: computed once (MATERIALIZED), without the
    -- long texts (the page fetches those for its own rows).
    matched AS MATERIALIZED (
      SELECT d.id, d.slug, d.title, d.summary, d.status, d.visibility, d."updatedAt", d.year, d.language, d."ownerName", d.areas, d.fylker, d.kinds, d.adopted,
        d."sizeBracket", d."costFigures",
        ${hasQ ? Prisma.sql`ts_rank_cd(d.vec, (SELECT tsq FROM q))` : Prisma.sql`0::real`} AS rank
      FROM vecs d WHERE ${where}
    )`;
}

function facetConditions(filters: FallbackQuery["filters"], except?: FallbackFacet): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  const f = (name: FallbackFacet) => (name === except ? undefined : filters[name]?.length ? filters[name] : undefined);
  const areas = f("challengeAreas");
  if (areas) parts.push(Prisma.sql`m.areas && ${areas}::text[]`);
  const fylker = f("fylker");
  if (fylker) parts.push(Prisma.sql`m.fylker && ${fylker}::text[]`);
  const kinds = f("organisationKinds");
  if (kinds) parts.push(Prisma.sql`m.kinds && ${kinds}::text[]`);
  const status = f("status");
  if (status) parts.push(Prisma.sql`m.status = ANY(${status}::text[])`);
  const languages = f("language");
  if (languages) parts.push(Prisma.sql`m.language = ANY(${languages}::text[])`);
  const years = f("year")
    ?.filter((y) => /^\d{1,4}$/.test(y))
    .map(Number);
  if (years) parts.push(years.length ? Prisma.sql`m.year = ANY(${years}::int[])` : Prisma.sql`FALSE`);
  if (f("adopted")?.includes("yes")) parts.push(Prisma.sql`m.adopted > 0`);
  const sizes = f("sizeBracket");
  if (sizes) parts.push(Prisma.sql`m."sizeBracket" = ANY(${sizes}::text[])`);
  const cost = f("costFigures");
  if (cost) parts.push(Prisma.sql`m."costFigures" = ANY(${cost}::text[])`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

export interface FallbackResult {
  rows: FallbackHitRow[];
  total: number;
  /** Disjunctive facet counts: each facet's counts ignore that facet's own filter. */
  facets: Record<FallbackFacet, Record<string, number>>;
}

/**
 * One page of hits (with headlines), the total and the facet counts, in one statement: the
 * matching (the expensive part) runs once for all of them.
 */
export async function searchInDatabase(scope: VisibilityScope, query: FallbackQuery): Promise<FallbackResult> {
  const sort = effectiveSort(query);
  const order =
    sort === "newest"
      ? Prisma.sql`m."updatedAt" DESC, m.id`
      : sort === "adopted"
        ? Prisma.sql`m.adopted DESC, m."updatedAt" DESC, m.id`
        : Prisma.sql`(m.rank + CASE WHEN m.title ILIKE ${likePattern(query.q.trim())} THEN 1 ELSE 0 END) DESC, m."updatedAt" DESC, m.id`;
  const options = `StartSel=${query.startSel}, StopSel=${query.stopSel}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
  const titleOptions = `StartSel=${query.startSel}, StopSel=${query.stopSel}, HighlightAll=true`;
  const body = Prisma.sql`CASE WHEN c."plainText" LIKE c.title || '%' THEN substr(c."plainText", length(c.title) + 1) ELSE c."plainText" END`;
  const [result] = await db().$queryRaw<
    Array<{ hits: FallbackHitRow[] | null; total: bigint; facets: Array<{ facet: FallbackFacet; value: string; count: number }> | null }>
  >`
    WITH ${matchedCte(scope, query)},
    page AS (
      SELECT m.*, row_number() OVER (ORDER BY ${order}) AS position FROM matched m
      WHERE ${facetConditions(query.filters)}
      ORDER BY position
      LIMIT ${query.limit} OFFSET ${query.offset}
    ),
    hits AS (
      SELECT p.id, p.slug, p.title, p.summary, p.status, p.visibility, p.year, p.language, p."ownerName", p.areas, p.adopted,
        ${body} AS body,
        ts_headline('norwegian', p.title, (SELECT tsq FROM q), ${titleOptions}) AS "titleHeadline",
        ts_headline('norwegian', ${body}, (SELECT tsq FROM q), ${options}) AS "snippetHeadline",
        p.position
      FROM page p JOIN "Case" c ON c.id = p.id
    ),
    facet_counts AS (
      SELECT 'challengeAreas' AS facet, v AS value, count(*) AS count FROM matched m, unnest(m.areas) v WHERE ${facetConditions(query.filters, "challengeAreas")} GROUP BY v
      UNION ALL
      SELECT 'fylker', v, count(*) FROM matched m, unnest(m.fylker) v WHERE ${facetConditions(query.filters, "fylker")} GROUP BY v
      UNION ALL
      SELECT 'organisationKinds', v, count(*) FROM matched m, unnest(m.kinds) v WHERE ${facetConditions(query.filters, "organisationKinds")} GROUP BY v
      UNION ALL
      SELECT 'status', m.status, count(*) FROM matched m WHERE ${facetConditions(query.filters, "status")} GROUP BY m.status
      UNION ALL
      SELECT 'year', m.year::text, count(*) FROM matched m WHERE m.year IS NOT NULL AND ${facetConditions(query.filters, "year")} GROUP BY m.year
      UNION ALL
      SELECT 'adopted', 'yes', count(*) FROM matched m WHERE m.adopted > 0 AND ${facetConditions(query.filters, "adopted")} HAVING count(*) > 0
      UNION ALL
      SELECT 'sizeBracket', m."sizeBracket", count(*) FROM matched m WHERE m."sizeBracket" IS NOT NULL AND ${facetConditions(query.filters, "sizeBracket")} GROUP BY m."sizeBracket"
      UNION ALL
      SELECT 'costFigures', m."costFigures", count(*) FROM matched m WHERE ${facetConditions(query.filters, "costFigures")} GROUP BY m."costFigures"
      UNION ALL
      SELECT 'language', m.language, count(*) FROM matched m WHERE ${facetConditions(query.filters, "language")} GROUP BY m.language
    )
    SELECT
      (SELECT json_agg(h ORDER BY h.position) FROM hits h) AS hits,
      (SELECT count(*) FROM matched m WHERE ${facetConditions(query.filters)}) AS total,
      (SELECT json_agg(f) FROM facet_counts f) AS facets`;
  const facets: FallbackResult["facets"] = {
    challengeAreas: {},
    fylker: {},
    organisationKinds: {},
    status: {},
    year: {},
    adopted: {},
    sizeBracket: {},
    costFigures: {},
    language: {},
  };
  for (const f of result.facets ?? []) facets[f.facet][f.value] = Number(f.count);
  const rows = (result.hits ?? []).map(({ position: _position, ...row }: FallbackHitRow & { position?: number }) => row);
  return { rows, total: Number(result.total), facets };
}
