/**
 * Import format for existing case write-ups (docs/import-format.md): Markdown files with
 * YAML front matter, and JSON files holding one case object or an array of them.
 *
 * This module only reads files: it turns text into CaseDrafts (plain values + TipTap
 * documents) and reports every problem it can see with file and line. Looking up
 * organisations and challenge areas, CaseInputSchema validation and writing happen in
 * app/models/case-import.server.ts.
 */
import matter from "gray-matter";
import { markdownToDoc, toSourceLines, type SourceLine } from "~/editor/markdown";
import { SECTION_KEYS, type SectionKey, type TipTapDoc } from "~/editor/sections";
import { CASE_STATUSES, VISIBILITIES } from "./case";
import { MAX_REPORT_LINKS, REUSE_FACT_KEYS } from "./reuse-facts";

export type SourcePath = Array<string | number>;

export interface ImportIssue {
  file: string;
  /** 1-based; null when the problem is not tied to a line. */
  line: number | null;
  /** Where in the case the problem is, e.g. `[2].results[0].baseline` (JSON) or `owner`. */
  path?: string;
  message: string;
}

export function formatIssue(issue: ImportIssue) {
  const where = issue.line ? `${issue.file}:${issue.line}` : issue.file;
  return `${where}: ${issue.path ? `${issue.path}: ` : ""}${issue.message}`;
}

export interface CaseDraft {
  title?: string;
  summary?: string;
  status?: string;
  visibility: string;
  /** nb (default), nn or en: the language the case is written in. */
  language: string;
  periodStart?: string;
  periodEnd?: string;
  owner?: string;
  coOwners: string[];
  challengeAreas: string[];
  contact: { name?: string; role?: string; email?: string };
  results: Array<Record<string, unknown>>;
  sections: Partial<Record<SectionKey, TipTapDoc>>;
  /** Facts for reuse as written (app/schemas/reuse-facts.ts reads them like the form does). */
  facts: Record<string, unknown>;
}

export interface ParsedCase {
  file: string;
  /** Position in a JSON array file; null for a Markdown file or a single JSON object. */
  index: number | null;
  draft: CaseDraft;
  /** Best line for a path inside this case (falls back to the nearest parent). */
  lineOf(path: SourcePath): number | null;
  /** Human-readable path: `results[0].baseline`, prefixed with `[2].` for JSON arrays. */
  label(path: SourcePath): string;
}

export interface ParsedFile {
  file: string;
  cases: ParsedCase[];
  issues: ImportIssue[];
}

// ---------------------------------------------------------------- vocabulary

const FRONT_MATTER_KEYS = [
  "title",
  "summary",
  "status",
  "visibility",
  "language",
  "period",
  "owner",
  "coOwners",
  "challengeAreas",
  "contact",
  "results",
  "facts",
] as const;
const JSON_KEYS = [...FRONT_MATTER_KEYS, "sections"] as const;
const PERIOD_KEYS = ["start", "end"] as const;
const CONTACT_KEYS = ["name", "role", "email"] as const;
const RESULT_KEYS = ["indicator", "unit", "baseline", "result", "period"] as const;
const FACT_KEYS = [...REUSE_FACT_KEYS, "reportLinks"] as const;
const REPORT_LINK_KEYS = ["title", "url"] as const;

const normaliseWord = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFC")
    .replace(/[\s_-]+/g, " ")
    .trim();

/** The language a case is written in: codes and names (issue 15, defect 3). */
const LANGUAGE_ALIASES: Record<string, "nb" | "nn" | "en"> = {
  nb: "nb",
  bokmål: "nb",
  bokmal: "nb",
  "norsk bokmål": "nb",
  no: "nb",
  nn: "nn",
  nynorsk: "nn",
  "norsk nynorsk": "nn",
  en: "en",
  english: "en",
  engelsk: "en",
};

/** Norwegian (bokmål, nynorsk) and English words accepted for status and visibility. */
const STATUS_ALIASES: Record<string, (typeof CASE_STATUSES)[number]> = {
  idea: "IDEA",
  ide: "IDEA",
  idé: "IDEA",
  piloting: "PILOTING",
  pilot: "PILOTING",
  utprøving: "PILOTING",
  "under utprøving": "PILOTING",
  implemented: "IMPLEMENTED",
  implementert: "IMPLEMENTED",
  innført: "IMPLEMENTED",
  "i drift": "IMPLEMENTED",
  scaled: "SCALED",
  skalert: "SCALED",
  spredt: "SCALED",
  spreidd: "SCALED",
  discontinued: "DISCONTINUED",
  avsluttet: "DISCONTINUED",
  avslutta: "DISCONTINUED",
  "lagt ned": "DISCONTINUED",
};

const VISIBILITY_ALIASES: Record<string, (typeof VISIBILITIES)[number]> = {
  draft: "DRAFT",
  utkast: "DRAFT",
  members: "MEMBERS",
  medlemmer: "MEMBERS",
  medlemer: "MEMBERS",
  "kun medlemmer": "MEMBERS",
  public: "PUBLIC",
  offentlig: "PUBLIC",
  offentleg: "PUBLIC",
  åpen: "PUBLIC",
  open: "PUBLIC",
};

/**
 * Level-2 headings that start a section, in bokmål, nynorsk and English. Compared after
 * lower-casing, dropping a trailing colon and any leading numbering ("1. Utfordring").
 */
const SECTION_HEADINGS: Record<SectionKey, string[]> = {
  challenge: [
    "Utfordring",
    "Utfordringen",
    "Utfordringa",
    "Utfordringer",
    "Utfordringar",
    "Bakgrunn",
    "Challenge",
    "The challenge",
    "Background",
    "Problem",
  ],
  whatWeDid: [
    "Hva vi gjorde",
    "Kva vi gjorde",
    "Kva me gjorde",
    "Hva gjorde vi",
    "Kva gjorde vi",
    "Løsning",
    "Løsningen",
    "Løysing",
    "Løysinga",
    "Tiltak",
    "What we did",
    "Solution",
  ],
  method: ["Metode", "Metoden", "Metoder", "Metodar", "Fremgangsmåte", "Framgangsmåte", "Method", "Methods", "Approach"],
  partners: [
    "Partnere",
    "Partnerne",
    "Partnarar",
    "Partnarane",
    "Samarbeidspartnere",
    "Samarbeidspartnarar",
    "Samarbeidspartnerne",
    "Partners",
  ],
  results: ["Resultater", "Resultatene", "Resultat", "Resultata", "Effekter", "Effektar", "Results", "Outcomes", "Outcome"],
  lessons: [
    "Læring",
    "Læringa",
    "Erfaringer",
    "Erfaringar",
    "Erfaringane",
    "Lærdom",
    "Lærdommer",
    "Lærdomar",
    "Læringspunkter",
    "Læringspunkt",
    "Lessons",
    "Lessons learned",
    "Lessons learnt",
  ],
};

const HEADING_TO_KEY = new Map<string, SectionKey>(
  SECTION_KEYS.flatMap((key) => [
    [normaliseWord(key), key] as const,
    ...SECTION_HEADINGS[key].map((h) => [normaliseWord(h), key] as const),
  ]),
);

export function sectionKeyForHeading(heading: string): SectionKey | null {
  const cleaned = normaliseWord(heading.replace(/^\d+[.)]\s*/, "").replace(/[:.]+$/, ""));
  return HEADING_TO_KEY.get(cleaned) ?? null;
}

// ---------------------------------------------------------------- helpers

function levenshtein(a: string, b: string) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The candidate closest to `value` if it is plausibly a typo of it. */
export function closest(value: string, candidates: readonly string[]): string | null {
  const v = value.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = levenshtein(v, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(v.length / 4)) ? best : null;
}

const didYouMean = (value: string, candidates: readonly string[]) => {
  const c = closest(value, candidates);
  return c ? ` (did you mean "${c}"?)` : "";
};

function pathLabel(path: SourcePath) {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

const pathKey = (path: SourcePath) => path.join("\u0001");

function lookupLine(lines: Map<string, number>, path: SourcePath, fallback: number | null) {
  for (let n = path.length; n > 0; n--) {
    const line = lines.get(pathKey(path.slice(0, n)));
    if (line) return line;
  }
  return fallback;
}

const byLine = (issues: ImportIssue[]) => issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

function monthOf(date: Date) {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

// ---------------------------------------------------------------- shared field reading

/**
 * Reads the case fields that Markdown front matter and JSON objects share. `raw(path)`
 * returns the text a scalar was written as (YAML turns 0301 into 193 and 2013-01-15 into
 * a Date; we want what the author typed).
 */
function readFields(
  data: Record<string, unknown>,
  allowedKeys: readonly string[],
  report: (path: SourcePath, message: string) => void,
  raw: (path: SourcePath) => string | null,
): CaseDraft {
  const draft: CaseDraft = {
    visibility: "DRAFT",
    language: "nb",
    coOwners: [],
    challengeAreas: [],
    contact: {},
    results: [],
    sections: {},
    facts: {},
  };

  const unknownKeys = (obj: Record<string, unknown>, allowed: readonly string[], base: SourcePath) => {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key))
        report([...base, key], `unknown key${didYouMean(key, allowed)}; allowed keys here: ${allowed.join(", ")}`);
    }
  };
  const text = (value: unknown, path: SourcePath): string | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return raw(path) ?? String(value);
    if (value instanceof Date) return raw(path) ?? monthOf(value);
    report(path, "must be text");
    return undefined;
  };
  const list = (value: unknown, path: SourcePath): string[] => {
    if (value === undefined || value === null) return [];
    if (typeof value === "string")
      return value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    if (!Array.isArray(value)) {
      report(path, "must be a list");
      return [];
    }
    return value.map((v, i) => text(v, [...path, i]) ?? "").map((s) => s.trim());
  };
  const month = (value: unknown, path: SourcePath) => {
    if (value instanceof Date) return monthOf(value);
    return text(value, path);
  };

  unknownKeys(data, allowedKeys, []);
  draft.title = text(data.title, ["title"]);
  draft.summary = text(data.summary, ["summary"]);

  const status = text(data.status, ["status"]);
  if (status !== undefined) {
    const s = STATUS_ALIASES[normaliseWord(status)];
    if (s) draft.status = s;
    else
      report(
        ["status"],
        `"${status}" is not a status; use one of ${CASE_STATUSES.join(", ")} (or idé, pilot, implementert, skalert, avsluttet)`,
      );
  } else {
    report(["status"], `is required: one of ${CASE_STATUSES.join(", ")}`);
  }

  const visibility = text(data.visibility, ["visibility"]);
  if (visibility !== undefined) {
    const v = VISIBILITY_ALIASES[normaliseWord(visibility)];
    if (v) draft.visibility = v;
    else report(["visibility"], `"${visibility}" is not a visibility; use DRAFT, MEMBERS or PUBLIC (or utkast, medlemmer, offentlig)`);
  }

  const language = text(data.language, ["language"]);
  if (language !== undefined) {
    const l = LANGUAGE_ALIASES[normaliseWord(language)];
    if (l) draft.language = l;
    else report(["language"], `"${language}" is not a language; use nb, nn or en (or bokmål, nynorsk, english)`);
  }

  if (data.period !== undefined && data.period !== null) {
    if (isPlainObject(data.period)) {
      unknownKeys(data.period, PERIOD_KEYS, ["period"]);
      draft.periodStart = month(data.period.start, ["period", "start"]);
      draft.periodEnd = month(data.period.end, ["period", "end"]);
    } else {
      report(["period"], 'must have "start" and/or "end", each a month such as "2023-09"');
    }
  }

  draft.owner = text(data.owner, ["owner"])?.trim();
  draft.coOwners = list(data.coOwners, ["coOwners"]);
  draft.challengeAreas = list(data.challengeAreas, ["challengeAreas"]);

  if (data.contact !== undefined && data.contact !== null) {
    if (isPlainObject(data.contact)) {
      unknownKeys(data.contact, CONTACT_KEYS, ["contact"]);
      draft.contact = {
        name: text(data.contact.name, ["contact", "name"]),
        role: text(data.contact.role, ["contact", "role"]),
        email: text(data.contact.email, ["contact", "email"]),
      };
    } else {
      report(["contact"], "must have name, role and email");
    }
  }

  if (data.results !== undefined && data.results !== null) {
    if (Array.isArray(data.results)) {
      data.results.forEach((r, i) => {
        if (!isPlainObject(r)) {
          report(["results", i], "must have indicator, unit, baseline, result and period");
          return;
        }
        unknownKeys(r, RESULT_KEYS, ["results", i]);
        const num = (v: unknown, key: string) => (typeof v === "number" ? v : text(v, ["results", i, key]));
        draft.results.push({
          indicator: text(r.indicator, ["results", i, "indicator"]),
          unit: text(r.unit, ["results", i, "unit"]),
          baseline: num(r.baseline, "baseline"),
          result: num(r.result, "result"),
          period: text(r.period, ["results", i, "period"]),
        });
      });
    } else {
      report(["results"], "must be a list");
    }
  }

  if (data.facts !== undefined && data.facts !== null) {
    if (isPlainObject(data.facts)) {
      unknownKeys(data.facts, FACT_KEYS, ["facts"]);
      for (const key of REUSE_FACT_KEYS) draft.facts[key] = text(data.facts[key], ["facts", key]);
      const links = data.facts.reportLinks;
      if (Array.isArray(links)) {
        if (links.length > MAX_REPORT_LINKS) report(["facts", "reportLinks"], `has ${links.length} links; at most ${MAX_REPORT_LINKS}`);
        // A link is { title, url } or just its address.
        draft.facts.reportLinks = links.slice(0, MAX_REPORT_LINKS).map((l, i) => {
          if (isPlainObject(l)) {
            unknownKeys(l, REPORT_LINK_KEYS, ["facts", "reportLinks", i]);
            return { title: text(l.title, ["facts", "reportLinks", i, "title"]), url: text(l.url, ["facts", "reportLinks", i, "url"]) };
          }
          return { title: "", url: text(l, ["facts", "reportLinks", i]) };
        });
      } else if (links !== undefined && links !== null) {
        report(["facts", "reportLinks"], "must be a list of { title, url }");
      }
    } else {
      report(["facts"], `must have some of ${FACT_KEYS.join(", ")}`);
    }
  }
  return draft;
}

// ---------------------------------------------------------------- YAML line map

/**
 * Line of every key and list item in block-style YAML, keyed by path. Good enough for the
 * front matter we document (nested mappings and lists); flow style ([a, b]) maps to the
 * line of its key.
 */
export function yamlLineMap(lines: SourceLine[]): Map<string, number> {
  const map = new Map<string, number>();
  const stack: Array<{ indent: number; seg: string | number; item: boolean }> = [];
  const counters = new Map<string, number>();
  const record = (line: number) => {
    const key = pathKey(stack.map((s) => s.seg));
    if (!map.has(key)) map.set(key, line);
  };
  const pushKey = (indent: number, rest: string, line: number) => {
    const m = /^("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(?:\s|$)/.exec(rest);
    if (!m) return;
    stack.push({ indent, seg: m[1].replace(/^["']|["']$/g, ""), item: false });
    record(line);
  };
  for (const { text, line } of lines) {
    if (/^\s*(#.*)?$/.test(text)) continue;
    const indent = /^ */.exec(text)![0].length;
    const content = text.slice(indent);
    const dash = /^-(\s+|$)/.exec(content);
    if (dash) {
      while (stack.length && (stack.at(-1)!.indent > indent || (stack.at(-1)!.indent === indent && stack.at(-1)!.item))) stack.pop();
      const parent = pathKey(stack.map((s) => s.seg));
      const index = counters.get(parent) ?? 0;
      counters.set(parent, index + 1);
      stack.push({ indent, seg: index, item: true });
      record(line);
      pushKey(indent + dash[0].length, content.slice(dash[0].length), line);
    } else {
      while (stack.length && stack.at(-1)!.indent >= indent) stack.pop();
      pushKey(indent, content, line);
    }
  }
  return map;
}

/** The scalar as written on a key's line (`owner: 0301` -> "0301"), for values YAML reinterprets. */
function yamlRawScalar(lines: SourceLine[], line: number | null): string | null {
  if (!line) return null;
  const text = lines.find((l) => l.line === line)?.text ?? "";
  const m = /^\s*(?:-\s+)?(?:[^:#]+:\s*)?("([^"]*)"|'([^']*)'|[^#\s[{][^#]*?)\s*(?:#.*)?$/.exec(text);
  if (!m) return null;
  return m[2] ?? m[3] ?? m[1];
}

// ---------------------------------------------------------------- Markdown files

function parseMarkdownCase(file: string, text: string): ParsedFile {
  const issues: ImportIssue[] = [];
  const lines = toSourceLines(text.replace(/^\uFEFF/, ""));
  if (lines[0]?.text.trim() !== "---") {
    issues.push({
      file,
      line: 1,
      message: 'missing front matter: start the file with a line "---", then title, owner, status ..., then "---"',
    });
    return { file, cases: [], issues };
  }
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l.text));
  if (close < 0) {
    issues.push({ file, line: 1, message: 'the front matter is not closed: add a line "---" after it' });
    return { file, cases: [], issues };
  }
  const frontLines = lines.slice(1, close);
  let data: Record<string, unknown>;
  try {
    // Passing options turns off gray-matter's global cache (it would hand back shared objects).
    const parsed = matter(text.replace(/^\uFEFF/, ""), { excerpt: false });
    data = isPlainObject(parsed.data) ? parsed.data : {};
  } catch (error) {
    const e = error as { mark?: { line?: number }; reason?: string; message: string };
    // js-yaml counts from the first front-matter line; "end of stream" errors point past the end.
    const line = typeof e.mark?.line === "number" ? Math.min(e.mark.line + 2, close + 1) : 1;
    issues.push({ file, line, message: `the front matter is not valid YAML: ${e.reason ?? e.message.split("\n")[0]}` });
    return { file, cases: [], issues };
  }

  const lineMap = yamlLineMap(frontLines);
  const lineOf = (path: SourcePath) => lookupLine(lineMap, path, 1);
  const report = (path: SourcePath, message: string, line?: number) =>
    issues.push({ file, line: line ?? lineOf(path), ...(path.length ? { path: pathLabel(path) } : {}), message });
  const draft = readFields(data, FRONT_MATTER_KEYS, report, (path) => yamlRawScalar(frontLines, lineMap.get(pathKey(path)) ?? null));

  // Body: "# Title" (optional), an optional introduction, then "## <section>" blocks.
  const body = lines.slice(close + 1);
  type Block = { key: SectionKey | null; line: number; lines: SourceLine[] };
  const intro: SourceLine[] = [];
  const blocks: Block[] = [];
  const seen = new Map<SectionKey, number>();
  let current: SourceLine[] = intro;
  let fence: RegExp | null = null;
  let h1: { text: string; line: number } | null = null;
  for (const l of body) {
    if (fence) {
      if (fence.test(l.text)) fence = null;
      current.push(l);
      continue;
    }
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(l.text);
    if (f) fence = new RegExp(`^ {0,3}${f[1][0] === "`" ? "`" : "~"}{${f[1].length},}\\s*$`);
    const heading = /^ {0,3}(#{1,2})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(l.text);
    if (!f && heading && heading[1] === "#" && current === intro && !h1 && !intro.some((x) => x.text.trim())) {
      h1 = { text: heading[2].trim(), line: l.line };
      continue;
    }
    if (!f && heading && heading[1] === "#") {
      report(
        [],
        `"# ${heading[2]}": only the title may be a level-1 heading, as the first line after the front matter; use ### for a sub-heading`,
        l.line,
      );
      continue;
    }
    if (!f && heading && heading[1] === "##") {
      const key = sectionKeyForHeading(heading[2]);
      if (!key) {
        const known = SECTION_KEYS.map((k) => SECTION_HEADINGS[k][0]);
        const all = SECTION_KEYS.flatMap((k) => SECTION_HEADINGS[k]);
        report(
          [],
          `"## ${heading[2]}" is not a section heading${didYouMean(heading[2], all)}; use one of: ${known.join(", ")} (nynorsk and English headings work too, see docs/import-format.md)`,
          l.line,
        );
      } else if (seen.has(key)) {
        report([], `section "${heading[2]}" appears twice (first at line ${seen.get(key)})`, l.line);
      } else {
        seen.set(key, l.line);
      }
      const block: Block = { key: key && seen.get(key) === l.line ? key : null, line: l.line, lines: [] };
      blocks.push(block);
      current = block.lines;
      continue;
    }
    current.push(l);
  }

  if (h1) {
    if (draft.title === undefined) draft.title = h1.text;
    else if (h1.text !== draft.title.trim())
      report(["title"], `the "# ${h1.text}" heading differs from the title in the front matter; keep one of them`, h1.line);
  }
  const introText = intro.filter((l) => l.text.trim());
  if (introText.length) {
    if (draft.summary === undefined) {
      // Text before the first section is the summary when the front matter has none.
      draft.summary = intro
        .map((l) => l.text)
        .join("\n")
        .replace(/\n{3,}/g, "\n\n")
        .trim();
    } else {
      report(
        [],
        'text before the first "## " section heading: put it under a section heading, or remove "summary" from the front matter to use it as the summary',
        introText[0].line,
      );
    }
  }

  const sectionLines = new Map<string, number>();
  for (const block of blocks) {
    if (!block.key) continue;
    sectionLines.set(pathKey(["sections", block.key]), block.line);
    const { doc, issues: mdIssues } = markdownToDoc(block.lines);
    for (const i of mdIssues) issues.push({ file, line: i.line, message: i.message });
    draft.sections[block.key] = doc;
  }

  const parsedCase: ParsedCase = {
    file,
    index: null,
    draft,
    lineOf: (path) => (path[0] === "sections" ? lookupLine(sectionLines, path, close + 2) : lineOf(path)),
    label: pathLabel,
  };
  return { file, cases: [parsedCase], issues: byLine(issues) };
}

// ---------------------------------------------------------------- JSON files

/** Line of every value in (valid) JSON text, keyed by path; object members use the key's line. */
function jsonLineMap(text: string): Map<string, number> {
  const map = new Map<string, number>();
  let i = 0;
  let line = 1;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) {
      if (text[i] === "\n") line++;
      i++;
    }
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
  };
  const value = (path: SourcePath) => {
    ws();
    if (!map.has(pathKey(path))) map.set(pathKey(path), line);
    const c = text[i];
    if (c === "{" || c === "[") {
      const object = c === "{";
      i++;
      ws();
      if (text[i] === (object ? "}" : "]")) {
        i++;
        return;
      }
      for (let n = 0; i < text.length; n++) {
        if (object) {
          ws();
          const start = i;
          skipString();
          const key = JSON.parse(text.slice(start, i)) as string;
          map.set(pathKey([...path, key]), line);
          ws();
          i++; // ":"
          value([...path, key]);
        } else {
          value([...path, n]);
        }
        ws();
        if (text[i++] !== ",") return; // "}" or "]"
      }
    } else if (c === '"') {
      skipString();
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
    }
  };
  value([]);
  return map;
}

function jsonErrorLine(text: string, error: Error): number | null {
  const byLine = /line (\d+)/.exec(error.message);
  if (byLine) return Number(byLine[1]);
  const byPosition = /position (\d+)/.exec(error.message);
  if (byPosition) return text.slice(0, Number(byPosition[1])).split("\n").length;
  return null;
}

function parseJsonCases(file: string, text: string): ParsedFile {
  const issues: ImportIssue[] = [];
  const source = text.replace(/^\uFEFF/, "");
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    issues.push({ file, line: jsonErrorLine(source, error as Error), message: `not valid JSON: ${(error as Error).message}` });
    return { file, cases: [], issues };
  }
  const lineMap = jsonLineMap(source);
  const items = Array.isArray(data) ? data : [data];
  const cases: ParsedCase[] = [];
  items.forEach((item, n) => {
    const index = Array.isArray(data) ? n : null;
    const prefix: SourcePath = index === null ? [] : [index];
    const lineOf = (path: SourcePath) => lookupLine(lineMap, [...prefix, ...path], lineMap.get(pathKey(prefix)) ?? 1);
    const label = (path: SourcePath) => pathLabel([...prefix, ...path]) || "(case)";
    const report = (path: SourcePath, message: string, line?: number) =>
      issues.push({ file, line: line ?? lineOf(path), path: label(path), message });
    if (!isPlainObject(item)) {
      report([], "must be a case object with title, summary, owner, ...");
      return;
    }
    const draft = readFields(item, JSON_KEYS, report, () => null);
    if (item.sections !== undefined && item.sections !== null) {
      if (!isPlainObject(item.sections)) {
        report(["sections"], `must be an object with the keys ${SECTION_KEYS.join(", ")}`);
      } else {
        for (const [key, value] of Object.entries(item.sections)) {
          const sectionKey = sectionKeyForHeading(key);
          if (!sectionKey) {
            report(["sections", key], `unknown section "${key}"${didYouMean(key, SECTION_KEYS)}; use ${SECTION_KEYS.join(", ")}`);
            continue;
          }
          if (draft.sections[sectionKey]) {
            report(["sections", key], `section "${sectionKey}" is given twice`);
            continue;
          }
          if (typeof value === "string") {
            // Markdown inside a JSON string: line numbers point at the string itself.
            const line = lineOf(["sections", key]) ?? 1;
            const { doc, issues: mdIssues } = markdownToDoc(value);
            for (const i of mdIssues) report(["sections", key], `${i.message} (line ${i.line} of the text)`, line);
            draft.sections[sectionKey] = doc;
          } else if (isPlainObject(value) && value.type === "doc") {
            draft.sections[sectionKey] = value as unknown as TipTapDoc;
          } else if (value !== null && value !== undefined) {
            report(["sections", key], 'must be Markdown text or a TipTap document ({"type": "doc", ...})');
          }
        }
      }
    }
    cases.push({ file, index, draft, lineOf, label });
  });
  return { file, cases, issues: byLine(issues) };
}

const IMPORT_EXTENSIONS = [".md", ".markdown", ".json"] as const;

/** Dispatches on the file extension. */
export function parseCaseFile(file: string, text: string): ParsedFile {
  if (/\.json$/i.test(file)) return parseJsonCases(file, text);
  if (/\.(md|markdown)$/i.test(file)) return parseMarkdownCase(file, text);
  return { file, cases: [], issues: [{ file, line: null, message: `not a case file: use ${IMPORT_EXTENSIONS.join(", ")}` }] };
}
