/**
 * Tiny builders for TipTap JSON in seed data: paragraphs, lists and level-3 headings with
 * optional bold/italic/link runs. Output is validated against the editor schema by
 * createCase, so a typo here fails the seed loudly instead of storing a broken document.
 */
import { SECTION_KEYS, type CaseSections, type SectionKey, type TipTapDoc, type TipTapNode } from "~/editor/sections";

export type Run = string | { b: string } | { i: string } | { link: string; href: string };

function runs(parts: Run[]): TipTapNode[] {
  return parts
    .map((r): TipTapNode => {
      if (typeof r === "string") return { type: "text", text: r };
      if ("b" in r) return { type: "text", text: r.b, marks: [{ type: "bold" }] };
      if ("i" in r) return { type: "text", text: r.i, marks: [{ type: "italic" }] };
      return { type: "text", text: r.link, marks: [{ type: "link", attrs: { href: r.href } }] };
    })
    .filter((n) => n.text);
}

export const p = (...parts: Run[]): TipTapNode => ({ type: "paragraph", content: runs(parts) });
export const h3 = (text: string): TipTapNode => ({ type: "heading", attrs: { level: 3 }, content: runs([text]) });

const item = (i: Run | Run[]): TipTapNode => ({ type: "listItem", content: [p(...(Array.isArray(i) ? i : [i]))] });
export const ul = (...items: Array<Run | Run[]>): TipTapNode => ({ type: "bulletList", content: items.map(item) });
export const ol = (...items: Array<Run | Run[]>): TipTapNode => ({ type: "orderedList", attrs: { start: 1 }, content: items.map(item) });

function doc(...blocks: TipTapNode[]): TipTapDoc {
  return { type: "doc", content: blocks.length ? blocks : [{ type: "paragraph" }] };
}

/** Every section key present; missing ones are empty documents (drafts have gaps). */
export function sections(s: Partial<Record<SectionKey, TipTapNode[]>>): CaseSections {
  return Object.fromEntries(SECTION_KEYS.map((k) => [k, doc(...(s[k] ?? []))])) as CaseSections;
}
