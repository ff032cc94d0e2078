/**
 * Reset and invitation links are checked before the new password is hashed (issue 10):
 * argon2 costs ~19 MiB and tens of milliseconds, so an unknown, used, expired or revoked
 * link must be answered without one. The models take the hasher as an option; these tests
 * hand in a counting one and look at the order of calls (the thing measured is call order,
 * not time).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { acceptInvitationAsNewUser } from "~/models/invitation.server";
import { resetPasswordWithToken } from "~/models/password-reset.server";
import { hashToken, randomToken } from "~/models/session.server";
import { db } from "~/utils/db.server";
import { createOrganisation, createUser, uniqueEmail } from "../support/factories";
import { Client } from "../support/http";

const NEW_PASSWORD = "et-helt-nytt-passord-2026";

function countingHasher() {
  const calls: string[] = [];
  return {
    calls,
    hash: async (password: string) => {
      calls.push(password);
      return `$fake$${password}`;
    },
  };
}

const hour = 3600_000;

describe("password reset", () => {
  let user: Awaited<ReturnType<typeof createUser>>;
  beforeAll(async () => {
    user = await createUser();
  });

  async function resetToken(state: "valid" | "expired" | "used") {
    const token = randomToken();
    const now = Date.now();
    await db().passwordResetToken.create({
      data: {
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: new Date(now - 2 * hour),
        expiresAt: new Date(state === "expired" ? now - hour : now + hour),
        usedAt: state === "used" ? new Date(now - 1000) : null,
      },
    });
    return token;
  }

  it.each([
    ["unknown", () => Promise.resolve(randomToken())],
    ["unknown (garbage)", () => Promise.resolve("ø".repeat(50))],
    ["unknown (empty)", () => Promise.resolve("")],
    ["expired", () => resetToken("expired")],
    ["used", () => resetToken("used")],
  ] as const)("a %s link is answered without hashing the password", async (expected, make) => {
    const token = await make();
    const hasher = countingHasher();
    const result = await resetPasswordWithToken(token, NEW_PASSWORD, { hash: hasher.hash });
    expect(result).toEqual({ ok: false, state: expected.split(" ")[0] });
    expect(hasher.calls).toEqual([]);
  });

  it("a valid link hashes once and sets exactly that hash", async () => {
    const token = await resetToken("valid");
    const hasher = countingHasher();
    const result = await resetPasswordWithToken(token, NEW_PASSWORD, { hash: hasher.hash });
    expect(result).toEqual({ ok: true, userId: user.id });
    expect(hasher.calls).toEqual([NEW_PASSWORD]);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(`$fake$${NEW_PASSWORD}`);
  });

  it("over HTTP an unknown link answers 404 with the translated page", async () => {
    const c = new Client();
    const res = await c.post(`/reset-password/${randomToken()}`, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).toBe(404);
  });
});

describe("invitation", () => {
  let organisation: Awaited<ReturnType<typeof createOrganisation>>;
  beforeAll(async () => {
    organisation = await createOrganisation();
  });

  async function invitation(state: "valid" | "expired" | "used" | "revoked", email = uniqueEmail("invitee")) {
    const token = randomToken();
    const now = Date.now();
    await db().invitation.create({
      data: {
        tokenHash: hashToken(token),
        email,
        organisationId: organisation.id,
        role: "EDITOR",
        createdAt: new Date(now - 2 * hour),
        expiresAt: new Date(state === "expired" ? now - hour : now + 7 * 24 * hour),
        acceptedAt: state === "used" ? new Date(now - 1000) : null,
        revokedAt: state === "revoked" ? new Date(now - 1000) : null,
      },
    });
    return token;
  }

  const input = { name: "Ny Bruker", jobTitle: null, password: NEW_PASSWORD, locale: "nb" as const };

  it.each([
    ["unknown", () => Promise.resolve(randomToken())],
    ["expired", () => invitation("expired")],
    ["used", () => invitation("used")],
    ["revoked", () => invitation("revoked")],
  ] as const)("a %s invitation is answered without hashing the password", async (expected, make) => {
    const hasher = countingHasher();
    const result = await acceptInvitationAsNewUser(await make(), input, { hash: hasher.hash });
    expect(result).toEqual({ ok: false, reason: expected });
    expect(hasher.calls).toEqual([]);
  });

  it("an invitation to an address that has an account by now is answered without hashing", async () => {
    const existing = await createUser();
    const hasher = countingHasher();
    const result = await acceptInvitationAsNewUser(await invitation("valid", existing.email), input, { hash: hasher.hash });
    expect(result).toEqual({ ok: false, reason: "accountExists" });
    expect(hasher.calls).toEqual([]);
  });

  it("a valid invitation hashes once and creates the account with that hash", async () => {
    const email = uniqueEmail("invitee");
    const hasher = countingHasher();
    const result = await acceptInvitationAsNewUser(await invitation("valid", email), input, { hash: hasher.hash });
    expect(result.ok).toBe(true);
    expect(hasher.calls).toEqual([NEW_PASSWORD]);
    expect((await db().user.findUniqueOrThrow({ where: { email } })).passwordHash).toBe(`$fake$${NEW_PASSWORD}`);
  });
});
