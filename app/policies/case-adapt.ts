/**
 * Who may adapt a case ("Ta i bruk hos oss", docs/decisions/017-adaptations.md). Pure.
 *
 * An adaptation is a new case of the adapting organisation, so it needs the right to create
 * cases for it (editor or admin there, canCreateCase); and it is a case of ANOTHER
 * organisation than the original's owners - an owner who wants a second version of its own
 * case copies it, it does not "take it into use".
 */
import { canViewCase, writableOrganisationIds, type CaseAccessInfo } from "./case";
import type { Viewer } from "./viewer";

/** Organisations the viewer may adapt this case for: writable ones that do not own or co-own it. */
export function adaptableOrganisationIds(viewer: Viewer | null, c: CaseAccessInfo): string[] {
  if (!viewer || !canViewCase(viewer, c)) return [];
  const owning = new Set([c.ownerOrganisationId, ...c.coOwnerIds]);
  return writableOrganisationIds(viewer).filter((id) => !owning.has(id));
}

export function canAdaptCase(viewer: Viewer | null, c: CaseAccessInfo, organisationId?: string): boolean {
  const ids = adaptableOrganisationIds(viewer, c);
  return organisationId ? ids.includes(organisationId) : ids.length > 0;
}
