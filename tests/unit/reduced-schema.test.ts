/** The reduced editor schema of questions and answers (app/editor/reduced-schema.ts) and its renderer. */
import { describe, expect, it } from "vitest";
import { renderPostHtml } from "~/editor/reduced-render.server";
import { MAX_POST_CHARS, normalisePostDoc, postDocToText, postSchema, readPostBody, textToPostDoc } from "~/editor/reduced-schema";

describe("reduced schema", () => {
  it("holds paragraphs, hard breaks, bold, italic and links - nothing else", () => {
    expect(Object.keys(postSchema.nodes).sort()).toEqual(["doc", "hardBreak", "paragraph", "text"]);
    expect(Object.keys(postSchema.marks).sort()).toEqual(["bold", "italic", "link"]);
  });

  it("refuses headings, images, lists, quotes and code", () => {
    for (const node of [
      { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "x" }] },
      { type: "image", attrs: { src: "https://example.no/x.png" } },
      { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph" }] }] },
      { type: "blockquote", content: [{ type: "paragraph" }] },
      { type: "codeBlock", content: [{ type: "text", text: "x" }] },
    ]) {
      expect(normalisePostDoc({ type: "doc", content: [node] }), node.type).toEqual({ ok: false, problem: "invalid" });
    }
  });

  it("turns a textarea into paragraphs, hard breaks and links (http, https, mailto only)", () => {
    const doc = textToPostDoc("Hei!\nSe https://example.no/a_(b). Og mailto:kari@example.no\n\n\nNytt avsnitt javascript:alert(1) tel:123");
    expect(doc).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Hei!" },
            { type: "hardBreak" },
            { type: "text", text: "Se " },
            { type: "text", text: "https://example.no/a_(b)", marks: [{ type: "link", attrs: { href: "https://example.no/a_(b)" } }] },
            { type: "text", text: ". Og " },
            { type: "text", text: "mailto:kari@example.no", marks: [{ type: "link", attrs: { href: "mailto:kari@example.no" } }] },
          ],
        },
        { type: "paragraph", content: [{ type: "text", text: "Nytt avsnitt javascript:alert(1) tel:123" }] },
      ],
    });
  });

  it("keeps a link's address in the plain text when its text differs", () => {
    const doc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [{ type: "text", text: "rapporten", marks: [{ type: "link", attrs: { href: "https://example.no/r" } }] }],
        },
      ],
    };
    expect(postDocToText(doc)).toBe("rapporten (https://example.no/r)");
  });

  it("strips unsafe links and unknown attributes; refuses empty, oversized and deeply nested input", () => {
    const result = normalisePostDoc({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "x",
              marks: [{ type: "link", attrs: { href: "javascript:alert(1)", target: "_top" } }, { type: "bold" }],
            },
          ],
        },
      ],
    });
    expect(result).toEqual({
      ok: true,
      body: {
        doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "bold" }] }] }] },
        text: "x",
      },
    });
    expect(readPostBody({ body: "  \n " })).toEqual({ ok: false, problem: "empty" });
    expect(readPostBody({ body: "a".repeat(MAX_POST_CHARS + 1) })).toEqual({ ok: false, problem: "too-long" });
    expect(readPostBody({ body: "a".repeat(MAX_POST_CHARS) }).ok).toBe(true);
    expect(readPostBody({ bodyDoc: "{not json" })).toEqual({ ok: false, problem: "invalid" });
    let deep: unknown = { type: "text", text: "x" };
    for (let i = 0; i < 3000; i++) deep = { type: "paragraph", content: [deep] };
    expect(normalisePostDoc({ type: "doc", content: [deep] }).ok).toBe(false);
  });

  it("renders only safe HTML, links with rel=nofollow ugc noopener", () => {
    const html = renderPostHtml({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "<script>alert(1)</script>", marks: [{ type: "italic" }] },
            { type: "hardBreak" },
            { type: "text", text: 'x" onmouseover="alert(2)', marks: [{ type: "link", attrs: { href: 'https://example.no/"><script>' } }] },
          ],
        },
      ],
    });
    expect(html).not.toContain("<script>");
    expect(html).toContain("<em>&lt;script&gt;alert(1)&lt;/script&gt;</em><br />");
    expect(html).toMatch(/<a href="https:\/\/example\.no\/[^"]*" rel="nofollow ugc noopener">/);
    expect(html).not.toMatch(/<[^>]*onmouseover/);
    expect(
      renderPostHtml({ type: "doc", content: [{ type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "x" }] }] }),
    ).toBe("");
  });
});
