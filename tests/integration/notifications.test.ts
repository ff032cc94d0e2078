/**
 * Follows and notifications (decision 020) against the real stack: the server process runs the
 * "notifications" consumer; this file writes through the models and waits for its deliveries
 * to be processed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { updateCase } from "~/models/case.server";
import { createInvitation } from "~/models/invitation.server";
import { handleNotificationDeliveries } from "~/notifications/consumer.server";
import { processDeliveryBatch } from "~/models/events.server";
import { db } from "~/utils/db.server";
import { createCaseWorld, createFullCase, inputFor } from "../support/case-factories";
import { createUser } from "../support/factories";
import { followDirect, notificationsOf, notificationsSettled } from "../support/notifications";

let world: Awaited<ReturnType<typeof createCaseWorld>>;
beforeAll(async () => {
  world = await createCaseWorld();
});

async function follower(memberships: Array<{ organisationId: string; role?: "MEMBER" | "EDITOR" | "ADMIN" }> = []) {
  return createUser({ memberships });
}

describe("case.published", () => {
  it("tells followers of the case's areas and owner, never the actor, never about a draft they cannot see", async () => {
    const [areaFan, orgFan, outsider, stranger] = await Promise.all([follower(), follower(), follower(), follower()]);
    await followDirect(areaFan.id, "challenge_area", world.area.id);
    await followDirect(orgFan.id, "organisation", world.owner.id);
    await followDirect(world.users.ownerEditor.id, "challenge_area", world.area.id);
    await followDirect(world.users.ownerMember.id, "challenge_area", world.area.id);
    await followDirect(stranger.id, "challenge_area", world.area.id);
    void outsider;

    // A draft: nobody hears of it (not even owners: a draft is not published).
    const draft = await createFullCase({
      ownerOrganisationId: world.owner.id,
      challengeAreaIds: [world.area.id],
      visibility: "DRAFT",
      actorId: world.users.ownerEditor.id,
    });
    // A members-only case, created by the owner's editor.
    const published = await createFullCase({
      ownerOrganisationId: world.owner.id,
      challengeAreaIds: [world.area.id],
      visibility: "MEMBERS",
      actorId: world.users.ownerEditor.id,
    });
    await notificationsSettled([draft.id, published.id]);

    const about = async (userId: string) =>
      (await notificationsOf(userId)).filter((n) => n.caseId === draft.id || n.caseId === published.id);
    expect(await about(areaFan.id)).toMatchObject([{ kind: "case_published", caseId: published.id, data: { via: "challenge_area" } }]);
    expect(await about(orgFan.id)).toMatchObject([{ kind: "case_published", caseId: published.id, data: { via: "organisation" } }]);
    expect(await about(world.users.ownerMember.id)).toMatchObject([{ kind: "case_published", caseId: published.id }]);
    // The actor is never told about their own change.
    expect(await about(world.users.ownerEditor.id)).toEqual([]);

    // Leaving DRAFT publishes the draft once; going back and forth does not publish again.
    const saved = await updateCase(draft.id, inputFor(draft, { visibility: "PUBLIC" }), world.users.ownerAdmin.id, draft.version);
    await notificationsSettled([draft.id]);
    expect((await about(areaFan.id)).filter((n) => n.caseId === draft.id)).toHaveLength(1);
    const back = await updateCase(draft.id, inputFor(saved, { visibility: "DRAFT" }), world.users.ownerAdmin.id, saved.version);
    await updateCase(draft.id, inputFor(back, { visibility: "PUBLIC" }), world.users.ownerAdmin.id, back.version);
    await notificationsSettled([draft.id]);
    expect((await about(areaFan.id)).filter((n) => n.caseId === draft.id)).toHaveLength(1);
    expect(await db().case.findUnique({ where: { id: draft.id }, select: { firstPublishedAt: true } })).toMatchObject({
      firstPublishedAt: expect.any(Date),
    });
  });
});

describe("case.revised", () => {
  it("tells the case's followers when content changed, not on metadata-only saves", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" });
    const fan = await follower();
    await followDirect(fan.id, "case", c.id);
    await followDirect(world.users.ownerEditor.id, "case", c.id);
    // Metadata only: no notification.
    const results = c.results.map((r) => ({
      indicator: r.indicator,
      unit: r.unit,
      baseline: r.baseline?.toString() ?? "",
      result: r.result?.toString() ?? "",
      period: r.period,
    }));
    const meta = await updateCase(c.id, inputFor(c, { status: "SCALED", results }), world.users.ownerEditor.id, c.version);
    await notificationsSettled([c.id]);
    expect((await notificationsOf(fan.id)).filter((n) => n.kind === "case_revised")).toEqual([]);
    // Content: the follower hears, the editor who saved does not.
    await updateCase(c.id, inputFor(meta, { title: `${c.title} (ny)`, results }), world.users.ownerEditor.id, meta.version);
    await notificationsSettled([c.id]);
    expect((await notificationsOf(fan.id)).filter((n) => n.kind === "case_revised")).toHaveLength(1);
    expect((await notificationsOf(world.users.ownerEditor.id)).filter((n) => n.kind === "case_revised" && n.caseId === c.id)).toEqual([]);
  });
});

describe("invitation.created", () => {
  it("tells an invited user who already has an account", async () => {
    const invitee = await follower();
    const nobody = `nobody-${Date.now()}@example.test`;
    const a = await createInvitation({
      organisationId: world.other.id,
      email: invitee.email,
      role: "MEMBER",
      invitedBy: { id: world.users.otherEditor.id, name: "Inviter" },
    });
    const b = await createInvitation({
      organisationId: world.other.id,
      email: nobody,
      role: "MEMBER",
      invitedBy: { id: world.users.otherEditor.id, name: "Inviter" },
    });
    if (!a.ok || !b.ok) throw new Error("invitation failed");
    await notificationsSettled([a.invitationId, b.invitationId]);
    expect(await notificationsOf(invitee.id)).toMatchObject([
      { kind: "invitation", caseId: null, data: { organisationId: world.other.id } },
    ]);
  });
});

describe("idempotency", () => {
  it("handling the same deliveries again inserts nothing and records no second notifications.created", async () => {
    const fan = await follower();
    await followDirect(fan.id, "challenge_area", world.area.id);
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" });
    await notificationsSettled([c.id]);
    const before = await notificationsOf(fan.id);
    expect(before.filter((n) => n.caseId === c.id)).toHaveLength(1);
    const createdEvents = () => db().domainEvent.count({ where: { type: "notifications.created", entityId: fan.id } });
    const eventsBefore = await createdEvents();
    // Redeliver: a new delivery row for the same event, handled by this process.
    const event = await db().domainEvent.findFirstOrThrow({ where: { type: "case.published", entityId: c.id } });
    await db().eventDelivery.create({
      data: { consumer: "notifications-redelivery-test", eventId: event.id, entity: "case", entityId: c.id },
    });
    const result = await processDeliveryBatch("notifications-redelivery-test", { limit: 10 }, handleNotificationDeliveries);
    expect(result.processed).toBe(1);
    expect(await notificationsOf(fan.id)).toEqual(before);
    expect(await createdEvents()).toBe(eventsBefore);
  });
});
