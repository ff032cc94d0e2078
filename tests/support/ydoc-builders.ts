/** Y.Doc builders shared by the live-editing limit tests (unit and hostile integration). */
import * as Y from "yjs";

/** Appends `depth` blockquotes inside each other to `section`, a paragraph with `word` at the bottom. */
export function pushNestedBlockquotes(doc: Y.Doc, section: string, depth: number, word: string) {
  let element = new Y.XmlElement("blockquote");
  doc.getXmlFragment(section).push([element]);
  for (let i = 1; i < depth; i++) {
    const child = new Y.XmlElement("blockquote");
    element.push([child]);
    element = child;
  }
  const p = new Y.XmlElement("paragraph");
  element.push([p]);
  p.push([new Y.XmlText(word)]);
}
