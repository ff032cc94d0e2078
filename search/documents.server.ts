/**
 * Case -> search document (the shape is the contract in search/types.ts). Used by the
 * outbox worker, search:reindex and search:check, so all three agree on what "up to date" is.
 */
import { docToText, type CaseSections, type TipTapNode } from "~/editor/sections";
import type { CaseWithRelations } from "~/models/case.server";
import { loadCasesForSearch, type SearchCase } from "~/models/search-outbox.server";
import { costFiguresOf, sizeBracketOf } from "~/schemas/reuse-facts";
import { compoundParts } from "./norwegian";
import type { CaseSearchDocument } from "./types";

const BODY_SECTIONS = ["challenge", "whatWeDid", "method", "lessons"] as const;

const osloYear = new Intl.DateTimeFormat("en", { timeZone: "Europe/Oslo", year: "numeric" });

const unique = <T>(values: T[]) => [...new Set(values)];

function sectionText(sections: Partial<CaseSections> | null, key: keyof CaseSections) {
  return docToText((sections?.[key] ?? null) as TipTapNode | null).trim();
}

/** "Sykefravær prosent 9.1 -> 7.4 2022-2024": one line per results-as-numbers row. */
function resultRowText(r: CaseWithRelations["results"][number]) {
  return [r.indicator, r.unit, r.baseline?.toString(), "->", r.result?.toString(), r.period]
    .map((p) => (p ?? "").trim())
    .filter(Boolean)
    .join(" ");
}

/** Deleted cases have no document (all visibilities are indexed: the query filters per viewer). */
function isIndexable(c: Pick<CaseWithRelations, "deletedAt">) {
  return !c.deletedAt;
}

/**
 * Organisations (not cases) that took the case into use, as visitors may know it (PUBLIC
 * adaptations) and as logged-in users may (PUBLIC or MEMBERS). Drafts never count; the
 * case's own owners adapting it do not either.
 */
function adoption(c: SearchCase) {
  const own = new Set([c.ownerOrganisationId, ...c.coOwners.map((o) => o.organisationId)]);
  const others = (c.adaptations ?? []).filter((a) => !own.has(a.ownerOrganisationId));
  const orgs = (visibilities: string[]) =>
    new Set(others.filter((a) => visibilities.includes(a.visibility)).map((a) => a.ownerOrganisationId)).size;
  return { adoptedPublic: orgs(["PUBLIC"]), adoptedMembers: orgs(["PUBLIC", "MEMBERS"]) };
}

/** The search document of a case. */
export function toCaseDocument(c: SearchCase): CaseSearchDocument {
  const sections = c.sections as unknown as Partial<CaseSections> | null;
  const organisations = [c.owner, ...c.coOwners.map((co) => co.organisation)];
  const areas = c.challengeAreas.map((a) => a.challengeArea);
  const challengeAreaNames = unique(areas.flatMap((a) => [a.nameNb, a.nameEn]).filter(Boolean));

  const body = BODY_SECTIONS.map((k) => sectionText(sections, k))
    .filter(Boolean)
    .join("\n\n");
  const results = [sectionText(sections, "results"), ...c.results.map(resultRowText)].filter(Boolean).join("\n");
  const partners = sectionText(sections, "partners");
  const allText = [c.title, c.summary, body, results, partners].join("\n");

  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    sections: body,
    results,
    partners,
    organisationNames: unique(organisations.map((o) => o.name)),
    challengeAreaNames,
    compoundParts: unique(compoundParts(allText, challengeAreaNames)).join(" "),
    challengeAreas: areas.map((a) => a.slug),
    ownerOrganisationId: c.ownerOrganisationId,
    organisationIds: unique(organisations.map((o) => o.id)),
    // The owner's kind only: "Kommune 12" must mean twelve cases a kommune owns (issue 15, defect 9).
    organisationKinds: [c.owner.kind],
    fylker: unique(organisations.map((o) => o.fylke).filter((f): f is string => !!f)),
    status: c.status,
    year: c.periodStart ? c.periodStart.getUTCFullYear() : Number(osloYear.format(c.createdAt)),
    visibility: c.visibility,
    ...adoption(c),
    sizeBracket: sizeBracketOf(c.inhabitants),
    costFigures: costFiguresOf(c),
    language: c.contentLanguage,
    updatedAt: c.updatedAt.getTime(),
    createdAt: c.createdAt.getTime(),
  };
}

/**
 * Documents for these case ids: a document, or null for a case that must not be indexed
 * (deleted or gone). A case whose document cannot be built gets an Error (the worker retries
 * that one case; the rest of the batch goes through).
 */
export async function loadCaseDocuments(
  ids: string[],
  load: (ids: string[]) => Promise<SearchCase[]> = (i) => loadCasesForSearch(i),
): Promise<Map<string, CaseSearchDocument | null | Error>> {
  const found = new Map((await load(ids)).map((c) => [c.id, c]));
  const docs = new Map<string, CaseSearchDocument | null | Error>();
  for (const id of ids) {
    const c = found.get(id);
    try {
      docs.set(id, c && isIndexable(c) ? toCaseDocument(c) : null);
    } catch (error) {
      docs.set(id, error instanceof Error ? error : new Error(String(error)));
    }
  }
  return docs;
}
