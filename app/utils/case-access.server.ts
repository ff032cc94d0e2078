/**
 * Loading a case for a route, with the access rules applied in one place. A case the
 * viewer may not see is the very same 404 as a case that does not exist, so slugs of
 * drafts cannot be probed.
 */
import { accessInfo, getCaseBySlug, type CaseWithRelations } from "~/models/case.server";
import { canDeleteCase, canEditCase, canViewCase } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";

export function caseNotFound() {
  return new Response("Not found", { status: 404, statusText: "Not Found" });
}

export function forbidden() {
  return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

/** The case, or a thrown 404 when it does not exist, is deleted, or is hidden from this viewer. */
export async function requireViewableCase(slug: string | undefined, viewer: Viewer | null): Promise<CaseWithRelations> {
  const c = slug ? await getCaseBySlug(slug) : null;
  if (!c || !canViewCase(viewer, accessInfo(c))) throw caseNotFound();
  return c;
}

/** 404 when the viewer may not see it, 403 when they may see but not edit it. */
export async function requireEditableCase(slug: string | undefined, viewer: Viewer): Promise<CaseWithRelations> {
  const c = await requireViewableCase(slug, viewer);
  if (!canEditCase(viewer, accessInfo(c))) throw forbidden();
  return c;
}

export async function requireDeletableCase(slug: string | undefined, viewer: Viewer): Promise<CaseWithRelations> {
  const c = await requireViewableCase(slug, viewer);
  if (!canDeleteCase(viewer, accessInfo(c))) throw forbidden();
  return c;
}
