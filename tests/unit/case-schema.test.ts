/**
 * What people type into the case form -> what is stored: Norwegian number formats,
 * months, the period order, empty result rows, plain-text and rich sections.
 */
import { describe, expect, it } from "vitest";
import { caseFormToInput, CaseInputSchema } from "~/schemas/case";
import { caseFormValues, readCaseForm } from "~/schemas/case-form";
import { fieldErrors } from "~/schemas/errors";

function form(fields: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) f.append(k, item);
  return f;
}

const base = {
  title: "Heltidskultur i hjemmetjenesten",
  summary: "Vi økte andelen heltidsstillinger med turnus i langvakter.",
  status: "IMPLEMENTED",
  visibility: "PUBLIC",
  ownerOrganisationId: "org-1",
  challengeAreaIds: "area-1",
};

function parse(fields: Record<string, string | string[]>) {
  return CaseInputSchema.safeParse(caseFormToInput(form({ ...base, ...fields })));
}

function errorsOf(fields: Record<string, string | string[]>) {
  const r = parse(fields);
  if (r.success) throw new Error("expected a validation error");
  return fieldErrors(r.error);
}

describe("case form -> CaseInput", () => {
  it("reads decimal commas, spaces as thousands separators and the typographic minus", () => {
    const r = parse({
      "results.0.indicator": "Sykefravær",
      "results.0.unit": "%",
      "results.0.baseline": "8,4",
      "results.0.result": "6.1",
      "results.1.indicator": "Årsverk",
      "results.1.baseline": "1 200",
      "results.1.result": "1\u00a0350,5",
      "results.2.indicator": "Endring",
      "results.2.result": "\u22123,5",
    });
    expect(r.success).toBe(true);
    expect(r.data!.results.map((x) => [x.baseline, x.result])).toEqual([
      [8.4, 6.1],
      [1200, 1350.5],
      [null, -3.5],
    ]);
  });

  it("rejects a number that is not one, and one too large for the database", () => {
    expect(errorsOf({ "results.0.indicator": "X", "results.0.baseline": "ca. 12" })).toEqual({ "results.0.baseline": "validation.number" });
    expect(errorsOf({ "results.0.indicator": "X", "results.0.result": "1e5" })).toEqual({ "results.0.result": "validation.number" });
    expect(errorsOf({ "results.0.indicator": "X", "results.0.result": "123456789012345" })).toEqual({
      "results.0.result": "cases:errors.number",
    });
  });

  it("turns months as people type them into the first of the month, empty into null", () => {
    const r = parse({ periodStart: "2023-03", periodEnd: "" });
    expect(r.data!.periodStart).toEqual(new Date(Date.UTC(2023, 2, 1)));
    expect(r.data!.periodEnd).toBeNull();
    const typed = parse({ periodStart: "032023", periodEnd: "mars 2024" });
    expect(typed.data!.periodStart).toEqual(new Date(Date.UTC(2023, 2, 1)));
    expect(typed.data!.periodEnd).toEqual(new Date(Date.UTC(2024, 2, 1)));
    expect(parse({ periodStart: "  " }).data!.periodStart).toBeNull();
    expect(errorsOf({ periodStart: "2023-13" })).toEqual({ periodStart: "cases:errors.month" });
    expect(errorsOf({ periodEnd: "13.2023" })).toEqual({ periodEnd: "cases:errors.month" });
    expect(errorsOf({ periodEnd: "snart" })).toEqual({ periodEnd: "cases:errors.month" });
  });

  it("refuses a period that ends before it starts, and accepts a one-month period", () => {
    expect(errorsOf({ periodStart: "2024-05", periodEnd: "2024-03" })).toEqual({ periodEnd: "cases:errors.periodOrder" });
    expect(parse({ periodStart: "2024-05", periodEnd: "2024-05" }).success).toBe(true);
    // Reported together with other errors, not only once everything else is right.
    expect(errorsOf({ summary: "Kort", periodStart: "2024-05", periodEnd: "2024-03" })).toEqual({
      summary: "cases:errors.summaryShort",
      periodEnd: "cases:errors.periodOrder",
    });
  });

  it("drops result rows left completely empty and keeps the order of the rest", () => {
    const r = parse({
      "results.0.indicator": "",
      "results.0.unit": " ",
      "results.1.indicator": "Andel heltid",
      "results.1.result": "54",
      "results.7.indicator": "Turnover",
    });
    expect(r.data!.results.map((x) => x.indicator)).toEqual(["Andel heltid", "Turnover"]);
  });

  it("a half-filled row without an indicator is an error on that row", () => {
    expect(errorsOf({ "results.0.baseline": "3" })).toEqual({ "results.0.indicator": "validation.required" });
  });

  it("does not build a huge array from a huge row number", () => {
    const started = Date.now();
    const r = parse({ "results.999999999.indicator": "Langt unna" });
    expect(r.data!.results).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("turns a plain-text section (the no-JavaScript textarea) into a document, paragraph by paragraph", () => {
    const r = parse({ "sections.challenge": "Første avsnitt.\nSamme avsnitt, ny linje.\n\nAndre avsnitt." });
    expect(r.data!.sections.challenge).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [{ type: "text", text: "Første avsnitt." }, { type: "hardBreak" }, { type: "text", text: "Samme avsnitt, ny linje." }],
        },
        { type: "paragraph", content: [{ type: "text", text: "Andre avsnitt." }] },
      ],
    });
    // Sections not sent at all are empty documents.
    expect(r.data!.sections.lessons).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
  });

  it("keeps a rich section (TipTap JSON from the editor) as it is", () => {
    const doc = { type: "doc", content: [{ type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Tittel" }] }] };
    const r = parse({ "sections.method": JSON.stringify(doc) });
    expect(r.data!.sections.method).toEqual(doc);
  });

  it("keeps text that merely starts with { as the text the person typed (nothing lost)", () => {
    const r = parse({ "sections.results": '{"type":"doc","content":[', "sections.method": "{Piloten} ble utvidet." });
    expect(r.data!.sections.results).toEqual({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: '{"type":"doc","content":[' }] }],
    });
    expect(r.data!.sections.method).toEqual({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "{Piloten} ble utvidet." }] }],
    });
  });

  it("asks for an owner, a summary of some length and at least one challenge area", () => {
    const r = CaseInputSchema.safeParse(caseFormToInput(form({ title: "Tittel", summary: "Kort", status: "IDEA", visibility: "DRAFT" })));
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!)).toMatchObject({
      summary: "cases:errors.summaryShort",
      ownerOrganisationId: "cases:errors.owner",
      challengeAreaIds: "validation.chooseOne",
    });
  });

  it("removes the owner and duplicates from the co-owners and lower-cases the contact e-mail", () => {
    const r = parse({ coOwnerIds: ["org-2", "org-1", "org-2"], contactEmail: " Kari@Kommune.NO " });
    expect(r.data!.coOwnerIds).toEqual(["org-2"]);
    expect(r.data!.contactEmail).toBe("kari@kommune.no");
    expect(errorsOf({ contactEmail: "kari@" })).toEqual({ contactEmail: "validation.email" });
  });
});

describe("case form values (what goes back into the form)", () => {
  it("on 'add row' keeps every typed value, empty rows included, and adds one empty row", () => {
    const outcome = readCaseForm(
      form({
        ...base,
        intent: "addResult",
        "sections.challenge": "Tekst jeg skrev",
        "results.0.indicator": "",
        "results.1.indicator": "Andel",
        "results.1.baseline": "12,5",
      }),
    );
    expect(outcome.kind).toBe("rerender");
    expect(outcome.values.sections.challenge).toBe("Tekst jeg skrev");
    expect(outcome.values.results.map((r) => r.indicator)).toEqual(["", "Andel", ""]);
    expect(outcome.values.results[1].baseline).toBe("12,5");
  });

  it("on 'remove row' removes exactly that row", () => {
    const outcome = readCaseForm(form({ ...base, intent: "removeResult:0", "results.0.indicator": "A", "results.1.indicator": "B" }));
    expect(outcome.values.results.map((r) => r.indicator)).toEqual(["B"]);
  });

  it("on a failed save echoes the rows in the order the errors refer to", () => {
    const f = form({ ...base, "results.0.indicator": "", "results.1.baseline": "abc", "results.1.indicator": "X" });
    const outcome = readCaseForm(f);
    expect(outcome.kind).toBe("invalid");
    if (outcome.kind !== "invalid") return;
    expect(outcome.errors).toEqual({ "results.0.baseline": "validation.number" });
    expect(outcome.values.results[0]).toMatchObject({ indicator: "X", baseline: "abc" });
  });

  it("echoes sections as sent: rich JSON stays JSON, text stays text", () => {
    const json = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Rik" }] }] });
    const values = caseFormValues(form({ ...base, "sections.challenge": json, "sections.method": "Ren tekst" }));
    expect(values.sections.challenge).toBe(json);
    expect(values.sections.method).toBe("Ren tekst");
    expect(values.sections.lessons).toBe("");
  });
});
