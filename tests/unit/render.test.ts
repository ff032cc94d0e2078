import { describe, expect, it } from "vitest";
import { isValidDoc, renderDocToHtml } from "~/editor/render.server";
import { docToText, textToDoc } from "~/editor/sections";

const para = (...content: unknown[]) => ({ type: "doc", content: [{ type: "paragraph", content }] });
const link = (href: string) => para({ type: "text", text: "klikk", marks: [{ type: "link", attrs: { href } }] });

describe("rendering stored rich text", () => {
  it("renders the structures writers use", () => {
    const html = renderDocToHtml({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Bakgrunn" }] },
        para(
          { type: "text", text: "Fet", marks: [{ type: "bold" }] },
          { type: "text", text: " og " },
          { type: "text", text: "kursiv", marks: [{ type: "italic" }] },
        ).content[0],
        {
          type: "bulletList",
          content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "punkt" }] }] }],
        },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "sitat" }] }] },
      ],
    });
    expect(html).toBe(
      "<h3>Bakgrunn</h3><p><strong>Fet</strong> og <em>kursiv</em></p><ul><li><p>punkt</p></li></ul><blockquote><p>sitat</p></blockquote>",
    );
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
  ])("drops the unsafe link %j but keeps the text", (href) => {
    const html = renderDocToHtml(link(href));
    expect(html).toBe('<p><a rel="noopener noreferrer nofollow">klikk</a></p>');
  });

  it("keeps safe links", () => {
    expect(renderDocToHtml(link("https://www.ks.no/"))).toBe(
      '<p><a href="https://www.ks.no/" rel="noopener noreferrer nofollow">klikk</a></p>',
    );
    expect(renderDocToHtml(link("mailto:post@hamar.kommune.no"))).toContain('href="mailto:post@hamar.kommune.no"');
  });

  it("escapes raw HTML smuggled into text and attributes", () => {
    const html = renderDocToHtml(para({ type: "text", text: '<img src=x onerror="alert(1)"><script>alert(2)</script>' }));
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain("&lt;script&gt;");
    const attr = renderDocToHtml(link('https://ks.no/" onmouseover="alert(1)'));
    expect(attr).not.toMatch(/onmouseover="/);
  });

  it("ignores event-handler attributes and unknown node types in stored JSON", () => {
    const withHandler = {
      type: "doc",
      content: [{ type: "paragraph", attrs: { onclick: "alert(1)" }, content: [{ type: "text", text: "x" }] }],
    };
    expect(renderDocToHtml(withHandler)).toBe("<p>x</p>");
    const unknown = { type: "doc", content: [{ type: "rawHtml", attrs: { html: "<script>alert(1)</script>" } }] };
    expect(isValidDoc(unknown)).toBe(false);
    expect(renderDocToHtml(unknown)).toBe("");
  });

  it("never renders page-level headings from stored JSON", () => {
    const h1 = { type: "doc", content: [{ type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Stor" }] }] };
    expect(renderDocToHtml(h1)).not.toContain("<h1");
  });

  it("converts plain text to a document and back without losing anything", () => {
    const text = "Første avsnitt.\nNy linje.\n\nAndre avsnitt med æøå.";
    expect(docToText(textToDoc(text))).toBe(text);
    expect(renderDocToHtml(textToDoc(text))).toBe("<p>Første avsnitt.<br />Ny linje.</p><p>Andre avsnitt med æøå.</p>");
  });
});
