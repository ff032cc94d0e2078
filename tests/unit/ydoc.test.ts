/** The case's Y.Doc: JSON in and out through the shared schema, merges that keep others' typing. */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docToText, emptySections, textToDoc } from "~/editor/sections";
import {
  buildYDoc,
  caseIdFromDocumentName,
  collabDocumentName,
  docFromState,
  encodeState,
  readSection,
  readSections,
  writeSections,
} from "~/editor/ydoc";

describe("case Y.Doc", () => {
  it("round-trips the stored sections, one fragment per section", () => {
    const sections = emptySections();
    sections.challenge = textToDoc("Første avsnitt\n\nAndre avsnitt");
    sections.lessons = textToDoc("Lærdom");
    const doc = docFromState(encodeState(buildYDoc(sections)));
    expect(readSections(doc)).toEqual(sections);
    expect(doc.getXmlFragment("challenge").length).toBe(2);
  });

  it("writes a form save as the smallest change, so text typed concurrently elsewhere survives", () => {
    const base = emptySections();
    base.method = textToDoc("Metode A\n\nMetode B");
    const server = buildYDoc(base);
    const client = docFromState(encodeState(server));
    // Someone types into the second paragraph while the form saves a change to the first.
    const second = (client.getXmlFragment("method").get(1) as Y.XmlElement).get(0) as Y.XmlText;
    second.insert(second.length, " (skrevet live)");
    writeSections(server, { method: textToDoc("Metode A endret\n\nMetode B") });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    expect(docToText(readSection(server, "method"))).toBe("Metode A endret\n\nMetode B (skrevet live)");
    expect(readSections(client)).toEqual(readSections(server));
  });

  it("drops what the schema does not know, keeping the valid blocks around it", () => {
    const sections = emptySections();
    sections.lessons = textToDoc("Lærdom en\n\nLærdom to");
    const doc = buildYDoc(sections);
    const script = new Y.XmlElement("script");
    script.insert(0, [new Y.XmlText("alert(1)")]);
    const looseItem = new Y.XmlElement("listItem");
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("løst listepunkt")]);
    looseItem.insert(0, [p]);
    doc.getXmlFragment("lessons").insert(1, [script, looseItem]);
    const read = readSection(doc, "lessons");
    expect(docToText(read)).toBe("Lærdom en\n\nLærdom to");
    expect(JSON.stringify(read)).not.toContain("script");
  });

  it("maps case ids to document names and refuses anything else", () => {
    expect(caseIdFromDocumentName(collabDocumentName("cmwuse09c000lil7duo4340tx"))).toBe("cmwuse09c000lil7duo4340tx");
    for (const bad of ["case:../x", "case:", "cases:cmwuse09c000lil7duo4340tx", "cmwuse09c000lil7duo4340tx", "case:abc'--"]) {
      expect(caseIdFromDocumentName(bad)).toBeNull();
    }
  });
});
