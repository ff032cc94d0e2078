/**
 * Live co-editing converges and keeps every character (real server, real Hocuspocus
 * clients): seeded random concurrent edits with random disconnects end in one identical
 * document on every client and in the database; unchanged content is not rewritten; the Y
 * state is built on the server once (no duplication on rejoin); a form save and a restore
 * made while people are editing reach the open document.
 */
import { readSections, sameJson } from "~/editor/ydoc";
import { listRevisions, restoreRevision } from "~/models/case.server";
import { docToText, SECTION_KEYS } from "~/editor/sections";
import { createCaseWorld, createFullCase, editFormFields, loggedIn } from "../support/case-factories";
import { until, type CollabClient } from "../support/collab-client";
import { prng } from "../../scripts/lib/prng";
import { expectedTokens, randomEdit, sleep, tokenProblems, type Typist } from "../support/collab-fuzz";
import { live, storedCase } from "../support/collab";
import { uniqueSuffix } from "../support/factories";
import type { Client } from "../support/http";

let world: Awaited<ReturnType<typeof createCaseWorld>>;
let editors: Client[];

beforeAll(async () => {
  world = await createCaseWorld();
  const u = world.users;
  // Five sessions of people who may edit (owner's editor and admin, co-owner's editor, facilitator; one user twice).
  editors = await Promise.all([u.ownerEditor, u.ownerAdmin, u.coOwnerEditor, u.facilitator, u.ownerEditor].map(loggedIn));
});

function newCase(title?: string) {
  return createFullCase({
    ownerOrganisationId: world.owner.id,
    coOwnerIds: [world.coOwner.id],
    challengeAreaIds: [world.area.id],
    visibility: "MEMBERS",
    title,
  });
}

const sectionOf = (c: { sections: unknown }, key: string) => (c.sections as Record<string, never>)[key];
const storedText = (sections: unknown) => SECTION_KEYS.map((k) => docToText((sections as Record<string, never>)[k])).join("\n\n");

/** Waits until every client holds the same sections and the database stores exactly those. */
async function converged(clients: CollabClient[], caseId: string) {
  await until(() => clients.every((c) => c.provider.isSynced && c.unsynced() === 0), "every client synced", 20_000);
  await until(() => clients.every((c) => sameJson(readSections(c.doc), readSections(clients[0].doc))), "clients converge", 20_000);
  await until(
    async () => sameJson((await storedCase(caseId)).sections, readSections(clients[0].doc)),
    "the database stores the converged document",
    20_000,
  );
  return storedCase(caseId);
}

async function fuzz(seed: number, clientCount: number, steps: number) {
  const c = await newCase();
  const random = prng(seed);
  const typists: Typist[] = editors.slice(0, clientCount).map((who) => ({ client: live(c.id, who), typed: [], deleted: new Set() }));
  await Promise.all(typists.map((t) => t.client.synced()));
  const offline = new Map<Typist, number>(); // typist -> step to reconnect at
  for (let step = 0; step < steps; step++) {
    const typist = random.pick(typists);
    randomEdit(typist, `s${seed}c${typists.indexOf(typist)}`, random);
    if (random.next() < 0.04 && !offline.has(typist)) {
      typist.client.disconnect();
      offline.set(typist, step + 5 + random.int(20));
    }
    for (const [t, at] of offline) {
      if (at <= step) {
        t.client.reconnect();
        offline.delete(t);
      }
    }
    await sleep(random.int(12));
  }
  for (const t of offline.keys()) t.client.reconnect();
  const stored = await converged(
    typists.map((t) => t.client),
    c.id,
  );
  const expected = expectedTokens(typists);
  expect(expected.present.length).toBeGreaterThan(steps / 2);
  for (const t of typists) expect(tokenProblems(t.client.text(), expected)).toEqual([]);
  expect(tokenProblems(stored.plainText, expected)).toEqual([]);
  expect(tokenProblems(storedText(stored.sections), expected)).toEqual([]);
  // The case's own text (created through the form) is still there, once.
  expect(storedText(stored.sections).match(/Utfordringen \w+/g)).toHaveLength(1);
  for (const t of typists) t.client.destroy();
}

describe("seeded random concurrent editing with disconnects", () => {
  for (const seed of [101, 202, 303]) {
    it(`two clients converge, nothing lost or doubled (seed ${seed})`, () => fuzz(seed, 2, 150), 60_000);
  }
  for (const seed of [404, 505]) {
    it(`five clients converge, nothing lost or doubled (seed ${seed})`, () => fuzz(seed, 5, 250), 60_000);
  }
});

describe("storing", () => {
  it("a case created through the form gets its Y state built on the server, from the stored JSON, without a content change", async () => {
    const c = await newCase();
    const before = await storedCase(c.id);
    expect(before.yState).toBeNull();
    const a = live(c.id, editors[0]);
    await a.synced();
    expect(a.text("challenge")).toBe(docToText(sectionOf(c, "challenge")));
    expect(a.text("lessons")).toMatch(/^Lærdom \w+\.$/);
    expect(sameJson(readSections(a.doc), before.sections)).toBe(true);
    await until(async () => !!(await storedCase(c.id)).yState, "the built state is stored");
    const after = await storedCase(c.id);
    expect(after.contentVersion).toBe(before.contentVersion);
    expect(after.version).toBe(before.version);
  });

  it("unchanged content is not rewritten: reconnecting without edits leaves the case alone", async () => {
    const c = await newCase();
    const a = live(c.id, editors[0]);
    await a.synced();
    const marker = `ENDRING-${uniqueSuffix()}`;
    a.appendParagraph("results", marker);
    await until(async () => (await storedCase(c.id)).plainText.includes(marker), "the edit is stored");
    const stored = await storedCase(c.id);
    a.destroy();
    // Lets the server unload the document so that b and d load it from the database. Left as a
    // sleep: unloading has no per-document observable (no log line; lb_collab_documents_open
    // counts every test file's documents on the shared server). The assertions do not depend
    // on it: were the document still open, reconnecting must leave the case alone just the same.
    await sleep(1500);
    const b = live(c.id, editors[1]);
    const d = live(c.id, editors[2]);
    await Promise.all([b.synced(), d.synced()]);
    b.disconnect();
    b.reconnect();
    await b.synced();
    // Longer than the store debounce (1 s). Left as a sleep on purpose: what must not happen is a
    // store, and a barrier edit would be merged into the same debounced store as an unwanted
    // rewrite and hide it; the unchanged Y state bytes below would then prove nothing.
    await sleep(2500);
    const after = await storedCase(c.id);
    expect(after.contentVersion).toBe(stored.contentVersion);
    expect(Buffer.compare(Buffer.from(after.yState!), Buffer.from(stored.yState!))).toBe(0);
  });

  it("leaving and rejoining does not duplicate content (the document is built once, on the server)", async () => {
    const c = await newCase();
    const a = live(c.id, editors[0]);
    const b = live(c.id, editors[1]);
    await Promise.all([a.synced(), b.synced()]);
    const marker = `EN-GANG-${uniqueSuffix()}`;
    a.appendParagraph("method", marker);
    await until(() => b.text().includes(marker), "b sees a's edit");
    const text = a.text();
    a.destroy();
    b.destroy();
    // The last editor leaving stores and snapshots a LIVE revision; then the document is unloaded.
    await until(async () => (await listRevisions(c.id)).some((r) => r.kind === "LIVE"), "the leave snapshot", 15_000);
    // The unload follows the snapshot; left as a sleep because unloading has no per-document
    // observable on the shared server (see the test above). Were the document still open, the
    // rejoin would read it from memory: the test would prove less, never fail wrongly.
    await sleep(1500);
    for (let round = 0; round < 3; round++) {
      const again = live(c.id, editors[round + 1]);
      await again.synced();
      expect(again.text()).toBe(text);
      expect(again.text().split(marker).length - 1).toBe(1);
      again.destroy();
      await sleep(300);
    }
    const stored = await storedCase(c.id);
    expect(storedText(stored.sections)).toBe(text);
  });

  it("a form save (no-JS edit page) while people edit is merged into the open document; their typing is kept", async () => {
    const c = await newCase();
    const a = live(c.id, editors[0]);
    const b = live(c.id, editors[1]);
    await Promise.all([a.synced(), b.synced()]);
    const typing = `SKRIVER-${uniqueSuffix()}`;
    a.appendParagraph("partners", typing);
    await until(() => b.text().includes(typing), "b sees a's typing");
    const formText = `Skjemaets nye utfordring ${uniqueSuffix()}`;
    const row = await storedCase(c.id);
    // Without a content version: this save is about merging, not about the 409 guard
    // (tests/integration/case-live-form.test.ts covers that).
    const res = await editors[2].post(
      `/cases/${c.slug}/edit`,
      editFormFields(c, { version: String(row.version), "sections.challenge": formText, contentVersion: "" }),
    );
    expect(res.status).toBe(302);
    await until(() => a.text("challenge") === formText && b.text("challenge") === formText, "both clients receive the form's text", 5000);
    const after = `ETTERPÅ-${uniqueSuffix()}`;
    b.appendParagraph("lessons", after);
    const stored = await converged([a, b], c.id);
    expect(stored.plainText).toContain(formText);
    expect(stored.plainText).toContain(after);
    expect(stored.plainText).not.toContain("Utfordringen");
    expect(stored.plainText.split(formText).length - 1).toBe(1);
  });

  it("a restore (even from another process) is merged into the open document at the next store, not overwritten", async () => {
    const c = await newCase();
    const a = live(c.id, editors[0]);
    const b = live(c.id, editors[1]);
    await Promise.all([a.synced(), b.synced()]);
    const reverted = `ANGRES-${uniqueSuffix()}`;
    a.insertText("challenge", 0, 0, `${reverted} `);
    await until(async () => (await storedCase(c.id)).plainText.includes(reverted), "the edit to revert is stored");
    const created = (await listRevisions(c.id)).find((r) => r.kind === "CREATE")!;
    // This test process has no live server of its own: the model writes the row, and the
    // server must merge it rather than store its older document over it.
    await restoreRevision(c.id, created.id, world.users.ownerAdmin.id);
    const later = `NYTT-AVSNITT-${uniqueSuffix()}`;
    b.appendParagraph("results", later);
    await until(() => !a.text().includes(reverted) && !b.text().includes(reverted), "both clients receive the restored text", 10_000);
    const stored = await converged([a, b], c.id);
    expect(stored.plainText).not.toContain(reverted);
    expect(stored.plainText).toContain(later);
    expect(a.text("challenge")).toBe(docToText(sectionOf(c, "challenge")));
    const kinds = (await listRevisions(c.id)).map((r) => r.kind);
    expect(kinds).toContain("RESTORE");
  });
});
