/**
 * Facts for reuse as people type them -> what is stored, and what is refused with which
 * message (app/schemas/reuse-facts.ts): Norwegian and English number formats, units, bounds,
 * report links (http/https only), and the form's rows.
 */
import { describe, expect, it } from "vitest";
import { caseFormToInput, CaseInputSchema } from "~/schemas/case";
import { readCaseForm } from "~/schemas/case-form";
import { fieldErrors } from "~/schemas/errors";
import { hasReuseFactValues, normaliseReportUrl, parseFactNumber, storedReportLinks } from "~/schemas/reuse-facts";

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

const parse = (fields: Record<string, string | string[]>) => CaseInputSchema.safeParse(caseFormToInput(form({ ...base, ...fields })));
const errorsOf = (fields: Record<string, string | string[]>) => {
  const r = parse(fields);
  return r.success ? {} : fieldErrors(r.error);
};

describe("numbers as Norwegians (and others) type them", () => {
  const ok = (input: string, kind: Parameters<typeof parseFactNumber>[1], value: number) =>
    expect(parseFactNumber(input, kind), input).toEqual({ ok: true, value });
  const bad = (input: string, kind: Parameters<typeof parseFactNumber>[1], message: string) =>
    expect(parseFactNumber(input, kind), input).toEqual({ ok: false, message });

  it("reads kroner with spaces, dots, commas, 'kr', ',-' and 'mill.'", () => {
    ok("1 200 000", "cost", 1_200_000);
    ok("1\u00a0200\u00a0000", "cost", 1_200_000);
    ok("1\u202f200\u202f000", "cost", 1_200_000);
    ok("kr 250 000", "cost", 250_000);
    ok("250 000 kr", "cost", 250_000);
    ok("kr250000", "cost", 250_000);
    ok("NOK 250000", "cost", 250_000);
    ok("250 000,-", "cost", 250_000);
    ok("1.200.000", "cost", 1_200_000);
    ok("1,200,000", "cost", 1_200_000);
    ok("1.200.000,50", "cost", 1_200_001);
    ok("1.200", "cost", 1200);
    ok("1,200", "cost", 1200);
    ok("1,5 mill.", "cost", 1_500_000);
    ok("kr 1,5 mill", "cost", 1_500_000);
    ok("2 millioner kroner", "cost", 2_000_000);
    ok("ca. kr 300 tusen", "cost", 300_000);
    ok("0", "cost", 0);
  });

  it("reads person-months with one decimal, months and inhabitants with their units", () => {
    ok("1,5", "effort", 1.5);
    ok("1.5", "effort", 1.5);
    ok("6 månedsverk", "effort", 6);
    ok("12 personmåneder", "effort", 12);
    ok("18", "duration", 18);
    ok("18 måneder", "duration", 18);
    ok("18 mnd.", "duration", 18);
    ok("ca. 25 000 innbyggere", "inhabitants", 25_000);
    ok("25.000", "inhabitants", 25_000);
    ok("~1 400 inhabitants", "inhabitants", 1400);
  });

  it("refuses garbage, negatives, too many decimals and absurd sizes with a message for each", () => {
    bad("mye", "cost", "reuse:errors.number.cost");
    bad("12 5", "cost", "reuse:errors.number.cost");
    bad("1e9", "cost", "reuse:errors.number.cost");
    bad("Infinity", "cost", "reuse:errors.number.cost");
    bad("0x10", "duration", "reuse:errors.number.duration");
    bad("1,2,3", "inhabitants", "reuse:errors.number.inhabitants");
    bad("-250 000", "cost", "reuse:errors.negative");
    bad("kr \u2212250 000", "cost", "reuse:errors.negative");
    bad("1,55", "effort", "reuse:errors.oneDecimal");
    bad("1,5", "duration", "reuse:errors.wholeNumber");
    bad("0", "inhabitants", "reuse:errors.min.inhabitants");
    bad("2 mrd", "cost", "reuse:errors.max.cost");
    bad("99999999999999999999999", "cost", "reuse:errors.max.cost");
    bad("10 001", "effort", "reuse:errors.max.effort");
    bad("601", "duration", "reuse:errors.max.duration");
    bad("10 000 001", "inhabitants", "reuse:errors.max.inhabitants");
    bad("1".repeat(200), "cost", "reuse:errors.number.cost");
  });
});

describe("report links", () => {
  it("keeps http(s) addresses, completes 'www.' ones and refuses every other scheme", () => {
    expect(normaliseReportUrl("https://www.ks.no/rapport.pdf")).toBe("https://www.ks.no/rapport.pdf");
    expect(normaliseReportUrl("  http://example.no/a?b=1#c ")).toBe("http://example.no/a?b=1#c");
    expect(normaliseReportUrl("www.hamar.kommune.no/evaluering")).toBe("https://www.hamar.kommune.no/evaluering");
    expect(normaliseReportUrl("hamar.kommune.no")).toBe("https://hamar.kommune.no/");
    for (const hostile of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "mailto:a@b.no",
      "ftp://example.no/x",
      "//evil.example/x",
      "https://user:pass@example.no/",
      "https://exa mple.no/",
      "rapport",
      "",
    ]) {
      expect(normaliseReportUrl(hostile), hostile).toBeNull();
    }
  });

  it("drops rows left empty, requires an address when a title is given, and allows at most 10", () => {
    const r = parse({
      "reportLinks.0.title": "Sluttrapport",
      "reportLinks.0.url": "https://ks.no/r.pdf",
      "reportLinks.1.title": "",
      "reportLinks.1.url": "",
      "reportLinks.2.title": "",
      "reportLinks.2.url": "www.nav.no/x",
    });
    expect(r.success && r.data.reportLinks).toEqual([
      { title: "Sluttrapport", url: "https://ks.no/r.pdf" },
      { title: "", url: "https://www.nav.no/x" },
    ]);
    // Errors point at the row as shown after the empty rows are gone.
    expect(errorsOf({ "reportLinks.0.title": "", "reportLinks.0.url": "", "reportLinks.3.title": "Uten adresse" })).toEqual({
      "reportLinks.0.url": "reuse:errors.urlRequired",
    });
    expect(errorsOf({ "reportLinks.0.title": "X", "reportLinks.0.url": "javascript:alert(1)" })).toEqual({
      "reportLinks.0.url": "reuse:errors.url",
    });
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`reportLinks.${i}.url`, `https://ks.no/${i}`]));
    expect(errorsOf(eleven)).toEqual({ reportLinks: "reuse:errors.tooManyLinks" });
    expect(errorsOf({ "reportLinks.0.url": `https://ks.no/${"a".repeat(2001)}` })).toEqual({ "reportLinks.0.url": "validation.tooLong" });
  });

  it("stored links with anything odd in them are left out when read back", () => {
    expect(
      storedReportLinks([{ title: "A", url: "https://a.no/" }, { title: "B", url: "javascript:x" }, "x", null, { url: "https://b.no/" }]),
    ).toEqual([
      { title: "A", url: "https://a.no/" },
      { title: "", url: "https://b.no/" },
    ]);
    expect(storedReportLinks(null)).toEqual([]);
  });
});

describe("the facts in the case form", () => {
  it("every fact is optional: a case without any has them all empty", () => {
    const r = parse({});
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data).toMatchObject({
      costOneOffNok: null,
      costYearlyNok: null,
      effortPersonMonths: null,
      durationMonths: null,
      inhabitants: null,
      targetGroup: null,
      prerequisites: null,
      reportLinks: [],
    });
  });

  it("stores typed facts; texts are trimmed, paragraphs kept", () => {
    const r = parse({
      costOneOffNok: "kr 1 200 000",
      costYearlyNok: "250 000",
      effortPersonMonths: "6,5",
      durationMonths: "18 mnd",
      inhabitants: "ca. 31 000",
      targetGroup: "  Hjemmeboende   over 80 år ",
      prerequisites: "Ledelsen må stå bak.\r\n\r\n\r\n\r\nEn turnuskoordinator i 50 %.  \r\n",
    });
    expect(r.success && r.data).toMatchObject({
      costOneOffNok: 1_200_000,
      costYearlyNok: 250_000,
      effortPersonMonths: 6.5,
      durationMonths: 18,
      inhabitants: 31_000,
      targetGroup: "Hjemmeboende over 80 år",
      prerequisites: "Ledelsen må stå bak.\n\nEn turnuskoordinator i 50 %.",
    });
  });

  it("reports every bad fact with its own message, and too long texts", () => {
    expect(
      errorsOf({
        costOneOffNok: "mye penger",
        costYearlyNok: "-5",
        effortPersonMonths: "1,25",
        durationMonths: "1000",
        inhabitants: "0",
        targetGroup: "x".repeat(201),
        prerequisites: "y".repeat(4001),
      }),
    ).toEqual({
      costOneOffNok: "reuse:errors.number.cost",
      costYearlyNok: "reuse:errors.negative",
      effortPersonMonths: "reuse:errors.oneDecimal",
      durationMonths: "reuse:errors.max.duration",
      inhabitants: "reuse:errors.min.inhabitants",
      targetGroup: "validation.tooLong",
      prerequisites: "validation.tooLong",
    });
  });

  it("'add another link' without JavaScript re-renders with one more empty row and every value kept", () => {
    const outcome = readCaseForm(
      form({ ...base, intent: "addReportLink", costOneOffNok: "tolv", "reportLinks.0.title": "Rapport", "reportLinks.0.url": "ks.no" }),
    );
    expect(outcome.kind).toBe("rerender");
    expect(outcome.values.reuse).toMatchObject({
      costOneOffNok: "tolv",
      reportLinks: [
        { title: "Rapport", url: "ks.no" },
        { title: "", url: "" },
      ],
    });
  });

  it("the facts group opens when a fact is typed or has an error", () => {
    const outcome = readCaseForm(form({ ...base, intent: "save", durationMonths: "atten" }));
    expect(outcome.kind).toBe("invalid");
    if (outcome.kind !== "invalid") return;
    expect(outcome.values.reuse?.durationMonths).toBe("atten");
    expect(outcome.errors.durationMonths).toBe("reuse:errors.number.duration");
    expect(hasReuseFactValues(outcome.values.reuse, outcome.errors)).toBe(true);
    expect(hasReuseFactValues(readCaseForm(form({ ...base, intent: "addResult" })).values.reuse)).toBe(false);
  });
});

describe("demo data", () => {
  it("every seeded fact belongs to a demo case and passes the schema", async () => {
    const { cases } = await import("../../prisma/seed-data");
    const { reuseFacts } = await import("../../prisma/seed-data/reuse-facts");
    const titles = new Set(cases.map((c) => c.title));
    const { ReuseFactsSchema } = await import("~/schemas/reuse-facts");
    expect(Object.keys(reuseFacts).length).toBeGreaterThanOrEqual(6);
    for (const [title, facts] of Object.entries(reuseFacts)) {
      expect(titles.has(title), title).toBe(true);
      expect(ReuseFactsSchema.safeParse(facts).success, title).toBe(true);
    }
  });
});
