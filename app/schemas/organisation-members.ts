/** Forms on /organisation: invite, change role, remove member, revoke invitation. */
import { z } from "zod";
import { EmailSchema } from "./auth";

export const MEMBERSHIP_ROLES = ["MEMBER", "EDITOR", "ADMIN"] as const;

/** Accepts "member" as well as "MEMBER". */
const MembershipRoleSchema = z
  .string({ message: "validation.required" })
  .trim()
  .transform((v) => v.toUpperCase())
  .pipe(z.enum(MEMBERSHIP_ROLES, { message: "validation.invalid" }));

const id = z.string({ message: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.invalid");

const InviteMemberSchema = z.object({
  intent: z.literal("invite"),
  organisationId: id,
  email: EmailSchema,
  role: MembershipRoleSchema,
});

const ChangeRoleSchema = z.object({
  intent: z.literal("changeRole"),
  organisationId: id,
  membershipId: id,
  role: MembershipRoleSchema,
});

const RemoveMemberSchema = z.object({
  intent: z.literal("remove"),
  organisationId: id,
  membershipId: id,
});

const RevokeInvitationSchema = z.object({
  intent: z.literal("revoke"),
  organisationId: id,
  invitationId: id,
});

export const OrganisationMembersActionSchema = z.discriminatedUnion("intent", [
  InviteMemberSchema,
  ChangeRoleSchema,
  RemoveMemberSchema,
  RevokeInvitationSchema,
]);
export type OrganisationMembersAction = z.infer<typeof OrganisationMembersActionSchema>;
