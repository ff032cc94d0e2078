/**
 * The edit form next to live co-editing, from the outside: with JavaScript the form saves
 * metadata only (the live sections are left as stored); without JavaScript the textareas
 * save the sections, keep rich content where the text did not change, and a save based on
 * an older content version (someone typed live meanwhile) is a 409 with both versions -
 * nothing typed is lost.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getCaseById } from "~/models/case.server";
import { storeLiveContent } from "~/models/case-live.server";
import { docToText, textToDoc, type CaseSections } from "~/editor/sections";
import { buildYDoc, encodeState } from "~/editor/ydoc";
import { createCaseWorld, createFullCase, editFormFields, loggedIn } from "../support/case-factories";
import type { Client } from "../support/http";

let world: Awaited<ReturnType<typeof createCaseWorld>>;
let editor: Client;

beforeAll(async () => {
  world = await createCaseWorld();
  editor = await loggedIn(world.users.ownerEditor);
});

async function freshCase() {
  return createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "MEMBERS" });
}

const fieldsFor = editFormFields;

/** Someone types in the live editor: a live store with one section changed. */
async function liveEdit(caseId: string, section: keyof CaseSections, text: string) {
  const c = (await getCaseById(caseId))!;
  const sections = { ...(c.sections as unknown as CaseSections), [section]: textToDoc(text) };
  const outcome = await storeLiveContent(caseId, {
    state: encodeState(buildYDoc(sections)),
    sections,
    actorId: world.users.coOwnerEditor.id,
    contributorIds: [],
  });
  expect(outcome.status).toBe("stored");
}

describe("the edit form next to live co-editing", () => {
  it("with JavaScript (sectionsLive) saves the metadata and leaves the live sections as stored", async () => {
    const c = await freshCase();
    const before = c.sections as unknown as CaseSections;
    const res = await editor.post(
      `/cases/${c.slug}/edit`,
      fieldsFor(c, { sectionsLive: "1", title: `${c.title} (ny)`, "sections.challenge": "" }),
    );
    expect(res.status).toBe(302);
    const after = (await getCaseById(c.id))!;
    expect(after.title).toBe(`${c.title} (ny)`);
    expect(after.sections).toEqual(before);
    expect(after.contentVersion).toBe(c.contentVersion);
    expect(after.version).toBe(c.version + 1);
  });

  it("without JavaScript keeps the stored rich content of sections whose text did not change", async () => {
    const c = await freshCase();
    const before = c.sections as unknown as CaseSections;
    const res = await editor.post(`/cases/${c.slug}/edit`, fieldsFor(c, { "sections.lessons": "Ny lærdom skrevet uten JavaScript." }));
    expect(res.status).toBe(302);
    const after = (await getCaseById(c.id))!;
    const sections = after.sections as unknown as CaseSections;
    expect(sections.challenge).toEqual(before.challenge);
    expect(docToText(sections.lessons)).toBe("Ny lærdom skrevet uten JavaScript.");
    expect(after.contentVersion).toBe(c.contentVersion + 1);
  });

  it("without JavaScript, a section save based on text others have changed live is a 409 that loses nothing", async () => {
    const c = await freshCase();
    await liveEdit(c.id, "challenge", "Teksten en kollega skrev live i mellomtiden.");
    const mine = "Min versjon av utfordringen, skrevet i tekstfeltet.";
    const res = await editor.post(`/cases/${c.slug}/edit`, fieldsFor(c, { "sections.challenge": mine }));
    expect(res.status).toBe(409);
    const html = await res.text();
    // Both versions are on the page: mine in the form, theirs in the conflict panel.
    expect(html).toContain(mine);
    expect(html).toContain("Teksten en kollega skrev live i mellomtiden.");
    const stored = (await getCaseById(c.id))!;
    expect(docToText((stored.sections as unknown as CaseSections).challenge)).toBe("Teksten en kollega skrev live i mellomtiden.");

    // Saving again after seeing the conflict (the form now carries the new content version) wins.
    const again = await editor.post(`/cases/${c.slug}/edit`, fieldsFor(stored, { "sections.challenge": mine }));
    expect(again.status).toBe(302);
    expect(docToText(((await getCaseById(c.id))!.sections as unknown as CaseSections).challenge)).toBe(mine);
  });

  it("without JavaScript, textareas still holding text that was changed live never overwrite it silently", async () => {
    const c = await freshCase();
    await liveEdit(c.id, "lessons", "Lagt til live mens skjemaet var åpent.");
    // The textareas still show the old lessons text and the user changed only the title:
    // the stale text must not overwrite the live text, so this is a content conflict.
    const res = await editor.post(`/cases/${c.slug}/edit`, fieldsFor(c, { title: `${c.title} – endret` }));
    expect(res.status).toBe(409);
    expect(docToText(((await getCaseById(c.id))!.sections as unknown as CaseSections).lessons)).toBe(
      "Lagt til live mens skjemaet var åpent.",
    );
  });
});
