/**
 * The one set of text limits (app/editor/limits.ts) as the form, the importer and the live
 * update check apply them, and the store's second line of defence: a document nested deeper
 * than the limit is still read (from a copy cut to the limit) instead of failing every store.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MAX_NESTING_DEPTH, MAX_SECTION_CHARS, sectionProblem } from "~/editor/limits";
import { relayedPresence, colorFor } from "~/editor/presence";
import { docToText, emptySections, textToDoc, type TipTapNode } from "~/editor/sections";
import { cutToDepth, documentDepth, inspectUpdate } from "~/editor/update-guard";
import { buildYDoc, docFromState, encodeState, readSection } from "~/editor/ydoc";
import { caseFormToInput, CaseInputSchema } from "~/schemas/case";
import { fieldErrors } from "~/schemas/errors";
import { pushNestedBlockquotes } from "../support/ydoc-builders";

function deepJson(depth: number): TipTapNode {
  let node: TipTapNode = { type: "paragraph", content: [{ type: "text", text: "bunn" }] };
  for (let i = 0; i < depth; i++) node = { type: "blockquote", content: [node] };
  return { type: "doc", content: [node] };
}

function deepYDoc(depth: number, section = "whatWeDid") {
  const doc = buildYDoc({ ...emptySections(), challenge: textToDoc("Andres tekst som må lagres") });
  doc.transact(() => pushNestedBlockquotes(doc, section, depth, "bunnen"));
  return doc;
}

describe("section limits (form, import)", () => {
  const form = (sections: Record<string, string>) => {
    const f = new FormData();
    const fields: Record<string, string> = {
      title: "Heltid",
      summary: "Et sammendrag som er langt nok.",
      status: "IDEA",
      visibility: "DRAFT",
      ownerOrganisationId: "org",
      challengeAreaIds: "a",
      ...Object.fromEntries(Object.entries(sections).map(([k, v]) => [`sections.${k}`, v])),
    };
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    return f;
  };

  it("a section over MAX_SECTION_CHARS is a translated field error on that section", () => {
    const parsed = CaseInputSchema.safeParse(caseFormToInput(form({ challenge: "x".repeat(MAX_SECTION_CHARS + 1), method: "kort" })));
    expect(parsed.success).toBe(false);
    const errors = fieldErrors(parsed.error!);
    expect(errors["sections.challenge"]).toBe("cases:errors.sectionTooLong");
    expect(errors["sections.method"]).toBeUndefined();
  });

  it("exactly MAX_SECTION_CHARS is fine; deep or huge rich JSON is refused as too complex", () => {
    expect(CaseInputSchema.safeParse(caseFormToInput(form({ challenge: "x".repeat(MAX_SECTION_CHARS) }))).success).toBe(true);
    const deep = CaseInputSchema.safeParse(caseFormToInput(form({ lessons: JSON.stringify(deepJson(1500)) })));
    expect(fieldErrors(deep.error!)["sections.lessons"]).toBe("cases:errors.sectionTooComplex");
    expect(sectionProblem(deepJson(MAX_NESTING_DEPTH - 2))).toBeNull();
    const many = { type: "doc", content: Array.from({ length: 6000 }, () => ({ type: "paragraph" })) };
    expect(sectionProblem(many)).toBe("too-many-nodes");
    const link = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "a", marks: [{ type: "link", attrs: { href: "h".repeat(10_000) } }] }] },
      ],
    };
    expect(sectionProblem(link)).toBe("bad-attribute");
    const links = {
      type: "doc",
      content: Array.from({ length: 30 }, () => ({
        type: "paragraph",
        content: [{ type: "text", text: "a", marks: [{ type: "link", attrs: { href: `https://e.example/${"h".repeat(1900)}` } }] }],
      })),
    };
    expect(sectionProblem(links)).toBe("bad-attribute");
    expect(sectionProblem({ ...links, content: links.content.slice(0, 20) })).toBeNull();
  });
});

describe("the live update check", () => {
  it("accepts typing and legitimate nesting; refuses depth beyond the limit wherever it is attached", () => {
    const server = buildYDoc({ ...emptySections(), challenge: textToDoc("Hei") });
    const client = docFromState(encodeState(server));
    const before = Y.encodeStateVector(client);
    ((client.getXmlFragment("challenge").get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(3, " verden");
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(client, before))).toMatchObject({ ok: true, chars: { challenge: 7 } });
    for (const [depth, ok] of [
      [20, true],
      [MAX_NESTING_DEPTH - 2, true],
      [MAX_NESTING_DEPTH, false],
      [1500, false],
    ] as const) {
      const c = docFromState(encodeState(server));
      const sv = Y.encodeStateVector(c);
      const deep = deepYDoc(depth);
      // Build the same nesting inside the client's copy, below an element the server already has.
      Y.applyUpdate(c, Y.encodeStateAsUpdate(deep));
      const verdict = inspectUpdate(server, Y.encodeStateAsUpdate(c, sv));
      expect(verdict.ok, `depth ${depth}`).toBe(ok);
      if (!ok) expect(verdict.reason).toBe("too-deep");
    }
  });

  it("refuses what does not decode, foreign roots and items whose parent is unknown", () => {
    const server = buildYDoc(emptySections());
    expect(inspectUpdate(server, Uint8Array.from([5, 200, 1, 2])).reason).toBe("malformed");
    const c = docFromState(encodeState(server));
    const sv = Y.encodeStateVector(c);
    c.getMap("x").set("a", 1);
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(c, sv)).reason).toBe("unknown-root");
    const unseen = docFromState(encodeState(server));
    unseen.getXmlFragment("results").push([new Y.XmlElement("paragraph")]);
    const sv2 = Y.encodeStateVector(unseen);
    unseen.getXmlFragment("results").push([new Y.XmlElement("paragraph")]);
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(unseen, sv2)).reason).toBe("unknown-parent");
  });
});

describe("storing a document that is deeper than the limit anyway", () => {
  it("a copy of 1,500 nested blockquotes cut to the limit reads, keeps everyone's text and stays within the limit", () => {
    const doc = deepYDoc(1500);
    expect(documentDepth(doc)).toBeGreaterThan(1500);
    const copy = docFromState(encodeState(doc));
    cutToDepth(copy, MAX_NESTING_DEPTH);
    expect(documentDepth(copy)).toBeLessThanOrEqual(MAX_NESTING_DEPTH);
    expect(docToText(readSection(copy, "challenge"))).toBe("Andres tekst som må lagres");
    expect(docToText(readSection(copy, "whatWeDid"))).toContain("bunnen");
    // The original is untouched (its Yjs state is what gets stored, whole).
    expect(documentDepth(doc)).toBeGreaterThan(1500);
  });
});

describe("presence written by the server", () => {
  const user = { id: "u1", name: "Kari Nordmann", organisation: "Bergen kommune" };
  it("overwrites name, organisation and colour; readers read; logged-out visitors are not shown", () => {
    const forged = {
      user: { name: "Statsministeren", organisation: "Regjeringen", color: "#ff0000", reading: false },
      evil: 1,
      cursor: { anchor: { a: 1 }, head: { a: 2 } },
    };
    expect(relayedPresence(forged, { user, canEdit: true })).toEqual({
      user: { name: "Kari Nordmann", organisation: "Bergen kommune", color: colorFor("u1"), reading: false },
      cursor: { anchor: { a: 1 }, head: { a: 2 } },
    });
    expect(relayedPresence(forged, { user, canEdit: false })).toEqual({
      user: { name: "Kari Nordmann", organisation: "Bergen kommune", color: colorFor("u1"), reading: true },
      cursor: null,
    });
    expect(relayedPresence(forged, { user: null, canEdit: false })).toBeNull();
    expect(relayedPresence({ user: { reading: true } }, { user, canEdit: true })?.user).toMatchObject({ reading: true });
    expect(relayedPresence({ cursor: { anchor: "x".repeat(1000), head: {} } }, { user, canEdit: true })?.cursor).toBeNull();
  });
});

describe("the limit as the messages state it", () => {
  it("nb, en and the importer name MAX_SECTION_CHARS (the messages are written by hand)", async () => {
    const nb = (await import("~/locales/nb/cases")).default.errors.sectionTooLong;
    const en = (await import("~/locales/en/cases")).default.errors.sectionTooLong;
    const importer = await import("node:fs").then((fs) => fs.readFileSync("app/models/case-import.server.ts", "utf8"));
    expect(nb).toContain(MAX_SECTION_CHARS.toLocaleString("nb-NO").replace(/\s/g, " "));
    expect(en).toContain(MAX_SECTION_CHARS.toLocaleString("en-GB"));
    expect(importer).toContain(`at most ${MAX_SECTION_CHARS.toLocaleString("en-GB")} characters per section`);
  });
});
