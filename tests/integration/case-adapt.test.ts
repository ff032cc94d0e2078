/**
 * "Ta i bruk hos oss" (docs/decisions/017-adaptations.md): adapting a case through the model
 * and over HTTP, the links both ways, the chain, and that counts, lists and search never
 * reveal a draft elsewhere. Permission tests from the outside: visitor, members without the
 * editor role, the owner's own editors, forged posts, wrong ids.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getCaseById, getCaseBySlug, updateCase, type CaseWithRelations } from "~/models/case.server";
import { AdaptOwnCaseError, adaptCase } from "~/models/case-adapt.server";
import { CaseNotFound, NotAllowedError } from "~/models/errors";
import { searchCases } from "~/models/search.server";
import { presentOurAdaptedCases } from "~/presenters/case-adaptations.server";
import { db } from "~/utils/db.server";
import { casesIndexName } from "../../search/client.server";
import { createCaseWorld, createFullCase, inputFor, loggedIn, viewerOf } from "../support/case-factories";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { Client } from "../support/http";
import { searchParams, testSearchClient } from "../support/search";

let world: Awaited<ReturnType<typeof createCaseWorld>>;
let third: Awaited<ReturnType<typeof createOrganisation>>;
let fourth: Awaited<ReturnType<typeof createOrganisation>>;
let users: Awaited<ReturnType<typeof createCaseWorld>>["users"] & {
  thirdEditor: Awaited<ReturnType<typeof createUser>>;
  thirdMember: Awaited<ReturnType<typeof createUser>>;
  multiEditor: Awaited<ReturnType<typeof createUser>>;
};
const word = `gjenbruksord${uniqueSuffix().replace(/[^a-z0-9]/gi, "")}`;

beforeAll(async () => {
  world = await createCaseWorld();
  [third, fourth] = await Promise.all([createOrganisation({ name: `Tredje kommune ${uniqueSuffix()}` }), createOrganisation()]);
  const [thirdEditor, thirdMember, multiEditor] = await Promise.all([
    createUser({ memberships: [{ organisationId: third.id, role: "EDITOR" }] }),
    createUser({ memberships: [{ organisationId: third.id, role: "MEMBER" }] }),
    createUser({
      memberships: [
        { organisationId: third.id, role: "EDITOR" },
        { organisationId: fourth.id, role: "ADMIN" },
      ],
    }),
  ]);
  users = { ...world.users, thirdEditor, thirdMember, multiEditor };
});

const v = (u: Parameters<typeof viewerOf>[0]) => viewerOf(u);

async function original(visibility: "PUBLIC" | "MEMBERS" | "DRAFT" = "PUBLIC", title = `Original ${word} ${uniqueSuffix()}`) {
  return createFullCase({
    ownerOrganisationId: world.owner.id,
    coOwnerIds: [world.coOwner.id],
    challengeAreaIds: [world.area.id],
    visibility,
    title,
    actorId: world.users.ownerEditor.id,
  });
}

async function setVisibility(c: { id: string }, visibility: "PUBLIC" | "MEMBERS" | "DRAFT") {
  const current = (await getCaseById(c.id))!;
  return updateCase(c.id, inputFor(current, { visibility }), null, current.version);
}

describe("adaptCase (model)", () => {
  it("copies texts, areas and indicators - not the numbers, contact or status - and links to the original's latest revision", async () => {
    const o = await original();
    const created = await adaptCase(v(users.otherEditor), o.slug, { organisationId: world.other.id });
    const a = (await getCaseById(created.id))!;
    expect(a.title).toBe(o.title);
    expect(a.summary).toBe(o.summary);
    expect(a.sections).toEqual(o.sections);
    expect(a.challengeAreas.map((x) => x.challengeAreaId)).toEqual([world.area.id]);
    expect(
      a.results.map((r) => ({ indicator: r.indicator, unit: r.unit, period: r.period, baseline: r.baseline, result: r.result })),
    ).toEqual([{ indicator: "Sykefravær", unit: "%", period: "2023", baseline: null, result: null }]);
    expect(o.results[0].baseline).not.toBeNull();
    expect(a).toMatchObject({
      status: "IDEA",
      visibility: "DRAFT",
      ownerOrganisationId: world.other.id,
      contactName: null,
      contactEmail: null,
      periodStart: null,
      adaptedFromId: o.id,
      whatWeChanged: null,
    });
    expect(a.coOwners).toEqual([]);
    expect(a.slug).not.toBe(o.slug);
    const latest = await db().caseRevision.findFirst({ where: { caseId: o.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(a.adaptedFromRevisionId).toBe(latest!.id);
    const events = await db().domainEvent.findMany({ where: { type: "case.adapted", entityId: a.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      entity: "case",
      actorUserId: users.otherEditor.id,
      payload: { originalCaseId: o.id, originalRevisionId: latest!.id },
    });
    // The search consumer is subscribed to it.
    expect(await db().eventDelivery.count({ where: { eventId: events[0].id, consumer: "search" } })).toBe(1);
  });

  it("refuses the owner's and co-owner's own organisations, non-editors, foreign organisations, hidden and unknown cases", async () => {
    const o = await original();
    await expect(adaptCase(v(users.ownerEditor), o.slug, { organisationId: world.owner.id })).rejects.toBeInstanceOf(AdaptOwnCaseError);
    await expect(adaptCase(v(users.coOwnerEditor), o.slug, { organisationId: world.coOwner.id })).rejects.toBeInstanceOf(AdaptOwnCaseError);
    await expect(adaptCase(v(users.otherMember), o.slug, { organisationId: world.other.id })).rejects.toBeInstanceOf(NotAllowedError);
    await expect(adaptCase(v(users.otherEditor), o.slug, { organisationId: third.id })).rejects.toBeInstanceOf(NotAllowedError);
    await expect(adaptCase(v(users.otherEditor), o.slug, { organisationId: world.owner.id })).rejects.toBeInstanceOf(NotAllowedError);
    const draft = await original("DRAFT");
    await expect(adaptCase(v(users.otherEditor), draft.slug, { organisationId: world.other.id })).rejects.toBeInstanceOf(CaseNotFound);
    await expect(
      adaptCase(v(users.otherEditor), `finnes-ikke-${uniqueSuffix()}`, { organisationId: world.other.id }),
    ).rejects.toBeInstanceOf(CaseNotFound);
    expect(await db().case.count({ where: { adaptedFromId: o.id } })).toBe(0);
  });
});

describe("/cases/$slug/adapt from the outside", () => {
  let o: CaseWithRelations;
  let clients: Record<"visitor" | "otherMember" | "otherEditor" | "ownerEditor" | "multiEditor", Client>;
  beforeAll(async () => {
    o = await original();
    const [otherMember, otherEditor, ownerEditor, multiEditor] = await Promise.all([
      loggedIn(users.otherMember),
      loggedIn(users.otherEditor),
      loggedIn(users.ownerEditor),
      loggedIn(users.multiEditor),
    ]);
    clients = { visitor: new Client(), otherMember, otherEditor, ownerEditor, multiEditor };
  });

  it("sends visitors to the login page and back", async () => {
    const res = await clients.visitor.get(`/cases/${o.slug}/adapt`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(`/cases/${o.slug}/adapt`)}`);
    const post = await clients.visitor.post(`/cases/${o.slug}/adapt`, { organisationId: world.other.id });
    expect(post.status).toBe(302);
    expect(post.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    expect(await db().case.count({ where: { adaptedFromId: o.id } })).toBe(0);
  });

  it("answers 403 to members without the editor role and to the owner's own editors, 404 for hidden and unknown cases", async () => {
    for (const who of ["otherMember", "ownerEditor"] as const) {
      const { status, html } = await clients[who].page(`/cases/${o.slug}/adapt`);
      expect(status, who).toBe(403);
      expect(html).not.toContain("Lag vår egen case");
      const post = await clients[who].post(`/cases/${o.slug}/adapt`, { organisationId: world.owner.id });
      expect(post.status, who).toBe(403);
    }
    const draft = await original("DRAFT");
    const hidden = await clients.otherEditor.page(`/cases/${draft.slug}/adapt`);
    expect(hidden.status).toBe(404);
    expect(hidden.html).not.toContain(draft.title);
    expect((await clients.otherEditor.post(`/cases/${draft.slug}/adapt`, { organisationId: world.other.id })).status).toBe(404);
    expect((await clients.otherEditor.page(`/cases/finnes-ikke-${uniqueSuffix()}/adapt`)).status).toBe(404);
    expect(await db().case.count({ where: { adaptedFromId: { in: [o.id, draft.id] } } })).toBe(0);
  });

  it("refuses forged posts: no or wrong CSRF token, an organisation the user is no editor of, garbage", async () => {
    expect((await clients.otherEditor.post(`/cases/${o.slug}/adapt`, { organisationId: world.other.id }, { csrf: false })).status).toBe(
      403,
    );
    expect((await clients.otherEditor.post(`/cases/${o.slug}/adapt`, { organisationId: world.other.id }, { csrf: "forged" })).status).toBe(
      403,
    );
    expect((await clients.otherEditor.post(`/cases/${o.slug}/adapt`, { organisationId: third.id })).status).toBe(403);
    expect((await clients.otherEditor.post(`/cases/${o.slug}/adapt`, { organisationId: "x".repeat(5000) })).status).toBe(403);
    expect(await db().case.count({ where: { adaptedFromId: o.id } })).toBe(0);
  });

  it("an editor of several organisations must choose one; the form says so in both languages", async () => {
    const page = await clients.multiEditor.page(`/cases/${o.slug}/adapt`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('name="organisationId"');
    expect(page.html).toContain(third.name);
    const res = await clients.multiEditor.post(`/cases/${o.slug}/adapt`, { organisationId: "" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Velg organisasjonen som skal eie den nye casen.");
    await clients.multiEditor.post("/language", { locale: "en", redirectTo: "/" });
    const en = await clients.multiEditor.post(`/cases/${o.slug}/adapt`, {});
    expect(en.status).toBe(400);
    expect(await en.text()).toContain("Choose the organisation that will own the new case.");
    await clients.multiEditor.post("/language", { locale: "nb", redirectTo: "/" });
  });

  it("another municipality's editor adapts: a draft of theirs, its edit page with a status message, links both ways", async () => {
    const page = await clients.otherEditor.page(`/cases/${o.slug}`);
    expect(page.html).toContain(`href="/cases/${o.slug}/adapt"`);
    const form = await clients.otherEditor.page(`/cases/${o.slug}/adapt`);
    expect(form.status).toBe(200);
    expect(form.html).toContain("Dette blir kopiert");
    const res = await clients.otherEditor.post(`/cases/${o.slug}/adapt`, { organisationId: world.other.id });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/cases\/[^/]+\/edit\?adapted=1$/);
    const slug = location.split("/")[2];
    const a = (await getCaseBySlug(slug))!;
    expect(a).toMatchObject({ adaptedFromId: o.id, ownerOrganisationId: world.other.id, visibility: "DRAFT" });

    const edit = await clients.otherEditor.page(location);
    expect(edit.status).toBe(200);
    expect(edit.html).toMatch(/role="status"[\s\S]*Casen er laget som et utkast/);
    expect(edit.html).toContain('name="whatWeChanged"');

    // "Hva vi endret" is saved by the form and shown on the page.
    const { editFormFields } = await import("../support/case-factories");
    const saved = await clients.otherEditor.post(
      `/cases/${slug}/edit`,
      editFormFields(a, { whatWeChanged: "Vi brukte frivillige.\n\nOg kortere møter." }),
    );
    expect(saved.status).toBe(302);
    const view = await clients.otherEditor.page(`/cases/${slug}`);
    expect(view.html).toContain("Bygger på");
    expect(view.html).toContain(`href="/cases/${o.slug}"`);
    expect(view.html).toContain("Hva vi endret");
    expect(view.html).toContain("<p");
    expect(view.html).toContain("Og kortere møter.");
    // The original, for the adapting organisation: the draft is theirs, so it is listed.
    const back = await clients.otherEditor.page(`/cases/${o.slug}`);
    expect(back.html).toContain("Tatt i bruk i 1 kommune");
    expect(back.html).toContain(`href="/cases/${slug}"`);
  });
});

describe("counts, lists and the chain respect visibility", () => {
  it("a draft adaptation elsewhere is not counted or listed for a visitor or a third organisation, but is for its own", async () => {
    const o = await original();
    const a = await adaptCase(v(users.otherEditor), o.slug, { organisationId: world.other.id });
    const [visitor, thirdMember, otherMember, ownerMember] = [
      new Client(),
      await loggedIn(users.thirdMember),
      await loggedIn(users.otherMember),
      await loggedIn(users.ownerMember),
    ];
    for (const [who, client] of [
      ["visitor", visitor],
      ["thirdMember", thirdMember],
      ["ownerMember", ownerMember],
    ] as const) {
      const { html } = await client.page(`/cases/${o.slug}`);
      expect(html, who).not.toContain("Tatt i bruk i");
      expect(html, who).not.toContain(a.slug);
    }
    expect((await otherMember.page(`/cases/${o.slug}`)).html).toContain(a.slug);

    await setVisibility(a, "MEMBERS");
    expect((await visitor.page(`/cases/${o.slug}`)).html).not.toContain(a.slug);
    const members = await thirdMember.page(`/cases/${o.slug}`);
    expect(members.html).toContain("Tatt i bruk i 1 kommune");
    expect(members.html).toContain(a.slug);

    await setVisibility(a, "PUBLIC");
    const pub = await visitor.page(`/cases/${o.slug}`);
    expect(pub.html).toContain("Tatt i bruk i 1 kommune");
    expect(pub.html).toContain(a.slug);
    // Visitors get an invitation to log in instead of the button.
    expect(pub.html).toContain("Logg inn for å ta casen i bruk hos dere");
    expect(pub.html).not.toContain(`/cases/${o.slug}/adapt"`);
  });

  it("an adaptation of an adaptation shows the chain, and stops at the first case the viewer may not see", async () => {
    const o = await original("MEMBERS");
    const middle = await adaptCase(v(users.otherEditor), o.slug, { organisationId: world.other.id });
    await setVisibility(middle, "PUBLIC");
    const last = await adaptCase(v(users.thirdEditor), middle.slug, { organisationId: third.id });
    await setVisibility(last, "PUBLIC");

    const member = await loggedIn(users.thirdMember);
    const full = await member.page(`/cases/${last.slug}`);
    expect(full.html).toContain(`href="/cases/${middle.slug}"`);
    expect(full.html).toContain(`href="/cases/${o.slug}"`);

    // A visitor may see the last two, not the (members-only) original: never named, never linked.
    const visitor = await new Client().page(`/cases/${last.slug}`);
    expect(visitor.html).toContain(`href="/cases/${middle.slug}"`);
    expect(visitor.html).not.toContain(`/cases/${o.slug}"`);
    expect(visitor.html).not.toContain(`"${o.id}"`);
    expect(visitor.html).not.toContain(world.owner.name);
    // The original is deleted: the middle stops there for everyone.
    await db().case.update({ where: { id: o.id }, data: { deletedAt: new Date() } });
    const afterDelete = await member.page(`/cases/${last.slug}`);
    expect(afterDelete.html).toContain(`href="/cases/${middle.slug}"`);
    expect(afterDelete.html).not.toContain(`href="/cases/${o.slug}"`);
  });
});

describe("Mine sider: our cases adopted by others", () => {
  it("lists the adaptations of our cases that we may see - never a draft elsewhere", async () => {
    const o = await original();
    const a = await adaptCase(v(users.otherEditor), o.slug, { organisationId: world.other.id });
    const mineBefore = await (await loggedIn(users.ownerMember)).page("/me");
    expect(mineBefore.html).not.toContain(a.slug);
    const mine = () => presentOurAdaptedCases(v(users.ownerMember)).then((items) => items.filter((i) => i.original?.slug === o.slug));
    expect(await mine()).toEqual([]);
    await setVisibility(a, "MEMBERS");
    expect(await mine()).toEqual([
      { slug: a.slug, title: a.title, organisation: world.other.name, draft: false, original: { slug: o.slug, title: o.title } },
    ]);
    // The co-owner's members see it too; the adapting organisation's own list does not hold it.
    const coOwnerItems = await presentOurAdaptedCases(v(users.coOwnerEditor));
    expect(coOwnerItems.map((i) => i.slug)).toContain(a.slug);
    expect((await presentOurAdaptedCases(v(users.otherEditor))).map((i) => i.slug)).not.toContain(a.slug);
    // On /me, in its own section.
    const me = await (await loggedIn(users.ownerMember)).page("/me");
    expect(me.status).toBe(200);
    expect(me.html).toMatch(/<h2 id="me-adapted">Våre saker tatt i bruk av andre<\/h2>/);
    expect(me.html).toContain(`href="/cases/${a.slug}"`);
  });
});

describe("search: adoption figures, facet and sort", () => {
  async function waitForAdoption(id: string, wanted: { adoptedPublic: number; adoptedMembers: number }) {
    const index = testSearchClient().index(casesIndexName());
    const deadline = Date.now() + 30_000;
    let last: unknown;
    while (Date.now() < deadline) {
      last = await index.getDocument(id, { fields: ["adoptedPublic", "adoptedMembers"] }).catch(() => null);
      if (
        last &&
        (last as Record<string, number>).adoptedPublic === wanted.adoptedPublic &&
        (last as Record<string, number>).adoptedMembers === wanted.adoptedMembers
      )
        return;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`document ${id} has ${JSON.stringify(last)}, wanted ${JSON.stringify(wanted)}`);
  }

  it("visitors get the public figure, logged-in users the members figure; drafts never count; both engines agree", async () => {
    const q = `${word}sok`;
    const popular = await original("PUBLIC", `Populær ${q}`);
    const membersOnly = await original("PUBLIC", `Medlemsgjenbruk ${q}`);
    const a1 = await adaptCase(v(users.otherEditor), popular.slug, { organisationId: world.other.id });
    await setVisibility(a1, "PUBLIC");
    const a2 = await adaptCase(v(users.thirdEditor), popular.slug, { organisationId: third.id });
    await setVisibility(a2, "MEMBERS");
    await adaptCase(v(users.multiEditor), popular.slug, { organisationId: fourth.id }); // stays a draft
    const b1 = await adaptCase(v(users.otherEditor), membersOnly.slug, { organisationId: world.other.id });
    await setVisibility(b1, "MEMBERS");
    await waitForAdoption(popular.id, { adoptedPublic: 1, adoptedMembers: 2 });
    await waitForAdoption(membersOnly.id, { adoptedPublic: 0, adoptedMembers: 1 });

    const member = v(users.thirdMember);
    for (const engine of ["meilisearch", "database"] as const) {
      const visitorHits = await searchCases(null, searchParams({ q, filters: { adopted: ["yes"] } }), { engine });
      expect(
        visitorHits.hits.map((h) => h.id),
        engine,
      ).toEqual([popular.id]);
      const memberHits = await searchCases(member, searchParams({ q, filters: { adopted: ["yes"] } }), { engine });
      expect(memberHits.hits.map((h) => h.id).sort(), engine).toEqual([popular.id, membersOnly.id].sort());
      // Each hit says how many took it into use, as far as the viewer may know.
      expect(visitorHits.hits[0].adopted, engine).toBe(1);
      expect(memberHits.hits.find((h) => h.id === popular.id)?.adopted, engine).toBe(2);

      // Facet counts: a visitor sees one adopted case among the matches, a member two.
      const visitorAll = await searchCases(null, searchParams({ q }), { engine });
      expect(visitorAll.facets.adopted, engine).toEqual({ yes: 1 });
      const memberAll = await searchCases(member, searchParams({ q }), { engine });
      expect(memberAll.facets.adopted, engine).toEqual({ yes: 2 });

      // "Mest gjenbrukt": the most adopted first.
      const sorted = await searchCases(member, searchParams({ q, sort: "adopted" }), { engine });
      expect(
        sorted.hits.slice(0, 2).map((h) => h.id),
        engine,
      ).toEqual([popular.id, membersOnly.id]);
    }

    // The search page: facet and sort for a visitor.
    const page = await new Client().page(`/search?q=${encodeURIComponent(q)}&adopted=yes`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`/cases/${popular.slug}`);
    expect(page.html).not.toContain(`/cases/${membersOnly.slug}`);
    expect(page.html).toContain("Tatt i bruk av andre (1)");
    expect(page.html).toContain("Tatt i bruk i 1 kommune");

    // Deleting the public adaptation re-indexes the original.
    const { deleteCase } = await import("~/models/case.server");
    await deleteCase(a1.id, null);
    await waitForAdoption(popular.id, { adoptedPublic: 0, adoptedMembers: 1 });
  });
});
