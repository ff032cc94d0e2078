/**
 * The import parser (no database): section headings in bokmål, nynorsk and English,
 * Markdown -> TipTap, and errors that point at the right file, line and JSON path.
 */
import { describe, expect, it } from "vitest";
import { markdownToDoc } from "~/editor/markdown";
import { parseDoc } from "~/editor/render.server";
import { docToText } from "~/editor/sections";
import { formatIssue, parseCaseFile, sectionKeyForHeading, yamlLineMap } from "~/schemas/case-import";

const FRONT = `---
title: Nærværsarbeid i barnehagene
summary: Barnehagene prøvde tidlig dialog i sykefraværsoppfølgingen.
status: implementert
visibility: offentlig
owner: hamar
challengeAreas: [sykefravaer]
---
`;

function md(body: string, front = FRONT) {
  return parseCaseFile("cases/x.md", front + body);
}

function messages(result: ReturnType<typeof parseCaseFile>) {
  return result.issues.map(formatIssue);
}

describe("section headings", () => {
  it.each([
    ["Utfordring", "challenge"],
    ["Utfordringa", "challenge"],
    ["The challenge", "challenge"],
    ["Hva vi gjorde", "whatWeDid"],
    ["Kva vi gjorde", "whatWeDid"],
    ["What we did", "whatWeDid"],
    ["Metode", "method"],
    ["Method", "method"],
    ["Partnarar", "partners"],
    ["Samarbeidspartnere", "partners"],
    ["Resultater", "results"],
    ["Resultat", "results"],
    ["Results", "results"],
    ["Læring", "lessons"],
    ["Erfaringar", "lessons"],
    ["Lessons learned", "lessons"],
    ["2. HVA VI GJORDE:", "whatWeDid"],
  ])("## %s -> %s", (heading, key) => {
    expect(sectionKeyForHeading(heading)).toBe(key);
  });

  it("does not guess at headings it does not know", () => {
    expect(sectionKeyForHeading("Budsjett")).toBeNull();
  });

  it("splits a nynorsk body into sections and takes title/summary from the text when the front matter has none", () => {
    const result = md(
      `# Fadderordning for nytilsette

Kommunen prøvde ut fadder og velkomstpakke for alle nytilsette.

## Utfordringa

Mange nytilsette slutta etter kort tid.

## Kva vi gjorde

- Fadder det første halvåret
- Velkomstpakke

## Erfaringar

Bustad er ein del av rekrutteringa.
`,
      `---
status: IMPLEMENTED
owner: froya
challengeAreas: rekruttering-og-kompetanse, omdomme
---
`,
    );
    expect(messages(result)).toEqual([]);
    const { draft } = result.cases[0];
    expect(draft.title).toBe("Fadderordning for nytilsette");
    expect(draft.summary).toBe("Kommunen prøvde ut fadder og velkomstpakke for alle nytilsette.");
    expect(draft.challengeAreas).toEqual(["rekruttering-og-kompetanse", "omdomme"]);
    expect(Object.keys(draft.sections).sort()).toEqual(["challenge", "lessons", "whatWeDid"]);
    expect(docToText(draft.sections.whatWeDid)).toBe("- Fadder det første halvåret\n\n- Velkomstpakke");
    expect(draft.visibility).toBe("DRAFT"); // default
  });

  it("reads English headings and Norwegian status/visibility words", () => {
    const result = md("## Challenge\n\nToo many small jobs.\n\n## Results\n\nMore full-time.\n");
    expect(messages(result)).toEqual([]);
    const { draft } = result.cases[0];
    expect(draft.status).toBe("IMPLEMENTED");
    expect(draft.visibility).toBe("PUBLIC");
    expect(docToText(draft.sections.challenge)).toBe("Too many small jobs.");
    expect(docToText(draft.sections.results)).toBe("More full-time.");
  });
});

describe("Markdown -> TipTap", () => {
  it("converts paragraphs, marks, links, headings and lists into a valid document", () => {
    const { doc, issues } = markdownToDoc(
      [
        "Første linje med **fet**, *kursiv* og [KS](https://www.ks.no).",
        "Samme avsnitt.",
        "",
        "### Underoverskrift",
        "",
        "- punkt én",
        "- punkt to",
        "  - nøstet",
        "",
        "3. tre",
        "4. fire",
      ].join("\n"),
    );
    expect(issues).toEqual([]);
    expect(doc.content?.[0]).toEqual({
      type: "paragraph",
      content: [
        { type: "text", text: "Første linje med " },
        { type: "text", text: "fet", marks: [{ type: "bold" }] },
        { type: "text", text: ", " },
        { type: "text", text: "kursiv", marks: [{ type: "italic" }] },
        { type: "text", text: " og " },
        { type: "text", text: "KS", marks: [{ type: "link", attrs: { href: "https://www.ks.no" } }] },
        { type: "text", text: ". Samme avsnitt." },
      ],
    });
    expect(doc.content?.[1]).toEqual({ type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Underoverskrift" }] });
    const bullets = doc.content?.[2];
    expect(bullets?.type).toBe("bulletList");
    expect(bullets?.content?.[1].content?.[1].type).toBe("bulletList"); // nested under "punkt to"
    expect(doc.content?.[3]).toMatchObject({ type: "orderedList", attrs: { start: 3 } });
    expect(() => parseDoc(doc)).not.toThrow();
  });

  it("keeps hard line breaks, nested emphasis and snake_case words", () => {
    const { doc } = markdownToDoc("linje én  \nlinje to med *kursiv og **fet** inni* og snake_case_navn");
    expect(doc.content?.[0].content).toEqual([
      { type: "text", text: "linje én" },
      { type: "hardBreak" },
      { type: "text", text: "linje to med " },
      { type: "text", text: "kursiv og ", marks: [{ type: "italic" }] },
      { type: "text", text: "fet", marks: [{ type: "italic" }, { type: "bold" }] },
      { type: "text", text: " inni", marks: [{ type: "italic" }] },
      { type: "text", text: " og snake_case_navn" },
    ]);
    expect(() => parseDoc(doc)).not.toThrow();
  });

  it("gives an empty section an empty (valid) document", () => {
    const { doc } = markdownToDoc("\n\n");
    expect(doc).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
  });
});

describe("errors point at file and line", () => {
  it("reports an unknown front-matter key and a bad status on their own lines", () => {
    const result = parseCaseFile(
      "cases/a.md",
      [
        "---",
        "title: Et forsøk",
        "summary: Et forsøk med noe nytt.",
        "status: ferdig",
        "owner: hamar",
        "titel: feil",
        "challengeAreas: [bolig]",
        "---",
        "",
      ].join("\n"),
    );
    expect(messages(result)).toEqual([
      expect.stringMatching(/^cases\/a\.md:4: status: "ferdig" is not a status/),
      expect.stringMatching(/^cases\/a\.md:6: titel: unknown key \(did you mean "title"\?\)/),
    ]);
  });

  it("reports an unknown section heading and a heading used twice at their lines", () => {
    const result = md("## Utfordring\n\nTekst.\n\n## Bakgrunnen\n\nTekst.\n\n## Utfordringa\n\nIgjen.\n");
    // FRONT is 8 lines; the body starts on line 9.
    expect(messages(result)).toEqual([
      expect.stringMatching(/^cases\/x\.md:13: "## Bakgrunnen" is not a section heading \(did you mean "Bakgrunn"\?\)/),
      expect.stringMatching(/^cases\/x\.md:17: section "Utfordringa" appears twice \(first at line 9\)/),
    ]);
  });

  it("reports unsafe links, code blocks and h2-level headings inside JSON Markdown at the right line", () => {
    const result = md("## Metode\n\nSe [her](javascript:alert(1)).\n\n```\nkode\n```\n");
    expect(messages(result)).toEqual([
      'cases/x.md:11: link "javascript:alert(1)" is not allowed: links must start with https://, http://, mailto: or tel:',
      "cases/x.md:13: code blocks are not supported in cases; write the text as ordinary paragraphs",
    ]);
  });

  it("reports text before the first section when the summary is in the front matter", () => {
    const result = md("Innledning uten overskrift.\n\n## Utfordring\n\nTekst.\n");
    expect(messages(result)).toEqual([expect.stringMatching(/^cases\/x\.md:9: text before the first "## " section heading/)]);
  });

  it("reports YAML syntax errors and missing front matter with a line", () => {
    expect(messages(parseCaseFile("b.md", "---\ntitle: x\nowner: [hamar\n---\n"))).toEqual([
      expect.stringMatching(/^b\.md:4: the front matter is not valid YAML/),
    ]);
    expect(messages(parseCaseFile("c.md", "# Bare tekst\n"))).toEqual([expect.stringMatching(/^c\.md:1: missing front matter/)]);
  });

  it("finds lines of nested front-matter keys and list items", () => {
    const lines = [
      "contact:",
      "  name: A",
      "results:",
      "- indicator: x",
      "  baseline: 1",
      "- indicator: y",
      "  result: 2",
      "period:",
      "  end: 2024-01",
    ].map((text, i) => ({ text, line: i + 2 }));
    const map = yamlLineMap(lines);
    const at = (...path: Array<string | number>) => map.get(path.join("\u0001"));
    expect(at("contact", "name")).toBe(3);
    expect(at("results", 0, "baseline")).toBe(6);
    expect(at("results", 1)).toBe(7);
    expect(at("results", 1, "result")).toBe(8);
    expect(at("period", "end")).toBe(10);
  });

  it("keeps what the author typed for kommunenummer that YAML would read as a number", () => {
    const result = parseCaseFile(
      "d.md",
      "---\ntitle: Oslo-case\nsummary: Et forsøk i Oslo kommune.\nstatus: IDEA\nowner: 0301\nchallengeAreas: [bolig]\n---\n",
    );
    expect(result.cases[0].draft.owner).toBe("0301");
  });
});

describe("JSON files", () => {
  const json = JSON.stringify(
    [
      { title: "Første", summary: "Et forsøk som virket.", status: "IDEA", owner: "hamar", challengeAreas: ["bolig"] },
      { title: "Andre", summary: "Et forsøk som virket.", status: "sluttet", owner: "hamar", challengeAreas: ["bolig"], contact: "Kari" },
      {
        title: "Tredje",
        summary: "Et forsøk som virket.",
        status: "SCALED",
        owner: "hamar",
        challengeAreas: ["bolig"],
        results: [{ indicator: "Sykefravær", colour: "red" }],
        sections: { challenge: "Se [lenke](javascript:x)", budget: "x", whatWeDid: { type: "doc", content: [{ type: "paragraph" }] } },
      },
    ],
    null,
    2,
  );

  it("reports problems with the path inside the file and the line of the key", () => {
    const result = parseCaseFile("import/cases.json", json);
    const lineOf = (needle: string) => json.split("\n").findIndex((l) => l.includes(needle)) + 1;
    expect(messages(result)).toEqual([
      `import/cases.json:${lineOf('"sluttet"')}: [1].status: "sluttet" is not a status; use one of IDEA, PILOTING, IMPLEMENTED, SCALED, DISCONTINUED (or idé, pilot, implementert, skalert, avsluttet)`,
      `import/cases.json:${lineOf('"contact"')}: [1].contact: must have name, role and email`,
      expect.stringMatching(new RegExp(`^import/cases\\.json:${lineOf('"colour"')}: \\[2\\]\\.results\\[0\\]\\.colour: unknown key`)),
      expect.stringMatching(
        new RegExp(
          `^import/cases\\.json:${lineOf('"challenge": "Se')}: \\[2\\]\\.sections\\.challenge: link "javascript:x" is not allowed.*\\(line 1 of the text\\)$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(`^import/cases\\.json:${lineOf('"budget"')}: \\[2\\]\\.sections\\.budget: unknown section "budget"`),
      ),
    ]);
    expect(result.cases).toHaveLength(3);
    expect(result.cases[2].draft.sections.whatWeDid).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
  });

  it("reports invalid JSON with its line", () => {
    const result = parseCaseFile("bad.json", '{\n  "title": "x",\n}\n');
    expect(messages(result)).toEqual([expect.stringMatching(/^bad\.json:3: not valid JSON/)]);
  });

  it("takes a single case object without a path prefix", () => {
    const result = parseCaseFile(
      "one.json",
      JSON.stringify({
        title: "Alene",
        summary: "Et forsøk som virket.",
        status: "pilot",
        owner: "3403",
        challengeAreas: "bolig",
        colour: 1,
      }),
    );
    expect(messages(result)).toEqual([expect.stringMatching(/^one\.json:1: colour: unknown key/)]);
    expect(result.cases[0].draft).toMatchObject({ status: "PILOTING", owner: "3403", challengeAreas: ["bolig"] });
  });
});

describe("content language (issue 15, defect 3)", () => {
  it("is bokmål unless given, and accepts codes and names", () => {
    expect(md("").cases[0].draft.language).toBe("nb");
    for (const [given, code] of [
      ["nn", "nn"],
      ["nynorsk", "nn"],
      ["English", "en"],
      ["bokmål", "nb"],
    ]) {
      expect(md("", FRONT.replace("status:", `language: ${given}\nstatus:`)).cases[0].draft.language, given).toBe(code);
    }
  });

  it("reports a language it does not know", () => {
    expect(messages(md("", FRONT.replace("status:", "language: svensk\nstatus:")))).toEqual([
      expect.stringMatching(/language: "svensk" is not a language; use nb, nn or en/),
    ]);
  });
});
