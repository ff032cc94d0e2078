/** The signed-in person as policies see them. Pure data: no database access here. */
export type PlatformRole = "USER" | "FACILITATOR" | "ADMIN";
export type MembershipRole = "MEMBER" | "EDITOR" | "ADMIN";

export interface ViewerMembership {
  organisationId: string;
  role: MembershipRole;
}

export interface Viewer {
  id: string;
  platformRole: PlatformRole;
  memberships: ViewerMembership[];
}

export function isFacilitator(viewer: Viewer | null | undefined): boolean {
  return viewer?.platformRole === "FACILITATOR" || viewer?.platformRole === "ADMIN";
}

export function isPlatformAdmin(viewer: Viewer | null | undefined): boolean {
  return viewer?.platformRole === "ADMIN";
}

export function roleIn(viewer: Viewer | null | undefined, organisationId: string): MembershipRole | null {
  return viewer?.memberships.find((m) => m.organisationId === organisationId)?.role ?? null;
}

export function canWriteFor(viewer: Viewer | null | undefined, organisationId: string): boolean {
  const role = roleIn(viewer, organisationId);
  return role === "EDITOR" || role === "ADMIN";
}

/** Organisation admins manage members and invitations; platform admins may too. */
export function canManageOrganisation(viewer: Viewer | null | undefined, organisationId: string): boolean {
  return roleIn(viewer, organisationId) === "ADMIN" || isPlatformAdmin(viewer);
}

export function canCreateOrganisation(viewer: Viewer | null | undefined): boolean {
  return isFacilitator(viewer);
}

export function canEditTaxonomy(viewer: Viewer | null | undefined): boolean {
  return isPlatformAdmin(viewer);
}
