/** The fixed structure of a case write-up. Order here is the order on the page. */
export const SECTION_KEYS = ["challenge", "whatWeDid", "method", "partners", "results", "lessons"] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export interface TipTapNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: TipTapNode[];
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  text?: string;
}

export interface TipTapDoc extends TipTapNode {
  type: "doc";
}

export type CaseSections = Record<SectionKey, TipTapDoc>;

export const EMPTY_DOC: TipTapDoc = { type: "doc", content: [{ type: "paragraph" }] };

export function emptySections(): CaseSections {
  return Object.fromEntries(SECTION_KEYS.map((k) => [k, structuredClone(EMPTY_DOC)])) as CaseSections;
}

/** Plain text (paragraphs separated by blank lines) -> a TipTap document. */
export function textToDoc(text: string): TipTapDoc {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!paragraphs.length) return structuredClone(EMPTY_DOC);
  return {
    type: "doc",
    content: paragraphs.map((p) => {
      const lines = p.split("\n");
      const content: TipTapNode[] = [];
      lines.forEach((line, i) => {
        if (i > 0) content.push({ type: "hardBreak" });
        if (line) content.push({ type: "text", text: line });
      });
      return { type: "paragraph", content };
    }),
  };
}

/** A TipTap document -> plain text; used for the no-JS fallback textarea and search. */
export function docToText(doc: TipTapNode | undefined | null): string {
  if (!doc) return "";
  const blocks: string[] = [];
  const inline = (n: TipTapNode): string => {
    if (n.type === "text") return n.text ?? "";
    if (n.type === "hardBreak") return "\n";
    return (n.content ?? []).map(inline).join("");
  };
  const walk = (n: TipTapNode, prefix = "") => {
    if (["paragraph", "heading"].includes(n.type)) {
      blocks.push(prefix + inline(n));
      return;
    }
    if (n.type === "listItem") {
      const [first, ...rest] = n.content ?? [];
      if (first) blocks.push(prefix + inline(first));
      rest.forEach((c) => walk(c, prefix));
      return;
    }
    if (n.type === "bulletList") (n.content ?? []).forEach((c) => walk(c, "- "));
    else if (n.type === "orderedList") (n.content ?? []).forEach((c, i) => walk(c, `${i + 1}. `));
    else (n.content ?? []).forEach((c) => walk(c, prefix));
  };
  walk(doc);
  return blocks.filter((b) => b.trim()).join("\n\n");
}

export function isDocEmpty(doc: TipTapNode | undefined | null): boolean {
  return docToText(doc).trim().length === 0;
}
