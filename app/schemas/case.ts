/**
 * Case input: one schema for the create/edit form, the importer and (later) APIs.
 * Messages are translation keys (common: "validation.*", cases: "cases:errors.*").
 */
import { z } from "zod";
import { optionalText } from "./fields";
import { parseMonth } from "./month";
import { reuseFactsFormToInput, reuseFactsShape, type ReuseFacts } from "./reuse-facts";
import { SECTION_PROBLEM_MESSAGE, sectionProblem } from "~/editor/limits";
import { SECTION_KEYS, textToDoc, type TipTapDoc } from "~/editor/sections";

export const CASE_STATUSES = ["IDEA", "PILOTING", "IMPLEMENTED", "SCALED", "DISCONTINUED"] as const;
export const VISIBILITIES = ["DRAFT", "MEMBERS", "PUBLIC"] as const;
export const WHAT_WE_CHANGED_MAX = 5000;
/** The languages a case can be written in (its content, marked with lang=; issue 15, defect 3). */
export const CONTENT_LANGUAGES = ["nb", "nn", "en"] as const;
export type ContentLanguageValue = (typeof CONTENT_LANGUAGES)[number];

/** "12,5" or "12.5" or "1 200" -> 12.5 / 1200; empty -> null. */
const decimalInput = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === null || v === "") return null;
    if (typeof v === "number") return v;
    // Spaces, no-break and narrow no-break spaces are thousands separators in Norwegian;
    // U+2212 is the typographic minus that Intl produces for nb.
    const normalised = v
      .replace(/[\s\u00a0\u202f]/g, "")
      .replace("\u2212", "-")
      .replace(",", ".");
    if (!/^-?\d+(\.\d+)?$/.test(normalised)) {
      ctx.addIssue({ code: "custom", message: "validation.number" });
      return z.NEVER;
    }
    const n = Number(normalised);
    // The column is DECIMAL(18,4): anything larger would fail in the database, not here.
    if (Math.abs(n) >= 1e14) {
      ctx.addIssue({ code: "custom", message: "cases:errors.number" });
      return z.NEVER;
    }
    return n;
  });

/** A month as people type it ("2024-03", "03.2024", "mars 2024", see ./month) -> Date at the first of that month; empty -> null. */
const monthInput = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v || !v.trim()) return null;
    const parsed = parseMonth(v);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: "cases:errors.month" });
      return z.NEVER;
    }
    const [year, month] = parsed.value.split("-").map(Number);
    return new Date(Date.UTC(year, month - 1, 1));
  });

/**
 * A section arrives either as TipTap JSON (the rich editor) or as plain text (the no-JS
 * textarea). Validity against the editor schema is checked in the model, which has the
 * schema on the server.
 */
const sectionInput = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .optional()
  .transform((v): TipTapDoc => {
    if (v === undefined || v === "") return textToDoc("");
    if (typeof v === "object") return v as unknown as TipTapDoc;
    const trimmed = v.trim();
    if (trimmed.startsWith("{")) {
      // Only a whole TipTap document counts as rich content. Anything else that merely
      // starts with "{" is text a person typed (no-JS textarea): keep it as text.
      try {
        const parsed = JSON.parse(trimmed);
        if (parsed && typeof parsed === "object" && parsed.type === "doc") return parsed;
      } catch {
        /* typed text */
      }
    }
    return textToDoc(v);
  })
  // One set of limits for the form, the importer and live editing (app/editor/limits.ts).
  .superRefine((doc, ctx) => {
    const problem = sectionProblem(doc);
    if (problem) ctx.addIssue({ code: "custom", message: SECTION_PROBLEM_MESSAGE[problem] });
  });

const CaseResultSchema = z.object({
  indicator: z.string({ message: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong"),
  unit: z.string().trim().max(50, "validation.tooLong").default(""),
  baseline: decimalInput,
  result: decimalInput,
  period: z.string().trim().max(100, "validation.tooLong").default(""),
});

export const CaseInputSchema = z
  .object({
    title: z
      .string({ message: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .min(3, "cases:errors.titleShort")
      .max(200, "validation.tooLong"),
    summary: z.string({ message: "cases:errors.summaryShort" }).trim().min(10, "cases:errors.summaryShort").max(1500, "validation.tooLong"),
    sections: z.object(
      Object.fromEntries(SECTION_KEYS.map((k) => [k, sectionInput])) as Record<(typeof SECTION_KEYS)[number], typeof sectionInput>,
    ),
    status: z.enum(CASE_STATUSES, { message: "validation.invalid" }),
    visibility: z.enum(VISIBILITIES, { message: "validation.invalid" }),
    contentLanguage: z.enum(CONTENT_LANGUAGES, { message: "validation.invalid" }).default("nb"),
    periodStart: monthInput,
    periodEnd: monthInput,
    ownerOrganisationId: z.string({ message: "cases:errors.owner" }).min(1, "cases:errors.owner"),
    coOwnerIds: z.array(z.string().min(1)).default([]),
    challengeAreaIds: z.array(z.string().min(1)).min(1, "validation.chooseOne"),
    contactName: optionalText(200),
    contactRole: optionalText(200),
    contactEmail: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.toLowerCase() : null))
      .pipe(z.email("validation.email").nullable()),
    results: z.array(CaseResultSchema).max(50).default([]),
    ...reuseFactsShape,
    /** "Hva vi endret" of an adapted case (docs/decisions/017-adaptations.md): plain text. */
    whatWeChanged: optionalText(WHAT_WE_CHANGED_MAX),
  })
  .refine((v) => !(v.periodStart && v.periodEnd && v.periodEnd < v.periodStart), {
    path: ["periodEnd"],
    message: "cases:errors.periodOrder",
    // Also when other fields are wrong, so the person sees every problem in one go
    // (zod skips refinements of an object with issues unless told otherwise).
    when: (payload) => {
      const v = payload.value as { periodStart?: unknown; periodEnd?: unknown } | undefined;
      return v?.periodStart instanceof Date && v?.periodEnd instanceof Date;
    },
  })
  .transform((v) => ({ ...v, coOwnerIds: [...new Set(v.coOwnerIds)].filter((id) => id !== v.ownerOrganisationId) }));

/**
 * The facts for reuse may be left out when code builds an input by hand (none = all empty);
 * so may `whatWeChanged` (the stored value then stays).
 */
export type CaseInput = Omit<z.output<typeof CaseInputSchema>, keyof ReuseFacts | "whatWeChanged"> &
  Partial<ReuseFacts> & { whatWeChanged?: string | null };
export type CaseInputRaw = z.input<typeof CaseInputSchema>;

/**
 * Flat form fields -> the nested shape CaseInputSchema expects:
 * `sections.challenge`, `results.0.indicator`, repeated `challengeAreaIds` / `coOwnerIds`.
 */
export function caseFormToInput(form: FormData): Record<string, unknown> {
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  // A Map, not an array indexed by the row number: "results.999999999.unit" must not
  // make a billion-slot array.
  const rows = new Map<number, Record<string, string>>();
  for (const [key, value] of form.entries()) {
    const m = /^results\.(\d+)\.(indicator|unit|baseline|result|period)$/.exec(key);
    if (m && typeof value === "string") {
      const i = Number(m[1]);
      const row = rows.get(i) ?? {};
      row[m[2]] = value;
      rows.set(i, row);
    }
  }
  const results = [...rows.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
  return {
    title: get("title"),
    summary: get("summary"),
    sections: Object.fromEntries(SECTION_KEYS.map((k) => [k, get(`sections.${k}`)])),
    status: get("status"),
    visibility: get("visibility"),
    contentLanguage: get("contentLanguage"),
    periodStart: get("periodStart"),
    periodEnd: get("periodEnd"),
    ownerOrganisationId: get("ownerOrganisationId"),
    coOwnerIds: form.getAll("coOwnerIds").filter((v): v is string => typeof v === "string" && v !== ""),
    challengeAreaIds: form.getAll("challengeAreaIds").filter((v): v is string => typeof v === "string" && v !== ""),
    contactName: get("contactName"),
    contactRole: get("contactRole"),
    contactEmail: get("contactEmail"),
    // Rows the user left completely empty are dropped, not reported as errors.
    results: results.filter((r) => Object.values(r).some((v) => v.trim() !== "")),
    ...reuseFactsFormToInput(form),
    whatWeChanged: get("whatWeChanged"),
  };
}
