/**
 * Seeded random editing for the live co-editing tests, designed so that "no character was
 * lost or duplicated" is checkable: every client types unique tokens ("c2t17 ") only at
 * token boundaries (start of a paragraph or right after a space), so no insert ever splits
 * another token; deletions remove only whole tokens the same client typed, and are recorded.
 * At the end every token typed and not deleted must appear exactly once, everywhere.
 */
import { expect } from "vitest";
import * as Y from "yjs";
import { SECTION_KEYS, type SectionKey } from "~/editor/sections";
import { readSections, sameJson } from "~/editor/ydoc";
import { db } from "~/utils/db.server";
import { until, type CollabClient } from "./collab-client";
import type { Prng } from "../../scripts/lib/prng";

export interface Typist {
  client: CollabClient;
  /** Tokens typed (in order) and tokens this client deleted again. */
  typed: string[];
  deleted: Set<string>;
}

function paragraphs(doc: Y.Doc, section: SectionKey): Y.XmlText[] {
  return doc
    .getXmlFragment(section)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === "paragraph")
    .map((p) => p.toArray().find((n): n is Y.XmlText => n instanceof Y.XmlText))
    .filter((t): t is Y.XmlText => !!t);
}

const plain = (t: Y.XmlText) =>
  t
    .toDelta()
    .map((d: { insert?: unknown }) => (typeof d.insert === "string" ? d.insert : ""))
    .join("");

/** One random edit by `typist` (prefix: the token prefix, e.g. "r1c2"). */
export function randomEdit(typist: Typist, prefix: string, random: Prng) {
  const { doc } = typist.client;
  const roll = random.next();
  const own = typist.typed.filter((t) => !typist.deleted.has(t));
  if (roll < 0.12 && own.length) {
    // Delete one whole token this client typed (if it can see it).
    const token = random.pick(own);
    for (const section of SECTION_KEYS) {
      for (const t of paragraphs(doc, section)) {
        const i = plain(t).indexOf(`${token} `);
        if (i >= 0 && (i === 0 || plain(t)[i - 1] === " ")) {
          doc.transact(() => t.delete(i, token.length + 1));
          typist.deleted.add(token);
          return;
        }
      }
    }
    return;
  }
  const token = `${prefix}t${typist.typed.length}`;
  typist.typed.push(token);
  const section = random.pick(SECTION_KEYS);
  const texts = paragraphs(doc, section);
  if (roll < 0.3 || !texts.length) {
    typist.client.appendParagraph(section, `${token} `);
    return;
  }
  const t = random.pick(texts);
  const text = plain(t);
  const boundaries = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === " ") boundaries.push(i + 1);
  const at = random.pick(boundaries);
  doc.transact(() => t.insert(at, `${token} `));
}

/** Tokens that must be present (typed, not deleted) and that must be absent. */
export function expectedTokens(typists: Typist[]) {
  const present: string[] = [];
  const absent: string[] = [];
  for (const t of typists) for (const token of t.typed) (t.deleted.has(token) ? absent : present).push(token);
  return { present, absent };
}

/** Problems with `text` against the expectation (empty = every token exactly once, deleted ones gone). */
export function tokenProblems(text: string, expected: { present: string[]; absent: string[] }) {
  const counts = new Map<string, number>();
  for (const word of text.split(/\s+/)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const missing = expected.present.filter((t) => !counts.has(t));
  const duplicated = expected.present.filter((t) => (counts.get(t) ?? 0) > 1);
  const resurrected = expected.absent.filter((t) => counts.has(t));
  return [
    ...(missing.length ? [`${missing.length} missing: ${missing.slice(0, 10).join(", ")}`] : []),
    ...(duplicated.length ? [`${duplicated.length} duplicated: ${duplicated.slice(0, 10).join(", ")}`] : []),
    ...(resurrected.length ? [`${resurrected.length} deleted but present: ${resurrected.slice(0, 10).join(", ")}`] : []),
  ];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the database holds for a case right now (text, sections, version). */
export async function storedCase(caseId: string) {
  const rows = await db().$queryRaw<
    Array<{ plainText: string; sections: unknown; contentVersion: number }>
  >`SELECT "plainText", sections, "contentVersion" FROM "Case" WHERE id = ${caseId}`;
  return rows[0];
}

/**
 * Waits until every typist's client is synced, all clients hold the same document and the
 * database stores it; then checks that no token was lost or doubled (in every client and in
 * the stored text) and that the case's own text is there exactly once.
 */
export async function convergedAndStored(typists: Typist[], caseId: string, timeoutMs = 30_000) {
  const cs = typists.map((t) => t.client);
  await until(() => cs.every((c) => c.provider.isSynced && c.unsynced() === 0), "every client synced", timeoutMs);
  await until(() => cs.every((c) => sameJson(readSections(c.doc), readSections(cs[0].doc))), "clients converge", timeoutMs);
  await until(
    async () => sameJson((await storedCase(caseId)).sections, readSections(cs[0].doc)),
    "the database stores the converged document",
    timeoutMs,
  );
  const row = await storedCase(caseId);
  const expected = expectedTokens(typists);
  for (const c of cs) expect(tokenProblems(c.text(), expected)).toEqual([]);
  expect(tokenProblems(row.plainText, expected)).toEqual([]);
  // The case's own text is there exactly once (nothing duplicated by merging).
  expect(row.plainText.match(/Utfordringen \w+/g)).toHaveLength(1);
  return { row, expected };
}
