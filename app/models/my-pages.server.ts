/**
 * Data for "Mine sider" (/me, decision 020) that no other model owns: the cases of the
 * viewer's organisations. Other sections come from their own models (follows, notifications,
 * adaptations, questions).
 */
import type { Viewer } from "~/policies/viewer";
import { db } from "~/utils/db.server";

/** Cases the viewer's organisations own or co-own (never deleted), drafts first, then the latest changed. */
export async function listOurCases(viewer: Viewer, options: { take?: number } = {}) {
  const orgIds = viewer.memberships.map((m) => m.organisationId);
  if (!orgIds.length) return { items: [], total: 0 };
  const where = {
    deletedAt: null,
    OR: [{ ownerOrganisationId: { in: orgIds } }, { coOwners: { some: { organisationId: { in: orgIds } } } }],
  };
  const [items, total] = await Promise.all([
    db().case.findMany({
      where,
      // Visibility is an enum declared DRAFT, MEMBERS, PUBLIC: ascending puts drafts first.
      orderBy: [{ visibility: "asc" }, { updatedAt: "desc" }, { id: "asc" }],
      take: options.take ?? 50,
      select: { id: true, slug: true, title: true, visibility: true, updatedAt: true, owner: { select: { name: true, slug: true } } },
    }),
    db().case.count({ where }),
  ]);
  return { items, total };
}
