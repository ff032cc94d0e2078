/** The follow toggle's data for a page (decision 020): null for visitors. */
import { isFollowing } from "~/models/follow.server";
import type { FollowTargetType, FollowToggleData } from "~/notifications/follow";
import type { Viewer } from "~/policies/viewer";

export async function presentFollow(
  viewer: Viewer | null,
  targetType: FollowTargetType,
  targetId: string,
): Promise<FollowToggleData | null> {
  if (!viewer) return null;
  return { targetType, targetId, following: await isFollowing(viewer.id, targetType, targetId) };
}
