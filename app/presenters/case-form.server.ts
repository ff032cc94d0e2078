/**
 * The case create/edit form's data: option lists for this viewer, a stored case as form
 * values, and the "someone else saved" view shown on an edit conflict.
 */
import { docToText, SECTION_KEYS, type SectionKey } from "~/editor/sections";
import type { CaseWithRelations } from "~/models/case.server";
import type { CaseFormChoices } from "~/models/case-form.server";
import { areaName } from "~/models/challenge-area.server";
import { canSetCaseOwner } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";
import type { CaseFormValues } from "~/schemas/case-form";
import { formatDate, type AppLocale } from "~/utils/i18n";
import { presentReuseFactValues } from "./reuse-facts.server";

/**
 * Option lists for the form. Owner choices are the organisations this viewer may make the
 * owner (for an existing case: the current owner plus, if they may move it, their own).
 */
export function presentCaseFormOptions(choices: CaseFormChoices, viewer: Viewer, locale: AppLocale, currentOwnerId?: string) {
  return {
    organisations: choices.organisations,
    ownerOptions: choices.organisations.filter((o) => canSetCaseOwner(viewer, o.id, currentOwnerId)),
    challengeAreas: choices.areas.map((a) => ({ id: a.id, name: areaName(a, locale) })),
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

/** A stored case as the form shows it (strings as a person of this language would type them). */
export function presentCaseFormValues(c: CaseWithRelations, locale: AppLocale): CaseFormValues {
  const sections = (c.sections ?? {}) as Partial<Record<SectionKey, unknown>>;
  return {
    title: c.title,
    summary: c.summary,
    sections: Object.fromEntries(SECTION_KEYS.map((k) => [k, sections[k] ? JSON.stringify(sections[k]) : ""])) as Record<
      SectionKey,
      string
    >,
    status: c.status,
    visibility: c.visibility,
    contentLanguage: c.contentLanguage,
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
    reuse: presentReuseFactValues(c, locale),
    whatWeChanged: c.whatWeChanged ?? "",
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
export function presentCaseConflict(c: CaseWithRelations, locale: AppLocale): ConflictView {
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
