/**
 * One pure reader for a month as people type it: "2024-03", "03.2024", "032024",
 * "mars 2024", "March 2024", "mar 2024" ... -> "YYYY-MM". Used by the case schema
 * (form, importer), so the browser needs no month picker and nothing typed is dropped.
 */

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export type MonthParse = { ok: true; value: string } | { ok: false };

/** Norwegian and English month names; a 3-letter prefix of either also counts ("mar", "okt", "dec"). */
const MONTH_NAMES: ReadonlyArray<readonly string[]> = [
  ["januar", "january"],
  ["februar", "february"],
  ["mars", "march"],
  ["april"],
  ["mai", "may"],
  ["juni", "june"],
  ["juli", "july"],
  ["august"],
  ["september", "sept"],
  ["oktober", "october"],
  ["november"],
  ["desember", "december"],
];

const BY_NAME = new Map<string, number>();
MONTH_NAMES.forEach((names, i) => {
  for (const name of names) {
    BY_NAME.set(name, i + 1);
    BY_NAME.set(name.slice(0, 3), i + 1);
  }
});

function result(year: number, month: number): MonthParse {
  if (!Number.isInteger(year) || !Number.isInteger(month)) return { ok: false };
  if (month < 1 || month > 12 || year < MIN_YEAR || year > MAX_YEAR) return { ok: false };
  return { ok: true, value: `${year}-${String(month).padStart(2, "0")}` };
}

/**
 * `input` -> { ok: true, value: "YYYY-MM" } or { ok: false }. Empty input is not a month
 * (callers decide whether the field is optional). Also takes "YYYY-MM-DD" (ISO dates from
 * the importer and old links), keeping only the month.
 */
export function parseMonth(input: string): MonthParse {
  // NFC so a decomposed "å" matches; all Unicode spaces (no-break, narrow) count as spaces.
  const s = input
    .normalize("NFC")
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .trim()
    .toLowerCase();
  if (!s) return { ok: false };

  let m = /^(\d{4})\s?[-./ ]\s?(\d{1,2})(?:[-./](\d{1,2}))?$/.exec(s);
  if (m) {
    if (m[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > 31)) return { ok: false };
    return result(Number(m[1]), Number(m[2]));
  }
  m = /^(\d{1,2})\s?[-./ ]\s?(\d{4})$/.exec(s);
  if (m) return result(Number(m[2]), Number(m[1]));
  if (/^\d{6}$/.test(s)) {
    // "032024" (MMYYYY), else "202403" (YYYYMM): at most one of them is a possible month.
    const mmyyyy = result(Number(s.slice(2)), Number(s.slice(0, 2)));
    return mmyyyy.ok ? mmyyyy : result(Number(s.slice(0, 4)), Number(s.slice(4)));
  }
  m = /^(\p{L}+)\.?,?\s?(\d{4})$/u.exec(s); // "mars 2024", "mar. 2024", "March, 2024"
  if (m) {
    const month = BY_NAME.get(m[1]);
    return month ? result(Number(m[2]), month) : { ok: false };
  }
  return { ok: false };
}
