/**
 * Loading a case for a route, with the access rules applied in one place. A case the
 * viewer may not see is the very same CaseNotFound (a 404 on a page) as a case that does
 * not exist, so slugs of drafts cannot be probed. Throws domain errors, so exports and an
 * API can share these rules and answer in their own format.
 */
import { accessInfo, getCaseBySlug, type CaseWithRelations } from "~/models/case.server";
import { CaseNotFound, NotAllowedError } from "~/models/errors";
import { canDeleteCase, canEditCase, canViewCase } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";

/** The case; CaseNotFound when it does not exist, is deleted, or is hidden from this viewer. */
export async function requireViewableCase(slug: string | undefined, viewer: Viewer | null): Promise<CaseWithRelations> {
  const c = slug ? await getCaseBySlug(slug) : null;
  if (!c || !canViewCase(viewer, accessInfo(c))) throw new CaseNotFound(slug);
  return c;
}

/** CaseNotFound when the viewer may not see it, NotAllowedError when they may see but not edit it. */
export async function requireEditableCase(slug: string | undefined, viewer: Viewer): Promise<CaseWithRelations> {
  const c = await requireViewableCase(slug, viewer);
  if (!canEditCase(viewer, accessInfo(c))) throw new NotAllowedError("edit case");
  return c;
}

export async function requireDeletableCase(slug: string | undefined, viewer: Viewer): Promise<CaseWithRelations> {
  const c = await requireViewableCase(slug, viewer);
  if (!canDeleteCase(viewer, accessInfo(c))) throw new NotAllowedError("delete case");
  return c;
}
