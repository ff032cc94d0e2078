/**
 * Guards for the admin area. Logged-out visitors are sent to the login page; logged-in
 * people without the role get NotAllowedError (a 403 page, see domain-errors.ts).
 */
import { NotAllowedError } from "~/models/errors";
import { canCreateOrganisation, canEditTaxonomy, type Viewer } from "~/policies/viewer";
import { requireViewer } from "~/utils/auth.server";

function forbidden(): never {
  throw new NotAllowedError("administer");
}

/** Facilitators and platform admins: the overview and organisations. */
export async function requireFacilitator(request: Request): Promise<Viewer> {
  const viewer = await requireViewer(request);
  if (!canCreateOrganisation(viewer)) forbidden();
  return viewer;
}

/** Platform admins only: challenge areas (the taxonomy). */
export async function requireTaxonomyEditor(request: Request): Promise<Viewer> {
  const viewer = await requireViewer(request);
  if (!canEditTaxonomy(viewer)) forbidden();
  return viewer;
}

/** Success messages after a redirect travel as a known key in the query string. */
export function statusParam(request: Request, allowed: readonly string[]) {
  const url = new URL(request.url);
  const status = url.searchParams.get("status");
  return status && allowed.includes(status) ? { status, id: url.searchParams.get("id") } : null;
}
