/**
 * Stored question/answer documents (reduced schema) -> safe HTML. Validated and normalised
 * again on the way out (a row written by anything but the model is still only text, line
 * breaks, bold, italic and safe links), then sanitised with an allow-list as defence in depth.
 * Links carry rel="nofollow ugc noopener": user content, not endorsed.
 */
import sanitizeHtml from "sanitize-html";
import { isSafePostUrl, normalisePostDoc, POST_LINK_PROTOCOLS } from "./reduced-schema";
import type { TipTapNode } from "./sections";

const REL = "nofollow ugc noopener";

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "a"],
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: [...POST_LINK_PROTOCOLS],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href && isSafePostUrl(attribs.href) ? attribs.href : undefined;
      return { tagName, attribs: { ...(href ? { href } : {}), rel: REL } };
    },
  },
};

function escapeHtml(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function inlineHtml(node: TipTapNode): string {
  if (node.type === "hardBreak") return "<br>";
  if (node.type !== "text") return "";
  let html = escapeHtml(node.text ?? "");
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") html = `<strong>${html}</strong>`;
    else if (mark.type === "italic") html = `<em>${html}</em>`;
  }
  const href = node.marks?.find((m) => m.type === "link")?.attrs?.href;
  if (typeof href === "string" && isSafePostUrl(href)) html = `<a href="${escapeHtml(href)}" rel="${REL}">${html}</a>`;
  return html;
}

/** Stored JSON -> HTML; anything that is not a valid reduced document renders as nothing. */
export function renderPostHtml(json: unknown): string {
  const result = normalisePostDoc(json);
  if (!result.ok) return "";
  const html = (result.body.doc.content ?? []).map((p) => `<p>${(p.content ?? []).map(inlineHtml).join("")}</p>`).join("");
  return sanitizeHtml(html, SANITIZE);
}
