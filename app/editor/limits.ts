/**
 * How big and how deep a case's text may be - ONE set of limits for the form, the importer
 * and live co-editing (issue 10, fault 2 and 6). Browser-safe: the form schema uses them too.
 *
 * The structural limits are far above anything a person writes with the editor (a list nested
 * ten levels deep is depth ~21), yet far below what breaks the recursive code that reads,
 * renders and stores a document (a nesting of ~1,500 overflowed the stack).
 */

/** Characters of text in one section (about 8 pages of A4). */
export const MAX_SECTION_CHARS = 20_000;

/** Nodes (paragraphs, list items, headings, text runs ...) in one section. */
export const MAX_SECTION_NODES = 5_000;

/** Nesting depth of nodes below a section's root (a paragraph at the top is depth 1, its text depth 2). */
export const MAX_NESTING_DEPTH = 100;

/** Characters in one attribute or mark value (a link's href, a heading's level). */
const MAX_ATTRIBUTE_CHARS = 2_048;

/** Nesting depth inside one attribute or mark value (real ones are flat objects). */
export const MAX_ATTRIBUTE_DEPTH = 8;

/** Characters in all attribute and mark values of one section together (links, mostly). */
export const MAX_SECTION_ATTRIBUTE_CHARS = 50_000;

export type SectionProblem = "too-long" | "too-many-nodes" | "too-deep" | "bad-attribute";

/** Translation key (cases namespace) of each problem, for the form's field error. */
export const SECTION_PROBLEM_MESSAGE: Record<SectionProblem, string> = {
  "too-long": "cases:errors.sectionTooLong",
  "too-many-nodes": "cases:errors.sectionTooComplex",
  "too-deep": "cases:errors.sectionTooComplex",
  "bad-attribute": "cases:errors.sectionTooComplex",
};

/**
 * Nesting depth and total characters of a JSON-like value, without recursion (a hostile value
 * may be nested deeper than the stack). Stops early once `maxDepth` or `maxChars` is passed.
 */
export function measureValue(value: unknown, maxDepth = MAX_ATTRIBUTE_DEPTH, maxChars = MAX_ATTRIBUTE_CHARS) {
  let depth = 0;
  let chars = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v === "string") chars += v.length;
    else if (v && typeof v === "object") {
      if (d > depth) depth = d;
      if (depth > maxDepth) break;
      if (Array.isArray(v)) for (const item of v) stack.push([item, d + 1]);
      else
        for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
          chars += k.length;
          stack.push([item, d + 1]);
        }
    }
    if (chars > maxChars) break;
  }
  return { depth, chars, ok: depth <= maxDepth && chars <= maxChars };
}

/**
 * Checks one section as TipTap JSON (form posts, imports, the stored JSON) without recursion.
 * Returns the first problem found, or null.
 */
export function sectionProblem(doc: unknown): SectionProblem | null {
  let chars = 0;
  let nodes = 0;
  let attributeChars = 0;
  const stack: Array<[unknown, number]> = [[doc, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== "object") continue;
    if (depth > MAX_NESTING_DEPTH) return "too-deep";
    const n = node as { text?: unknown; content?: unknown; attrs?: unknown; marks?: unknown };
    if (depth > 0 && ++nodes > MAX_SECTION_NODES) return "too-many-nodes";
    if (typeof n.text === "string") {
      chars += n.text.length;
      if (chars > MAX_SECTION_CHARS) return "too-long";
    }
    for (const [value, depth, max] of [
      [n.attrs, MAX_ATTRIBUTE_DEPTH + 1, MAX_ATTRIBUTE_CHARS],
      [n.marks, MAX_ATTRIBUTE_DEPTH + 2, MAX_ATTRIBUTE_CHARS * 4],
    ] as const) {
      if (value === undefined) continue;
      const measured = measureValue(value, depth, max);
      if (!measured.ok) return "bad-attribute";
      attributeChars += measured.chars;
      if (attributeChars > MAX_SECTION_ATTRIBUTE_CHARS) return "bad-attribute";
    }
    if (Array.isArray(n.content)) for (const child of n.content) stack.push([child, depth + 1]);
  }
  return null;
}
