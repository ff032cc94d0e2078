/**
 * Data for the case create/edit form: option lists, a stored case as form values, and the
 * "someone else saved" view shown on an edit conflict.
 */
import { docToText, SECTION_KEYS, type SectionKey } from "~/editor/sections";
import { areaName, listChallengeAreas } from "~/models/challenge-area.server";
import type { CaseWithRelations } from "~/models/case.server";
import { canSetCaseOwner } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";
import type { CaseFormValues } from "~/schemas/case-form";
import { db } from "~/utils/db.server";
import { formatDate, type AppLocale } from "~/utils/i18n";

export interface OrganisationOption {
  id: string;
  name: string;
}

/** Every organisation, by name in Norwegian order (æ, ø, å last). */
export async function listOrganisationsForSelect(): Promise<OrganisationOption[]> {
  const rows = await db().organisation.findMany({ select: { id: true, name: true } });
  const collator = new Intl.Collator("nb-NO");
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * Option lists for the form. Owner choices are the organisations this viewer may make the
 * owner (for an existing case: the current owner plus, if they may move it, their own).
 */
export async function caseFormOptions(viewer: Viewer, locale: AppLocale, currentOwnerId?: string) {
  const [organisations, areas] = await Promise.all([listOrganisationsForSelect(), listChallengeAreas()]);
  return {
    organisations,
    ownerOptions: organisations.filter((o) => canSetCaseOwner(viewer, o.id, currentOwnerId)),
    challengeAreas: areas.map((a) => ({ id: a.id, name: areaName(a, locale) })),
  };
}

function monthValue(d: Date | null) {
  return d ? d.toISOString().slice(0, 7) : "";
}

/** Decimal from the database -> what a person of this language would type ("12,5"). */
function decimalValue(d: { toString(): string } | null, locale: AppLocale) {
  if (d === null) return "";
  const s = d.toString();
  return locale === "nb" ? s.replace(".", ",") : s;
}

export function caseToFormValues(c: CaseWithRelations, locale: AppLocale): CaseFormValues {
  const sections = (c.sections ?? {}) as Partial<Record<SectionKey, unknown>>;
  return {
    title: c.title,
    summary: c.summary,
    sections: Object.fromEntries(SECTION_KEYS.map((k) => [k, sections[k] ? JSON.stringify(sections[k]) : ""])) as Record<SectionKey, string>,
    status: c.status,
    visibility: c.visibility,
    periodStart: monthValue(c.periodStart),
    periodEnd: monthValue(c.periodEnd),
    ownerOrganisationId: c.ownerOrganisationId,
    coOwnerIds: c.coOwners.map((o) => o.organisationId),
    challengeAreaIds: c.challengeAreas.map((a) => a.challengeAreaId),
    contactName: c.contactName ?? "",
    contactRole: c.contactRole ?? "",
    contactEmail: c.contactEmail ?? "",
    results: c.results.map((r) => ({
      indicator: r.indicator,
      unit: r.unit,
      baseline: decimalValue(r.baseline, locale),
      result: decimalValue(r.result, locale),
      period: r.period,
    })),
  };
}

export interface ConflictView {
  version: number;
  /** The content version the user has now seen (the next no-JS save of the sections is based on it). */
  contentVersion: number;
  title: string;
  summary: string;
  sections: Array<{ key: SectionKey; text: string }>;
  savedBy: string | null;
  savedAt: string;
}

/** The version someone else saved, as plain text the user can copy from while merging. */
export function conflictView(c: CaseWithRelations, locale: AppLocale): ConflictView {
  const sections = (c.sections ?? {}) as Partial<Record<SectionKey, Parameters<typeof docToText>[0]>>;
  return {
    version: c.version,
    contentVersion: c.contentVersion,
    title: c.title,
    summary: c.summary,
    sections: SECTION_KEYS.map((key) => ({ key, text: docToText(sections[key]) })).filter((s) => s.text.trim()),
    savedBy: c.updatedBy?.name ?? null,
    savedAt: formatDate(c.updatedAt, locale, { dateStyle: "long", timeStyle: "short" }),
  };
}
