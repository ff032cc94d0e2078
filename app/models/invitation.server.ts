/**
 * Invitations into an organisation. The link carries a random token; only its sha256 is
 * stored. A link works for 7 days and once, and an admin can revoke it before that.
 */
import { higherRole } from "~/models/membership.server";
import { hashToken, randomToken } from "~/models/session.server";
import { normaliseEmail } from "~/models/user.server";
import type { MembershipRole } from "~/policies/viewer";
import { db, Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { getFixedT, isLocale } from "~/utils/i18n";
import { sendMail } from "~/utils/mail.server";
import { hashPassword } from "~/utils/password.server";
import { recordEvent } from "./events.server";

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationState = "valid" | "expired" | "revoked" | "used" | "unknown";

/** Pure: what a stored invitation row means right now. */
export function invitationState(
  row: { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null } | null,
  now = new Date(),
): InvitationState {
  if (!row) return "unknown";
  if (row.acceptedAt) return "used";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

const pending = (now: Date) => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

export async function createInvitation(input: {
  organisationId: string;
  email: string;
  role: MembershipRole;
  invitedBy: { id: string; name: string };
}): Promise<{ ok: true; invitationId: string } | { ok: false; error: "alreadyMember" | "notFound" }> {
  const email = normaliseEmail(input.email);
  const organisation = await db().organisation.findUnique({
    where: { id: input.organisationId },
    select: { id: true, name: true },
  });
  if (!organisation) return { ok: false, error: "notFound" };
  const existing = await db().user.findUnique({
    where: { email },
    select: { locale: true, memberships: { where: { organisationId: organisation.id }, select: { id: true } } },
  });
  if (existing?.memberships.length) return { ok: false, error: "alreadyMember" };

  const token = randomToken();
  const now = new Date();
  const invitation = await db().$transaction(async (tx) => {
    // Only the newest invitation for an address works, so an old forwarded mail cannot be used.
    await tx.invitation.updateMany({
      where: { organisationId: organisation.id, email, ...pending(now) },
      data: { revokedAt: now },
    });
    const created = await tx.invitation.create({
      data: {
        tokenHash: hashToken(token),
        email,
        organisationId: organisation.id,
        role: input.role,
        invitedById: input.invitedBy.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      },
    });
    // Someone who already has an account is also told in the app (notifications consumer).
    await recordEvent(tx, { type: "invitation.created", entity: "invitation", entityId: created.id, actorUserId: input.invitedBy.id });
    return created;
  });

  const t = getFixedT(isLocale(existing?.locale) ? existing.locale : "nb", "org");
  try {
    await sendMail({
      to: email,
      subject: t("mail.inviteSubject", { organisation: organisation.name }),
      text: t("mail.inviteBody", {
        inviter: input.invitedBy.name,
        organisation: organisation.name,
        role: t(`roles.${input.role}`).toLowerCase(),
        link: `${env().APP_URL}/invite/${token}`,
      }),
    });
  } catch (error) {
    // Nobody can use an invitation whose link was never sent: drop it, and let the error surface.
    await db().invitation.delete({ where: { id: invitation.id } });
    throw error;
  }
  return { ok: true, invitationId: invitation.id };
}

export async function listPendingInvitations(organisationId: string) {
  return db().invitation.findMany({
    where: { organisationId, ...pending(new Date()) },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
}

/** Revokes a pending invitation of this organisation; false when there is none. */
export async function revokeInvitation(organisationId: string, invitationId: string) {
  const { count } = await db().invitation.updateMany({
    where: { id: invitationId, organisationId, ...pending(new Date()) },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

export async function getInvitationByToken(token: string) {
  const row = await db().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organisation: { select: { id: true, name: true } },
    },
  });
  const state = invitationState(row);
  if (!row || state !== "valid") return { state, invitation: null, accountExists: false };
  const account = await db().user.findUnique({ where: { email: row.email }, select: { id: true } });
  return {
    state,
    invitation: { id: row.id, email: row.email, role: row.role, organisation: row.organisation },
    accountExists: !!account,
  };
}

type AcceptFailure = { ok: false; reason: Exclude<InvitationState, "valid"> | "accountExists" | "wrongUser" };

/** Claims the invitation inside a transaction; null when it is no longer valid. */
async function claim(tx: Prisma.TransactionClient, tokenHash: string, now: Date) {
  const { count } = await tx.invitation.updateMany({ where: { tokenHash, ...pending(now) }, data: { acceptedAt: now } });
  const row = await tx.invitation.findUnique({ where: { tokenHash } });
  if (count !== 1 || !row) {
    const state = invitationState(row, now);
    return { row: null, state: state === "valid" ? ("used" as const) : state };
  }
  return { row, state: "valid" as const };
}

/**
 * The invitee has no account: creates the user and the membership in one go. The invitation
 * is checked before the password is hashed; `options.hash` replaces the hasher (tests).
 */
export async function acceptInvitationAsNewUser(
  token: string,
  input: { name: string; jobTitle: string | null; password: string; locale: "nb" | "en" },
  options: { hash?: (password: string) => Promise<string> } = {},
): Promise<{ ok: true; userId: string; organisationId: string } | AcceptFailure> {
  const tokenHash = hashToken(token);
  // The invitation first: hashing a password is expensive (argon2), and an unknown, used,
  // revoked or expired link must not cost one. The claim below re-checks atomically.
  const current = await db().invitation.findUnique({ where: { tokenHash } });
  const state = invitationState(current);
  if (!current || state !== "valid") return { ok: false, reason: state as Exclude<InvitationState, "valid"> };
  if (await db().user.findUnique({ where: { email: current.email }, select: { id: true } })) return { ok: false, reason: "accountExists" };
  const passwordHash = await (options.hash ?? hashPassword)(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const now = new Date();
      const { row, state } = await claim(tx, tokenHash, now);
      if (!row) return { ok: false as const, reason: state as Exclude<InvitationState, "valid"> };
      if (await tx.user.findUnique({ where: { email: row.email }, select: { id: true } })) {
        throw new AccountExists();
      }
      const user = await tx.user.create({
        data: {
          email: row.email,
          name: input.name,
          jobTitle: input.jobTitle,
          locale: input.locale,
          passwordHash,
          memberships: { create: { organisationId: row.organisationId, role: row.role } },
        },
      });
      return { ok: true as const, userId: user.id, organisationId: row.organisationId };
    });
  } catch (error) {
    // Someone created the account in the meantime (or in a parallel request): roll back the claim.
    if (error instanceof AccountExists) return { ok: false, reason: "accountExists" };
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, reason: "accountExists" };
    }
    throw error;
  }
}

class AccountExists extends Error {}

/**
 * A signed-in user accepts an invitation addressed to their own e-mail. Already a member?
 * Then the role only ever goes up.
 */
export async function acceptInvitationAsUser(
  token: string,
  user: { id: string; email: string },
): Promise<{ ok: true; organisationId: string } | AcceptFailure> {
  const tokenHash = hashToken(token);
  const current = await db().invitation.findUnique({ where: { tokenHash }, select: { email: true } });
  if (current && current.email !== normaliseEmail(user.email)) return { ok: false, reason: "wrongUser" };
  return db().$transaction(async (tx) => {
    const now = new Date();
    const { row, state } = await claim(tx, tokenHash, now);
    if (!row) return { ok: false as const, reason: state as Exclude<InvitationState, "valid"> };
    const existing = await tx.membership.findUnique({
      where: { userId_organisationId: { userId: user.id, organisationId: row.organisationId } },
    });
    if (existing) {
      await tx.membership.update({ where: { id: existing.id }, data: { role: higherRole(existing.role, row.role) } });
    } else {
      await tx.membership.create({ data: { userId: user.id, organisationId: row.organisationId, role: row.role } });
    }
    // Open read-only connections of this user may now edit.
    await recordEvent(tx, { type: "access.changed", entity: "all", actorUserId: user.id, payload: { reason: "membership" } });
    return { ok: true as const, organisationId: row.organisationId };
  });
}
