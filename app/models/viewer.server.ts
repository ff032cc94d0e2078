/**
 * A Viewer (app/policies/viewer.ts) for a user who is NOT the one making the request: the
 * notifications consumer and the mail consumer check, for each recipient, what that person
 * may see at this moment (docs/decisions/020-follows-and-notifications.md). Same shape as
 * toViewer (app/utils/auth.server.ts) builds from a session.
 */
import { accessInfo, caseAccessSelect, visibilityWhere } from "~/models/case.server";
import { canViewCase, caseVisibilityScope, type CaseAccessInfo } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";
import { db, type Prisma } from "~/utils/db.server";

type Client = Prisma.TransactionClient;

const viewerSelect = {
  id: true,
  platformRole: true,
  memberships: { select: { organisationId: true, role: true }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.UserSelect;

function toViewerShape(user: Prisma.UserGetPayload<{ select: typeof viewerSelect }>): Viewer {
  return {
    id: user.id,
    platformRole: user.platformRole,
    memberships: user.memberships.map((m) => ({ organisationId: m.organisationId, role: m.role })),
  };
}

/** The user as policies see them right now; null when the user no longer exists. */
export async function viewerForUser(userId: string, client: Client = db()): Promise<Viewer | null> {
  const user = await client.user.findUnique({ where: { id: userId }, select: viewerSelect });
  return user ? toViewerShape(user) : null;
}

/** viewerForUser for many users in one query; users that are gone are missing from the map. */
export async function viewersForUsers(userIds: string[], client: Client = db()): Promise<Map<string, Viewer>> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return new Map();
  const users = await client.user.findMany({ where: { id: { in: ids } }, select: viewerSelect });
  return new Map(users.map((u) => [u.id, toViewerShape(u)]));
}

/** The access facts of these cases (deleted ones included, marked deleted), by id. */
export async function caseAccessInfos(caseIds: string[], client: Client = db()): Promise<Map<string, CaseAccessInfo>> {
  const ids = [...new Set(caseIds)];
  if (!ids.length) return new Map();
  const rows = await client.case.findMany({
    where: { id: { in: ids } },
    select: { id: true, ...caseAccessSelect },
  });
  return new Map(rows.map((r) => [r.id, accessInfo(r)]));
}

/** Of `caseIds`, those `viewer` may see now (canViewCase; missing and deleted cases never). */
export async function visibleCaseIds(viewer: Viewer | null, caseIds: string[], client: Client = db()): Promise<Set<string>> {
  const infos = await caseAccessInfos(caseIds, client);
  return new Set([...infos].filter(([, info]) => canViewCase(viewer, info)).map(([id]) => id));
}

/** The same decision as a database filter (for lists and counts that must not include hidden cases). */
export function caseVisibleToWhere(viewer: Viewer | null): Prisma.CaseWhereInput {
  return visibilityWhere(caseVisibilityScope(viewer));
}
