/**
 * A small Markdown -> TipTap JSON converter for the subset our editor schema can hold:
 * paragraphs, ### / #### headings, bullet and numbered lists (nested), block quotes,
 * **bold**, *italic*, ~~strike~~, [links](https://...) and hard line breaks.
 *
 * Hand-written on purpose: no Markdown parser is a declared dependency, and the importer
 * needs the source line of everything it cannot take (code blocks, unsafe links, h1/h2
 * inside a section) to report `file:line`. Anything else degrades to plain text, the
 * way CommonMark renders it. Pure: runs in the browser and on the server.
 */
import { isSafeUrl } from "./extensions";
import { EMPTY_DOC, type TipTapDoc, type TipTapNode } from "./sections";

export interface SourceLine {
  text: string;
  /** 1-based line number in the original file. */
  line: number;
}

export interface MarkdownIssue {
  line: number;
  message: string;
}

type Mark = NonNullable<TipTapNode["marks"]>[number];

interface Ctx {
  issues: MarkdownIssue[];
}

const BLANK = /^\s*$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*)|[ \t]*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const THEMATIC = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const LIST = /^( {0,3})([-*+]|\d{1,9}[.)])(?:([ \t]+)(.*))?$/;
const HARD = "\uE000"; // private-use character marking a hard line break inside a paragraph
const PUNCT = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;
const WORD = /[\p{L}\p{N}]/u;

/** Splits text into numbered lines; tabs become 4 spaces, HTML comments become blank lines. */
export function toSourceLines(text: string, firstLine = 1): SourceLine[] {
  const withoutComments = text.replace(/\r\n?/g, "\n").replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ""));
  return withoutComments.split("\n").map((t, i) => ({ text: t.replace(/\t/g, "    "), line: firstLine + i }));
}

export function markdownToDoc(
  source: string | SourceLine[],
  options: { firstLine?: number } = {},
): { doc: TipTapDoc; issues: MarkdownIssue[] } {
  const lines = typeof source === "string" ? toSourceLines(source, options.firstLine ?? 1) : source;
  const ctx: Ctx = { issues: [] };
  const content = parseBlocks(lines, ctx);
  return { doc: content.length ? { type: "doc", content } : structuredClone(EMPTY_DOC), issues: ctx.issues };
}

// ---------------------------------------------------------------- blocks

function isOrdered(marker: string) {
  return /\d/.test(marker);
}

function markerKind(marker: string) {
  return isOrdered(marker) ? marker.slice(-1) : "bullet";
}

/** Lines that end a paragraph without a blank line in between (CommonMark rules, simplified). */
function interruptsParagraph(text: string) {
  if (FENCE.test(text) || ATX.test(text) || QUOTE.test(text) || THEMATIC.test(text)) return true;
  const m = LIST.exec(text);
  if (!m || !m[4]?.trim()) return false;
  return !isOrdered(m[2]) || /^1[.)]$/.test(m[2]);
}

function parseBlocks(lines: SourceLine[], ctx: Ctx): TipTapNode[] {
  const out: TipTapNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const { text, line } = lines[i];
    let m: RegExpExecArray | null;
    if (BLANK.test(text)) {
      i++;
      continue;
    }
    if ((m = FENCE.exec(text))) {
      ctx.issues.push({ line, message: "code blocks are not supported in cases; write the text as ordinary paragraphs" });
      const close = new RegExp(`^ {0,3}${m[1][0] === "`" ? "`" : "~"}{${m[1].length},}\\s*$`);
      i++;
      while (i < lines.length && !close.test(lines[i].text)) i++;
      i++;
      continue;
    }
    if (THEMATIC.test(text)) {
      i++; // horizontal rules have no place in a section; the break between blocks is enough
      continue;
    }
    if ((m = ATX.exec(text))) {
      const level = m[1].length;
      const title = (m[2] ?? "").replace(/[ \t]+#+[ \t]*$/, "").trim();
      if (level <= 2) {
        ctx.issues.push({
          line,
          message: `"${m[1]} ${title}" cannot be used inside a section: level-2 headings start sections and level-1 is the title; use ### for a sub-heading`,
        });
      } else {
        const content = parseInline(title, ctx, () => line);
        out.push({ type: "heading", attrs: { level: Math.min(level, 4) }, ...(content.length ? { content } : {}) });
      }
      i++;
      continue;
    }
    if (QUOTE.test(text)) {
      const inner: SourceLine[] = [];
      while (i < lines.length && (m = QUOTE.exec(lines[i].text))) {
        inner.push({ text: m[1], line: lines[i].line });
        i++;
      }
      const content = parseBlocks(inner, ctx);
      if (content.length) out.push({ type: "blockquote", content });
      continue;
    }
    if (LIST.test(text)) {
      const [list, next] = parseList(lines, i, ctx);
      out.push(list);
      i = next;
      continue;
    }
    const para: SourceLine[] = [lines[i]];
    i++;
    while (i < lines.length && !BLANK.test(lines[i].text) && !interruptsParagraph(lines[i].text)) {
      para.push(lines[i]);
      i++;
    }
    const node = paragraph(para, ctx);
    if (node) out.push(node);
  }
  return out;
}

function parseList(lines: SourceLine[], start: number, ctx: Ctx): [TipTapNode, number] {
  const first = LIST.exec(lines[start].text)!;
  const ordered = isOrdered(first[2]);
  const baseIndent = first[1].length;
  const items: TipTapNode[] = [];
  let i = start;
  while (i < lines.length) {
    const m = LIST.exec(lines[i].text);
    // A different kind of marker ("-" vs "1." vs "1)") starts a new list, as in CommonMark.
    if (!m || markerKind(m[2]) !== markerKind(first[2]) || m[1].length < baseIndent || m[1].length > baseIndent + 3) break;
    const spaces = m[3]?.length ?? 1;
    const contentCol = m[1].length + m[2].length + (spaces > 4 ? 1 : spaces);
    const itemLines: SourceLine[] = [{ text: m[4] ?? "", line: lines[i].line }];
    i++;
    let previousBlank = false;
    while (i < lines.length) {
      const t = lines[i].text;
      if (BLANK.test(t)) {
        itemLines.push({ text: "", line: lines[i].line });
        previousBlank = true;
        i++;
        continue;
      }
      const indent = /^ */.exec(t)![0].length;
      // Nested list markers are accepted from two spaces in, even under "1. " (content column 3).
      const nestedMarker = LIST.test(t) && indent >= baseIndent + 2;
      if (indent >= contentCol || nestedMarker) {
        itemLines.push({ text: t.slice(Math.min(indent, contentCol)), line: lines[i].line });
        previousBlank = false;
        i++;
        continue;
      }
      if (!previousBlank && !LIST.test(t) && !interruptsParagraph(t)) {
        itemLines.push({ text: t.trim(), line: lines[i].line }); // lazy continuation of the item's paragraph
        i++;
        continue;
      }
      break;
    }
    let content = parseBlocks(itemLines, ctx);
    if (content[0]?.type !== "paragraph") content = [{ type: "paragraph" }, ...content];
    items.push({ type: "listItem", content });
  }
  const startNumber = ordered ? Number.parseInt(first[2], 10) : 1;
  return [ordered ? { type: "orderedList", attrs: { start: startNumber }, content: items } : { type: "bulletList", content: items }, i];
}

function paragraph(lines: SourceLine[], ctx: Ctx): TipTapNode | null {
  const offsets: number[] = [];
  let src = "";
  lines.forEach((l, index) => {
    const last = index === lines.length - 1;
    let text = l.text.trimStart();
    let hard = false;
    if (!last && (/ {2,}$/.test(text) || (/\\$/.test(text) && !/\\\\$/.test(text)))) {
      hard = true;
      text = text.replace(/(?: {2,}|\\)$/, "");
    }
    text = text.trimEnd();
    offsets.push(src.length);
    src += text + (last ? "" : hard ? `${HARD}\n` : "\n");
  });
  const lineAt = (offset: number) => {
    let k = 0;
    while (k + 1 < offsets.length && offsets[k + 1] <= offset) k++;
    return lines[k].line;
  };
  const content = mergeText(parseInline(src, ctx, lineAt));
  // A paragraph of nothing but line breaks is empty.
  if (!content.some((n) => n.type === "text" && n.text?.trim())) return null;
  return { type: "paragraph", content: trimBreaks(content) };
}

function trimBreaks(nodes: TipTapNode[]) {
  const out = [...nodes];
  while (out[0]?.type === "hardBreak") out.shift();
  while (out.at(-1)?.type === "hardBreak") out.pop();
  return out;
}

// ---------------------------------------------------------------- inline

function withMark(marks: Mark[], mark: Mark): Mark[] {
  return [...marks.filter((m) => m.type !== mark.type), mark];
}

function textNode(text: string, marks: Mark[]): TipTapNode {
  return marks.length ? { type: "text", text, marks } : { type: "text", text };
}

function sameMarks(a: TipTapNode, b: TipTapNode) {
  return JSON.stringify(a.marks ?? []) === JSON.stringify(b.marks ?? []);
}

function mergeText(nodes: TipTapNode[]) {
  const out: TipTapNode[] = [];
  for (const n of nodes) {
    const prev = out.at(-1);
    if (prev && prev.type === "text" && n.type === "text" && sameMarks(prev, n)) prev.text = (prev.text ?? "") + n.text;
    else out.push({ ...n });
  }
  return out;
}

/** Index just past a code span starting at i, or -1 when the backticks are not closed. */
function codeSpanEnd(src: string, i: number) {
  const run = /^`+/.exec(src.slice(i))![0];
  const close = src.indexOf(run, i + run.length);
  return close < 0 ? -1 : close + run.length;
}

interface LinkMatch {
  textStart: number;
  textEnd: number;
  href: string;
  end: number;
}

/** `[text](destination "title")` starting at the "[" at i. */
function matchLink(src: string, i: number): LinkMatch | null {
  let depth = 0;
  let j = i;
  for (; j < src.length; j++) {
    const c = src[j];
    if (c === "\\") {
      j++;
      continue;
    }
    if (c === "[") depth++;
    if (c === "]" && --depth === 0) break;
  }
  if (j >= src.length || src[j + 1] !== "(") return null;
  const rest = src.slice(j + 2);
  const m =
    /^[ \t\n]*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))(?:[ \t\n]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t\n]*\)/.exec(rest);
  if (!m) return null;
  const href = (m[1] ?? m[2] ?? "").replace(/\\(.)/g, "$1");
  return { textStart: i + 1, textEnd: j, href, end: j + 2 + m[0].length };
}

interface EmphasisMatch {
  innerStart: number;
  innerEnd: number;
  end: number;
  marks: Mark[];
}

function matchEmphasis(src: string, i: number): EmphasisMatch | null {
  const c = src[i];
  const run = new RegExp(`^\\${c}+`).exec(src.slice(i))![0];
  const candidates: Array<{ delim: string; marks: Mark[] }> =
    c === "~"
      ? run.length === 2
        ? [{ delim: "~~", marks: [{ type: "strike" }] }]
        : []
      : run.length >= 3
        ? [
            { delim: c.repeat(3), marks: [{ type: "bold" }, { type: "italic" }] },
            { delim: c.repeat(2), marks: [{ type: "bold" }] },
          ]
        : run.length === 2
          ? [{ delim: c.repeat(2), marks: [{ type: "bold" }] }]
          : [{ delim: c, marks: [{ type: "italic" }] }];
  for (const { delim, marks } of candidates) {
    const innerStart = i + delim.length;
    if (!src[innerStart] || /\s/.test(src[innerStart])) continue;
    if (c === "_" && i > 0 && WORD.test(src[i - 1])) continue; // snake_case is not emphasis
    let j = innerStart;
    while (j < src.length) {
      const ch = src[j];
      if (ch === "\\") {
        j += 2;
        continue;
      }
      if (ch === "`") {
        const end = codeSpanEnd(src, j);
        j = end < 0 ? j + 1 : end;
        continue;
      }
      if (ch === c) {
        const closeRun = new RegExp(`^\\${c}+`).exec(src.slice(j))![0];
        const closable = j > innerStart && !/\s/.test(src[j - 1]) && !(c === "_" && WORD.test(src[j + closeRun.length] ?? ""));
        if (closable && closeRun.length === delim.length) {
          return { innerStart, innerEnd: j, end: j + delim.length, marks };
        }
        // A longer or shorter run is nested emphasis (e.g. **bold** inside *italic*): skip it whole.
        if (closable && delim.length === 2 && closeRun.length === 3) {
          return { innerStart, innerEnd: j + 1, end: j + 3, marks }; // "**a *b***": the last star closes the inner italic
        }
        j += closeRun.length;
        continue;
      }
      j++;
    }
  }
  return null;
}

function parseInline(src: string, ctx: Ctx, lineAt: (offset: number) => number, base = 0, marks: Mark[] = []): TipTapNode[] {
  const out: TipTapNode[] = [];
  let buf = "";
  const flush = () => {
    if (buf) out.push(textNode(buf, marks));
    buf = "";
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === "\\" && i + 1 < src.length && PUNCT.test(src[i + 1])) {
      buf += src[i + 1];
      i += 2;
      continue;
    }
    if (ch === HARD) {
      flush();
      out.push({ type: "hardBreak" });
      i += 2; // the marker and its "\n"
      continue;
    }
    if (ch === "\n") {
      buf += " ";
      i++;
      continue;
    }
    if (ch === "`") {
      const end = codeSpanEnd(src, i);
      if (end < 0) {
        const run = /^`+/.exec(src.slice(i))![0];
        buf += run;
        i += run.length;
      } else {
        const run = /^`+/.exec(src.slice(i))![0].length;
        buf += src.slice(i + run, end - run).replace(/\n/g, " "); // no code mark in our schema: plain text
        i = end;
      }
      continue;
    }
    if (ch === "<") {
      const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(src.slice(i));
      if (auto) {
        flush();
        out.push(textNode(auto[1].replace(/^mailto:/i, ""), withMark(marks, { type: "link", attrs: { href: auto[1] } })));
        i += auto[0].length;
        continue;
      }
    }
    if (ch === "[" || (ch === "!" && src[i + 1] === "[")) {
      const link = matchLink(src, ch === "!" ? i + 1 : i);
      if (link) {
        flush();
        const inner = src.slice(link.textStart, link.textEnd);
        if (!isSafeUrl(link.href)) {
          ctx.issues.push({
            line: lineAt(base + i),
            message: `link "${link.href}" is not allowed: links must start with https://, http://, mailto: or tel:`,
          });
          out.push(...parseInline(inner, ctx, lineAt, base + link.textStart, marks));
        } else if (ch === "!") {
          // Images are not part of the schema: keep the description, linked to the picture.
          out.push(textNode(inner || link.href, withMark(marks, { type: "link", attrs: { href: link.href } })));
        } else {
          out.push(
            ...parseInline(inner, ctx, lineAt, base + link.textStart, withMark(marks, { type: "link", attrs: { href: link.href } })),
          );
        }
        i = link.end;
        continue;
      }
    }
    if (ch === "*" || ch === "_" || ch === "~") {
      const em = matchEmphasis(src, i);
      if (em) {
        flush();
        const inner = em.marks.reduce(withMark, marks);
        out.push(...parseInline(src.slice(em.innerStart, em.innerEnd), ctx, lineAt, base + em.innerStart, inner));
        i = em.end;
        continue;
      }
      const run = new RegExp(`^\\${ch}+`).exec(src.slice(i))![0];
      buf += run;
      i += run.length;
      continue;
    }
    buf += ch;
    i++;
  }
  flush();
  return mergeText(out);
}
