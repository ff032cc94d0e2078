/**
 * The REDUCED editor schema: "plain text with links" for questions and answers
 * (docs/decisions/019-questions-and-answers.md). Paragraphs, hard line breaks, bold, italic
 * and links - no headings, lists, quotes, images or code. Defined once here and used by the
 * browser editor (if any), by the no-JavaScript textarea path and by the server, which
 * validates and normalises every posted document with `normalisePostDoc` before storing it.
 *
 * Pure and browser-safe (no server imports); rendering is in reduced-render.server.ts.
 */
import { getSchema, type AnyExtension } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import StarterKit from "@tiptap/starter-kit";
import { isSafeUrl } from "./extensions";
import { sectionProblem } from "./limits";
import type { TipTapDoc, TipTapNode } from "./sections";

/** Characters of text in one question or answer. */
export const MAX_POST_CHARS = 5_000;

/** Link schemes a post may use: the web and e-mail (no tel:, no javascript:, no data:). */
export const POST_LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

export function isSafePostUrl(url: string): boolean {
  if (!isSafeUrl(url)) return false;
  const match = /^\s*([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  return !!match && (POST_LINK_PROTOCOLS as readonly string[]).includes(match[1].toLowerCase());
}

/** The ONE extension list of the reduced schema (the browser editor adds nothing that changes the schema). */
export function postExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      blockquote: false,
      bulletList: false,
      orderedList: false,
      listItem: false,
      listKeymap: false,
      code: false,
      codeBlock: false,
      heading: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: "https",
        isAllowedUri: (url) => isSafePostUrl(url),
        HTMLAttributes: { rel: "nofollow ugc noopener", target: null },
      },
    }),
  ];
}

export const postSchema = getSchema(postExtensions());

export type PostProblem = "empty" | "too-long" | "invalid";

/** Translation keys (questions namespace) of each problem. */
export const POST_PROBLEM_MESSAGE: Record<PostProblem, string> = {
  empty: "questions:errors.empty",
  "too-long": "questions:errors.tooLong",
  invalid: "questions:errors.invalid",
};

export interface PostBody {
  doc: TipTapDoc;
  text: string;
}

export type PostResult = { ok: true; body: PostBody } | { ok: false; problem: PostProblem };

const URL_IN_TEXT = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/gi;

/** Drops punctuation that ends a sentence rather than the address ("see https://x.no/a.") - keeps balanced ")". */
function trimUrl(url: string): string {
  let u = url;
  for (;;) {
    const last = u.slice(-1);
    if (/[.,;:!?'"]/.test(last)) u = u.slice(0, -1);
    else if (last === ")" && (u.match(/\(/g)?.length ?? 0) < (u.match(/\)/g)?.length ?? 0)) u = u.slice(0, -1);
    else return u;
  }
}

/** One line of text -> text nodes, addresses (http, https, mailto) as links. */
function lineToInline(line: string): TipTapNode[] {
  const out: TipTapNode[] = [];
  let at = 0;
  for (const match of line.matchAll(URL_IN_TEXT)) {
    const url = trimUrl(match[0]);
    const start = match.index ?? 0;
    if (!url || !isSafePostUrl(url)) continue;
    if (start > at) out.push({ type: "text", text: line.slice(at, start) });
    out.push({ type: "text", text: url, marks: [{ type: "link", attrs: { href: url } }] });
    at = start + url.length;
  }
  if (at < line.length) out.push({ type: "text", text: line.slice(at) });
  return out;
}

/**
 * What a plain <textarea> posts -> a document of the reduced schema: blank lines separate
 * paragraphs, single line breaks become hard breaks, web and e-mail addresses become links.
 */
export function textToPostDoc(text: string): TipTapDoc {
  const normalised = text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
  const paragraphs = normalised
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ""))
    .filter((p) => p.trim() !== "");
  if (!paragraphs.length) return { type: "doc", content: [{ type: "paragraph" }] };
  return {
    type: "doc",
    content: paragraphs.map((p) => {
      const content: TipTapNode[] = [];
      p.split("\n").forEach((line, i) => {
        if (i > 0) content.push({ type: "hardBreak" });
        content.push(...lineToInline(line));
      });
      return content.length ? { type: "paragraph", content } : { type: "paragraph" };
    }),
  };
}

/**
 * A document -> plain text (stored beside it for search, mails and the textarea when editing).
 * A link whose text is not its address keeps the address in brackets, so editing the text in
 * a textarea does not lose where it pointed.
 */
export function postDocToText(doc: TipTapNode | null | undefined): string {
  if (!doc) return "";
  const inline = (n: TipTapNode): string => {
    if (n.type === "hardBreak") return "\n";
    if (n.type === "text") {
      const text = n.text ?? "";
      const href = n.marks?.find((m) => m.type === "link")?.attrs?.href;
      if (typeof href === "string" && href !== text && href !== `mailto:${text}`) return `${text} (${href})`;
      return text;
    }
    return (n.content ?? []).map(inline).join("");
  };
  return (doc.content ?? [])
    .map(inline)
    .filter((p) => p.trim() !== "")
    .join("\n\n");
}

/** A parsed node -> clean JSON: only the schema's nodes, marks and attributes, links only when safe. */
function cleanNode(node: PMNode): TipTapNode {
  if (node.isText) {
    const marks: NonNullable<TipTapNode["marks"]> = [];
    for (const mark of node.marks) {
      if (mark.type.name === "bold" || mark.type.name === "italic") marks.push({ type: mark.type.name });
      else if (mark.type.name === "link") {
        const href = mark.attrs.href;
        if (typeof href === "string" && isSafePostUrl(href)) marks.push({ type: "link", attrs: { href: href.trim() } });
      }
    }
    return marks.length ? { type: "text", text: node.text ?? "", marks } : { type: "text", text: node.text ?? "" };
  }
  const content: TipTapNode[] = [];
  node.content.forEach((child) => content.push(cleanNode(child)));
  return content.length ? { type: node.type.name, content } : { type: node.type.name };
}

/**
 * Validates a posted document (JSON from the editor, or built from text) against the reduced
 * schema and returns its normalised form and plain text. Refuses anything the schema cannot
 * hold (headings, images, lists ...), oversized or deeply nested input, and empty posts; strips
 * links with unsafe schemes.
 */
export function normalisePostDoc(json: unknown): PostResult {
  if (!json || typeof json !== "object" || Array.isArray(json)) return { ok: false, problem: "invalid" };
  const structural = sectionProblem(json);
  if (structural === "too-long") return { ok: false, problem: "too-long" };
  if (structural) return { ok: false, problem: "invalid" };
  let node: PMNode;
  try {
    node = PMNode.fromJSON(postSchema, json as Record<string, unknown>);
    if (node.type.name !== "doc") return { ok: false, problem: "invalid" };
    node.check();
  } catch {
    return { ok: false, problem: "invalid" };
  }
  const doc = cleanNode(node) as TipTapDoc;
  const text = postDocToText(doc);
  if (text.trim() === "") return { ok: false, problem: "empty" };
  if (node.textContent.length > MAX_POST_CHARS || text.length > MAX_POST_CHARS * 2) return { ok: false, problem: "too-long" };
  return { ok: true, body: { doc, text } };
}

/** What a form posted: a document from the editor (`bodyDoc`, JSON) wins over the textarea (`body`). */
export function readPostBody(fields: { body?: unknown; bodyDoc?: unknown }): PostResult {
  if (typeof fields.bodyDoc === "string" && fields.bodyDoc.trim() !== "") {
    if (fields.bodyDoc.length > MAX_POST_CHARS * 20) return { ok: false, problem: "too-long" };
    let json: unknown;
    try {
      json = JSON.parse(fields.bodyDoc);
    } catch {
      return { ok: false, problem: "invalid" };
    }
    return normalisePostDoc(json);
  }
  const text = typeof fields.body === "string" ? fields.body : "";
  if (text.trim() === "") return { ok: false, problem: "empty" };
  if (text.length > MAX_POST_CHARS) return { ok: false, problem: "too-long" };
  return normalisePostDoc(textToPostDoc(text));
}
