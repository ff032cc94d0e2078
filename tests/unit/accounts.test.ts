/** Pure rules behind accounts and memberships: rate-limit arithmetic, token states, last-admin rule, form schemas. */
import { describe, expect, it } from "vitest";
import { invitationState } from "~/models/invitation.server";
import { laterOf, lockedUntil, minutesUntil, windowStart } from "~/models/login-attempt.server";
import { higherRole, leavesNoAdmin } from "~/models/membership.server";
import { resetTokenState } from "~/models/password-reset.server";
import { fieldErrors } from "~/schemas/errors";
import { ChangePasswordSchema, LoginSchema, RegisterFromInvitationSchema, ResetPasswordSchema } from "~/schemas/auth";
import { OrganisationMembersActionSchema } from "~/schemas/organisation-members";

const at = (iso: string) => new Date(`2026-03-01T${iso}Z`);

describe("login rate limit arithmetic", () => {
  it("is not locked below the limit", () => {
    expect(lockedUntil([at("10:04:00"), at("10:03:00")], 3, 15)).toBeNull();
  });

  it("lifts when the max-th newest failure leaves the window", () => {
    const failures = [at("10:05:00"), at("10:04:00"), at("10:02:00"), at("10:01:00")]; // newest first
    expect(lockedUntil(failures, 3, 15)).toEqual(at("10:17:00"));
    expect(lockedUntil(failures, 4, 15)).toEqual(at("10:16:00"));
  });

  it("waits for the later of the account and IP locks", () => {
    expect(laterOf(null, null)).toBeNull();
    expect(laterOf(at("10:00:00"), null)).toEqual(at("10:00:00"));
    expect(laterOf(at("10:00:00"), at("10:30:00"))).toEqual(at("10:30:00"));
    expect(laterOf(at("11:00:00"), at("10:30:00"))).toEqual(at("11:00:00"));
  });

  it("rounds the wait up to whole minutes, never below one", () => {
    expect(minutesUntil(at("10:10:01"), at("10:00:00"))).toBe(11);
    expect(minutesUntil(at("10:00:05"), at("10:00:00"))).toBe(1);
    expect(minutesUntil(at("09:59:00"), at("10:00:00"))).toBe(1);
  });

  it("starts the window the configured minutes ago", () => {
    expect(windowStart(at("10:15:00"), 15)).toEqual(at("10:00:00"));
  });
});

describe("token states", () => {
  const now = at("12:00:00");
  it("password reset: unknown, used, expired, valid", () => {
    expect(resetTokenState(null, now)).toBe("unknown");
    expect(resetTokenState({ expiresAt: at("13:00:00"), usedAt: at("11:00:00") }, now)).toBe("used");
    expect(resetTokenState({ expiresAt: at("12:00:00"), usedAt: null }, now)).toBe("expired");
    expect(resetTokenState({ expiresAt: at("12:00:01"), usedAt: null }, now)).toBe("valid");
  });

  it("invitation: used wins over revoked and expired", () => {
    const base = { expiresAt: at("13:00:00"), acceptedAt: null, revokedAt: null };
    expect(invitationState(null, now)).toBe("unknown");
    expect(invitationState(base, now)).toBe("valid");
    expect(invitationState({ ...base, revokedAt: now }, now)).toBe("revoked");
    expect(invitationState({ ...base, expiresAt: at("11:00:00") }, now)).toBe("expired");
    expect(invitationState({ ...base, acceptedAt: now, revokedAt: now }, now)).toBe("used");
  });
});

describe("the last administrator", () => {
  const members = [
    { id: "a", role: "ADMIN" as const },
    { id: "m", role: "MEMBER" as const },
  ];
  it("cannot be demoted or removed", () => {
    expect(leavesNoAdmin(members, "a", "EDITOR")).toBe(true);
    expect(leavesNoAdmin(members, "a", null)).toBe(true);
  });
  it("can be if another admin remains, and others can always change", () => {
    expect(leavesNoAdmin([...members, { id: "b", role: "ADMIN" }], "a", null)).toBe(false);
    expect(leavesNoAdmin(members, "m", null)).toBe(false);
    expect(leavesNoAdmin(members, "a", "ADMIN")).toBe(false);
    expect(leavesNoAdmin(members, "missing", null)).toBe(false);
  });
  it("invitations never lower an existing role", () => {
    expect(higherRole("EDITOR", "MEMBER")).toBe("EDITOR");
    expect(higherRole("MEMBER", "ADMIN")).toBe("ADMIN");
  });
});

describe("account form schemas", () => {
  it("normalises the e-mail and requires a password to log in", () => {
    expect(LoginSchema.parse({ email: "  Kari@Kommune.NO ", password: "x" }).email).toBe("kari@kommune.no");
    const result = LoginSchema.safeParse({ email: "kari", password: "" });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({ email: "validation.email", password: "validation.required" });
  });

  it("wants new passwords of at least 10 characters, typed twice the same", () => {
    expect(fieldErrors(ResetPasswordSchema.safeParse({ password: "123456789", confirmPassword: "123456789" }).error!)).toEqual({
      password: "auth:password.tooShort",
    });
    expect(fieldErrors(ResetPasswordSchema.safeParse({ password: "1234567890", confirmPassword: "1234567899" }).error!)).toEqual({
      confirmPassword: "auth:password.mismatch",
    });
    expect(ResetPasswordSchema.safeParse({ password: "1234567890", confirmPassword: "1234567890" }).success).toBe(true);
    expect(
      fieldErrors(ChangePasswordSchema.safeParse({ currentPassword: "", password: "a".repeat(501), confirmPassword: "" }).error!),
    ).toMatchObject({ currentPassword: "validation.required", password: "auth:password.tooLong" });
  });

  it("treats an empty job title as none", () => {
    const parsed = RegisterFromInvitationSchema.parse({
      name: " Nina ",
      jobTitle: "  ",
      password: "a-long-one!",
      confirmPassword: "a-long-one!",
    });
    expect(parsed).toMatchObject({ name: "Nina", jobTitle: null });
  });

  it("accepts roles in any case and rejects unknown ones", () => {
    const ok = OrganisationMembersActionSchema.parse({ intent: "invite", organisationId: "o1", email: "a@b.no", role: "editor" });
    expect(ok).toMatchObject({ role: "EDITOR" });
    const bad = OrganisationMembersActionSchema.safeParse({
      intent: "changeRole",
      organisationId: "o1",
      membershipId: "m1",
      role: "OWNER",
    });
    expect(fieldErrors(bad.error!)).toEqual({ role: "validation.invalid" });
  });
});
