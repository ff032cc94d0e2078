/**
 * The Yjs side of a case (docs/decisions/007): ONE Y.Doc per case, one XmlFragment per
 * section (named by its section key), using the schema of the one shared extension list.
 * Used by the collaboration server, the case model (form saves, restores) and tests.
 */
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import type { Node as PMNode } from "@tiptap/pm/model";
import * as Y from "yjs";
import { caseSchema } from "./schema";
import { EMPTY_DOC, SECTION_KEYS, type CaseSections, type SectionKey, type TipTapDoc } from "./sections";

const DOCUMENT_PREFIX = "case:";

/** The Hocuspocus document name of a case. */
export function collabDocumentName(caseId: string) {
  return `${DOCUMENT_PREFIX}${caseId}`;
}

export function caseIdFromDocumentName(name: string): string | null {
  const match = /^case:([a-z0-9]{10,40})$/.exec(name);
  return match ? match[1] : null;
}

/** The fragment an editor for `key` binds to (TipTap Collaboration's `field`). */
function sectionFragment(doc: Y.Doc, key: SectionKey) {
  return doc.getXmlFragment(key);
}

/**
 * Makes the document's sections equal to `sections` with the smallest change (y-prosemirror
 * diffs the trees), so text others type at the same moment is kept. Sections not given are
 * left alone.
 */
export function writeSections(doc: Y.Doc, sections: Partial<CaseSections>, origin?: unknown) {
  doc.transact(() => {
    for (const key of SECTION_KEYS) {
      const json = sections[key];
      if (json) prosemirrorJSONToYXmlFragment(caseSchema, json, sectionFragment(doc, key));
    }
  }, origin);
}

/** A new document built from stored JSON (only ever done on the server, once per case). */
export function buildYDoc(sections: CaseSections): Y.Doc {
  const doc = new Y.Doc();
  writeSections(doc, sections);
  return doc;
}

/**
 * The sections as TipTap JSON, read through the schema: nodes and marks the schema does not
 * know (a forged client can put anything into a Y.Doc) are dropped, so what is stored is
 * always a valid document of the shared extension list.
 */
export function readSections(doc: Y.Doc): CaseSections {
  const out = {} as CaseSections;
  for (const key of SECTION_KEYS) out[key] = readSection(doc, key);
  return out;
}

export function readSection(doc: Y.Doc, key: SectionKey): TipTapDoc {
  const node = yXmlFragmentToProseMirrorRootNode(sectionFragment(doc, key), caseSchema);
  const json = node.toJSON() as TipTapDoc;
  if (!json.content?.length) return structuredClone(EMPTY_DOC);
  try {
    node.check();
    return json;
  } catch {
    // Structurally invalid (e.g. a list item straight under the doc, which no editor makes):
    // keep every top-level block that is valid on its own, drop the rest.
    const valid: PMNode[] = [];
    node.content.forEach((child) => {
      try {
        child.check();
        if (caseSchema.topNodeType.contentMatch.matchType(child.type)) valid.push(child);
      } catch {
        /* dropped */
      }
    });
    const fixed = valid.length ? caseSchema.topNodeType.createAndFill(null, valid) : null;
    return (fixed?.toJSON() as TipTapDoc | undefined) ?? structuredClone(EMPTY_DOC);
  }
}

export function encodeState(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}

export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** Order-independent comparison of JSON values (for "unchanged content is not rewritten"). */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
