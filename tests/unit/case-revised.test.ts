/**
 * What counts as "the case was updated" for followers (app/events/case-revised.ts): what a
 * reader sees - not key order, not the empty paragraph an editor appends on its own.
 */
import { describe, expect, it } from "vitest";
import { contentDiffers, isRevisedKind } from "~/events/case-revised";

const text = (t: string) => ({ type: "paragraph", content: [{ type: "text", text: t }] });
const list = { type: "bulletList", content: [{ type: "listItem", content: [text("Opplæring i regnehjelpen")] }] };
const snapshot = (lessons: unknown[], extra: Record<string, unknown> = {}) => ({
  title: "Klimabudsjett",
  summary: "Felles mal",
  sections: { lessons: { type: "doc", content: lessons }, results: { type: "doc", content: [{ type: "paragraph" }] } },
  results: [],
  status: "PILOTING",
  ...extra,
});

describe("contentDiffers", () => {
  it("ignores the empty paragraph TipTap appends after a final list, and key order", () => {
    const before = snapshot([text("Dette lærte vi"), list]);
    const opened = snapshot([text("Dette lærte vi"), list, { type: "paragraph" }]);
    expect(contentDiffers(before, opened)).toBe(false);
    expect(contentDiffers(before, Object.fromEntries(Object.entries(before).reverse()))).toBe(false);
  });

  it("sees changed words, a new paragraph with text, a new title or results - not metadata", () => {
    const before = snapshot([text("Dette lærte vi"), list]);
    expect(contentDiffers(before, snapshot([text("Dette lærte vi mye"), list]))).toBe(true);
    expect(contentDiffers(before, snapshot([text("Dette lærte vi"), list, text("Og mer")]))).toBe(true);
    expect(contentDiffers(before, { ...before, title: "Klimabudsjett 2.0" })).toBe(true);
    expect(contentDiffers(before, { ...before, results: [{ indicator: "CO2", unit: "tonn" }] })).toBe(true);
    expect(contentDiffers(before, { ...before, status: "SCALED" })).toBe(false);
    expect(contentDiffers(null, before)).toBe(true);
  });

  it("counts form saves, live revisions and restores only", () => {
    expect(["EDIT", "LIVE", "RESTORE", "CREATE", "DELETE"].map(isRevisedKind)).toEqual([true, true, true, false, false]);
  });
});
