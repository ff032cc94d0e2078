import { describe, expect, it } from "vitest";
import { condense, hasChanges, wordDiff } from "~/utils/word-diff";

const joined = (parts: ReturnType<typeof wordDiff>, op: "add" | "del") =>
  parts.flatMap((p) => (p.op === op ? [p.text.trim()] : [])).join(" | ");

describe("wordDiff", () => {
  it("marks whole words added and removed, from the old text to the new", () => {
    const parts = wordDiff("Ventetiden var tolv uker.", "Ventetiden var bare sju uker.");
    expect(joined(parts, "del")).toBe("tolv");
    expect(joined(parts, "add")).toBe("bare sju");
    expect(hasChanges(parts)).toBe(true);
  });

  it("is empty for equal texts, and whitespace alone is no change", () => {
    expect(wordDiff("Lik tekst.", "Lik tekst.")).toEqual([]);
    expect(hasChanges(wordDiff("Lik  tekst.", "Lik tekst."))).toBe(false);
  });

  it("handles a text that appears or disappears completely", () => {
    expect(wordDiff("", "Ny tekst")).toEqual([{ op: "add", text: "Ny tekst" }]);
    expect(wordDiff("Gammel tekst", "")).toEqual([{ op: "del", text: "Gammel tekst" }]);
  });
});

describe("condense", () => {
  const words = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`).join(" ");

  it("keeps a few words of context around a change and leaves the rest out", () => {
    const parts = condense(wordDiff(`${words(0, 50)} gammel ${words(51, 100)}`, `${words(0, 50)} ny ${words(51, 100)}`), 3);
    expect(parts[0]).toEqual({ op: "gap" });
    expect(parts[1]).toEqual({ op: "same", text: "w47 w48 w49 " });
    expect(parts.at(-1)).toEqual({ op: "gap" });
    expect((parts.at(-2) as { text: string }).text.trim()).toBe("w51 w52 w53");
  });

  it("leaves short unchanged runs whole", () => {
    const parts = wordDiff("en to tre fire", "en to TRE fire");
    expect(condense(parts)).toEqual(parts);
  });
});
