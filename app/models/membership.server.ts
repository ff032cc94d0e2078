/**
 * Who belongs to which organisation, with which role. Organisation rows are only read
 * here (app/models/organisation.server.ts owns writing them).
 */
import type { MembershipRole } from "~/policies/viewer";
import { db } from "~/utils/db.server";
import { recordEvent } from "./events.server";

const ROLE_RANK: Record<MembershipRole, number> = { MEMBER: 0, EDITOR: 1, ADMIN: 2 };

export function higherRole(a: MembershipRole, b: MembershipRole): MembershipRole {
  return ROLE_RANK[a] >= ROLE_RANK[b] ? a : b;
}

/**
 * Pure: would this change leave the organisation without an administrator?
 * `newRole` null means the member is removed.
 */
export function leavesNoAdmin(
  members: Array<{ id: string; role: MembershipRole }>,
  membershipId: string,
  newRole: MembershipRole | null,
): boolean {
  const target = members.find((m) => m.id === membershipId);
  if (!target || target.role !== "ADMIN" || newRole === "ADMIN") return false;
  return !members.some((m) => m.id !== membershipId && m.role === "ADMIN");
}

const organisationSummary = { id: true, name: true, slug: true, kind: true } as const;

export async function getOrganisationSummary(organisationId: string) {
  return db().organisation.findUnique({ where: { id: organisationId }, select: organisationSummary });
}

export async function listUserMemberships(userId: string) {
  return db().membership.findMany({
    where: { userId },
    select: { id: true, role: true, organisation: { select: organisationSummary } },
    orderBy: { organisation: { name: "asc" } },
  });
}

export async function listOrganisationMembers(organisationId: string) {
  return db().membership.findMany({
    where: { organisationId },
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true, jobTitle: true } },
    },
    orderBy: [{ user: { name: "asc" } }, { createdAt: "asc" }],
  });
}

export type MemberChangeResult = { ok: true; userId: string } | { ok: false; error: "notFound" | "lastAdmin" };

/**
 * Changes a member's role or (role null) removes them, refusing to leave the organisation
 * without an administrator. The organisation's admin rows are locked first, so two admins
 * demoting each other at the same moment cannot both succeed.
 */
async function changeMembership(organisationId: string, membershipId: string, role: MembershipRole | null): Promise<MemberChangeResult> {
  const result = await db().$transaction(async (tx): Promise<MemberChangeResult> => {
    await tx.$queryRaw`SELECT id FROM "Membership" WHERE "organisationId" = ${organisationId} AND role = 'ADMIN' ORDER BY id FOR UPDATE`;
    const members = await tx.membership.findMany({
      where: { organisationId },
      select: { id: true, role: true, userId: true },
    });
    const target = members.find((m) => m.id === membershipId);
    if (!target) return { ok: false, error: "notFound" };
    if (leavesNoAdmin(members, membershipId, role)) return { ok: false, error: "lastAdmin" };
    if (role) await tx.membership.update({ where: { id: membershipId }, data: { role } });
    else await tx.membership.delete({ where: { id: membershipId } });
    // A demoted or removed member's open live-editing connections are re-checked at once (every process).
    await recordEvent(tx, { type: "access.changed", entity: "all", payload: { reason: "membership" } });
    return { ok: true, userId: target.userId };
  });
  return result;
}

export function changeMemberRole(organisationId: string, membershipId: string, role: MembershipRole) {
  return changeMembership(organisationId, membershipId, role);
}

export function removeMember(organisationId: string, membershipId: string) {
  return changeMembership(organisationId, membershipId, null);
}
