/**
 * The case model against real PostgreSQL: every change leaves a revision (nothing anyone
 * wrote is lost) and a search-outbox row (search stays in sync) - together or not at all.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { accessInfo, caseInclude, CaseConflictError, deleteCase, getCaseBySlug, updateCase, viewerCaseWhere } from "~/models/case.server";
import { CaseNotFound } from "~/models/errors";
import { canViewCase } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";
import { db } from "~/utils/db.server";
import { createCaseWorld, createFullCase, inputFor, viewerOf, VISIBILITY_LEVELS } from "../support/case-factories";
import { createOrganisation, uniqueSuffix } from "../support/factories";

let world: Awaited<ReturnType<typeof createCaseWorld>>;

beforeAll(async () => {
  world = await createCaseWorld();
});

async function trail(caseId: string) {
  const [revisions, outbox] = await Promise.all([
    db().caseRevision.findMany({ where: { caseId }, orderBy: { version: "asc" } }),
    db().eventDelivery.findMany({
      where: { consumer: "search", entity: "case", entityId: caseId },
      orderBy: { id: "asc" },
      include: { event: true },
    }),
  ]);
  return { revisions, outbox };
}

describe("case model", () => {
  it("createCase writes the case, revision 1 and an UPSERT outbox row", async () => {
    const c = await createFullCase({
      ownerOrganisationId: world.owner.id,
      challengeAreaIds: [world.area.id],
      visibility: "PUBLIC",
      actorId: world.users.ownerEditor.id,
    });
    expect(c.version).toBe(1);
    expect(c.results).toHaveLength(1);
    expect(c.results[0].baseline?.toString()).toBe("8.4");
    const { revisions, outbox } = await trail(c.id);
    expect(revisions.map((r) => [r.version, r.authorId])).toEqual([[1, world.users.ownerEditor.id]]);
    expect((revisions[0].snapshot as { title: string }).title).toBe(c.title);
    expect(outbox.map((o) => o.event.type)).toEqual(["case.created"]);
  });

  it("updateCase bumps the version and adds a revision and an outbox row", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "DRAFT" });
    const updated = await updateCase(c.id, inputFor(c, { title: `${c.title} (endret)` }), world.users.ownerEditor.id, 1);
    expect(updated.version).toBe(2);
    expect(updated.slug).toBe(c.slug); // addresses stay stable when the title changes
    const { revisions, outbox } = await trail(c.id);
    expect(revisions.map((r) => r.version)).toEqual([1, 2]);
    expect((revisions[1].snapshot as { title: string }).title).toBe(`${c.title} (endret)`);
    expect(outbox.map((o) => o.event.type)).toEqual(["case.created", "case.updated"]);
  });

  it("a stale version throws CaseConflictError carrying the saved case, and writes nothing", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "DRAFT" });
    await updateCase(c.id, inputFor(c, { title: `${c.title} A` }), world.users.ownerEditor.id, 1);
    const before = await trail(c.id);
    const error = await updateCase(c.id, inputFor(c, { title: `${c.title} B` }), world.users.ownerAdmin.id, 1).catch((e) => e);
    expect(error).toBeInstanceOf(CaseConflictError);
    expect((error as CaseConflictError).current.title).toBe(`${c.title} A`);
    expect((error as CaseConflictError).current.version).toBe(2);
    const after = await trail(c.id);
    expect(after.revisions).toHaveLength(before.revisions.length);
    expect(after.outbox).toHaveLength(before.outbox.length);
    expect((await getCaseBySlug(c.slug))!.title).toBe(`${c.title} A`);
  });

  it("an update that fails half-way rolls back the row, the revision and the outbox row together", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "MEMBERS" });
    const before = await trail(c.id);
    // Past the schema (which would refuse it): the case row is updated first, then writing
    // the result row fails in the database - everything must roll back.
    const input = {
      ...inputFor(c, { title: `${c.title} halvveis` }),
      results: [{ indicator: "For stort", unit: "", baseline: 1e20, result: null, period: "" }],
    };
    await expect(updateCase(c.id, input, null, 1)).rejects.toThrow();
    const after = await trail(c.id);
    expect(after.revisions).toHaveLength(before.revisions.length);
    expect(after.outbox).toHaveLength(before.outbox.length);
    const stored = (await getCaseBySlug(c.slug))!;
    expect(stored.title).toBe(c.title);
    expect(stored.version).toBe(1);
    expect(stored.results).toHaveLength(1);
  });

  it("deleteCase is a soft delete with a revision and a DELETE outbox row", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" });
    await deleteCase(c.id, world.users.ownerAdmin.id);
    expect(await getCaseBySlug(c.slug)).toBeNull();
    const row = await db().case.findUnique({ where: { id: c.id } });
    expect(row?.deletedAt).not.toBeNull();
    const { revisions, outbox } = await trail(c.id);
    expect(revisions.map((r) => r.version)).toEqual([1, 2]);
    expect(outbox.map((o) => o.event.type)).toEqual(["case.created", "case.deleted"]);
    await expect(updateCase(c.id, inputFor(c), null, 2)).rejects.toBeInstanceOf(CaseNotFound);
  });

  it("gives the same title a new slug each time, and never the reserved slug 'new'", async () => {
    const title = `Samme tittel ${uniqueSuffix()}`;
    const a = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "DRAFT", title });
    const b = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "DRAFT", title });
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "DRAFT", title });
    expect(b.slug).toBe(`${a.slug}-2`);
    expect(c.slug).toBe(`${a.slug}-3`);
    const n = await createFullCase({
      ownerOrganisationId: world.owner.id,
      challengeAreaIds: [world.area.id],
      visibility: "DRAFT",
      title: "New",
    });
    expect(n.slug).not.toBe("new");
    expect(n.slug).toMatch(/^new-\d+$/);
  });

  it("two creates with the same title at the same moment both succeed with different slugs", async () => {
    const title = `Samtidig ${uniqueSuffix()}`;
    const made = await Promise.all(
      [1, 2, 3].map(() =>
        createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "DRAFT", title }),
      ),
    );
    expect(new Set(made.map((c) => c.slug)).size).toBe(3);
  });

  it("visibilityWhere (database filter) agrees with canViewCase on real rows", async () => {
    const [third] = await Promise.all([createOrganisation()]);
    const made: string[] = [];
    for (const visibility of VISIBILITY_LEVELS) {
      made.push((await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility })).id);
      made.push(
        (
          await createFullCase({
            ownerOrganisationId: third.id,
            coOwnerIds: [world.coOwner.id],
            challengeAreaIds: [world.area.id],
            visibility,
          })
        ).id,
      );
      made.push((await createFullCase({ ownerOrganisationId: world.other.id, challengeAreaIds: [world.area.id], visibility })).id);
    }
    const gone = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" });
    await deleteCase(gone.id, null);
    made.push(gone.id);

    const rows = await db().case.findMany({ where: { id: { in: made } }, include: caseInclude });
    expect(rows).toHaveLength(made.length);
    const viewers: Array<[string, Viewer | null]> = [
      ["visitor", null],
      ...Object.entries(world.users).map(([name, u]) => [name, viewerOf(u)] as [string, Viewer]),
    ];
    for (const [name, viewer] of viewers) {
      const expected = rows
        .filter((r) => canViewCase(viewer, accessInfo(r)))
        .map((r) => r.id)
        .sort();
      const actual = (await db().case.findMany({ where: { AND: [viewerCaseWhere(viewer), { id: { in: made } }] }, select: { id: true } }))
        .map((r) => r.id)
        .sort();
      expect(actual, name).toEqual(expected);
    }
    // Sanity: the set differs between viewers (the comparison is not trivially empty).
    expect(rows.filter((r) => canViewCase(null, accessInfo(r)))).toHaveLength(3);
    expect(rows.filter((r) => canViewCase(viewerOf(world.users.facilitator), accessInfo(r)))).toHaveLength(9);
  });
});
