/**
 * Who may see and change a case. Pure functions over plain data, reused by routes,
 * the search visibility filter and (later) the collaboration server.
 *
 * Visibility levels:
 *  - PUBLIC:  everyone, also logged-out visitors
 *  - MEMBERS: every logged-in member of the network
 *  - DRAFT:   members of the owning and co-owning organisations only
 * Facilitators and platform admins curate the library and may see and edit every case.
 * Contact details are shown to logged-in users only.
 */
import { canWriteFor, isFacilitator, isPlatformAdmin, roleIn, type Viewer } from "./viewer";

export type CaseVisibility = "DRAFT" | "MEMBERS" | "PUBLIC";

export interface CaseAccessInfo {
  visibility: CaseVisibility;
  ownerOrganisationId: string;
  coOwnerIds: string[];
  deleted?: boolean;
}

function owningOrgIds(c: CaseAccessInfo) {
  return [c.ownerOrganisationId, ...c.coOwnerIds];
}

function isCaseOwnerMember(viewer: Viewer | null, c: CaseAccessInfo) {
  return !!viewer && owningOrgIds(c).some((id) => roleIn(viewer, id) !== null);
}

export function canViewCase(viewer: Viewer | null, c: CaseAccessInfo): boolean {
  if (c.deleted) return false;
  if (c.visibility === "PUBLIC") return true;
  if (!viewer) return false;
  if (c.visibility === "MEMBERS") return true;
  return isFacilitator(viewer) || isCaseOwnerMember(viewer, c);
}

export function canEditCase(viewer: Viewer | null, c: CaseAccessInfo): boolean {
  if (!viewer || c.deleted) return false;
  if (isFacilitator(viewer)) return true;
  return owningOrgIds(c).some((id) => {
    const role = roleIn(viewer, id);
    return role === "EDITOR" || role === "ADMIN";
  });
}

/** Deleting is for admins of the owning organisation, facilitators and platform admins. */
export function canDeleteCase(viewer: Viewer | null, c: CaseAccessInfo): boolean {
  if (!viewer || c.deleted) return false;
  if (isFacilitator(viewer) || isPlatformAdmin(viewer)) return true;
  return roleIn(viewer, c.ownerOrganisationId) === "ADMIN";
}

export function canSeeContact(viewer: Viewer | null): boolean {
  return !!viewer;
}

/** Organisations the viewer may create cases for (editor/admin memberships). */
export function writableOrganisationIds(viewer: Viewer | null): string[] {
  return (viewer?.memberships ?? []).filter((m) => m.role === "EDITOR" || m.role === "ADMIN").map((m) => m.organisationId);
}

export function canCreateCase(viewer: Viewer | null, organisationId?: string): boolean {
  const ids = writableOrganisationIds(viewer);
  return organisationId ? ids.includes(organisationId) : ids.length > 0;
}

/**
 * May the viewer make `organisationId` the owner of a case? Keeping the current owner is
 * always fine (a facilitator editing someone's case). Moving a case needs write access to
 * the new owner and - so a co-owner cannot take a case away from its owner - to the
 * current one (or facilitator rights).
 */
export function canSetCaseOwner(viewer: Viewer | null, organisationId: string, currentOwnerId?: string): boolean {
  if (!viewer) return false;
  if (currentOwnerId && organisationId === currentOwnerId) return true;
  if (!canWriteFor(viewer, organisationId)) return false;
  if (!currentOwnerId) return true;
  return canWriteFor(viewer, currentOwnerId) || isFacilitator(viewer);
}

/** Who owns a case and who may see it: what a restore must not change behind the form's back. */
export interface CaseAccessFields {
  ownerOrganisationId: string;
  coOwnerIds: string[];
  visibility: CaseVisibility;
}

/**
 * What a restore of an old revision sets for owner, co-owners and visibility. Restoring is an
 * edit, so it follows the edit form's ownership rule (canSetCaseOwner) and more: only someone
 * who may move the case (a writer of the current owner organisation, or a facilitator) gets
 * the revision's co-owners and visibility back; for anyone else - a co-owner's editor - a
 * restore brings back the content and leaves owner, co-owners and visibility as they are, so
 * a co-owner can never take a case from its owner or hide it from them. `viewer` null (a
 * system restore) restores content only.
 */
export function restorableAccess(viewer: Viewer | null, current: CaseAccessFields, revision: CaseAccessFields): CaseAccessFields {
  const keep = { ownerOrganisationId: current.ownerOrganisationId, coOwnerIds: [...current.coOwnerIds], visibility: current.visibility };
  if (!viewer) return keep;
  const mayMove = isFacilitator(viewer) || canWriteFor(viewer, current.ownerOrganisationId);
  if (!mayMove) return keep;
  const owner = canSetCaseOwner(viewer, revision.ownerOrganisationId, current.ownerOrganisationId)
    ? revision.ownerOrganisationId
    : current.ownerOrganisationId;
  return {
    ownerOrganisationId: owner,
    coOwnerIds: revision.coOwnerIds.filter((id) => id !== owner),
    visibility: revision.visibility,
  };
}

/**
 * The set of cases a viewer may see, as data: used to build database filters here and
 * search filters in search/. `all` = no restriction.
 */
export interface VisibilityScope {
  all: boolean;
  members: boolean;
  draftOrganisationIds: string[];
}

export function caseVisibilityScope(viewer: Viewer | null): VisibilityScope {
  if (!viewer) return { all: false, members: false, draftOrganisationIds: [] };
  if (isFacilitator(viewer)) return { all: true, members: true, draftOrganisationIds: [] };
  return { all: false, members: true, draftOrganisationIds: viewer.memberships.map((m) => m.organisationId) };
}

/** Same decision as canViewCase, expressed through the scope (tests check they agree). */
export function scopeAllows(scope: VisibilityScope, c: CaseAccessInfo): boolean {
  if (c.deleted) return false;
  if (scope.all || c.visibility === "PUBLIC") return true;
  if (c.visibility === "MEMBERS") return scope.members;
  return owningOrgIds(c).some((id) => scope.draftOrganisationIds.includes(id));
}
