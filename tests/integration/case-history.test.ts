/**
 * The history pages from the outside, over HTTP: the list of revisions with who and when,
 * one revision with what changed against now, restoring (a new revision - nothing lost),
 * and who may see any of it (editors only; hidden cases stay 404).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { deleteCase, getCaseById, recordRevision, updateCase } from "~/models/case.server";
import { db } from "~/utils/db.server";
import { createCaseWorld, createFullCase, inputFor, loggedIn } from "../support/case-factories";
import { createUser, uniqueSuffix } from "../support/factories";
import { Client } from "../support/http";

let world: Awaited<ReturnType<typeof createCaseWorld>>;
let clients: Record<
  "visitor" | "ownerMember" | "ownerEditor" | "ownerAdmin" | "coOwnerEditor" | "otherMember" | "otherEditor" | "facilitator",
  Client
>;

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

/** The visible text of a page: tags dropped, React's text separators gone, spaces normalised. */
function textOf(html: string) {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[\s\u00a0]+/g, " ");
}

/**
 * A case saved three times in the form: CREATE, EDIT (challenge text), EDIT (new title, status
 * and challenge text). Drafts by default, so they do not crowd other test files' cases off
 * the front page ("newest cases") while the suite runs in parallel.
 */
async function editedCase(visibility: "PUBLIC" | "MEMBERS" | "DRAFT" = "DRAFT") {
  const suffix = uniqueSuffix();
  const created = await createFullCase({
    ownerOrganisationId: world.owner.id,
    coOwnerIds: [world.coOwner.id],
    challengeAreaIds: [world.area.id],
    visibility,
    title: `Historikkcase ${suffix}`,
    actorId: world.users.ownerEditor.id,
  });
  const oldChallenge = `Sykefraværet i hjemmetjenesten var høyt i ${suffix}.`;
  const newChallenge = `Sykefraværet i hjemmetjenesten var svært høyt i ${suffix} i fjor.`;
  await updateCase(
    created.id,
    inputFor(created, { sections: { ...(created.sections as object), challenge: doc(oldChallenge) } }),
    world.users.ownerEditor.id,
    created.version,
  );
  const v2 = (await getCaseById(created.id))!;
  await updateCase(
    v2.id,
    inputFor(v2, {
      title: `Nytt navn ${suffix}`,
      status: "IMPLEMENTED",
      sections: { ...(v2.sections as object), challenge: doc(newChallenge) },
    }),
    world.users.ownerAdmin.id,
    v2.version,
  );
  const c = (await getCaseById(created.id))!;
  const revisions = await db().caseRevision.findMany({ where: { caseId: c.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { c, revisions, oldTitle: created.title, oldChallenge, newChallenge, suffix };
}

beforeAll(async () => {
  world = await createCaseWorld();
  const u = world.users;
  const entries = await Promise.all(
    (["ownerMember", "ownerEditor", "ownerAdmin", "coOwnerEditor", "otherMember", "otherEditor", "facilitator"] as const).map(
      async (k) => [k, await loggedIn(u[k])] as const,
    ),
  );
  clients = { visitor: new Client(), ...Object.fromEntries(entries) } as typeof clients;
});

describe("the history list", () => {
  it("lists every revision, newest first, with what happened, when and who, each linking to the revision", async () => {
    const { c, revisions } = await editedCase();
    const { status, html } = await clients.ownerEditor.page(`/cases/${c.slug}/history`);
    expect(status).toBe(200);
    const text = textOf(html);
    expect(text).toContain("Historikk");
    expect(text).toContain("3 versjoner.");
    expect(html).toContain(`href="/cases/${c.slug}"`); // back to the case
    // Newest first: version 3 (edited by the admin) before version 1 (created).
    const links = [...html.matchAll(new RegExp(`href="/cases/${c.slug}/history/([a-z0-9]+)"`, "g"))].map((m) => m[1]);
    expect(links).toEqual([revisions[2].id, revisions[1].id, revisions[0].id]);
    expect(text).toMatch(
      new RegExp(`Versjon 3 nyeste \\d+\\. \\S+ \\d{4} kl\\. \\d\\d:\\d\\d Endret i skjemaet ${world.users.ownerAdmin.name}`),
    );
    expect(text).toMatch(new RegExp(`Versjon 1 \\d+\\. \\S+ \\d{4} kl\\. \\d\\d:\\d\\d Opprettet ${world.users.ownerEditor.name}`));
  });

  it("names everyone who typed in a live revision (resolved in one go), and says where a restore came from", async () => {
    const { c, revisions } = await editedCase();
    const [anne, bjorn] = await Promise.all([
      createUser({ name: `Anne Live ${uniqueSuffix()}` }),
      createUser({ name: `Bjørn Live ${uniqueSuffix()}` }),
    ]);
    await db().$transaction((tx) => recordRevision(tx, c.id, { authorId: anne.id, kind: "LIVE", contributorIds: [anne.id, bjorn.id] }));
    await db().$transaction((tx) =>
      recordRevision(tx, c.id, { authorId: world.users.ownerEditor.id, kind: "RESTORE", restoredFromId: revisions[0].id }),
    );
    const text = textOf((await clients.ownerEditor.page(`/cases/${c.slug}/history`)).html);
    expect(text).toContain(`Redigert direkte ${anne.name} ${bjorn.name}`);
    expect(text).toMatch(/Gjenopprettet fra versjonen fra \d+\. \S+ \d{4} kl\. \d\d:\d\d/);
  });

  it("is in English for English users", async () => {
    const { c } = await editedCase();
    const en = await loggedIn(world.users.ownerEditor);
    en.setCookie("lb_lang", "en");
    const text = textOf((await en.page(`/cases/${c.slug}/history`)).html);
    expect(text).toContain("3 versions.");
    expect(text).toContain("Edited in the form");
    expect(text).toContain("Created");
  });

  it("pages long histories (25 a page) and sends an old page number to the last page", async () => {
    const { c } = await editedCase();
    for (let i = 0; i < 27; i++) {
      await db().$transaction((tx) => recordRevision(tx, c.id, { authorId: world.users.ownerEditor.id, kind: "LIVE" }));
    }
    const rows = (html: string) => (html.match(/<tr>/g) ?? []).length - 1; // minus the header row
    const first = await clients.ownerEditor.page(`/cases/${c.slug}/history`);
    expect(rows(first.html)).toBe(25);
    expect(textOf(first.html)).toContain("30 versjoner. Viser 1–25 av 30, nyeste først.");
    expect(first.html).toContain(`href="/cases/${c.slug}/history?page=2"`);
    const second = await clients.ownerEditor.page(`/cases/${c.slug}/history?page=2`);
    expect(rows(second.html)).toBe(5);
    expect(textOf(second.html)).toContain("Versjon 1 ");
    const beyond = await clients.ownerEditor.page(`/cases/${c.slug}/history?page=99`);
    expect(beyond.status).toBe(200);
    expect(rows(beyond.html)).toBe(5);
  });

  it("the case page and the edit page link to the history for editors only", async () => {
    const { c } = await editedCase("MEMBERS");
    expect((await clients.ownerEditor.page(`/cases/${c.slug}`)).html).toContain(`href="/cases/${c.slug}/history"`);
    expect((await clients.ownerEditor.page(`/cases/${c.slug}/edit`)).html).toContain(`href="/cases/${c.slug}/history"`);
    expect((await clients.ownerMember.page(`/cases/${c.slug}`)).html).not.toContain(`/cases/${c.slug}/history`);
    expect((await clients.otherEditor.page(`/cases/${c.slug}`)).html).not.toContain(`/cases/${c.slug}/history`);
  });
});

describe("one revision", () => {
  it("shows the case as it was, and word by word what changed against now (not by colour alone)", async () => {
    const { c, revisions, oldTitle, oldChallenge, suffix } = await editedCase();
    const { status, html } = await clients.ownerEditor.page(`/cases/${c.slug}/history/${revisions[1].id}`);
    expect(status).toBe(200);
    const text = textOf(html);
    expect(text).toContain(`Versjon 2 av «Nytt navn ${suffix}»`);
    expect(text).toContain(`Endret i skjemaet`);
    expect(text).toContain(world.users.ownerEditor.name);
    // The revision rendered like the case page: its title, its text through the safe renderer, its facts.
    expect(html).toContain(`<h3 class="revision__title">${oldTitle}</h3>`);
    expect(html).toContain(`<div class="prose"><p>${oldChallenge}</p></div>`);
    expect(text).toContain("Status Utprøving");
    expect(text).toContain(world.owner.name);
    // The changes: the words added since are in <ins>, the removed ones in <del>, both announced.
    expect(text).toContain("Endringer sammenlignet med nå");
    expect(html).toMatch(
      /<ins><span class="visually-hidden">lagt til: <\/span>svært ?<span class="visually-hidden"> \(slutt på tillegg\)<\/span><\/ins>/,
    );
    expect(html).toMatch(
      /<ins><span class="visually-hidden">lagt til: <\/span> ?i fjor ?<span class="visually-hidden"> \(slutt på tillegg\)<\/span><\/ins>/,
    );
    expect(html).toMatch(
      /<del><span class="visually-hidden">fjernet: <\/span>Historikkcase<span class="visually-hidden"> \(slutt på fjernet tekst\)<\/span><\/del>/,
    );
    expect(text).toContain("lagt til (understreket)");
    expect(text).toContain("fjernet (gjennomstreket)");
    // Other details, this version -> now.
    expect(text).toContain(
      "Andre opplysninger Endrede opplysninger, denne versjonen og nå Opplysning I denne versjonen Nå Status Utprøving Innført",
    );
    // A restore form (POST with the CSRF token).
    expect(html).toMatch(
      /<form method="post"[^>]*><input type="hidden" name="csrf" value="[^"]{20,}"\/><button[^>]* type="submit" name="intent" value="restore"/,
    );
    expect(text).toContain("Gjenopprett denne versjonen");
  });

  it("the newest revision has no differences and offers nothing to restore", async () => {
    const { c, revisions } = await editedCase();
    const { html } = await clients.ownerEditor.page(`/cases/${c.slug}/history/${revisions[2].id}`);
    expect(textOf(html)).toContain("Ingen forskjeller: casen er lik denne versjonen nå.");
    expect(html).not.toContain("<ins>");
    expect(html).not.toContain('value="restore"');
  });

  it("in English", async () => {
    const { c, revisions } = await editedCase();
    const en = await loggedIn(world.users.ownerEditor);
    en.setCookie("lb_lang", "en");
    const { html } = await en.page(`/cases/${c.slug}/history/${revisions[0].id}`);
    const text = textOf(html);
    expect(text).toContain("Changes compared with now");
    expect(text).toContain("Restore this version");
    expect(html).toContain('<span class="visually-hidden">added: </span>');
    expect(text).toContain("Status Piloting Implemented");
  });

  it("long unchanged text is shortened around the change", async () => {
    const { c } = await editedCase();
    const words = Array.from({ length: 80 }, (_, i) => `ord${i}`);
    const before = (await getCaseById(c.id))!;
    await updateCase(
      c.id,
      inputFor(before, { sections: { ...(before.sections as object), lessons: doc(words.join(" ")) } }),
      world.users.ownerEditor.id,
      before.version,
    );
    const mid = (await getCaseById(c.id))!;
    words[40] = "ENDRET";
    await updateCase(
      c.id,
      inputFor(mid, { sections: { ...(mid.sections as object), lessons: doc(words.join(" ")) } }),
      world.users.ownerEditor.id,
      mid.version,
    );
    const rev = await db().caseRevision.findFirstOrThrow({ where: { caseId: c.id, version: mid.version } });
    const html = (await clients.ownerEditor.page(`/cases/${c.slug}/history/${rev.id}`)).html;
    // Only the changes part (the revision's full text follows further down).
    const text = textOf(html.slice(html.indexOf('id="changes-title"'), html.indexOf('id="restore-title"')));
    expect(text).toContain("[…] (uendret tekst utelatt) ord28");
    expect(text).toContain("fjernet: ord40 (slutt på fjernet tekst) lagt til: ENDRET (slutt på tillegg)");
    expect(text).not.toContain("ord10 ");
    expect(text).not.toContain("ord70 ");
  });
});

describe("restoring", () => {
  it("puts the old text back as a new RESTORE revision, and loses nothing", async () => {
    const { c, revisions, oldTitle, oldChallenge, newChallenge } = await editedCase();
    const res = await clients.coOwnerEditor.post(`/cases/${c.slug}/history/${revisions[1].id}`, { intent: "restore" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/cases/${c.slug}?restored=1`);

    const page = await clients.coOwnerEditor.page(`/cases/${c.slug}?restored=1`);
    const text = textOf(page.html);
    expect(text).toContain("Versjonen er gjenopprettet.");
    expect(page.html).toContain(`<h1 id="case-title" lang="nb">${oldTitle}</h1>`);
    expect(text).toContain(oldChallenge);
    expect(text).not.toContain(newChallenge);
    expect(text).toContain("Utprøving");

    const after = await db().caseRevision.findMany({ where: { caseId: c.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(after).toHaveLength(4);
    const restore = after[3];
    expect(restore.kind).toBe("RESTORE");
    expect(restore.restoredFromId).toBe(revisions[1].id);
    expect(restore.authorId).toBe(world.users.coOwnerEditor.id);
    // The text from before the restore is still there, in revision 3.
    expect(JSON.stringify(after[2].snapshot)).toContain(newChallenge);
    const stored = (await getCaseById(c.id))!;
    expect(stored.version).toBe(c.version + 1);

    const list = textOf((await clients.coOwnerEditor.page(`/cases/${c.slug}/history`)).html);
    expect(list).toContain("4 versjoner.");
    expect(list).toMatch(new RegExp(`Versjon 4 nyeste .* Gjenopprettet fra versjonen fra .* ${world.users.coOwnerEditor.name}`));
    // ... and version 3 can be brought back the same way.
    const back = await clients.coOwnerEditor.post(`/cases/${c.slug}/history/${revisions[2].id}`, { intent: "restore" });
    expect(back.status).toBe(302);
    expect(textOf((await clients.coOwnerEditor.page(`/cases/${c.slug}`)).html)).toContain(newChallenge);
  });
});

describe("who may see and use the history", () => {
  it("editors of owner and co-owners, the owner's admin and facilitators", async () => {
    const { c, revisions } = await editedCase("DRAFT");
    for (const who of ["ownerEditor", "ownerAdmin", "coOwnerEditor", "facilitator"] as const) {
      expect((await clients[who].get(`/cases/${c.slug}/history`)).status, who).toBe(200);
      expect((await clients[who].get(`/cases/${c.slug}/history/${revisions[0].id}`)).status, who).toBe(200);
    }
  });

  it("a visitor is sent to log in, for a public case and a draft alike", async () => {
    for (const visibility of ["PUBLIC", "DRAFT"] as const) {
      const { c, revisions } = await editedCase(visibility);
      for (const path of [`/cases/${c.slug}/history`, `/cases/${c.slug}/history/${revisions[0].id}`]) {
        const res = await clients.visitor.get(path);
        expect(res.status, `${visibility} ${path}`).toBe(302);
        expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
      }
      const restore = await clients.visitor.post(`/cases/${c.slug}/history/${revisions[0].id}`, { intent: "restore" });
      expect([302, 403]).toContain(restore.status);
      expect(await db().caseRevision.count({ where: { caseId: c.id } })).toBe(3);
    }
  });

  it("users who can read the case but not edit it get 403 - and cannot restore", async () => {
    const { c, revisions } = await editedCase("MEMBERS");
    for (const who of ["ownerMember", "otherMember", "otherEditor"] as const) {
      expect((await clients[who].get(`/cases/${c.slug}/history`)).status, who).toBe(403);
      expect((await clients[who].get(`/cases/${c.slug}/history/${revisions[0].id}`)).status, who).toBe(403);
      expect((await clients[who].post(`/cases/${c.slug}/history/${revisions[0].id}`, { intent: "restore" })).status, who).toBe(403);
    }
    expect(await db().caseRevision.count({ where: { caseId: c.id } })).toBe(3);
  });

  it("a draft of another organisation is the same 404 as a case that does not exist", async () => {
    const { c, revisions } = await editedCase("DRAFT");
    for (const who of ["otherMember", "otherEditor"] as const) {
      const hidden = await clients[who].get(`/cases/${c.slug}/history`);
      const missing = await clients[who].get(`/cases/finnes-ikke-${uniqueSuffix()}/history`);
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect((await clients[who].get(`/cases/${c.slug}/history/${revisions[0].id}`)).status).toBe(404);
      expect((await clients[who].post(`/cases/${c.slug}/history/${revisions[0].id}`, { intent: "restore" })).status).toBe(404);
    }
    // The owner's plain member sees the draft but may not edit it.
    expect((await clients.ownerMember.get(`/cases/${c.slug}/history`)).status).toBe(403);
    expect(await db().caseRevision.count({ where: { caseId: c.id } })).toBe(3);
  });

  it("a revision of another case, or an unknown id, is 404 - to look at and to restore", async () => {
    const a = await editedCase();
    const b = await editedCase();
    expect((await clients.ownerEditor.get(`/cases/${a.c.slug}/history/${b.revisions[0].id}`)).status).toBe(404);
    expect((await clients.ownerEditor.get(`/cases/${a.c.slug}/history/finnes-ikke`)).status).toBe(404);
    expect((await clients.ownerEditor.post(`/cases/${a.c.slug}/history/${b.revisions[0].id}`, { intent: "restore" })).status).toBe(404);
    expect(await db().caseRevision.count({ where: { caseId: a.c.id } })).toBe(3);
    expect(await db().caseRevision.count({ where: { caseId: b.c.id } })).toBe(3);
    expect((await getCaseById(a.c.id))!.title).toBe(a.c.title);
  });

  it("refuses a restore without the CSRF token, with a wrong one, or from another site", async () => {
    const { c, revisions } = await editedCase();
    const path = `/cases/${c.slug}/history/${revisions[0].id}`;
    expect((await clients.ownerEditor.post(path, { intent: "restore" }, { csrf: false })).status).toBe(403);
    expect((await clients.ownerEditor.post(path, { intent: "restore" }, { csrf: "x".repeat(32) })).status).toBe(403);
    expect((await clients.ownerEditor.post(path, { intent: "restore" }, { origin: "https://evil.example" })).status).toBe(403);
    expect(await db().caseRevision.count({ where: { caseId: c.id } })).toBe(3);
    expect((await getCaseById(c.id))!.version).toBe(c.version);
  });

  it("a deleted case has no history pages", async () => {
    const { c, revisions } = await editedCase();
    await deleteCase(c.id, world.users.ownerAdmin.id);
    expect((await clients.ownerAdmin.get(`/cases/${c.slug}/history`)).status).toBe(404);
    expect((await clients.facilitator.get(`/cases/${c.slug}/history/${revisions[0].id}`)).status).toBe(404);
    expect((await clients.ownerAdmin.post(`/cases/${c.slug}/history/${revisions[0].id}`, { intent: "restore" })).status).toBe(404);
    expect((await db().case.findUniqueOrThrow({ where: { id: c.id } })).deletedAt).not.toBeNull();
  });
});
