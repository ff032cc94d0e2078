/**
 * The facts for reuse of a stored case: as the case page shows them (only the facts that
 * are set, numbers formatted for the reader's language) and as the edit form shows them
 * (strings as a person of that language would type them).
 */
import { reuseFactsInputOfSnapshot, reuseFactsSnapshot, type ReuseFactsSnapshot } from "~/models/case-reuse-facts.server";
import { type ReportLink, type ReuseFactItem, type ReuseFactValues, type ReuseFactsView } from "~/schemas/reuse-facts";
import { formatNumber, getFixedT, type AppLocale } from "~/utils/i18n";

type ReuseFactRow = Parameters<typeof reuseFactsSnapshot>[0];

/** Thousands grouped with ordinary spaces ("1 200 000"), as people write and as the form reads back. */
function grouped(n: number, locale: AppLocale, fractionDigits = 0) {
  return formatNumber(n, locale, { maximumFractionDigits: fractionDigits }).replace(/[\u00a0\u202f]/g, " ");
}

/** The facts that are set, ready for the case page's facts box; null when none is. */
export function presentReuseFacts(c: ReuseFactRow, locale: AppLocale): ReuseFactsView | null {
  const f = reuseFactsSnapshot(c);
  const numbers: ReuseFactItem[] = [];
  const add = (key: ReuseFactItem["key"], valueKey: string, n: number | null, digits = 0) => {
    if (n !== null) numbers.push({ key, valueKey, value: grouped(n, locale, digits), count: n });
  };
  add("costOneOffNok", "view.costValue", f.costOneOffNok);
  add("costYearlyNok", "view.costYearlyValue", f.costYearlyNok);
  add("effortPersonMonths", "view.effortValue", f.effortPersonMonths === null ? null : Number(f.effortPersonMonths), 1);
  add("durationMonths", "view.durationValue", f.durationMonths);
  add("inhabitants", "view.inhabitantsValue", f.inhabitants);
  const prerequisites = (f.prerequisites ?? "")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const reportLinks = f.reportLinks.map((l: ReportLink) => {
    const url = new URL(l.url);
    const host = url.hostname.replace(/^www\./, "");
    return { title: l.title || `${host}${url.pathname === "/" ? "" : url.pathname}`, url: url.href, host };
  });
  if (!numbers.length && !f.targetGroup && !prerequisites.length && !reportLinks.length) return null;
  return { numbers, targetGroup: f.targetGroup, prerequisites, reportLinks };
}

/** A stored number as people type it in either language: "1 200 000"; "1,5" (nb) or "1.5" (en). */
function typed(n: number | null, locale: AppLocale) {
  if (n === null) return "";
  const [int, fraction] = String(n).split(".");
  const spaced = int.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return fraction ? `${spaced}${locale === "nb" ? "," : "."}${fraction}` : spaced;
}

/** The stored facts as the form shows them. */
export function presentReuseFactValues(c: ReuseFactRow, locale: AppLocale): ReuseFactValues {
  const f = reuseFactsSnapshot(c);
  const num = (n: number | null) => typed(n, locale);
  return {
    costOneOffNok: num(f.costOneOffNok),
    costYearlyNok: num(f.costYearlyNok),
    effortPersonMonths: num(f.effortPersonMonths === null ? null : Number(f.effortPersonMonths)),
    durationMonths: num(f.durationMonths),
    inhabitants: num(f.inhabitants),
    targetGroup: f.targetGroup ?? "",
    prerequisites: f.prerequisites ?? "",
    reportLinks: f.reportLinks,
  };
}

export const REUSE_META_KEYS = [
  "costOneOffNok",
  "costYearlyNok",
  "effortPersonMonths",
  "durationMonths",
  "inhabitants",
  "targetGroup",
  "prerequisites",
  "reportLinks",
] as const;
export type ReuseMetaKey = (typeof REUSE_META_KEYS)[number];

/**
 * A revision snapshot's facts as display text for the history (one entry per list item;
 * empty = not set). Snapshots from before the facts existed have none.
 */
export function reuseFactTexts(snapshot: object, locale: AppLocale): Record<ReuseMetaKey, string[]> {
  const f = reuseFactsInputOfSnapshot(snapshot as Partial<ReuseFactsSnapshot>);
  const t = getFixedT(locale, "reuse");
  const num = (valueKey: string, n: number | null, digits = 0) =>
    n === null ? [] : [t(valueKey, { value: grouped(n, locale, digits), count: n })];
  return {
    costOneOffNok: num("view.costValue", f.costOneOffNok),
    costYearlyNok: num("view.costYearlyValue", f.costYearlyNok),
    effortPersonMonths: num("view.effortValue", f.effortPersonMonths, 1),
    durationMonths: num("view.durationValue", f.durationMonths),
    inhabitants: num("view.inhabitantsValue", f.inhabitants),
    targetGroup: f.targetGroup ? [f.targetGroup] : [],
    prerequisites: f.prerequisites ? [f.prerequisites] : [],
    reportLinks: f.reportLinks.map((l) => (l.title ? `${l.title} (${l.url})` : l.url)),
  };
}
