/**
 * Follows and notifications (decision 020) against the real stack: the server process runs the
 * "notifications" consumer; this file writes through the models and waits for its deliveries
 * to be processed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { updateCase } from "~/models/case.server";
import { createInvitation } from "~/models/invitation.server";
import { handleNotificationDeliveries } from "~/notifications/consumer.server";
import { processDeliveryBatch, recordEvent } from "~/models/events.server";
import { db } from "~/utils/db.server";
import { createCaseWorld, createFullCase, inputFor, loggedIn } from "../support/case-factories";
import { createOrganisation, createUser } from "../support/factories";
import { Client } from "../support/http";
import { followDirect, notificationsOf, notificationsSettled } from "../support/notifications";

let world: Awaited<ReturnType<typeof createCaseWorld>>;
beforeAll(async () => {
  world = await createCaseWorld();
});

async function follower(memberships: Array<{ organisationId: string; role?: "MEMBER" | "EDITOR" | "ADMIN" }> = []) {
  return createUser({ memberships });
}

/** Where a Remix fetcher posts the follow toggle (a data request for the route's action). */
const FETCHER_FOLLOW = "/follow?_data=routes%2Ffollow";

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

describe("routes from outside", () => {
  it("sends visitors to log in, never a 500", async () => {
    const visitor = new Client();
    for (const path of ["/notifications", "/me"]) {
      const res = await visitor.get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
    const res = await visitor.post("/follow", { targetType: "challenge_area", targetId: world.area.id, follow: "1", redirectTo: "/areas" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent("/areas")}`);
    expect((await visitor.post("/notifications", { intent: "read-all" })).status).toBe(302);
  });

  it("refuses forged posts (no or wrong CSRF token, foreign origin) with 403", async () => {
    const user = await follower();
    const c = await loggedIn(user);
    const fields = { targetType: "challenge_area", targetId: world.area.id, follow: "1", redirectTo: "/" };
    expect((await c.post("/follow", fields, { csrf: false })).status).toBe(403);
    expect((await c.post("/follow", fields, { csrf: "wrong" })).status).toBe(403);
    expect((await c.post("/follow", fields, { origin: "https://evil.example" })).status).toBe(403);
    expect((await c.post("/notifications", { intent: "read-all" }, { csrf: false })).status).toBe(403);
    expect(await db().follow.count({ where: { userId: user.id } })).toBe(0);
  });

  it("follows and unfollows with and without JavaScript; a case one cannot see is a 404; garbage is a 400", async () => {
    const user = await follower();
    const c = await loggedIn(user);
    const hiddenDraft = await createFullCase({
      ownerOrganisationId: world.owner.id,
      challengeAreaIds: [world.area.id],
      visibility: "DRAFT",
    });
    const visible = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "MEMBERS" });

    // No JavaScript: back to the page, which shows the pressed toggle.
    const res = await c.post("/follow", {
      targetType: "challenge_area",
      targetId: world.area.id,
      follow: "1",
      redirectTo: `/areas/${world.area.slug}`,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/areas/${world.area.slug}`);
    expect(await db().follow.count({ where: { userId: user.id, targetType: "challenge_area", targetId: world.area.id } })).toBe(1);
    expect((await c.page(`/areas/${world.area.slug}`)).html).toMatch(/aria-pressed="true"/);
    // A redirect elsewhere is refused (back to /).
    expect(
      (
        await c.post("/follow", { targetType: "challenge_area", targetId: world.area.id, follow: "1", redirectTo: "https://evil.example/" })
      ).headers.get("location"),
    ).toBe("/");

    // With JavaScript (the fetcher, which asks for the route's data as Remix does): JSON.
    const js = await c.post(FETCHER_FOLLOW, { targetType: "case", targetId: visible.id, follow: "1", redirectTo: "/", via: "fetcher" });
    expect(js.status).toBe(200);
    expect(await js.json()).toEqual({ following: true });
    const off = await c.post(FETCHER_FOLLOW, { targetType: "case", targetId: visible.id, follow: "0", redirectTo: "/", via: "fetcher" });
    expect(await off.json()).toEqual({ following: false });
    expect(await db().follow.count({ where: { userId: user.id, targetType: "case" } })).toBe(0);

    // Hidden, missing: the same 404.
    for (const targetId of [hiddenDraft.id, "does-not-exist"]) {
      expect((await c.post("/follow", { targetType: "case", targetId, follow: "1", redirectTo: "/" })).status).toBe(404);
    }
    expect((await c.post("/follow", { targetType: "organisation", targetId: "nope", follow: "1", redirectTo: "/" })).status).toBe(404);
    expect((await c.post("/follow", { targetType: "challenge_area", targetId: "nope", follow: "1", redirectTo: "/" })).status).toBe(404);
    // Garbage.
    for (const fields of <Array<Record<string, string | string[]>>>[
      { targetType: "user", targetId: world.area.id, follow: "1" },
      { targetType: "case", targetId: "x".repeat(500), follow: "1" },
      { targetType: "case", targetId: "a b", follow: "1" },
      { targetType: "challenge_area", targetId: world.area.id, follow: "yes" },
      { targetType: ["case", "organisation"], targetId: world.area.id, follow: "1" },
      {},
    ]) {
      const r = await c.post("/follow", fields);
      expect(r.status, JSON.stringify(fields)).toBe(400);
      // The app's translated error page, not a bare "Bad Request".
      expect(await r.text(), JSON.stringify(fields)).toContain("Ugyldig forespørsel");
    }
    expect(await db().follow.count({ where: { userId: user.id, targetType: "case" } })).toBe(0);
  });

  it("/notifications shows what the reader may see now; marking someone else's is a 404; garbage a 400", async () => {
    const reader = await follower();
    const other = await follower();
    await followDirect(reader.id, "organisation", world.coOwner.id);
    await followDirect(other.id, "organisation", world.coOwner.id);
    const title = `Varslet case ${Date.now()}`;
    const c = await createFullCase({
      ownerOrganisationId: world.coOwner.id,
      challengeAreaIds: [world.area.id],
      visibility: "MEMBERS",
      title,
    });
    await notificationsSettled([c.id]);
    const [mine] = (await notificationsOf(reader.id)).filter((n) => n.caseId === c.id);
    const [theirs] = (await notificationsOf(other.id)).filter((n) => n.caseId === c.id);
    expect(mine && theirs).toBeTruthy();

    const browser = await loggedIn(reader);
    const page = await browser.page("/notifications");
    expect(page.status).toBe(200);
    expect(page.html).toContain(title);
    expect(page.html).toContain(`href="/cases/${c.slug}"`);
    // The header's link carries the count for screen readers.
    expect(page.html.replace(/<!-- -->/g, "")).toMatch(
      /href="\/notifications"[^>]*>Varsler <span class="unread-badge" aria-hidden="true">1<\/span><span class="visually-hidden">, 1 ulest<\/span>/,
    );

    expect((await browser.post("/notifications", { intent: "read", id: theirs.id })).status).toBe(404);
    expect((await browser.post("/notifications", { intent: "read", id: "unknown-id" })).status).toBe(404);
    expect((await browser.post("/notifications", { intent: "read", id: "../../x" })).status).toBe(400);
    expect((await browser.post("/notifications", { intent: "delete-everything" })).status).toBe(400);
    expect((await browser.post("/notifications", { intent: "read", id: ["a", "b"] })).status).toBe(400);
    expect(await db().notification.findUnique({ where: { id: theirs.id }, select: { readAt: true } })).toEqual({ readAt: null });

    const read = await browser.post("/notifications", { intent: "read", id: mine.id });
    expect(read.status).toBe(302);
    expect(read.headers.get("location")).toBe("/notifications?marked=one");
    expect((await db().notification.findUnique({ where: { id: mine.id } }))?.readAt).toBeInstanceOf(Date);
    expect((await browser.page("/notifications?marked=one")).html).toContain("Varselet er merket som lest.");

    // The case goes back to draft: the reader (not an owner) no longer sees the row, the title or the count.
    await db().notification.update({ where: { id: mine.id }, data: { readAt: null } });
    const current = await db().case.findUniqueOrThrow({ where: { id: c.id }, include: { coOwners: true } });
    const full = await (await import("~/models/case.server")).getCaseById(c.id);
    await updateCase(c.id, inputFor(full!, { visibility: "DRAFT" }), world.users.coOwnerEditor.id, current.version);
    const after = await browser.page("/notifications");
    expect(after.html).not.toContain(title);
    expect(after.html).not.toContain("unread-badge");
    expect(after.html).toContain("Ingen varsler ennå");
    // Marking it read is as unknown as any other id.
    expect((await browser.post("/notifications", { intent: "read", id: mine.id })).status).toBe(404);
    expect((await browser.post("/notifications", { intent: "read-all" })).status).toBe(302);
  });

  it("the organisation page lists only cases the viewer may see; /me lists our cases drafts first and what I follow", async () => {
    const org = await createOrganisation();
    const member = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
    const draft = await createFullCase({
      ownerOrganisationId: org.id,
      challengeAreaIds: [world.area.id],
      visibility: "DRAFT",
      title: `Utkast ${Date.now()}`,
    });
    const members = await createFullCase({
      ownerOrganisationId: org.id,
      challengeAreaIds: [world.area.id],
      visibility: "MEMBERS",
      title: `Medlem ${Date.now()}`,
    });
    const open = await createFullCase({
      ownerOrganisationId: org.id,
      challengeAreaIds: [world.area.id],
      visibility: "PUBLIC",
      title: `Åpen ${Date.now()}`,
    });

    const visitorPage = await new Client().page(`/organisations/${org.slug}`);
    expect(visitorPage.status).toBe(200);
    expect(visitorPage.html).toContain(open.title);
    expect(visitorPage.html).not.toContain(members.title);
    expect(visitorPage.html).not.toContain(draft.title);
    expect(visitorPage.html).toContain("1 case");
    expect((await new Client().page("/organisations/finnes-ikke")).status).toBe(404);

    const outsider = await loggedIn(await follower());
    const outsiderPage = await outsider.page(`/organisations/${org.slug}`);
    expect(outsiderPage.html).toContain(members.title);
    expect(outsiderPage.html).not.toContain(draft.title);
    expect(outsiderPage.html).toContain("2 caser");

    const c = await loggedIn(member);
    await c.post("/follow", { targetType: "organisation", targetId: world.other.id, follow: "1", redirectTo: "/me" });
    const me = await c.page("/me");
    expect(me.status).toBe(200);
    const order = [draft.title, members.title, open.title].map((t) => me.html.indexOf(t));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order[0]).toBeLessThan(order[1]);
    expect(me.html).toContain(world.other.name);
    expect(me.html).toContain('href="/me/notification-settings"');
  });
});

describe("case.adapted", () => {
  it("tells the original's editors once the adaptation is visible to them, once, never of a draft", async () => {
    const { adaptCase } = await import("~/models/case-adapt.server");
    const { viewerOf } = await import("../support/case-factories");
    const original = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" });
    const adapter = world.users.otherEditor;
    const draft = await adaptCase(viewerOf(adapter), original.slug, { organisationId: world.other.id });
    await notificationsSettled([draft.id]);
    const adapted = async (userId: string) =>
      (await notificationsOf(userId)).filter((n) => n.kind === "case_adapted" && n.caseId === draft.id);
    // A draft of another organisation: the original's editors hear nothing yet.
    expect(await adapted(world.users.ownerEditor.id)).toEqual([]);
    const full = await (await import("~/models/case.server")).getCaseById(draft.id);
    await updateCase(draft.id, inputFor(full!, { visibility: "MEMBERS", results: [] }), adapter.id, full!.version);
    await notificationsSettled([draft.id]);
    expect(await adapted(world.users.ownerEditor.id)).toHaveLength(1);
    expect(await adapted(world.users.ownerAdmin.id)).toHaveLength(1);
    // Members (not editors) of the original's owner and the adapter are not told.
    expect(await adapted(world.users.ownerMember.id)).toEqual([]);
    expect(await adapted(adapter.id)).toEqual([]);
  });

  it("an adaptation created public in one transaction (published + adapted together) is told once", async () => {
    const { linkAdaptation } = await import("~/models/case-adapt.server");
    const original = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" });
    const adaptation = await createFullCase({
      ownerOrganisationId: world.other.id,
      challengeAreaIds: [world.area.id],
      visibility: "PUBLIC",
    });
    // The seed's path: the link (and its "case.adapted") in the same transaction as a "case.published".
    await db().$transaction(async (tx) => {
      await tx.case.update({ where: { id: adaptation.id }, data: { firstPublishedAt: null } });
      await recordEvent(tx, { type: "case.published", entity: "case", entityId: adaptation.id, actorUserId: world.users.otherEditor.id });
      await linkAdaptation(tx, adaptation.id, original.id, world.users.otherEditor.id);
    });
    await notificationsSettled([adaptation.id]);
    const told = (await notificationsOf(world.users.ownerEditor.id)).filter((n) => n.kind === "case_adapted" && n.caseId === adaptation.id);
    expect(told).toHaveLength(1);
  });
});
