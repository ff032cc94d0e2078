/** Challenge areas as lists show them: name and description in the reader's language, and how many cases the viewer can see. */
import type { AppLocale } from "~/utils/i18n";

export interface AreaSummary {
  slug: string;
  name: string;
  description: string;
  count: number;
}

export function presentAreaSummary(
  area: { id: string; slug: string; nameNb: string; nameEn: string; descriptionNb: string; descriptionEn: string },
  counts: Record<string, number>,
  locale: AppLocale,
): AreaSummary {
  return {
    slug: area.slug,
    name: locale === "en" ? area.nameEn : area.nameNb,
    description: locale === "en" ? area.descriptionEn : area.descriptionNb,
    count: counts[area.id] ?? 0,
  };
}
