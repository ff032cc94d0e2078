/**
 * The case form as the browser sees it: every value a string, exactly as typed, so a
 * form that failed validation can be put back on screen without losing a character.
 * Shared by the form component (browser) and the create/edit actions (server).
 */
import { SECTION_KEYS, type SectionKey, type TipTapDoc } from "~/editor/sections";
import { fieldErrors } from "~/schemas/errors";
import { caseFormToInput, CaseInputSchema, type CaseInput } from "~/schemas/case";
import { emptyReuseFactValues, MAX_REPORT_LINKS, reuseFactValuesFromForm, type ReuseFactValues } from "~/schemas/reuse-facts";

export const RESULT_FIELDS = ["indicator", "unit", "baseline", "result", "period"] as const;
export type ResultRowValues = Record<(typeof RESULT_FIELDS)[number], string>;

export interface CaseFormValues {
  title: string;
  summary: string;
  /** TipTap JSON (from the rich editor or the database) or plain text (from the no-JS textarea). */
  sections: Record<SectionKey, string>;
  status: string;
  visibility: string;
  contentLanguage: string;
  periodStart: string;
  periodEnd: string;
  ownerOrganisationId: string;
  coOwnerIds: string[];
  challengeAreaIds: string[];
  contactName: string;
  contactRole: string;
  contactEmail: string;
  results: ResultRowValues[];
  /** Facts for reuse (app/schemas/reuse-facts.ts); absent = none typed. */
  reuse?: ReuseFactValues;
  /** Adapted cases only ("Hva vi endret"); "" elsewhere. */
  whatWeChanged: string;
}

export const MAX_RESULT_ROWS = 50;

export function emptyResultRow(): ResultRowValues {
  return { indicator: "", unit: "", baseline: "", result: "", period: "" };
}

export function emptyCaseFormValues(ownerOrganisationId = ""): CaseFormValues {
  return {
    title: "",
    summary: "",
    sections: Object.fromEntries(SECTION_KEYS.map((k) => [k, ""])) as Record<SectionKey, string>,
    status: "IDEA",
    visibility: "DRAFT",
    contentLanguage: "nb",
    periodStart: "",
    periodEnd: "",
    ownerOrganisationId,
    coOwnerIds: [],
    challengeAreaIds: [],
    contactName: "",
    contactRole: "",
    contactEmail: "",
    results: [],
    reuse: emptyReuseFactValues(),
    whatWeChanged: "",
  };
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** Result rows in the order of their indexes, empty rows included (for "add row"). */
function rawResultRows(form: FormData): ResultRowValues[] {
  const rows = new Map<number, ResultRowValues>();
  for (const [key, value] of form.entries()) {
    const m = /^results\.(\d+)\.(indicator|unit|baseline|result|period)$/.exec(key);
    if (!m || typeof value !== "string") continue;
    const i = Number(m[1]);
    const row = rows.get(i) ?? emptyResultRow();
    row[m[2] as keyof ResultRowValues] = value;
    rows.set(i, row);
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
}

/** The form's values exactly as typed. */
export function caseFormValues(form: FormData, options: { keepEmptyResultRows?: boolean; keepEmptyLinks?: boolean } = {}): CaseFormValues {
  const raw = caseFormToInput(form);
  const sections = (raw.sections ?? {}) as Record<string, unknown>;
  return {
    title: str(raw.title),
    summary: str(raw.summary),
    sections: Object.fromEntries(SECTION_KEYS.map((k) => [k, str(sections[k])])) as Record<SectionKey, string>,
    status: str(raw.status),
    visibility: str(raw.visibility),
    contentLanguage: str(raw.contentLanguage),
    periodStart: str(raw.periodStart),
    periodEnd: str(raw.periodEnd),
    ownerOrganisationId: str(raw.ownerOrganisationId),
    coOwnerIds: strs(raw.coOwnerIds),
    challengeAreaIds: strs(raw.challengeAreaIds),
    contactName: str(raw.contactName),
    contactRole: str(raw.contactRole),
    contactEmail: str(raw.contactEmail),
    // caseFormToInput drops rows left completely empty; the echoed rows must be the same
    // rows, in the same order, so that an error on "results.1.baseline" lands on row 2.
    results: options.keepEmptyResultRows
      ? rawResultRows(form)
      : ((raw.results as Array<Record<string, string>>) ?? []).map((r) => ({ ...emptyResultRow(), ...r })),
    reuse: reuseFactValuesFromForm(form, { keepEmptyLinks: options.keepEmptyLinks }),
    whatWeChanged: str(raw.whatWeChanged),
  };
}

export type CaseFormIntent = { type: "save" } | { type: "addResult" } | { type: "removeResult"; index: number } | { type: "addReportLink" };

function caseFormIntent(form: FormData): CaseFormIntent {
  const intent = form.get("intent");
  if (intent === "addResult") return { type: "addResult" };
  if (intent === "addReportLink") return { type: "addReportLink" };
  const remove = typeof intent === "string" ? /^removeResult:(\d+)$/.exec(intent) : null;
  if (remove) return { type: "removeResult", index: Number(remove[1]) };
  return { type: "save" };
}

export type CaseFormOutcome =
  | { kind: "rerender"; values: CaseFormValues }
  | { kind: "invalid"; values: CaseFormValues; errors: Record<string, string> }
  | { kind: "valid"; values: CaseFormValues; input: CaseInput };

/**
 * One submit of the case form. "Add row"/"remove row" (the no-JavaScript way of editing
 * the results table) re-render the form with every typed value kept; "save" validates.
 */
export function readCaseForm(form: FormData): CaseFormOutcome {
  const intent = caseFormIntent(form);
  if (intent.type !== "save") {
    const values = caseFormValues(form, { keepEmptyResultRows: true, keepEmptyLinks: true });
    if (intent.type === "addResult" && values.results.length < MAX_RESULT_ROWS) values.results.push(emptyResultRow());
    if (intent.type === "removeResult") values.results.splice(intent.index, 1);
    const links = values.reuse!.reportLinks;
    if (intent.type === "addReportLink" && links.length < MAX_REPORT_LINKS) links.push({ title: "", url: "" });
    return { kind: "rerender", values };
  }
  const values = caseFormValues(form);
  const parsed = CaseInputSchema.safeParse(caseFormToInput(form));
  if (!parsed.success) return { kind: "invalid", values, errors: fieldErrors(parsed.error) };
  return { kind: "valid", values, input: parsed.data };
}

/**
 * What the form shows for a section value: the document for the rich editor (when the
 * value is TipTap JSON) and the plain text for the no-JavaScript textarea.
 */
export function parseSectionValue(value: string): { doc: TipTapDoc | null; isJson: boolean } {
  const trimmed = value.trim();
  if (!trimmed.startsWith("{")) return { doc: null, isJson: false };
  try {
    const parsed = JSON.parse(trimmed);
    if (parsed && typeof parsed === "object" && parsed.type === "doc") return { doc: parsed as TipTapDoc, isJson: true };
  } catch {
    /* not JSON: shown as typed */
  }
  return { doc: null, isJson: false };
}
