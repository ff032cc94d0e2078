/**
 * XSS through the live path: a forged client (with a real editor's session) writes into the
 * Y.Doc what no browser editor would produce - script/img/iframe elements, event-handler
 * and style attributes, javascript:/data:/vbscript: links, raw HTML in text. What is stored
 * must be a valid document of the shared schema, and the public case page must render it
 * harmless while still showing the harmless text. (The renderer's own corpus:
 * tests/unit/render.test.ts.)
 */
import * as Y from "yjs";
import { parseDoc } from "~/editor/render.server";
import { SECTION_KEYS } from "~/editor/sections";
import { createCaseWorld, createFullCase, loggedIn } from "../support/case-factories";
import { until } from "../support/collab-client";
import { live, storedCase } from "../support/collab";
import { uniqueSuffix } from "../support/factories";
import { Client } from "../support/http";

const UNSAFE_HREFS = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "//evil.example/x",
  'https://ks.no/" onmouseover="alert(1)',
];

function element(name: string, attrs: Record<string, string>, children: Array<Y.XmlElement | Y.XmlText> = []) {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (children.length) el.insert(0, children);
  return el;
}

describe("forged live content renders harmless", () => {
  it("hostile nodes, attributes, links and raw HTML: stored JSON is schema-valid, the page has no script, handler or unsafe link", async () => {
    const world = await createCaseWorld();
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" });
    const editor = await loggedIn(world.users.ownerEditor);
    const forged = live(c.id, editor);
    await forged.synced();
    const tag = uniqueSuffix();
    const harmless = (n: number) => `HARMLØS-${n}-${tag}`;

    forged.doc.transact(() => {
      const challenge = forged.doc.getXmlFragment("challenge");
      challenge.push([
        element("script", {}, [new Y.XmlText("alert('script-element')")]),
        element("img", { src: "x", onerror: "alert('img')" }),
        element("iframe", { src: "javascript:alert('iframe')" }),
        element("paragraph", { onclick: "alert('p')", style: "background:url(javascript:alert(1))", class: "evil" }, [
          new Y.XmlText(harmless(1)),
        ]),
        element("heading", { level: "1", onmouseover: "alert('h')" }, [new Y.XmlText(harmless(2))]),
        element("div", {}, [element("paragraph", {}, [new Y.XmlText(harmless(3))])]),
      ]);
      const raw = element("paragraph", {}, [
        new Y.XmlText(`<img src=x onerror="alert('raw')"><script>alert('raw2')</script>${harmless(4)}`),
      ]);
      forged.doc.getXmlFragment("method").push([raw]);
      // Links as the TipTap binding stores marks: formatting attributes on the text.
      const links = new Y.XmlText();
      forged.doc.getXmlFragment("partners").push([element("paragraph", {}, [links])]);
      UNSAFE_HREFS.forEach((href, i) =>
        links.insert(links.length, `lenke-${i}-${tag} `, { link: { href, onclick: "alert('a')", target: "_self" } }),
      );
      links.insert(links.length, `trygg-${tag}`, { link: { href: "https://www.ks.no/" } });
      links.insert(links.length, ` ${harmless(5)}`, { bold: {} });
      // Marks the schema does not know: the paragraph carrying them is dropped from what is stored.
      const marks = new Y.XmlText();
      forged.doc.getXmlFragment("partners").push([element("paragraph", {}, [marks])]);
      marks.insert(0, "ukjent-merke", { script: { src: "x" }, onclick: "alert('mark')" });
      // A list item straight under the document (structurally invalid) with a handler.
      forged.doc
        .getXmlFragment("results")
        .push([element("listItem", { onfocus: "alert('li')" }, [element("paragraph", {}, [new Y.XmlText(harmless(6))])])]);
      forged.doc.getXmlFragment("lessons").push([element("paragraph", {}, [new Y.XmlText(harmless(7))])]);
    });

    await until(async () => (await storedCase(c.id)).plainText.includes(harmless(7)), "the forged content is stored");
    const stored = await storedCase(c.id);
    const sections = stored.sections as Record<string, unknown>;
    for (const key of SECTION_KEYS) expect(() => parseDoc(sections[key]), key).not.toThrow();
    // Only the schema's node types and attributes are stored (raw HTML stays text).
    const types = new Set<string>();
    const attrNames = new Set<string>();
    const walk = (n: { type: string; attrs?: object; marks?: Array<{ type: string; attrs?: object }>; content?: unknown[] }) => {
      types.add(n.type);
      Object.keys(n.attrs ?? {}).forEach((k) => attrNames.add(k));
      for (const m of n.marks ?? []) {
        types.add(m.type);
        Object.keys(m.attrs ?? {}).forEach((k) => attrNames.add(k));
      }
      (n.content ?? []).forEach((child) => walk(child as typeof n));
    };
    for (const key of SECTION_KEYS) walk(sections[key] as Parameters<typeof walk>[0]);
    expect([...types].filter((t) => !["doc", "paragraph", "heading", "text", "link", "bold"].includes(t))).toEqual([]);
    expect([...attrNames].filter((a) => /^on|style|src/i.test(a))).toEqual([]);

    const { status, html } = await new Client().page(`/cases/${c.slug}`);
    expect(status).toBe(200);
    // The app's own scripts are the only scripts, and none of them carries markup (Remix escapes "<" in its data).
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)];
    for (const [, body] of scripts) expect(body).not.toMatch(/<\/?(script|img|iframe)\b/i);
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
    expect(markup).not.toMatch(/<(script|iframe|object|embed)\b/i);
    expect(markup).not.toMatch(/<img\b[^>]*onerror/i);
    // Every attribute of every tag, properly tokenised (a quoted value may contain anything).
    const attributes = [...markup.matchAll(/<[a-zA-Z][^\s>/]*((?:\s+[^\s=>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)].flatMap(
      ([, attrs]) =>
        [...attrs.matchAll(/([^\s=>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)].map(([, name, value]) => ({
          name: name.toLowerCase(),
          value: (value ?? "").replace(/^["']|["']$/g, ""),
        })),
    );
    expect(attributes.length).toBeGreaterThan(50);
    expect(attributes.filter((a) => a.name.startsWith("on"))).toEqual([]);
    expect(
      attributes.filter(
        (a) => ["href", "src", "action", "formaction"].includes(a.name) && /^\s*(javascript|vbscript|data):/i.test(a.value),
      ),
    ).toEqual([]);
    expect(markup).not.toMatch(/(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):/i);
    expect(markup).not.toMatch(/href="\/\/evil/);
    expect(markup).not.toContain("alert('p')");
    expect(markup).not.toMatch(/<h1\b[^>]*>[^<]*HARMLØS/);
    // The harmless text is all still there, the raw HTML shown as text.
    // (3: inside an unknown <div>, 6: in a list item without a list - both dropped by the schema.)
    for (const n of [1, 2, 4, 5, 7]) expect(markup).toContain(harmless(n));
    expect(markup).toContain(`Lærdom ${c.slug.split("-").pop()}`);
    expect(markup).not.toContain("ukjent-merke");
    expect(markup).toMatch(/&lt;script&gt;alert\((&#x27;|&#39;|')raw2(&#x27;|&#39;|')\)&lt;\/script&gt;/);
    for (let i = 0; i < UNSAFE_HREFS.length; i++) expect(markup).toContain(`lenke-${i}-${tag}`);
    expect(markup).toContain(`<a href="https://www.ks.no/" rel="noopener noreferrer nofollow">trygg-${tag}</a>`);
  });
});
