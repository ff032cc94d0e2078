/**
 * A randomized, seeded world for the notification-visibility tests (issue 11: "0 leaks"):
 * organisations, users with random memberships (and facilitators), challenge areas, random
 * follows, and random steps that record events through the real models - cases created with
 * any visibility, content edits, visibility changes, deletions, membership removals,
 * invitations. The server's "notifications" consumer turns the events into rows; tests then
 * change visibility once more and check what each user is SHOWN.
 *
 * Reusable: the mail tests (decision 021) build the same world and check mails and digests.
 *
 *   const world = await buildNotificationWorld({ seed });
 *   for (let round = 0; round < 4; round++) {
 *     await world.randomSteps(12);   // events, some visibility changes in between
 *     await world.settle();          // the consumer has handled every delivery
 *     await world.randomAccessChanges(4); // visibility changes between the event and the reading
 *     for (const user of world.users) ... check with world.invisibleCaseIdsFor(user.id)
 *   }
 */
import { createCase, deleteCase, getCaseById, updateCase } from "~/models/case.server";
import { createInvitation } from "~/models/invitation.server";
import { removeMember } from "~/models/membership.server";
import { caseAccessInfos, viewerForUser } from "~/models/viewer.server";
import { canViewCase } from "~/policies/case";
import { CaseInputSchema } from "~/schemas/case";
import { db } from "~/utils/db.server";
import { prng } from "../../scripts/lib/prng";
import { inputFor, createTestArea } from "./case-factories";
import { createOrganisation, createUser, uniqueSuffix } from "./factories";
import { notificationsSettled } from "./notifications";

const VISIBILITIES = ["DRAFT", "MEMBERS", "PUBLIC"] as const;
const ROLES = ["MEMBER", "EDITOR", "ADMIN"] as const;

export interface WorldUser {
  id: string;
  email: string;
  /** Set for the users who can log in (a sample: logging in is slow). */
  password: string | null;
  label: string;
}

export interface NotificationWorldOptions {
  seed: number;
  organisations?: number;
  users?: number;
  areas?: number;
  /** How many users get a password (to read their pages over HTTP). */
  withPassword?: number;
}

export type NotificationWorld = Awaited<ReturnType<typeof buildNotificationWorld>>;

export async function buildNotificationWorld(options: NotificationWorldOptions) {
  const random = prng(options.seed);
  const token = `vis${uniqueSuffix()}`;
  const orgs = await Promise.all(Array.from({ length: options.organisations ?? 5 }, () => createOrganisation()));
  const areas = await Promise.all(Array.from({ length: options.areas ?? 3 }, () => createTestArea()));
  const orgIds = orgs.map((o) => o.id);
  const users: WorldUser[] = [];
  const userCount = options.users ?? 24;
  const withPassword = options.withPassword ?? 4;
  for (let i = 0; i < userCount; i++) {
    const facilitator = i === userCount - 1;
    const n = facilitator ? 0 : random.chance(0.2) ? 0 : random.chance(0.3) ? 2 : 1;
    const memberships = [...orgIds]
      .sort(() => random.next() - 0.5)
      .slice(0, n)
      .map((organisationId) => ({ organisationId, role: random.pick(ROLES) }));
    const password = i < withPassword ? undefined : null;
    const user = await createUser({ memberships, password, platformRole: facilitator ? "FACILITATOR" : "USER" });
    users.push({
      id: user.id,
      email: user.email,
      password: password === null ? null : user.password,
      label: facilitator
        ? "facilitator"
        : `user ${i} (${memberships.map((m) => `${orgIds.indexOf(m.organisationId)}:${m.role}`).join(", ")})`,
    });
  }
  // Random follows of areas and organisations (cases are followed as they appear).
  for (const user of users) {
    for (const area of areas) if (random.chance(0.5)) await follow(user.id, "challenge_area", area.id);
    for (const org of orgs) if (random.chance(0.3)) await follow(user.id, "organisation", org.id);
  }

  const caseIds: string[] = [];
  const titles = new Map<string, string>();
  const touched = new Set<string>();
  const log: string[] = [];

  async function editorOf(orgId: string): Promise<string | null> {
    const m = await db().membership.findFirst({
      where: { organisationId: orgId, role: { in: ["EDITOR", "ADMIN"] } },
      select: { userId: true },
    });
    return m?.userId ?? null;
  }

  async function createRandomCase() {
    const owner = random.pick(orgIds);
    const coOwners = random.chance(0.3) ? [random.pick(orgIds.filter((id) => id !== owner))] : [];
    const visibility = random.pick(VISIBILITIES);
    const title = `${token} sak ${String(caseIds.length + 1).padStart(3, "0")}`;
    const input = CaseInputSchema.parse({
      title,
      summary: `Sammendrag av ${title}, langt nok.`,
      sections: { challenge: `Utfordring ${title}.` },
      status: "PILOTING",
      visibility,
      ownerOrganisationId: owner,
      coOwnerIds: coOwners,
      challengeAreaIds: [random.pick(areas).id],
    });
    const c = await createCase(input, await editorOf(owner));
    caseIds.push(c.id);
    titles.set(c.id, title);
    touched.add(c.id);
    log.push(`create ${title} ${visibility} owner ${orgIds.indexOf(owner)}`);
  }

  async function randomLiveCase() {
    for (let i = 0; i < 5 && caseIds.length; i++) {
      const c = await getCaseById(random.pick(caseIds));
      if (c) return c;
    }
    return null;
  }

  async function changeVisibility() {
    const c = await randomLiveCase();
    if (!c) return;
    const visibility = random.pick(VISIBILITIES);
    await updateCase(c.id, inputFor(c, { visibility, results: [] }), await editorOf(c.ownerOrganisationId), c.version);
    touched.add(c.id);
    log.push(`visibility ${titles.get(c.id)} -> ${visibility}`);
  }

  async function editContent() {
    const c = await randomLiveCase();
    if (!c) return;
    const summary = `Sammendrag endret ${uniqueSuffix()} for ${titles.get(c.id)}.`;
    await updateCase(c.id, inputFor(c, { summary, results: [] }), await editorOf(c.ownerOrganisationId), c.version);
    touched.add(c.id);
    log.push(`edit ${titles.get(c.id)}`);
  }

  async function followRandomCase() {
    const user = random.pick(users);
    const c = await randomLiveCase();
    if (!c) return;
    const viewer = await viewerForUser(user.id);
    const info = (await caseAccessInfos([c.id])).get(c.id);
    // Like the /follow route: only a case the user can see.
    if (!info || !canViewCase(viewer, info)) return;
    await follow(user.id, "case", c.id);
    log.push(`${user.label} follows ${titles.get(c.id)}`);
  }

  async function removeRandomMembership() {
    const memberships = await db().membership.findMany({
      where: { userId: { in: users.map((u) => u.id) } },
      select: { id: true, organisationId: true, userId: true },
    });
    if (!memberships.length) return;
    const m = random.pick(memberships);
    await removeMember(m.organisationId, m.id);
    log.push(`remove ${users.find((u) => u.id === m.userId)?.label} from org ${orgIds.indexOf(m.organisationId)}`);
  }

  async function deleteRandomCase() {
    const c = await randomLiveCase();
    if (!c) return;
    await deleteCase(c.id, null);
    log.push(`delete ${titles.get(c.id)}`);
  }

  async function inviteRandomUser() {
    const user = random.pick(users);
    const org = random.pick(orgIds);
    const inviter = await editorOf(org);
    if (!inviter) return;
    const result = await createInvitation({
      organisationId: org,
      email: user.email,
      role: "MEMBER",
      invitedBy: { id: inviter, name: "Inviter" },
    });
    if (result.ok) touched.add(result.invitationId);
  }

  /** `n` random steps that record notifying events, with some visibility changes in between. */
  async function randomSteps(n: number) {
    for (let i = 0; i < n; i++) {
      const r = random.next();
      if (r < 0.35 || caseIds.length < 3) await createRandomCase();
      else if (r < 0.55) await editContent();
      else if (r < 0.7) await changeVisibility();
      else if (r < 0.85) await followRandomCase();
      else if (r < 0.93) await inviteRandomUser();
      else await deleteRandomCase();
    }
  }

  /** Visibility changes between the event and the reading: visibility, membership removals, deletions. */
  async function randomAccessChanges(n: number) {
    for (let i = 0; i < n; i++) {
      const r = random.next();
      if (r < 0.6) await changeVisibility();
      else if (r < 0.85) await removeRandomMembership();
      else await deleteRandomCase();
    }
  }

  /** Waits until the server's notifications consumer has handled every event of the world. */
  async function settle() {
    await notificationsSettled([...touched], 30_000);
  }

  /** The world's cases this user may NOT see right now (canViewCase on fresh data). */
  async function invisibleCaseIdsFor(userId: string): Promise<Set<string>> {
    const viewer = await viewerForUser(userId);
    const infos = await caseAccessInfos(caseIds);
    return new Set(caseIds.filter((id) => !infos.get(id) || !canViewCase(viewer, infos.get(id)!)));
  }

  return {
    seed: options.seed,
    token,
    orgs,
    areas,
    users,
    caseIds,
    titles,
    log,
    randomSteps,
    randomAccessChanges,
    settle,
    invisibleCaseIdsFor,
  };
}

async function follow(userId: string, targetType: "case" | "challenge_area" | "organisation", targetId: string) {
  await db().follow.upsert({
    where: { userId_targetType_targetId: { userId, targetType, targetId } },
    create: { userId, targetType, targetId },
    update: {},
  });
}
