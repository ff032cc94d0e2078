/**
 * Who may want to hear of a domain event: one resolver per event type the "notifications"
 * consumer handles (docs/decisions/020-follows-and-notifications.md).
 *
 * A resolver returns CANDIDATES only. The consumer (createNotifications in
 * notification.server.ts) then, for every event:
 *  - drops the event's actor,
 *  - drops every candidate who may not see the candidate's case at this moment
 *    (canViewCase(viewerForUser(userId), case)), and users that are gone,
 *  - inserts the rows idempotently (unique (userId, eventId, kind)) and records
 *    "notifications.created" per user who got rows, in the delivery's transaction.
 * So a resolver need not (and should not) check visibility or the actor itself.
 *
 * Adding a resolver (e.g. helper C's "question.asked"): write it next to your model, with this
 * signature, and add ONE line to RESOLVERS below.
 */
import type { EventType } from "~/events/registry";
import type { NotificationKind } from "~/notifications/kinds";
import type { Prisma } from "~/utils/db.server";
import { resolveAnswerPosted, resolveQuestionAsked } from "./question-notifications.server";

export type Tx = Prisma.TransactionClient;

/** A domain event as the consumer hands it to a resolver. */
export interface NotificationEvent {
  id: bigint;
  type: EventType;
  entity: string;
  entityId: string;
  actorUserId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** Someone who may be told: one Notification row if they pass the checks. */
export interface NotificationCandidate {
  userId: string;
  kind: NotificationKind;
  /** The case the notification is about: the recipient must be able to see it now, and again when reading. */
  caseId: string | null;
  questionId?: string | null;
  /** Small facts for the sentence (ids of the followed area/organisation, why the user is told). Never a case's title: that is read when shown. */
  data?: Record<string, unknown>;
}

export type NotificationResolver = (event: NotificationEvent, tx: Tx) => Promise<NotificationCandidate[]>;

/** Members of these organisations who may edit for them (editors and admins). */
export async function editorsOf(tx: Tx, organisationIds: string[]): Promise<string[]> {
  if (!organisationIds.length) return [];
  const rows = await tx.membership.findMany({
    where: { organisationId: { in: organisationIds }, role: { in: ["EDITOR", "ADMIN"] } },
    select: { userId: true },
  });
  return [...new Set(rows.map((r) => r.userId))];
}

/** Users following the target. */
export async function followersOf(tx: Tx, targetType: "case" | "challenge_area" | "organisation", targetIds: string[]) {
  if (!targetIds.length) return [];
  return tx.follow.findMany({ where: { targetType, targetId: { in: targetIds } }, select: { userId: true, targetId: true } });
}

/** The original's owner and co-owner editors hear that `adaptationId` was adapted from it (visibility is checked by the consumer). */
async function adaptationCandidates(tx: Tx, adaptationId: string, originalCaseId: string | null): Promise<NotificationCandidate[]> {
  if (!originalCaseId) return [];
  const original = await tx.case.findFirst({
    where: { id: originalCaseId, deletedAt: null },
    select: { ownerOrganisationId: true, coOwners: { select: { organisationId: true } } },
  });
  if (!original) return [];
  const editors = await editorsOf(tx, [original.ownerOrganisationId, ...original.coOwners.map((o) => o.organisationId)]);
  return editors.map((userId) => ({ userId, kind: "case_adapted", caseId: adaptationId, data: { originalCaseId } }));
}

/** The adaptation's original, if the case was adapted from one (helper A's Case.adaptedFromId). */
async function originalOf(tx: Tx, caseId: string): Promise<string | null> {
  // Read through SQL so this file does not depend on the column's Prisma field while it lands.
  const rows = await tx.$queryRaw<Array<{ adaptedFromId: string | null }>>`
    SELECT to_jsonb(c) ->> 'adaptedFromId' AS "adaptedFromId" FROM "Case" c WHERE c.id = ${caseId}`;
  return rows[0]?.adaptedFromId ?? null;
}

/** case.published: followers of the case's challenge areas and owning organisations; the original's editors of an adaptation. */
export const resolveCasePublished: NotificationResolver = async (event, tx) => {
  const c = await tx.case.findFirst({
    where: { id: event.entityId, deletedAt: null },
    select: {
      id: true,
      ownerOrganisationId: true,
      coOwners: { select: { organisationId: true } },
      challengeAreas: { select: { challengeAreaId: true } },
    },
  });
  if (!c) return [];
  const [areaFollowers, orgFollowers] = await Promise.all([
    followersOf(
      tx,
      "challenge_area",
      c.challengeAreas.map((a) => a.challengeAreaId),
    ),
    followersOf(tx, "organisation", [c.ownerOrganisationId, ...c.coOwners.map((o) => o.organisationId)]),
  ]);
  const out: NotificationCandidate[] = [];
  const seen = new Set<string>();
  // One notification per user: the organisation reason wins over the area (more specific).
  for (const f of orgFollowers) {
    if (seen.has(f.userId)) continue;
    seen.add(f.userId);
    out.push({ userId: f.userId, kind: "case_published", caseId: c.id, data: { via: "organisation", organisationId: f.targetId } });
  }
  for (const f of areaFollowers) {
    if (seen.has(f.userId)) continue;
    seen.add(f.userId);
    out.push({ userId: f.userId, kind: "case_published", caseId: c.id, data: { via: "challenge_area", challengeAreaId: f.targetId } });
  }
  out.push(...(await adaptationCandidates(tx, c.id, await originalOf(tx, c.id))));
  return out;
};

/** case.revised: followers of the case, except those who wrote the revision (the live editor's contributors). */
export const resolveCaseRevised: NotificationResolver = async (event, tx) => {
  const revisionId = typeof event.payload.revisionId === "string" ? event.payload.revisionId : null;
  const revision = revisionId
    ? await tx.caseRevision.findFirst({ where: { id: revisionId, caseId: event.entityId }, select: { contributorIds: true } })
    : null;
  const writers = new Set(revision?.contributorIds ?? []);
  const followers = await followersOf(tx, "case", [event.entityId]);
  return followers
    .filter((f) => !writers.has(f.userId))
    .map((f) => ({
      userId: f.userId,
      kind: "case_revised" as const,
      caseId: event.entityId,
      data: { revisionId, revisionKind: event.payload.kind ?? null },
    }));
};

/** case.adapted (recorded when the adaptation is created, usually as a draft): told only if the original's editors can see it now. */
export const resolveCaseAdapted: NotificationResolver = async (event, tx) => {
  const originalCaseId = typeof event.payload.originalCaseId === "string" ? event.payload.originalCaseId : null;
  return adaptationCandidates(tx, event.entityId, originalCaseId);
};

/** invitation.created: the invited address, if it already belongs to an account, while the invitation is still pending. */
export const resolveInvitationCreated: NotificationResolver = async (event, tx) => {
  const invitation = await tx.invitation.findFirst({
    where: { id: event.entityId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, organisationId: true },
  });
  if (!invitation) return [];
  const user = await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  if (!user) return [];
  return [
    {
      userId: user.id,
      kind: "invitation",
      caseId: null,
      data: { invitationId: invitation.id, organisationId: invitation.organisationId, role: invitation.role },
    },
  ];
};

/**
 * Event type -> resolver. Every type listed here gets a "notifications" delivery
 * (app/events/registry.ts lists the same types). Helper C: "question.asked", "answer.posted".
 */
export const RESOLVERS: Partial<Record<EventType, NotificationResolver>> = {
  "case.published": resolveCasePublished,
  "case.revised": resolveCaseRevised,
  "case.adapted": resolveCaseAdapted,
  "invitation.created": resolveInvitationCreated,
  "question.asked": resolveQuestionAsked,
  "answer.posted": resolveAnswerPosted,
};
