/**
 * Hostile Yjs updates and forged presence (issue 10, faults 2, 6 and 7), on a stack of its
 * own: very deep structures (the 1,500 nested blockquotes that made every store fail), huge
 * strings and attributes, foreign roots, sub-documents, updates whose place is unknown, many
 * small updates up to the section limit; awareness with any name, organisation, colour or
 * size, claiming other people's client ids, from logged-out, read-only and editor clients.
 * After every batch: the server answers, is the same process, and a well-behaved editor's
 * words (all of them so far) are stored.
 */
import * as Y from "yjs";
import { Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import { colorFor } from "~/editor/presence";
import { MAX_SECTION_CHARS } from "~/editor/limits";
import { documentDepth } from "~/editor/update-guard";
import { prng } from "../../scripts/lib/prng";
import { pushNestedBlockquotes } from "../support/ydoc-builders";
import { connectCollab, until, type CollabClient } from "../support/collab-client";
import {
  authenticatedClient,
  awarenessMessage,
  startHostileWorld,
  storedText,
  updateMessage,
  Witness,
  type HostileWorld,
  type RawClient,
} from "../support/collab-hostile";
import { db } from "~/utils/db.server";

let world: HostileWorld;
let witness: Witness;
const totals = { updates: 0, refused: 0, awareness: 0, restarts: 0 };
const extra = new Set<CollabClient>();

beforeAll(async () => {
  // The smallest document limit allowed (256 KiB), so the size test needs few updates.
  world = await startHostileWorld("collab-hostile-updates", { COLLAB_MAX_DOCUMENT_BYTES: "262144" });
  witness = new Witness(world);
  await witness.check("start");
}, 120_000);

afterAll(async () => {
  for (const c of extra) c.destroy();
  witness?.destroy();
  if (world) {
    totals.restarts = world.stack.pid() === world.pid ? 0 : 1;
    console.log(`[collab-hostile-updates] tried: ${JSON.stringify(totals)}; witness words stored: ${witness.typed.length}, lost: 0`);
    await world.stop();
  }
}, 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const name = () => `case:${world.caseId}`;

/** A scratch copy of what the witness has (= the server's document), for building updates against it. */
function scratch() {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(witness.client.doc));
  return doc;
}

function captured(doc: Y.Doc, change: () => void) {
  const before = Y.encodeStateVector(doc);
  doc.transact(change);
  return Y.encodeStateAsUpdate(doc, before);
}

/** `depth` blockquotes inside each other, a paragraph with `word` at the bottom, appended to `section`. */
function nested(doc: Y.Doc, section: string, depth: number, word: string) {
  return captured(doc, () => pushNestedBlockquotes(doc, section, depth, word));
}

let addressSeq = 0;
/** Sends one update from a fresh hostile-editor socket; resolves to the refusal reason, or null when it was accepted. */
async function send(update: Uint8Array): Promise<string | null> {
  const c = await authenticatedClient(world, "hostile", `10.20.${addressSeq >> 8}.${addressSeq++ & 255}`);
  expect(c.auth()).toBe("authenticated:read-write");
  const acks = c.syncAcks();
  c.send(updateMessage(name(), update));
  totals.updates += 1;
  // Accepted: the server acknowledges the applied update (SyncStatus) and the socket stays;
  // refused: it closes without acknowledging. Wait for whichever happens, not a fixed time.
  await until(() => c.isClosed() || c.syncAcks() > acks, "the server's answer to the update", 10_000);
  const outcome = c.isClosed() ? "closed" : "open";
  c.ws.close();
  if (outcome === "open") return null;
  totals.refused += 1;
  return c.closeMessages[0] ?? (await c.closed).reason;
}

describe("fault 2: one editor cannot make the document unstorable", () => {
  it("1,500 nested blockquotes from a real editor client are refused before they are applied; everyone else's text keeps being stored", async () => {
    const hostile = connectCollab({
      baseUrl: world.stack.baseUrl,
      caseId: world.caseId,
      cookie: world.cookies.hostile,
      headers: { "X-Forwarded-For": "192.0.2.30" },
    });
    extra.add(hostile);
    await hostile.synced();
    const before = (await storedText(world.caseId)).contentVersion;
    nested(hostile.doc, "whatWeDid", 1500, "DYPT-1500");
    totals.updates += 1;
    await until(() => hostile.closedReason() === "refused:too-deep", "the hostile client is told why", 10_000);
    hostile.destroy();
    extra.delete(hostile);
    await witness.check("depth 1500");
    expect(documentDepth(witness.client.doc)).toBeLessThan(10);
    expect(witness.client.text()).not.toContain("DYPT-1500");
    const after = await storedText(world.caseId);
    expect(after.contentVersion).toBeGreaterThan(before);
    expect(after.plainText).not.toContain("DYPT-1500");
  });

  it("depth variants: legitimate nesting (50) is applied and stored; 101, 300, 1,500 and 5,000 are refused", async () => {
    expect(await send(nested(scratch(), "method", 50, "DYP-50"))).toBeNull();
    await until(async () => (await storedText(world.caseId)).plainText.includes("DYP-50"), "depth 50 stored");
    for (const depth of [101, 300, 1500, 5000]) {
      expect(await send(nested(scratch(), "method", depth, `DYP-${depth}`)), `depth ${depth}`).toBe("refused:too-deep");
    }
    await witness.check("depth variants");
    const stored = (await storedText(world.caseId)).plainText;
    for (const depth of [101, 300, 1500, 5000]) expect(stored).not.toContain(`DYP-${depth}`);
  });

  it("huge strings and attributes, foreign roots, sub-documents, binary content, updates without a known place: all refused", async () => {
    const cases: Array<[string, () => Uint8Array, string]> = [
      [
        "a paragraph over the section limit",
        () => {
          const d = scratch();
          return captured(d, () => {
            const p = new Y.XmlElement("paragraph");
            d.getXmlFragment("results").push([p]);
            p.push([new Y.XmlText("x".repeat(MAX_SECTION_CHARS + 1))]);
          });
        },
        "refused:section-too-long",
      ],
      [
        "a 1 MB string",
        () => {
          const d = scratch();
          return captured(d, () => d.getXmlFragment("results").push([new Y.XmlText("y".repeat(1_000_000))]));
        },
        "refused:document-too-large",
      ],
      [
        "a 3 KB attribute",
        () => {
          const d = scratch();
          return captured(d, () => {
            const h = new Y.XmlElement("heading");
            h.setAttribute("level", "3".repeat(3000));
            d.getXmlFragment("results").push([h]);
          });
        },
        "refused:bad-attribute",
      ],
      [
        "a deeply nested attribute",
        () => {
          const d = scratch();
          let v: Record<string, unknown> = {};
          const top = v;
          for (let i = 0; i < 40; i++) {
            const n = {};
            v.a = n;
            v = n;
          }
          return captured(d, () => {
            const h = new Y.XmlElement("heading");
            h.setAttribute("level", top as never);
            d.getXmlFragment("results").push([h]);
          });
        },
        "refused:bad-attribute",
      ],
      [
        "a huge mark value",
        () => {
          const d = scratch();
          return captured(d, () => {
            const t = new Y.XmlText();
            d.getXmlFragment("results").push([t]);
            t.insert(0, "lenke", { link: { href: "https://e.example/" + "a".repeat(5000) } });
          });
        },
        "refused:bad-attribute",
      ],
      [
        "a root that is not a section",
        () => {
          const d = scratch();
          return captured(d, () => d.getMap("evil").set("x", "y"));
        },
        "refused:unknown-root",
      ],
      [
        "a sub-document",
        () => {
          const d = scratch();
          return captured(d, () => d.getArray<Y.Doc>("subdocs").push([new Y.Doc()]));
        },
        "refused:unsupported-content",
      ],
      [
        "binary content",
        () => {
          const d = scratch();
          return captured(d, () => {
            const p = new Y.XmlElement("paragraph");
            d.getXmlFragment("results").push([p]);
            p.setAttribute("x", new Uint8Array(10) as never);
          });
        },
        "refused:unsupported-content",
      ],
      [
        "an update that depends on items the server never saw",
        () => {
          const d = scratch();
          captured(d, () => d.getXmlFragment("results").push([new Y.XmlElement("paragraph")]));
          return nested(d, "results", 3, "AVHENGIG");
        },
        "refused:unknown-parent",
      ],
      ["garbage where the update should be", () => Uint8Array.from([5, 200, 1, 2]), "refused:malformed"],
    ];
    for (const [what, build, expected] of cases) expect(await send(build()), what).toBe(expected);
    await witness.check("strings, attributes, roots");
    const stored = (await storedText(world.caseId)).plainText;
    expect(stored).not.toContain("yyyyyyyy");
    expect(stored).not.toContain("AVHENGIG");
  });

  it("500 small updates are all applied and stored; filling a section past the limit is refused at the limit and keeps what came before", async () => {
    const random = prng(4040);
    const c = await authenticatedClient(world, "hostile", "192.0.2.40");
    const doc = scratch();
    const words: string[] = [];
    const p = new Y.XmlElement("paragraph");
    c.send(
      updateMessage(
        name(),
        captured(doc, () => doc.getXmlFragment("partners").push([p])),
      ),
    );
    const text = new Y.XmlText();
    c.send(
      updateMessage(
        name(),
        captured(doc, () => p.push([text])),
      ),
    );
    for (let i = 0; i < 500; i++) {
      const word = `små${i}r${random.int(1000)} `;
      words.push(word.trim());
      c.send(
        updateMessage(
          name(),
          captured(doc, () => text.insert(text.length, word)),
        ),
      );
    }
    totals.updates += 502;
    await until(async () => (await storedText(world.caseId)).plainText.includes(words[499]), "the 500th small update stored", 20_000);
    expect(c.isClosed()).toBe(false);
    const stored = (await storedText(world.caseId)).plainText;
    expect(words.filter((w) => !stored.includes(w))).toEqual([]);
    // Now fill the section 2,000 characters at a time: refused once it would pass the limit.
    let accepted = 0;
    for (let i = 0; i < 15 && !c.isClosed(); i++) {
      c.send(
        updateMessage(
          name(),
          captured(doc, () => text.insert(text.length, `F${i}${"f".repeat(1996)} `)),
        ),
      );
      totals.updates += 1;
      await sleep(150);
      if (!c.isClosed()) accepted += 1;
    }
    await until(() => c.isClosed(), "the socket closed at the section limit", 5000);
    totals.refused += 1;
    expect(c.closeMessages).toContain("refused:section-too-long");
    expect(accepted).toBeGreaterThan(5);
    await witness.check("many small updates");
    const row = await db().case.findUniqueOrThrow({ where: { id: world.caseId }, select: { sections: true, plainText: true } });
    const partners = JSON.stringify((row.sections as Record<string, unknown>).partners);
    expect(partners.length).toBeLessThan(MAX_SECTION_CHARS + 5000);
    expect(words.filter((w) => !row.plainText.includes(w))).toEqual([]);
  });
  it("one editor cannot use up the document's size budget (here 256 KiB): their updates are refused past half of it, the others keep typing", async () => {
    const c = await authenticatedClient(world, "hostile", "192.0.2.45");
    const doc = scratch();
    const href = `https://example.org/${"a".repeat(1900)}`;
    const sections = ["challenge", "whatWeDid", "method", "results", "lessons"];
    let sent = 0;
    for (; sent < 100 && !c.isClosed(); sent++) {
      // Four linked words per update, spread over the sections: within every section limit,
      // but each link is ~2 KB of state.
      c.send(
        updateMessage(
          name(),
          captured(doc, () => {
            for (let k = 0; k < 4; k++) {
              const p = new Y.XmlElement("paragraph");
              doc.getXmlFragment(sections[(sent * 4 + k) % sections.length]).push([p]);
              const t = new Y.XmlText();
              p.push([t]);
              t.insert(0, `lenke${sent}x${k}`, { link: { href } });
            }
          }),
        ),
      );
      await sleep(30);
    }
    totals.updates += sent;
    await until(() => c.isClosed(), "refused at the editor's share of the budget", 5000);
    totals.refused += 1;
    expect(c.closeMessages).toContain("refused:too-many-changes");
    expect(sent).toBeGreaterThan(3);
    // The others are not affected: the witness (another editor) keeps typing and storing.
    await witness.check("size budget");
    expect(Y.encodeStateAsUpdate(witness.client.doc).byteLength).toBeLessThan(262_144);
    // And the whole document may not pass the limit either (a single 1 MB update above: document-too-large).
  });
});

describe("fault 7: presence is the server's, not the client's", () => {
  it("~60 forged awareness updates (names, organisations, colours, 'editing', other people's ids, 1 MB) from logged-out, read-only and editor clients never show", async () => {
    const random = prng(7070);
    // A real editor with presence, and a reader who watches what is shown.
    const real = connectCollab({
      baseUrl: world.stack.baseUrl,
      caseId: world.caseId,
      cookie: world.cookies.editor,
      headers: { "X-Forwarded-For": "192.0.2.50" },
    });
    const observer = connectCollab({
      baseUrl: world.stack.baseUrl,
      caseId: world.caseId,
      cookie: world.cookies.reader,
      headers: { "X-Forwarded-For": "192.0.2.51" },
    });
    extra.add(real);
    extra.add(observer);
    await Promise.all([real.synced(), observer.synced()]);
    real.provider.setAwarenessField("user", { name: "Ekte navn fra nettleseren", organisation: "X", color: "#000000" });
    observer.provider.setAwarenessField("user", { name: "Leser", organisation: null, color: "#000000", reading: true });
    const realId = real.doc.clientID;
    await until(() => observer.provider.awareness!.getStates().has(realId), "the observer sees the real editor");

    const forgedStates = [
      { user: { name: "Statsministeren", organisation: "Regjeringen", color: "#ff0000", reading: false } },
      { user: { name: "<img src=x onerror=alert(1)>", organisation: "<b>org</b>", color: "red; background:url(x)" } },
      { user: { name: 42, organisation: ["a"], color: null } },
      { user: null, cursor: { anchor: "x".repeat(5000), head: {} } },
      { user: { name: "Redigerer", reading: false }, evil: { deep: { deeper: {} } }, cursor: null },
      { user: { name: "n".repeat(5000) } },
    ];
    const roles = [null, "reader", "hostile"] as const;
    let sent = 0;
    let closedForSize = 0;
    const sockets: RawClient[] = [];
    for (let i = 0; i < 60; i++) {
      const role = roles[i % 3];
      const c = await authenticatedClient(world, role, `10.30.${i >> 8}.${i & 255}`);
      sockets.push(c);
      const d = new Y.Doc();
      // Own random id, the real editor's id, or several ids at once.
      const ids = random.chance(0.25)
        ? [realId]
        : random.chance(0.2)
          ? [1 + random.int(1e6), 1 + random.int(1e6), realId]
          : [1 + random.int(1e9)];
      const huge = i % 10 === 9;
      for (const id of ids) {
        d.clientID = id;
        const aw = new Awareness(d);
        aw.setLocalState(huge ? { user: { name: "x".repeat(1_000_000) } } : random.pick(forgedStates));
        // Clock high enough to win over the real state.
        aw.meta.set(id, { clock: 1000 + i, lastUpdated: Date.now() });
        c.send(awarenessMessage(name(), encodeAwarenessUpdate(aw, [id])));
        aw.destroy();
        sent += 1;
      }
      if (huge) {
        await c.closed;
        closedForSize += 1;
      }
    }
    totals.awareness += sent;
    await sleep(500);
    const names = new Set([world.users.editor.name, world.users.hostile.name, world.users.reader.name]);
    const shown = [...observer.provider.awareness!.getStates().entries()].filter(([id]) => id !== observer.doc.clientID);
    for (const [id, state] of shown) {
      const user = state.user as { name?: unknown; organisation?: unknown; color?: unknown; reading?: unknown } | undefined;
      expect(Object.keys(state).sort(), `client ${id}`).toEqual(["cursor", "user"]);
      expect(names.has(String(user?.name)), `shown name ${String(user?.name)}`).toBe(true);
      expect(user?.organisation).toBe(world.organisationName);
      expect(/^#[0-9a-f]{6}$/.test(String(user?.color))).toBe(true);
      if (user?.name === world.users.reader.name) expect(user.reading).toBe(true);
    }
    // The real editor is still shown as who they are (nobody took over their id), with their colour.
    const realState = observer.provider.awareness!.getStates().get(realId) as { user: { name: string; color: string; reading: boolean } };
    expect(realState.user.name).toBe(world.users.editor.name);
    expect(realState.user.color).toBe(colorFor(world.users.editor.id));
    expect(realState.user.reading).toBe(false);
    // Logged-out forgers are not shown at all; read-only ones only as reading.
    expect(
      shown.filter(([, s]) => (s.user as { name?: string }).name === world.users.reader.name && !(s.user as { reading?: boolean }).reading),
    ).toEqual([]);
    expect(closedForSize).toBe(6);
    for (const c of sockets) c.ws.close();
    real.destroy();
    observer.destroy();
    extra.delete(real);
    extra.delete(observer);
    console.log(
      `[collab-hostile-updates] awareness: ${sent} forged updates, ${shown.length} presences shown, all with server-written identity`,
    );
    await witness.check("forged awareness");
  });
});
