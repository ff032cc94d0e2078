/**
 * A case in a list (front page, area pages; later digests and exports): only what the card
 * shows, so lists stay small. Input: a case from listCases().
 */
import type { AppLocale } from "~/utils/i18n";

export type CaseStatusValue = "IDEA" | "PILOTING" | "IMPLEMENTED" | "SCALED" | "DISCONTINUED";
export type CaseVisibilityValue = "DRAFT" | "MEMBERS" | "PUBLIC";

export interface CaseCardData {
  slug: string;
  title: string;
  summary: string;
  status: CaseStatusValue;
  visibility: CaseVisibilityValue;
  updatedAt: string;
  ownerName: string;
  areas: Array<{ slug: string; name: string }>;
  /** The language the case is written in (lang= on its title and summary). */
  lang: string;
}

const SUMMARY_MAX = 220;

/** Cuts at a word boundary so cards in a grid stay about the same height. */
export function trimSummary(text: string, max = SUMMARY_MAX) {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")} …`;
}

export function presentCaseCard(
  c: {
    slug: string;
    title: string;
    summary: string;
    status: CaseStatusValue;
    visibility: CaseVisibilityValue;
    updatedAt: Date | string;
    contentLanguage?: string;
    owner: { name: string };
    challengeAreas: Array<{ challengeArea: { slug: string; nameNb: string; nameEn: string; sortOrder: number } }>;
  },
  locale: AppLocale,
): CaseCardData {
  return {
    slug: c.slug,
    title: c.title,
    summary: trimSummary(c.summary),
    status: c.status,
    visibility: c.visibility,
    updatedAt: new Date(c.updatedAt).toISOString(),
    ownerName: c.owner.name,
    lang: c.contentLanguage ?? "nb",
    areas: c.challengeAreas
      .map((a) => a.challengeArea)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.nameNb.localeCompare(b.nameNb, "nb"))
      .map((a) => ({ slug: a.slug, name: locale === "en" ? a.nameEn : a.nameNb })),
  };
}
