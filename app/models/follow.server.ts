/**
 * Follows (docs/decisions/020-follows-and-notifications.md): a user follows a case, a challenge
 * area or an organisation, and the notifications consumer tells them what happens there.
 * Following a case needs the right to see it (a hidden case is not found, like a missing one);
 * areas and organisations are public. Unfollowing only ever removes the user's own row.
 */
import { canViewCase } from "~/policies/case";
import type { FollowTargetType } from "~/notifications/follow";
import type { Viewer } from "~/policies/viewer";
import { db } from "~/utils/db.server";
import { accessInfo } from "./case.server";
import { CaseNotFound, NotFoundError, OrganisationNotFound } from "./errors";
import { caseVisibleToWhere } from "./viewer.server";

async function assertFollowable(viewer: Viewer, targetType: FollowTargetType, targetId: string) {
  if (targetType === "case") {
    const c = await db().case.findFirst({
      where: { id: targetId, deletedAt: null },
      select: { visibility: true, ownerOrganisationId: true, deletedAt: true, coOwners: { select: { organisationId: true } } },
    });
    if (!c || !canViewCase(viewer, accessInfo(c))) throw new CaseNotFound(targetId);
  } else if (targetType === "challenge_area") {
    if (!(await db().challengeArea.count({ where: { id: targetId } }))) throw new NotFoundError("challenge area", targetId);
  } else if (!(await db().organisation.count({ where: { id: targetId } }))) {
    throw new OrganisationNotFound(targetId);
  }
}

/** Follows or unfollows; returns whether the viewer follows the target afterwards. Idempotent. */
export async function setFollow(viewer: Viewer, targetType: FollowTargetType, targetId: string, follow: boolean): Promise<boolean> {
  if (!follow) {
    await db().follow.deleteMany({ where: { userId: viewer.id, targetType, targetId } });
    return false;
  }
  await assertFollowable(viewer, targetType, targetId);
  await db().follow.upsert({
    where: { userId_targetType_targetId: { userId: viewer.id, targetType, targetId } },
    create: { userId: viewer.id, targetType, targetId },
    update: {},
  });
  return true;
}

export async function isFollowing(userId: string, targetType: FollowTargetType, targetId: string): Promise<boolean> {
  return (await db().follow.count({ where: { userId, targetType, targetId } })) > 0;
}

/**
 * What the viewer follows, for "Mine sider": cases they may still see (others are left out -
 * their titles must not show), areas and organisations that still exist. Newest first.
 */
export async function listFollows(viewer: Viewer) {
  const rows = await db().follow.findMany({ where: { userId: viewer.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const ids = (type: FollowTargetType) => rows.filter((r) => r.targetType === type).map((r) => r.targetId);
  const [cases, areas, organisations] = await Promise.all([
    db().case.findMany({
      where: { AND: [{ id: { in: ids("case") } }, caseVisibleToWhere(viewer)] },
      select: { id: true, slug: true, title: true, owner: { select: { name: true } } },
    }),
    db().challengeArea.findMany({
      where: { id: { in: ids("challenge_area") } },
      select: { id: true, slug: true, nameNb: true, nameEn: true },
    }),
    db().organisation.findMany({ where: { id: { in: ids("organisation") } }, select: { id: true, slug: true, name: true } }),
  ]);
  const order = new Map(rows.map((r, i) => [`${r.targetType}:${r.targetId}`, i]));
  const byOrder = (type: FollowTargetType) => (a: { id: string }, b: { id: string }) =>
    (order.get(`${type}:${a.id}`) ?? 0) - (order.get(`${type}:${b.id}`) ?? 0);
  return {
    cases: cases.sort(byOrder("case")),
    areas: areas.sort(byOrder("challenge_area")),
    organisations: organisations.sort(byOrder("organisation")),
  };
}
