/**
 * /organisation and /invite/$token from the outside: who may see and manage members, the
 * invitation flows for new and existing users, and the rules that keep an organisation
 * administrable (never without an admin).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "~/models/session.server";
import { db } from "~/utils/db.server";
import { createOrganisation, createUser, uniqueEmail } from "../support/factories";
import { Client } from "../support/http";
import { linkPath, mailsTo, waitForMail } from "../support/mail";

async function loggedIn(user: { email: string; password: string }) {
  const c = new Client();
  await c.login(user.email, user.password);
  return c;
}

/** An organisation with an admin and a plain member, both logged in. */
async function organisationWithAdmin() {
  const org = await createOrganisation();
  const admin = await createUser({ name: `Anne Admin ${org.slug}`, memberships: [{ organisationId: org.id, role: "ADMIN" }] });
  const member = await createUser({ name: `Mats Medlem ${org.slug}`, memberships: [{ organisationId: org.id, role: "MEMBER" }] });
  return {
    org,
    admin,
    member,
    adminClient: await loggedIn(admin),
    memberClient: await loggedIn(member),
    adminMembershipId: admin.memberships[0].id,
    memberMembershipId: member.memberships[0].id,
  };
}

async function invite(c: Client, organisationId: string, email: string, role = "MEMBER") {
  return c.post("/organisation", { intent: "invite", organisationId, email, role });
}

async function roleOf(membershipId: string) {
  return (await db().membership.findUnique({ where: { id: membershipId } }))?.role ?? null;
}

describe("viewing /organisation", () => {
  it("shows an admin the members, pending invitations and the invite form", async () => {
    const { org, admin, member, adminClient } = await organisationWithAdmin();
    const { status, html } = await adminClient.page("/organisation");
    expect(status).toBe(200);
    expect(html).toContain(`<h1>${org.name}</h1>`);
    expect(html).toContain(admin.name);
    expect(html).toContain(member.name);
    expect(html).toContain("Ventende invitasjoner");
    expect(html).toContain("Send invitasjon");
    expect(html).toContain(`aria-label="Fjern ${member.name} fra organisasjonen"`);
    expect(html).toMatch(/<title>Min organisasjon – Løsningsbanken<\/title>/);
  });

  it("shows a plain member the list read-only", async () => {
    const { admin, member, memberClient } = await organisationWithAdmin();
    const { status, html } = await memberClient.page("/organisation");
    expect(status).toBe(200);
    expect(html).toContain(admin.name);
    expect(html).toContain(member.name);
    expect(html).toContain("Bare administratorer i organisasjonen kan invitere og endre medlemmer.");
    expect(html).not.toContain("Send invitasjon");
    expect(html).not.toContain("Ventende invitasjoner");
    expect(html).not.toContain('name="intent"');
  });

  it("gives someone without a membership a helpful empty page", async () => {
    const loner = await createUser();
    const { status, html } = await (await loggedIn(loner)).page("/organisation");
    expect(status).toBe(200);
    expect(html).toContain("Du er ikke med i noen organisasjon ennå");
    // How to join: an invitation by e-mail from the organisation's administrator, or the facilitators.
    expect(html).toContain("invitasjonen kommer på e-post");
    expect(html).toContain("ta kontakt med fasilitatorene for nettverket");
  });

  it("lets someone in several organisations pick one", async () => {
    const a = await createOrganisation({ name: `Alfa kommune ${Date.now()}` });
    const b = await createOrganisation({ name: `Beta bydel ${Date.now()}`, kind: "BYDEL" });
    const user = await createUser({
      memberships: [
        { organisationId: a.id, role: "MEMBER" },
        { organisationId: b.id, role: "ADMIN" },
      ],
    });
    const c = await loggedIn(user);
    const choose = await c.page("/organisation");
    expect(choose.html).toContain("Mine organisasjoner");
    expect(choose.html).toContain(`href="/organisation?org=${a.id}"`);
    expect(choose.html).toContain(`href="/organisation?org=${b.id}"`);
    const pageB = await c.page(`/organisation?org=${b.id}`);
    expect(pageB.html).toContain(`<h1>${b.name}</h1>`);
    expect(pageB.html).toContain("Send invitasjon");
    const pageA = await c.page(`/organisation?org=${a.id}`);
    expect(pageA.html).toContain(`<h1>${a.name}</h1>`);
    expect(pageA.html).not.toContain("Send invitasjon");
  });

  it("does not show another organisation's members", async () => {
    const a = await organisationWithAdmin();
    const b = await organisationWithAdmin();
    const res = await b.adminClient.page(`/organisation?org=${a.org.id}`);
    expect(res.status).toBe(403);
    expect(res.html).not.toContain(a.member.name);
  });
});

describe("who may manage members", () => {
  it("refuses a plain member: invite, change role, remove, revoke (403, nothing changes)", async () => {
    const { org, memberClient, adminMembershipId, memberMembershipId, adminClient } = await organisationWithAdmin();
    const email = uniqueEmail("nope");
    expect((await invite(memberClient, org.id, email)).status).toBe(403);
    expect(await db().invitation.count({ where: { email } })).toBe(0);

    const promote = await memberClient.post("/organisation", {
      intent: "changeRole",
      organisationId: org.id,
      membershipId: memberMembershipId,
      role: "ADMIN",
    });
    expect(promote.status).toBe(403);
    expect(await roleOf(memberMembershipId)).toBe("MEMBER");

    const remove = await memberClient.post("/organisation", { intent: "remove", organisationId: org.id, membershipId: adminMembershipId });
    expect(remove.status).toBe(403);
    expect(await roleOf(adminMembershipId)).toBe("ADMIN");

    const pendingEmail = uniqueEmail("pending");
    expect((await invite(adminClient, org.id, pendingEmail)).status).toBe(302);
    const pending = await db().invitation.findFirstOrThrow({ where: { email: pendingEmail } });
    const revoke = await memberClient.post("/organisation", { intent: "revoke", organisationId: org.id, invitationId: pending.id });
    expect(revoke.status).toBe(403);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: pending.id } })).revokedAt).toBeNull();
  });

  it("refuses an admin of organisation B in organisation A (403, nothing changes)", async () => {
    const a = await organisationWithAdmin();
    const b = await organisationWithAdmin();
    const email = uniqueEmail("intruder");
    expect((await invite(b.adminClient, a.org.id, email, "ADMIN")).status).toBe(403);
    expect(await db().invitation.count({ where: { email } })).toBe(0);
    expect(mailsTo(email)).toEqual([]);

    const res = await b.adminClient.post("/organisation", {
      intent: "changeRole",
      organisationId: a.org.id,
      membershipId: a.memberMembershipId,
      role: "ADMIN",
    });
    expect(res.status).toBe(403);
    expect(await roleOf(a.memberMembershipId)).toBe("MEMBER");
    const removal = await b.adminClient.post("/organisation", {
      intent: "remove",
      organisationId: a.org.id,
      membershipId: a.adminMembershipId,
    });
    expect(removal.status).toBe(403);
    expect(await roleOf(a.adminMembershipId)).toBe("ADMIN");
  });

  it("does not let an admin reach into another organisation through their own organisation id", async () => {
    const a = await organisationWithAdmin();
    const b = await organisationWithAdmin();
    const res = await b.adminClient.post("/organisation", {
      intent: "changeRole",
      organisationId: b.org.id,
      membershipId: a.memberMembershipId,
      role: "ADMIN",
    });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Fant ikke medlemmet.");
    expect(await roleOf(a.memberMembershipId)).toBe("MEMBER");
  });

  it("lets a platform admin manage any organisation", async () => {
    const { org, memberMembershipId } = await organisationWithAdmin();
    const platformAdmin = await createUser({ platformRole: "ADMIN" });
    const c = await loggedIn(platformAdmin);
    expect((await c.page(`/organisation?org=${org.id}`)).status).toBe(200);
    const res = await c.post("/organisation", {
      intent: "changeRole",
      organisationId: org.id,
      membershipId: memberMembershipId,
      role: "EDITOR",
    });
    expect(res.status).toBe(302);
    expect(await roleOf(memberMembershipId)).toBe("EDITOR");
  });

  it("rejects forged posts", async () => {
    const { org, adminClient } = await organisationWithAdmin();
    const email = uniqueEmail("forged");
    const noToken = await adminClient.post(
      "/organisation",
      { intent: "invite", organisationId: org.id, email, role: "ADMIN" },
      { csrf: "forged-token-forged-token-forged" },
    );
    expect(noToken.status).toBe(403);
    const foreign = await adminClient.post(
      "/organisation?_data=routes%2Forganisation",
      { intent: "invite", organisationId: org.id, email, role: "ADMIN" },
      { origin: "https://evil.example" },
    );
    expect(foreign.status).toBe(403);
    expect(await db().invitation.count({ where: { email } })).toBe(0);
  });
});

describe("changing roles and removing members", () => {
  it("changes a member's role", async () => {
    const { org, adminClient, memberMembershipId } = await organisationWithAdmin();
    const res = await adminClient.post("/organisation", {
      intent: "changeRole",
      organisationId: org.id,
      membershipId: memberMembershipId,
      role: "editor",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/organisation?org=${org.id}&notice=roleChanged`);
    expect(await roleOf(memberMembershipId)).toBe("EDITOR");
    expect((await adminClient.page(`/organisation?org=${org.id}&notice=roleChanged`)).html).toContain("Rollen er endret.");
  });

  it("never leaves an organisation without an administrator", async () => {
    const { org, admin, adminClient, adminMembershipId, memberMembershipId } = await organisationWithAdmin();
    const demote = await adminClient.post("/organisation", {
      intent: "changeRole",
      organisationId: org.id,
      membershipId: adminMembershipId,
      role: "MEMBER",
    });
    expect(demote.status).toBe(400);
    expect(await demote.text()).toContain("Organisasjonen må ha minst én administrator.");
    const leave = await adminClient.post("/organisation", { intent: "remove", organisationId: org.id, membershipId: adminMembershipId });
    expect(leave.status).toBe(400);
    expect(await roleOf(adminMembershipId)).toBe("ADMIN");

    // With a second admin the first may step down.
    await adminClient.post("/organisation", {
      intent: "changeRole",
      organisationId: org.id,
      membershipId: memberMembershipId,
      role: "ADMIN",
    });
    const stepDown = await adminClient.post("/organisation", { intent: "remove", organisationId: org.id, membershipId: adminMembershipId });
    expect(stepDown.status).toBe(302);
    expect(stepDown.headers.get("location")).toBe("/organisation");
    expect(await roleOf(adminMembershipId)).toBeNull();
    expect(await db().membership.count({ where: { userId: admin.id } })).toBe(0);
  });

  it("removes a member, who then loses access", async () => {
    const { org, adminClient, memberClient, memberMembershipId } = await organisationWithAdmin();
    const res = await adminClient.post("/organisation", { intent: "remove", organisationId: org.id, membershipId: memberMembershipId });
    expect(res.status).toBe(302);
    expect(await roleOf(memberMembershipId)).toBeNull();
    expect((await memberClient.page(`/organisation?org=${org.id}`)).status).toBe(403);
  });
});

describe("invitations", () => {
  let setup: Awaited<ReturnType<typeof organisationWithAdmin>>;
  beforeAll(async () => {
    setup = await organisationWithAdmin();
  });

  it("validates the invite form and keeps what was typed", async () => {
    const res = await invite(setup.adminClient, setup.org.id, "ikke-en-adresse", "EDITOR");
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Skriv en gyldig e-postadresse");
    expect(html).toContain('value="ikke-en-adresse"');
    expect(html).toMatch(/<option value="EDITOR" selected="">/);
  });

  it("refuses to invite someone who is already a member", async () => {
    const res = await invite(setup.adminClient, setup.org.id, setup.member.email.toUpperCase());
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Denne personen er allerede medlem av organisasjonen.");
  });

  it("lets a new person create an account and join", async () => {
    const { org, admin, adminClient } = setup;
    const email = uniqueEmail("ny");
    const res = await invite(adminClient, org.id, email, "EDITOR");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/organisation?org=${org.id}&notice=invited`);
    const page = await adminClient.page(`/organisation?org=${org.id}&notice=invited`);
    expect(page.html).toContain("Invitasjonen er sendt.");
    expect(page.html).toContain(email);

    const mail = await waitForMail(email);
    expect(mail.subject).toBe(`Invitasjon til ${org.name} i Løsningsbanken`);
    expect(mail.text).toContain(admin.name);
    expect(mail.text).toContain("redaktør");
    const path = linkPath(mail, "/invite/");
    const row = await db().invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(path.split("/").pop()!) } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * 24 * 3600 * 1000);

    const invitee = new Client();
    const form = await invitee.page(path);
    expect(form.status).toBe(200);
    expect(form.html).toContain(`Du er invitert til ${org.name} som redaktør.`);
    expect(form.html).toContain("Lag konto og godta");

    const short = await invitee.post(path, {
      intent: "register",
      name: "Nina Ny",
      jobTitle: "Controller",
      password: "kort",
      confirmPassword: "kort",
    });
    expect(short.status).toBe(400);
    const shortHtml = await short.text();
    expect(shortHtml).toContain("Passordet må ha minst 10 tegn.");
    expect(shortHtml).toContain('value="Nina Ny"');
    expect(shortHtml).toContain('value="Controller"');

    const done = await invitee.post(path, {
      intent: "register",
      name: "Nina Ny",
      jobTitle: "Controller",
      password: "nina-sitt-lange-passord",
      confirmPassword: "nina-sitt-lange-passord",
    });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`/organisation?org=${org.id}&notice=joined`);
    const welcome = await invitee.page(`/organisation?org=${org.id}&notice=joined`);
    expect(welcome.status).toBe(200);
    expect(welcome.html).toContain("Velkommen! Du er nå medlem av organisasjonen.");
    expect(welcome.html).toContain("Din rolle: Redaktør");

    const user = await db().user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    expect(user).toMatchObject({ name: "Nina Ny", jobTitle: "Controller" });
    expect(user.memberships).toMatchObject([{ organisationId: org.id, role: "EDITOR" }]);
    await loggedIn({ email, password: "nina-sitt-lange-passord" });

    // The link works once.
    const again = await new Client().page(path);
    expect(again.status).toBe(410);
    expect(again.html).toContain("Invitasjonen er allerede tatt i bruk.");
    const replay = new Client();
    await replay.ensureCsrf();
    const replayRes = await replay.post(path, {
      intent: "register",
      name: "X",
      password: "noe-annet-langt",
      confirmPassword: "noe-annet-langt",
    });
    expect(replayRes.status).toBe(410);
    expect(await db().user.count({ where: { email } })).toBe(1);
  });

  it("asks an existing user to log in as themselves, then adds the membership", async () => {
    const { org, adminClient } = setup;
    const other = await createOrganisation();
    const existing = await createUser({ locale: "en", memberships: [{ organisationId: other.id, role: "ADMIN" }] });
    expect((await invite(adminClient, org.id, existing.email, "ADMIN")).status).toBe(302);
    const mail = await waitForMail(existing.email);
    expect(mail.subject).toBe(`Invitation to ${org.name} in Løsningsbanken`);
    const path = linkPath(mail, "/invite/");

    // Logged out: no account form, but a way to log in and come back.
    const visitor = new Client();
    const page = await visitor.page(path);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`href="/login?redirectTo=${encodeURIComponent(path)}"`);
    expect(page.html).not.toContain('name="password"');
    // Trying to create a second account anyway does nothing.
    const sneaky = await visitor.post(path, {
      intent: "register",
      name: "Imposter",
      password: "imposter-passord",
      confirmPassword: "imposter-passord",
    });
    expect(sneaky.status).toBe(200);
    expect(visitor.cookie("lb_session")).toBeUndefined();
    expect((await db().invitation.findFirstOrThrow({ where: { email: existing.email, organisationId: org.id } })).acceptedAt).toBeNull();

    // Logged in as somebody else: told so, and accepting does nothing.
    const stranger = await loggedIn(await createUser());
    const wrong = await stranger.page(path);
    expect(wrong.status).toBe(403);
    expect(wrong.html).toContain("men invitasjonen gjelder");
    const wrongAccept = await stranger.post(path, { intent: "accept" });
    expect(wrongAccept.status).toBe(403);
    expect(await db().membership.count({ where: { organisationId: org.id, userId: existing.id } })).toBe(0);

    // The right user logs in (landing back on the invitation) and accepts.
    const c = new Client();
    await c.ensureCsrf();
    const login = await c.post("/login", { email: existing.email, password: existing.password, redirectTo: path });
    expect(login.headers.get("location")).toBe(path);
    const acceptPage = await c.page(path);
    expect(acceptPage.html).toContain("Accept the invitation"); // the user's own language (en)
    const accepted = await c.post(path, { intent: "accept" });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe(`/organisation?org=${org.id}&notice=joined`);
    const memberships = await db().membership.findMany({ where: { userId: existing.id }, orderBy: { createdAt: "asc" } });
    expect(memberships.map((m) => [m.organisationId, m.role])).toEqual([
      [other.id, "ADMIN"],
      [org.id, "ADMIN"],
    ]);
  });

  it("refuses an expired invitation with a clear message", async () => {
    const email = uniqueEmail("late");
    await invite(setup.adminClient, setup.org.id, email);
    const path = linkPath(await waitForMail(email), "/invite/");
    await db().invitation.update({
      where: { tokenHash: hashToken(path.split("/").pop()!) },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    const c = new Client();
    const page = await c.page(path);
    expect(page.status).toBe(410);
    expect(page.html).toContain("Invitasjonen er utløpt.");
    const res = await c.post(path, {
      intent: "register",
      name: "Sen Sigurd",
      password: "sigurd-passordet-ok",
      confirmPassword: "sigurd-passordet-ok",
    });
    expect(res.status).toBe(410);
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("lets an admin revoke a pending invitation, which kills the link", async () => {
    const { org, adminClient } = setup;
    const email = uniqueEmail("revoked");
    await invite(adminClient, org.id, email);
    const path = linkPath(await waitForMail(email), "/invite/");
    const invitation = await db().invitation.findFirstOrThrow({ where: { email } });
    const res = await adminClient.post("/organisation", { intent: "revoke", organisationId: org.id, invitationId: invitation.id });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/organisation?org=${org.id}&notice=revoked`);
    const page = await adminClient.page(`/organisation?org=${org.id}&notice=revoked`);
    expect(page.html).toContain("Invitasjonen er trukket tilbake.");
    expect(page.html).not.toContain(email);
    const link = await new Client().page(path);
    expect(link.status).toBe(410);
    expect(link.html).toContain("Invitasjonen er trukket tilbake.");
  });

  it("only honours the newest invitation to the same address", async () => {
    const { org, adminClient } = setup;
    const email = uniqueEmail("twice");
    await invite(adminClient, org.id, email);
    const first = linkPath(await waitForMail(email, 0), "/invite/");
    await invite(adminClient, org.id, email, "EDITOR");
    const second = linkPath(await waitForMail(email, 1), "/invite/");
    expect((await new Client().page(first)).status).toBe(410);
    expect((await new Client().page(second)).status).toBe(200);
  });

  it("does not know made-up invitation links", async () => {
    const { status, html } = await new Client().page("/invite/made-up-token-that-does-not-exist");
    expect(status).toBe(404);
    expect(html).toContain("Vi kjenner ikke igjen denne invitasjonen.");
  });
});
