/**
 * Server-side rendering of stored TipTap JSON: validated against the shared schema,
 * rendered with TipTap's static renderer, then sanitised (defence in depth against
 * stored XSS: javascript: links, event handlers, raw HTML smuggled into JSON).
 */
import { getSchema } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import sanitizeHtml from "sanitize-html";
import { caseExtensions, isSafeUrl } from "./extensions";
import type { TipTapDoc } from "./sections";

const extensions = caseExtensions();
export const caseSchema = getSchema(extensions);

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

export function sanitize(html: string) {
  return sanitizeHtml(html, SANITIZE);
}

/** Stored JSON -> safe HTML. Invalid documents render as nothing rather than crashing the page. */
export function renderDocToHtml(json: unknown): string {
  let doc: PMNode;
  try {
    doc = parseDoc(json);
  } catch {
    return "";
  }
  const html = renderToHTMLString({ extensions, content: doc.toJSON() });
  return sanitize(html);
}
