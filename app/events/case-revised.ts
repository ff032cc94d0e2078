/**
 * When a revision counts as "case.revised" (issue 11: followers hear of a case republished with
 * changed content). Pure: used by recordRevision (app/models/case.server.ts).
 *
 * Only revisions that carry an edit - a form save (EDIT), the live editor's periodic revision
 * (LIVE) or a restore (RESTORE) - and only when what a reader sees as the case's content
 * (title, summary, sections, results) differs from the previous revision's. Metadata-only saves
 * (status, period, contact, visibility, owners, areas) and the live editor's stores between
 * revisions (no revision at all) never notify anyone.
 */
export const REVISED_KINDS = ["EDIT", "LIVE", "RESTORE"] as const;

const CONTENT_FIELDS = ["title", "summary", "sections", "results"] as const;

/** JSON with object keys sorted, so two equal documents compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * A document without its empty paragraphs. Readers do not see them, and editors add them on
 * their own: TipTap's trailing-node rule appends one after a final list or heading as soon as
 * someone opens the live document, which must not count as "the case was updated".
 */
export function withoutEmptyParagraphs(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node
      .filter(
        (n) =>
          !(
            n &&
            typeof n === "object" &&
            (n as { type?: unknown }).type === "paragraph" &&
            !(n as { content?: unknown[] }).content?.length
          ),
      )
      .map(withoutEmptyParagraphs);
  }
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([k, v]) => [k, withoutEmptyParagraphs(v)]));
}

/** True when the content part of two revision snapshots differs (no previous snapshot: it does). */
export function contentDiffers(previous: unknown, next: unknown): boolean {
  if (!previous || typeof previous !== "object") return true;
  const a = previous as Record<string, unknown>;
  const b = (next ?? {}) as Record<string, unknown>;
  const seen = (snapshot: Record<string, unknown>, field: string) =>
    canonicalJson(field === "sections" ? withoutEmptyParagraphs(snapshot[field]) : snapshot[field]);
  return CONTENT_FIELDS.some((field) => seen(a, field) !== seen(b, field));
}

export function isRevisedKind(kind: string): boolean {
  return (REVISED_KINDS as readonly string[]).includes(kind);
}
