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

function escapeHtml(text: string): string {
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
  return [
    ...new Set(
      q
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length >= 2),
    ),
  ];
}

/**
 * Adds marks for the query terms (substring, case-insensitive) to text that may already carry
 * marks from the engine (ts_headline marks whole words it stemmed; a word part such as
 * "fravær" in "sykefraværsoppfølging" it does not). Overlapping marks are merged.
 */
export function mergeTermMarks(marked: string, terms: string[]): string {
  let plain = "";
  const ranges: Array<[number, number]> = [];
  let open = -1;
  let last = 0;
  for (const m of marked.matchAll(MARKERS)) {
    plain += marked.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[0] === HIGHLIGHT_PRE && open < 0) open = plain.length;
    else if (m[0] === HIGHLIGHT_POST && open >= 0) {
      ranges.push([open, plain.length]);
      open = -1;
    }
  }
  plain += marked.slice(last);
  if (open >= 0) ranges.push([open, plain.length]);
  const lower = plain.toLowerCase();
  for (const term of terms) {
    for (let i = lower.indexOf(term); i >= 0; i = lower.indexOf(term, i + term.length)) ranges.push([i, i + term.length]);
  }
  if (!ranges.length) return plain;
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  let out = "";
  let at = 0;
  for (const [a, b] of merged) {
    out += `${plain.slice(at, a)}${HIGHLIGHT_PRE}${plain.slice(a, b)}${HIGHLIGHT_POST}`;
    at = b;
  }
  return out + plain.slice(at);
}

/** Plain text shortened at a word boundary, for snippets without any match. */
export function shorten(text: string, max = 240): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")} …`;
}

/**
 * "… " before and " …" after a snippet (text with markers) that does not start / end where
 * `source` does. ts_headline cuts fragments out of a text without saying so; this says it the
 * way Meilisearch's crop marker does, so a snippet that starts mid-sentence does not look
 * like the beginning of the case.
 */
export function withCropMarks(snippet: string, source: string): string {
  const flat = (text: string) => text.replace(/\s+/g, " ").trim();
  const text = flat(source);
  const fragments = flat(snippet.replace(MARKERS, "")).split(" … ");
  const head = text.startsWith(fragments[0]) ? "" : "… ";
  const tail = text.endsWith(fragments[fragments.length - 1]) ? "" : " …";
  return `${head}${snippet.trim()}${tail}`;
}
