/**
 * Word-level differences between two plain texts, for the history page: runs of equal,
 * added and removed text, with long equal runs shortened to a little context around the
 * changes so a one-word edit in a long section stays easy to find.
 */
import { diffWords } from "diff";

export type DiffPart = { op: "same" | "add" | "del"; text: string } | { op: "gap" };

/** Words of unchanged text kept on each side of a change. */
const CONTEXT_WORDS = 12;
/** A run of unchanged text is only shortened when that saves at least this many words. */
const MIN_HIDDEN_WORDS = 12;

/** `before` -> `after` as equal / removed / added runs (empty when the texts are equal). */
export function wordDiff(before: string, after: string): DiffPart[] {
  if (before === after) return [];
  // A pathological pair (very long, completely rewritten) must not hold up the page.
  const changes = diffWords(before, after, { timeout: 500 });
  if (!changes) {
    return [...(before ? [{ op: "del" as const, text: before }] : []), ...(after ? [{ op: "add" as const, text: after }] : [])];
  }
  return changes
    .filter((c) => c.value !== "")
    .map((c) => ({ op: c.added ? ("add" as const) : c.removed ? ("del" as const) : ("same" as const), text: c.value }));
}

/** Whether a diff holds any change (whitespace-only differences count as none). */
export function hasChanges(parts: DiffPart[]) {
  return parts.some((p) => p.op !== "same" && p.op !== "gap" && p.text.trim() !== "");
}

/**
 * Shortens long unchanged runs: the start keeps only its last words before the first
 * change, the end only its first words after the last change, a run between two changes
 * keeps words on both sides; what is left out becomes a "gap".
 */
export function condense(parts: DiffPart[], context = CONTEXT_WORDS): DiffPart[] {
  const out: DiffPart[] = [];
  parts.forEach((part, i) => {
    if (part.op !== "same") {
      out.push(part);
      return;
    }
    // Words with the whitespace that follows each, so joining them gives the text back.
    const tokens = part.text.match(/\s*\S+\s*/g) ?? [part.text];
    const keepHead = i > 0 ? context : 0;
    const keepTail = i < parts.length - 1 ? context : 0;
    if (tokens.length - keepHead - keepTail < MIN_HIDDEN_WORDS) {
      out.push(part);
      return;
    }
    if (keepHead) out.push({ op: "same", text: tokens.slice(0, keepHead).join("") });
    out.push({ op: "gap" });
    if (keepTail) out.push({ op: "same", text: tokens.slice(tokens.length - keepTail).join("") });
  });
  return out;
}
