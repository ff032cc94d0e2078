/**
 * A random little network for visibility tests (seeded: a failure names its seed and can be
 * replayed): organisations, users with random memberships and roles (one facilitator), cases
 * with random owners, co-owners and visibility, and - after something was notified - random
 * changes to all of it (visibility, deletion, memberships). `canSee` answers with the policy
 * (canViewCase) on the state as it is in the database NOW: the oracle for "0 leaks".
 */
import { canViewCase } from "~/policies/case";
import { db } from "~/utils/db.server";
import { prng, type Prng } from "../../scripts/lib/prng";
import { createFullCase, createTestArea, VISIBILITY_LEVELS, type Visibility } from "./case-factories";
import { createOrganisation, createUser, uniqueSuffix } from "./factories";

export interface WorldCase {
  id: string;
  slug: string;
  title: string;
}

export interface VisibilityWorld {
  seed: number;
  rng: Prng;
  orgIds: string[];
  users: Array<{ id: string; email: string }>;
  cases: WorldCase[];
  /** Whether the user may see the case now (policy on the current database state). */
  canSee(userId: string, caseId: string): Promise<boolean>;
  /** Random changes: visibility, deletion, co-owners, memberships (the things that hide or reveal a case). */
  shake(changes: number): Promise<string[]>;
}

const ROLES = ["MEMBER", "EDITOR", "ADMIN"] as const;

export async function createVisibilityWorld(
  seed: number,
  size: { organisations?: number; users?: number; cases?: number } = {},
): Promise<VisibilityWorld> {
  const rng = prng(seed);
  const area = await createTestArea();
  const orgs = await Promise.all(Array.from({ length: size.organisations ?? 4 }, () => createOrganisation()));
  const orgIds = orgs.map((o) => o.id);
  const users: Array<Awaited<ReturnType<typeof createUser>>> = [];
  for (let i = 0; i < (size.users ?? 10); i++) {
    const memberships = orgIds.filter(() => rng.chance(0.3)).map((organisationId) => ({ organisationId, role: rng.pick(ROLES) }));
    users.push(await createUser({ memberships, platformRole: i === 0 ? "FACILITATOR" : "USER", locale: rng.pick(["nb", "en"] as const) }));
  }
  const suffix = uniqueSuffix();
  const cases: WorldCase[] = [];
  for (let i = 0; i < (size.cases ?? 10); i++) {
    const owner = rng.pick(orgIds);
    const coOwnerIds = rng.chance(0.3) ? [rng.pick(orgIds.filter((o) => o !== owner))] : [];
    // Titles no other title contains (so a mention is unambiguous).
    const title = `Synlighet ${suffix} nr ${String(i).padStart(3, "0")}#`;
    const c = await createFullCase({
      ownerOrganisationId: owner,
      coOwnerIds,
      challengeAreaIds: [area.id],
      visibility: rng.pick(VISIBILITY_LEVELS),
      title,
    });
    cases.push({ id: c.id, slug: c.slug, title: c.title });
  }

  async function canSee(userId: string, caseId: string) {
    const [user, c] = await Promise.all([
      db().user.findUnique({
        where: { id: userId },
        select: { id: true, platformRole: true, memberships: { select: { organisationId: true, role: true } } },
      }),
      db().case.findUnique({
        where: { id: caseId },
        select: { visibility: true, ownerOrganisationId: true, deletedAt: true, coOwners: { select: { organisationId: true } } },
      }),
    ]);
    if (!user || !c) return false;
    return canViewCase(
      { id: user.id, platformRole: user.platformRole, memberships: user.memberships },
      {
        visibility: c.visibility,
        ownerOrganisationId: c.ownerOrganisationId,
        coOwnerIds: c.coOwners.map((o) => o.organisationId),
        deleted: !!c.deletedAt,
      },
    );
  }

  async function shake(changes: number) {
    const done: string[] = [];
    for (let i = 0; i < changes; i++) {
      const c = rng.pick(cases);
      const what = rng.int(4);
      if (what === 0) {
        const visibility: Visibility = rng.pick(VISIBILITY_LEVELS);
        await db().case.update({ where: { id: c.id }, data: { visibility } });
        done.push(`${c.title} -> ${visibility}`);
      } else if (what === 1) {
        await db().case.update({ where: { id: c.id }, data: { deletedAt: rng.chance(0.7) ? new Date() : null } });
        done.push(`${c.title} deleted/restored`);
      } else if (what === 2) {
        const user = rng.pick(users);
        const orgId = rng.pick(orgIds);
        const existing = await db().membership.findFirst({ where: { userId: user.id, organisationId: orgId } });
        if (existing) await db().membership.delete({ where: { id: existing.id } });
        else await db().membership.create({ data: { userId: user.id, organisationId: orgId, role: rng.pick(ROLES) } });
        done.push(`${user.email} membership in ${orgId} toggled`);
      } else {
        const orgId = rng.pick(orgIds);
        const row = await db().caseCoOwner.findFirst({ where: { caseId: c.id, organisationId: orgId } });
        const owner = (await db().case.findUniqueOrThrow({ where: { id: c.id }, select: { ownerOrganisationId: true } }))
          .ownerOrganisationId;
        if (row) await db().caseCoOwner.delete({ where: { caseId_organisationId: { caseId: c.id, organisationId: orgId } } });
        else if (orgId !== owner) await db().caseCoOwner.create({ data: { caseId: c.id, organisationId: orgId } });
        done.push(`${c.title} co-owner ${orgId} toggled`);
      }
    }
    return done;
  }

  return { seed, rng, orgIds, users: users.map((u) => ({ id: u.id, email: u.email })), cases, canSee, shake };
}
