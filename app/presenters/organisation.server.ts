/**
 * The organisation page (/organisation): which organisations I belong to, the members and
 * the pending invitations - only the fields the page shows.
 */
import type { listPendingInvitations } from "~/models/invitation.server";
import type { listOrganisationMembers, listUserMemberships } from "~/models/membership.server";

export function presentMyMemberships(rows: Awaited<ReturnType<typeof listUserMemberships>>) {
  return rows.map((m) => ({
    role: m.role,
    organisation: { id: m.organisation.id, name: m.organisation.name },
  }));
}

export function presentMembers(rows: Awaited<ReturnType<typeof listOrganisationMembers>>) {
  return rows.map((m) => ({
    id: m.id,
    role: m.role,
    createdAt: m.createdAt,
    user: { id: m.user.id, name: m.user.name, email: m.user.email, jobTitle: m.user.jobTitle },
  }));
}

export function presentInvitations(rows: Awaited<ReturnType<typeof listPendingInvitations>>) {
  return rows.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    expiresAt: i.expiresAt,
    createdAt: i.createdAt,
    invitedBy: i.invitedBy ? { name: i.invitedBy.name } : null,
  }));
}
