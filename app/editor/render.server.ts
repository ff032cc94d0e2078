/**
 * Server-side rendering of stored TipTap JSON: validated against the shared schema,
 * rendered with TipTap's static renderer, then sanitised (defence in depth against
 * stored XSS: javascript: links, event handlers, raw HTML smuggled into JSON).
 */
import { Node as PMNode, type DOMOutputSpec } from "@tiptap/pm/model";
import sanitizeHtml from "sanitize-html";
import { isSafeUrl } from "./extensions";
import { caseSchema } from "./schema";
import type { TipTapDoc } from "./sections";

export { caseSchema };

/** Throws if the JSON is not a valid document of our schema. */
export function parseDoc(json: unknown): PMNode {
  const node = PMNode.fromJSON(caseSchema, json as Record<string, unknown>);
  if (node.type.name !== "doc") throw new Error("not a document");
  node.check();
  return node;
}

export function isValidDoc(json: unknown): json is TipTapDoc {
  try {
    parseDoc(json);
    return true;
  } catch {
    return false;
  }
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "s", "u", "h3", "h4", "ul", "ol", "li", "blockquote", "a"],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href && isSafeUrl(attribs.href) ? attribs.href : undefined;
      return { tagName, attribs: { ...(href ? { href } : {}), rel: "noopener noreferrer nofollow" } };
    },
  },
};

function sanitize(html: string) {
  return sanitizeHtml(html, SANITIZE);
}

const VOID_TAGS = new Set(["br", "hr", "img"]);

function escapeHtml(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Renders a ProseMirror DOMOutputSpec (["p", attrs?, 0]) around already-rendered content. */
function specToHtml(spec: DOMOutputSpec, inner: string): string {
  if (typeof spec === "string") return escapeHtml(spec);
  if (!Array.isArray(spec)) throw new Error("DOM nodes are not supported in server rendering");
  const [tag, ...rest] = spec as readonly unknown[];
  let attrs = "";
  let start = 0;
  const maybeAttrs = rest[0];
  if (maybeAttrs && typeof maybeAttrs === "object" && !Array.isArray(maybeAttrs)) {
    for (const [k, v] of Object.entries(maybeAttrs as Record<string, unknown>)) {
      if (v === null || v === undefined || v === false) continue;
      attrs += ` ${k}="${escapeHtml(String(v))}"`;
    }
    start = 1;
  }
  const name = String(tag).replace(/^[^ ]+ /, ""); // drop a namespace prefix
  if (VOID_TAGS.has(name)) return `<${name}${attrs}>`;
  const children = rest
    .slice(start)
    .map((child) => (child === 0 ? inner : specToHtml(child as DOMOutputSpec, inner)))
    .join("");
  return `<${name}${attrs}>${children}</${name}>`;
}

/**
 * Serialises a document with the schema's own toDOM specs (what TipTap and ProseMirror use
 * in the browser) straight to a string: no DOM emulation, the schema is built once.
 */
function nodeToHtml(node: PMNode): string {
  if (node.isText) {
    let html = escapeHtml(node.text ?? "");
    for (const mark of [...node.marks].reverse()) {
      const toDOM = mark.type.spec.toDOM;
      if (toDOM) html = specToHtml(toDOM(mark, true), html);
    }
    return html;
  }
  let inner = "";
  node.content.forEach((child) => (inner += nodeToHtml(child)));
  if (node.type.name === "doc") return inner;
  const toDOM = node.type.spec.toDOM;
  return toDOM ? specToHtml(toDOM(node), inner) : inner;
}

/** Stored JSON -> safe HTML. Invalid documents render as nothing rather than crashing the page. */
export function renderDocToHtml(json: unknown): string {
  let doc: PMNode;
  try {
    doc = parseDoc(json);
  } catch {
    return "";
  }
  return sanitize(nodeToHtml(doc));
}
