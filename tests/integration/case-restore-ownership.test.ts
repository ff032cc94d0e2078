/**
 * Restoring an old revision goes through the edit form's ownership policy (issue 10, fault 4):
 * a co-owner restoring a revision from when someone else owned the case, with other co-owners
 * or another visibility, gets the content back but cannot take the case from its owner, hide
 * it from them or publish it. The owner organisation's editors and facilitators restore
 * co-owners and visibility, and the owner as far as the form would let them change it
 * (canSetCaseOwner). Visitors and other
 * organisations cannot restore at all, forged requests included.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getCaseById, updateCase } from "~/models/case.server";
import { restorableAccess, type CaseAccessFields } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";
import { db } from "~/utils/db.server";
import { createCaseWorld, createFullCase, inputFor, loggedIn } from "../support/case-factories";
import { uniqueSuffix } from "../support/factories";
import { Client } from "../support/http";

let world: Awaited<ReturnType<typeof createCaseWorld>>;
let clients: Record<"visitor" | "ownerMember" | "ownerEditor" | "coOwnerEditor" | "otherEditor" | "facilitator", Client>;

beforeAll(async () => {
  world = await createCaseWorld();
  const u = world.users;
  const [ownerMember, ownerEditor, coOwnerEditor, otherEditor, facilitator] = await Promise.all(
    [u.ownerMember, u.ownerEditor, u.coOwnerEditor, u.otherEditor, u.facilitator].map(loggedIn),
  );
  const visitor = new Client();
  await visitor.ensureCsrf();
  clients = { visitor, ownerMember, ownerEditor, coOwnerEditor, otherEditor, facilitator };
});

/**
 * Revision 1: written by the co-owning organisation as ITS case (owner = coOwner, no
 * co-owners, `oldVisibility`), title "Gammel tittel". Revision 2: a facilitator moved it to
 * the owner organisation with the co-owner kept, `newVisibility`, title "Ny tittel".
 */
async function movedCase(oldVisibility: "DRAFT" | "MEMBERS" | "PUBLIC", newVisibility: "DRAFT" | "MEMBERS" | "PUBLIC") {
  const suffix = uniqueSuffix();
  const created = await createFullCase({
    ownerOrganisationId: world.coOwner.id,
    coOwnerIds: [],
    challengeAreaIds: [world.area.id],
    visibility: oldVisibility,
    title: `Gammel tittel ${suffix}`,
    actorId: world.users.coOwnerEditor.id,
  });
  await updateCase(
    created.id,
    inputFor(created, {
      title: `Ny tittel ${suffix}`,
      ownerOrganisationId: world.owner.id,
      coOwnerIds: [world.coOwner.id],
      visibility: newVisibility,
    }),
    world.users.facilitator.id,
    created.version,
  );
  const c = (await getCaseById(created.id))!;
  const revisions = await db().caseRevision.findMany({ where: { caseId: c.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { c, old: revisions[0], suffix };
}

async function access(caseId: string) {
  const c = (await getCaseById(caseId))!;
  return {
    title: c.title,
    owner: c.ownerOrganisationId,
    coOwners: c.coOwners.map((o) => o.organisationId).sort(),
    visibility: c.visibility,
  };
}

describe("a co-owner restoring an old revision", () => {
  it.each([
    ["DRAFT", "DRAFT"],
    ["PUBLIC", "DRAFT"],
    ["DRAFT", "PUBLIC"],
    ["MEMBERS", "DRAFT"],
    ["PUBLIC", "MEMBERS"],
  ] as const)("(revision %s, now %s) gets the content back; owner, co-owners and visibility stay", async (oldVisibility, newVisibility) => {
    const { c, old, suffix } = await movedCase(oldVisibility, newVisibility);
    const res = await clients.coOwnerEditor.post(`/cases/${c.slug}/history/${old.id}`, { intent: "restore" });
    expect(res.status).toBe(302);
    expect(await access(c.id)).toEqual({
      title: `Gammel tittel ${suffix}`,
      owner: world.owner.id,
      coOwners: [world.coOwner.id],
      visibility: newVisibility,
    });
    // The owner organisation keeps every bit of access - its plain members too.
    expect((await clients.ownerMember.get(`/cases/${c.slug}`)).status).toBe(200);
    expect((await clients.ownerEditor.get(`/cases/${c.slug}/edit`)).status).toBe(200);
    // And the restore is recorded as such.
    const last = await db().caseRevision.findFirst({ where: { caseId: c.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(last!.kind).toBe("RESTORE");
    expect(last!.authorId).toBe(world.users.coOwnerEditor.id);
  });
});

describe("restoring as someone who may move the case", () => {
  it("the owner's editor gets co-owners and visibility back, but cannot hand the case to an organisation they cannot write for", async () => {
    const { c, old, suffix } = await movedCase("PUBLIC", "DRAFT");
    const res = await clients.ownerEditor.post(`/cases/${c.slug}/history/${old.id}`, { intent: "restore" });
    expect(res.status).toBe(302);
    expect(await access(c.id)).toEqual({ title: `Gammel tittel ${suffix}`, owner: world.owner.id, coOwners: [], visibility: "PUBLIC" });
  });

  it("a facilitator gets co-owners and visibility back; the owner only as the form would allow (they write for neither)", async () => {
    const { c, old, suffix } = await movedCase("MEMBERS", "DRAFT");
    const res = await clients.facilitator.post(`/cases/${c.slug}/history/${old.id}`, { intent: "restore" });
    expect(res.status).toBe(302);
    expect(await access(c.id)).toEqual({ title: `Gammel tittel ${suffix}`, owner: world.owner.id, coOwners: [], visibility: "MEMBERS" });
  });
});

describe("who cannot restore", () => {
  it("visitors, plain members and other organisations' editors: 404 for a draft, 403 or login for the rest; nothing changes", async () => {
    const { c, old } = await movedCase("PUBLIC", "DRAFT");
    const before = await access(c.id);
    const url = `/cases/${c.slug}/history/${old.id}`;
    const visitor = await clients.visitor.post(url, { intent: "restore" });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    expect((await clients.ownerMember.post(url, { intent: "restore" })).status).toBe(403);
    expect((await clients.otherEditor.post(url, { intent: "restore" })).status).toBe(404);
    // Forged: no token, someone else's token, a revision of another case.
    expect((await clients.coOwnerEditor.post(url, { intent: "restore" }, { csrf: false })).status).toBe(403);
    expect((await clients.coOwnerEditor.post(url, { intent: "restore" }, { csrf: clients.ownerEditor.cookie("lb_csrf")! })).status).toBe(
      403,
    );
    const { old: foreign } = await movedCase("PUBLIC", "PUBLIC");
    expect((await clients.coOwnerEditor.post(`/cases/${c.slug}/history/${foreign.id}`, { intent: "restore" })).status).toBe(404);
    expect(await access(c.id)).toEqual(before);
  });

  it("another organisation's editor gets 403 on a PUBLIC case they can see, and nothing changes", async () => {
    const { c, old } = await movedCase("DRAFT", "PUBLIC");
    const before = await access(c.id);
    expect((await clients.otherEditor.post(`/cases/${c.slug}/history/${old.id}`, { intent: "restore" })).status).toBe(403);
    expect(await access(c.id)).toEqual(before);
  });
});

describe("restorableAccess (the policy)", () => {
  const O = "org-owner";
  const C = "org-co";
  const X = "org-x";
  const viewer = (platformRole: Viewer["platformRole"], memberships: Viewer["memberships"]): Viewer => ({
    id: "u",
    platformRole,
    memberships,
  });
  const current: CaseAccessFields = { ownerOrganisationId: O, coOwnerIds: [C], visibility: "DRAFT" };
  const revision: CaseAccessFields = { ownerOrganisationId: C, coOwnerIds: [X], visibility: "PUBLIC" };

  it.each([
    ["nobody (system)", null, current],
    ["a co-owner's editor", viewer("USER", [{ organisationId: C, role: "EDITOR" }]), current],
    ["a co-owner's admin", viewer("USER", [{ organisationId: C, role: "ADMIN" }]), current],
    ["an owner's plain member", viewer("USER", [{ organisationId: O, role: "MEMBER" }]), current],
    [
      "an owner's editor",
      viewer("USER", [{ organisationId: O, role: "EDITOR" }]),
      { ownerOrganisationId: O, coOwnerIds: [X], visibility: "PUBLIC" },
    ],
    [
      "an editor of owner and co-owner",
      viewer("USER", [
        { organisationId: O, role: "EDITOR" },
        { organisationId: C, role: "EDITOR" },
      ]),
      revision,
    ],
    ["a facilitator without memberships", viewer("FACILITATOR", []), { ownerOrganisationId: O, coOwnerIds: [X], visibility: "PUBLIC" }],
    ["a facilitator who writes for the old owner", viewer("FACILITATOR", [{ organisationId: C, role: "EDITOR" }]), revision],
  ] as const)("%s", (_label, who, expected) => {
    expect(restorableAccess(who, current, revision)).toEqual(expected);
  });

  it("never leaves the owner among the co-owners", () => {
    const both = viewer("USER", [
      { organisationId: O, role: "EDITOR" },
      { organisationId: C, role: "EDITOR" },
    ]);
    expect(restorableAccess(both, current, { ownerOrganisationId: C, coOwnerIds: [C, O], visibility: "DRAFT" })).toEqual({
      ownerOrganisationId: C,
      coOwnerIds: [O],
      visibility: "DRAFT",
    });
  });
});
