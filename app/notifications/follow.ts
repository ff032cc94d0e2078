/** What can be followed (decision 020). Pure: shared by the /follow route, the button and the model. */
export const FOLLOW_TARGET_TYPES = ["case", "challenge_area", "organisation"] as const;
export type FollowTargetType = (typeof FOLLOW_TARGET_TYPES)[number];

export function isFollowTargetType(value: unknown): value is FollowTargetType {
  return typeof value === "string" && (FOLLOW_TARGET_TYPES as readonly string[]).includes(value);
}

/** What a follow toggle needs: null for visitors (they are invited to log in instead). */
export interface FollowToggleData {
  targetType: FollowTargetType;
  targetId: string;
  following: boolean;
}
