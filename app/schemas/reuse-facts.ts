/**
 * Facts for reuse (docs/decisions/018-reuse-facts.md): what it cost, the effort, how long it
 * took, how large the municipality is, who it is for, what it takes to reuse it, and links
 * to reports. All optional. One reader for numbers as Norwegians type them ("1 200 000",
 * "kr 250 000", "1.200.000", "1,5 mill.", "ca. 25 000 innbyggere"), shared by the case form
 * (browser and server) and the importer. Messages are translation keys ("reuse:errors.*").
 */
import { z } from "zod";

export const MAX_REPORT_LINKS = 10;

/** Bounds: anything outside is a typing mistake, answered with a field error (never a database error). */
export const REUSE_LIMITS = {
  /** NOK, one-off and yearly: the column is a 32-bit integer; 1 billion is far above any case. */
  cost: 1_000_000_000,
  /** Person-months, one decimal (DECIMAL(7,1)). */
  effort: 10_000,
  /** Months (50 years). */
  duration: 600,
  /** Inhabitants: a little above Norway's population (a national body may report the whole country). */
  inhabitants: 10_000_000,
  targetGroup: 200,
  prerequisites: 4000,
  linkTitle: 200,
  linkUrl: 2000,
} as const;

export type NumberFactKind = "cost" | "effort" | "duration" | "inhabitants";

export const NUMBER_FACTS = {
  costOneOffNok: "cost",
  costYearlyNok: "cost",
  effortPersonMonths: "effort",
  durationMonths: "duration",
  inhabitants: "inhabitants",
} as const satisfies Record<string, NumberFactKind>;

export type NumberFactKey = keyof typeof NUMBER_FACTS;
export const NUMBER_FACT_KEYS = Object.keys(NUMBER_FACTS) as NumberFactKey[];
export const TEXT_FACT_KEYS = ["targetGroup", "prerequisites"] as const;
export type TextFactKey = (typeof TEXT_FACT_KEYS)[number];
/** Every scalar fact, in the order the form and the case page show them. */
export const REUSE_FACT_KEYS = [...NUMBER_FACT_KEYS, ...TEXT_FACT_KEYS] as const;
export type ReuseFactKey = NumberFactKey | TextFactKey;

/** Unit words people write after (or before) the number, per kind; compared lower-cased. */
const UNIT_WORDS: Record<NumberFactKind, string[]> = {
  cost: ["kroner", "kr.", "kr", "nok", ",-", ".-"],
  effort: [
    "personmåneder",
    "personmånader",
    "personmåned",
    "månedsverk",
    "månadsverk",
    "person-months",
    "person months",
    "person-month",
    "pm",
  ],
  duration: ["måneder", "månader", "måned", "månad", "mnd.", "mnd", "months", "month", "mths"],
  inhabitants: ["innbyggere", "innbyggjarar", "innbyggjare", "innbygg.", "innb.", "innb", "inhabitants", "residents", "people"],
};
const APPROX_WORDS = ["ca.", "ca", "cirka", "omtrent", "om lag", "about", "approx.", "approx", "~", "≈"];
/** Multipliers for costs: "1,5 mill.", "2 millioner", "300 tusen", "0,5 mrd". */
const MULTIPLIERS: Array<[string, number]> = [
  ["milliarder", 1e9],
  ["milliard", 1e9],
  ["mrd.", 1e9],
  ["mrd", 1e9],
  ["billion", 1e9],
  ["millioner", 1e6],
  ["millionar", 1e6],
  ["millions", 1e6],
  ["million", 1e6],
  ["mill.", 1e6],
  ["mill", 1e6],
  ["mnok", 1e6],
  ["tusen", 1e3],
  ["thousand", 1e3],
];

export type NumberParse = { ok: true; value: number } | { ok: false; message: string };

const fail = (message: string): NumberParse => ({ ok: false, message });

function stripWord(s: string, words: readonly string[]): string {
  for (const w of words) {
    if (s.startsWith(w) && (w.length === 1 || !/\p{L}/u.test(s.charAt(w.length)) || /[.,-]$/.test(w))) {
      return s.slice(w.length).trim();
    }
    if (s.endsWith(w)) {
      const before = s.charAt(s.length - w.length - 1);
      if (w.length === 1 || !/\p{L}/u.test(before) || /^[.,]/.test(w)) return s.slice(0, s.length - w.length).trim();
    }
  }
  return s;
}

/** "1 200 000" / "1.200.000" / "1,200,000" / "12,5" / "12.5" -> the number (no sign, no units). */
function readDigits(s: string, kind: NumberFactKind): number | null {
  if (/\s/.test(s)) {
    // Spaces only as thousands separators: "1 200 000", "1 200 000,50".
    if (!/^\d{1,3}( \d{3})+([.,]\d+)?$/.test(s)) return null;
    s = s.replace(/ /g, "");
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  const grouped = (sep: string) => new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`);
  let intPart = s;
  let fraction = "";
  if (dots && commas) {
    // The last separator is the decimal one: "1.200.000,50" (nb) or "1,200,000.50" (en).
    const dec = s.lastIndexOf(",") > s.lastIndexOf(".") ? "," : ".";
    const group = dec === "," ? "." : ",";
    const at = s.lastIndexOf(dec);
    intPart = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (intPart.includes(dec) || !grouped(group).test(intPart)) return null;
    intPart = intPart.split(group).join("");
  } else if (dots + commas > 1) {
    const sep = dots ? "." : ",";
    if (!grouped(sep).test(s)) return null;
    intPart = s.split(sep).join("");
  } else if (dots + commas === 1) {
    const sep = dots ? "." : ",";
    const [a, b] = s.split(sep);
    // "1.200" and "1,200" in a whole-number field are twelve hundred; "12,5" and "12.5" are decimals.
    if (kind !== "effort" && /^\d{1,3}$/.test(a) && /^\d{3}$/.test(b)) {
      intPart = a + b;
    } else {
      intPart = a;
      fraction = b;
    }
  }
  if (!/^\d+$/.test(intPart) || (fraction && !/^\d+$/.test(fraction))) return null;
  return Number(fraction ? `${intPart}.${fraction}` : intPart);
}

/**
 * A number fact as typed -> its value, or the translation key of what is wrong. Empty input
 * is not handled here (the schema makes it null).
 */
export function parseFactNumber(input: string, kind: NumberFactKind): NumberParse {
  let s = input
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\u00a0\u202f\u2009]+/g, " ")
    .replace(/[\u2212\u2013]/g, "-")
    .trim();
  if (s.length > 60) return fail(`reuse:errors.number.${kind}`);
  let negative = false;
  let multiplier = 1;
  // Words may come in any order around the number: "ca. kr 1,5 mill.", "kr -250 000,-".
  for (let round = 0; round < 6; round++) {
    const before = s;
    s = stripWord(s, APPROX_WORDS);
    s = stripWord(s, UNIT_WORDS[kind]);
    if (kind === "cost" && multiplier === 1) {
      for (const [word, factor] of MULTIPLIERS) {
        const stripped = stripWord(s, [word]);
        if (stripped !== s && /\d$/.test(stripped)) {
          s = stripped;
          multiplier = factor;
          break;
        }
      }
    }
    if (s.startsWith("-")) {
      negative = true;
      s = s.slice(1).trim();
    }
    if (s === before) break;
  }
  const n = readDigits(s, kind);
  if (n === null || !Number.isFinite(n)) return fail(`reuse:errors.number.${kind}`);
  if (negative && n !== 0) return fail("reuse:errors.negative");
  const value = n * multiplier;
  if (value > REUSE_LIMITS[kind]) return fail(`reuse:errors.max.${kind}`);
  if (kind === "cost") return { ok: true, value: Math.round(value) };
  if (kind === "effort") {
    const tenths = value * 10;
    if (Math.abs(tenths - Math.round(tenths)) > 1e-9) return fail("reuse:errors.oneDecimal");
    return { ok: true, value: Math.round(tenths) / 10 };
  }
  if (!Number.isInteger(value)) return fail("reuse:errors.wholeNumber");
  if (kind === "inhabitants" && value < 1) return fail("reuse:errors.min.inhabitants");
  return { ok: true, value };
}

const numberFact = (kind: NumberFactKind) =>
  z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v, ctx): number | null => {
      if (v === undefined || v === null) return null;
      const s = typeof v === "number" ? String(v) : v;
      if (!s.trim()) return null;
      const parsed = parseFactNumber(s, kind);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }
      return parsed.value;
    });

/** One-line text; empty -> null. */
const lineFact = (max: number) =>
  z
    .string()
    .nullish()
    .transform((v) => (v ?? "").replace(/[\s\u00a0]+/g, " ").trim())
    .pipe(z.string().max(max, "validation.tooLong"))
    .transform((v) => v || null);

/** Text with paragraphs (kept as typed, line endings normalised); empty -> null. */
const paragraphsFact = (max: number) =>
  z
    .string()
    .nullish()
    .transform((v) =>
      (v ?? "")
        .replace(/\r\n?/g, "\n")
        .replace(/[ \t]+\n/g, "\n")
        .replace(/\n{3,}/g, "\n\n")
        .trim(),
    )
    .pipe(z.string().max(max, "validation.tooLong"))
    .transform((v) => v || null);

/**
 * A report address as typed -> an absolute http(s) URL, or null. "www.ks.no/rapport" gets
 * "https://"; any other scheme (javascript:, data:, mailto:) and addresses with a user name
 * or password are refused.
 */
export function normaliseReportUrl(input: string): string | null {
  let s = input.trim();
  if (!s || /[\s<>"]/.test(s)) return null;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) {
    if (!/^(www\.)?[\p{L}\d-]+(\.[\p{L}\d-]+)*\.[\p{L}]{2,}(:\d+)?([/?#]|$)/iu.test(s)) return null;
    s = `https://${s}`;
  }
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (!url.hostname || url.username || url.password) return null;
  return url.href;
}

export interface ReportLink {
  title: string;
  url: string;
}

const ReportLinkSchema = z
  .object({
    title: z
      .string()
      .nullish()
      .transform((v) => (v ?? "").replace(/[\s\u00a0]+/g, " ").trim())
      .pipe(z.string().max(REUSE_LIMITS.linkTitle, "validation.tooLong")),
    url: z
      .string({ message: "reuse:errors.urlRequired" })
      .nullish()
      .transform((v, ctx) => {
        const typed = (v ?? "").trim();
        if (!typed) {
          ctx.addIssue({ code: "custom", message: "reuse:errors.urlRequired" });
          return z.NEVER;
        }
        if (typed.length > REUSE_LIMITS.linkUrl) {
          ctx.addIssue({ code: "custom", message: "validation.tooLong" });
          return z.NEVER;
        }
        const url = normaliseReportUrl(typed);
        if (!url) {
          ctx.addIssue({ code: "custom", message: "reuse:errors.url" });
          return z.NEVER;
        }
        return url;
      }),
  })
  .transform((l): ReportLink => l);

/** The facts' part of the case input (spread into CaseInputSchema). */
export const reuseFactsShape = {
  costOneOffNok: numberFact("cost"),
  costYearlyNok: numberFact("cost"),
  effortPersonMonths: numberFact("effort"),
  durationMonths: numberFact("duration"),
  inhabitants: numberFact("inhabitants"),
  targetGroup: lineFact(REUSE_LIMITS.targetGroup),
  prerequisites: paragraphsFact(REUSE_LIMITS.prerequisites),
  reportLinks: z
    .array(ReportLinkSchema, { message: "validation.invalid" })
    .max(MAX_REPORT_LINKS, "reuse:errors.tooManyLinks")
    .nullish()
    .transform((v) => v ?? []),
};

export const ReuseFactsSchema = z.object(reuseFactsShape);
export type ReuseFacts = z.output<typeof ReuseFactsSchema>;

export function emptyReuseFacts(): ReuseFacts {
  return {
    costOneOffNok: null,
    costYearlyNok: null,
    effortPersonMonths: null,
    durationMonths: null,
    inhabitants: null,
    targetGroup: null,
    prerequisites: null,
    reportLinks: [],
  };
}

/** Stored report links (JSON column, revision snapshots) -> a clean list; anything odd is left out. */
export function storedReportLinks(value: unknown): ReportLink[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((l): l is ReportLink => !!l && typeof l === "object" && typeof l.url === "string" && typeof (l.title ?? "") === "string")
    .map((l) => ({ title: l.title ?? "", url: l.url }))
    .filter((l) => normaliseReportUrl(l.url) !== null)
    .slice(0, MAX_REPORT_LINKS);
}

// ---------------------------------------------------------------- search

/** Municipality size brackets for the search facet, by upper bound (exclusive). */
export const SIZE_BRACKETS = [
  { key: "under5k", below: 5_000 },
  { key: "from5kTo20k", below: 20_000 },
  { key: "from20kTo100k", below: 100_000 },
  { key: "over100k", below: Number.POSITIVE_INFINITY },
] as const;
export type SizeBracket = (typeof SIZE_BRACKETS)[number]["key"];
export const SIZE_BRACKET_KEYS = SIZE_BRACKETS.map((b) => b.key) as SizeBracket[];

/** The bracket of a number of inhabitants; null when unknown. */
export function sizeBracketOf(inhabitants: number | null | undefined): SizeBracket | null {
  if (inhabitants === null || inhabitants === undefined) return null;
  return SIZE_BRACKETS.find((b) => inhabitants < b.below)!.key;
}

/** "yes" when a case gives a one-off or yearly cost (the search facet "with cost figures"). */
export function costFiguresOf(c: { costOneOffNok: number | null; costYearlyNok: number | null }): "yes" | "no" {
  return c.costOneOffNok !== null || c.costYearlyNok !== null ? "yes" : "no";
}

// ---------------------------------------------------------------- the case page

/** One fact on the case page: `valueKey` is a reuse:view.* key that takes { value, count }. */
export interface ReuseFactItem {
  key: "costOneOffNok" | "costYearlyNok" | "effortPersonMonths" | "durationMonths" | "inhabitants";
  valueKey: string;
  value: string;
  count: number;
}

export interface ReuseFactsView {
  numbers: ReuseFactItem[];
  targetGroup: string | null;
  /** Paragraphs of "what it takes", as typed (rendered as text, never as HTML). */
  prerequisites: string[];
  reportLinks: Array<{ title: string; url: string; host: string }>;
}

// ---------------------------------------------------------------- the form

/** The facts as the form holds them: strings exactly as typed. */
export type ReuseFactValues = Record<ReuseFactKey, string> & { reportLinks: ReportLink[] };

export function emptyReuseFactValues(): ReuseFactValues {
  return {
    costOneOffNok: "",
    costYearlyNok: "",
    effortPersonMonths: "",
    durationMonths: "",
    inhabitants: "",
    targetGroup: "",
    prerequisites: "",
    reportLinks: [],
  };
}

/** Report link rows in the order of their indexes (empty rows kept: "add another link"). */
function rawReportLinks(form: FormData): ReportLink[] {
  const rows = new Map<number, ReportLink>();
  for (const [key, value] of form.entries()) {
    const m = /^reportLinks\.(\d{1,3})\.(title|url)$/.exec(key);
    if (!m || typeof value !== "string") continue;
    const i = Number(m[1]);
    const row = rows.get(i) ?? { title: "", url: "" };
    row[m[2] as "title" | "url"] = value;
    rows.set(i, row);
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
}

const isEmptyLink = (l: ReportLink) => !l.title.trim() && !l.url.trim();

/**
 * The facts as typed. Rows left empty are dropped unless `keepEmptyLinks` (re-rendering
 * the form after "add another link"); error keys ("reportLinks.1.url") then still point
 * at the row the person typed in, because the form is rendered from these same rows.
 */
export function reuseFactValuesFromForm(form: FormData, options: { keepEmptyLinks?: boolean } = {}): ReuseFactValues {
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const links = rawReportLinks(form);
  return {
    ...(Object.fromEntries(REUSE_FACT_KEYS.map((k) => [k, get(k)])) as Record<ReuseFactKey, string>),
    reportLinks: options.keepEmptyLinks ? links : links.filter((l) => !isEmptyLink(l)),
  };
}

/** The facts of a posted form, shaped for reuseFactsShape (rows left empty are dropped). */
export function reuseFactsFormToInput(form: FormData): Record<string, unknown> {
  const { reportLinks, ...rest } = reuseFactValuesFromForm(form);
  return { ...rest, reportLinks };
}

/** Any fact typed (or any error on one): the form's facts group opens. */
export function hasReuseFactValues(values: ReuseFactValues | undefined, errors: Record<string, string> = {}) {
  if (Object.keys(errors).some((k) => isReuseFactField(k))) return true;
  if (!values) return false;
  return REUSE_FACT_KEYS.some((k) => values[k].trim() !== "") || values.reportLinks.some((l) => !isEmptyLink(l));
}

export function isReuseFactField(name: string) {
  return (REUSE_FACT_KEYS as readonly string[]).includes(name) || name === "reportLinks" || name.startsWith("reportLinks.");
}
