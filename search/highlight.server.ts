/**
 * Highlighting that is safe to put into HTML. Meilisearch (and PostgreSQL's ts_headline)
 * return the stored text raw with our own markers around the matches. We use markers that
 * case text cannot predict (a random nonce per process), escape everything, and only then
 * turn the markers into <mark> tags - so the only markup that ever reaches the page is
 * <mark> and </mark>, always balanced.
 */
import crypto from "node:crypto";

const nonce = crypto.randomBytes(6).toString("hex");

/** Letters and digits only, so the markers survive ts_headline's option parser unquoted. */
export const HIGHLIGHT_PRE = `LBHLS${nonce}X`;
export const HIGHLIGHT_POST = `LBHLE${nonce}X`;

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const MARKERS = new RegExp(`${HIGHLIGHT_PRE}|${HIGHLIGHT_POST}`, "g");

/** Raw text with markers -> escaped HTML where only <mark> is markup. */
export function markedToHtml(raw: string): string {
  let out = "";
  let open = false;
  let last = 0;
  for (const m of raw.matchAll(MARKERS)) {
    out += escapeHtml(raw.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[0] === HIGHLIGHT_PRE && !open) {
      out += "<mark>";
      open = true;
    } else if (m[0] === HIGHLIGHT_POST && open) {
      out += "</mark>";
      open = false;
    }
  }
  out += escapeHtml(raw.slice(last));
  if (open) out += "</mark>";
  return out;
}

export function hasMarker(raw: string): boolean {
  return raw.includes(HIGHLIGHT_PRE);
}

/** Words of a query, for marking prefix/substring matches the engine did not mark itself. */
export function queryTerms(q: string): string[] {
  return [...new Set(q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2))];
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Wraps case-insensitive occurrences of the terms in markers (raw text in, raw text out). */
export function markTerms(text: string, terms: string[]): string {
  if (!terms.length) return text;
  const re = new RegExp(terms.sort((a, b) => b.length - a.length).map(escapeRegExp).join("|"), "giu");
  return text.replace(re, (m) => `${HIGHLIGHT_PRE}${m}${HIGHLIGHT_POST}`);
}

/** Plain text shortened at a word boundary, for snippets without any match. */
export function shorten(text: string, max = 240): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")} …`;
}
