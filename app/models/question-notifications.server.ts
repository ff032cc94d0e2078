/**
 * Who hears of a new question or answer (the "notifications" consumer's resolvers for
 * "question.asked" and "answer.posted"; interface in notification-resolvers.server.ts).
 * Candidates only: the consumer drops the actor and everyone who may not see the case now.
 * A question or answer that was deleted or hidden before the consumer ran tells nobody.
 */
// Types only: notification-resolvers.server.ts imports this module for its RESOLVERS table.
import type { NotificationCandidate, NotificationResolver, Tx } from "./notification-resolvers.server";

/** Editors and admins of the organisations (same rule as editorsOf in notification-resolvers.server.ts). */
async function editorsOf(tx: Tx, organisationIds: string[]): Promise<string[]> {
  const rows = await tx.membership.findMany({
    where: { organisationId: { in: organisationIds }, role: { in: ["EDITOR", "ADMIN"] } },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}

async function caseFollowers(tx: Tx, caseId: string): Promise<string[]> {
  const rows = await tx.follow.findMany({ where: { targetType: "case", targetId: caseId }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

type Why = "contact" | "owner" | "follower" | "asker";

function collect(kind: "question" | "answer", caseId: string, questionId: string, extra: Record<string, unknown> = {}) {
  const out: NotificationCandidate[] = [];
  const seen = new Set<string>();
  return {
    add(userIds: Array<string | null | undefined>, why: Why) {
      for (const userId of userIds) {
        if (!userId || seen.has(userId)) continue;
        seen.add(userId);
        out.push({ userId, kind, caseId, questionId, data: { ...extra, why } });
      }
    },
    out,
  };
}

/** The case's contact person, when their e-mail address belongs to an account. */
async function contactUserId(tx: Tx, contactEmail: string | null): Promise<string | null> {
  const email = contactEmail?.trim().toLowerCase();
  if (!email) return null;
  const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
  return user?.id ?? null;
}

/** question.asked: the case's contact person, the owner's and co-owners' editors, the case's followers. */
export const resolveQuestionAsked: NotificationResolver = async (event, tx) => {
  const q = await tx.question.findFirst({
    where: { id: event.entityId, deletedAt: null, hiddenAt: null },
    select: {
      id: true,
      case: { select: { id: true, contactEmail: true, ownerOrganisationId: true, coOwners: { select: { organisationId: true } } } },
    },
  });
  if (!q) return [];
  const c = q.case;
  const [contact, editors, followers] = await Promise.all([
    contactUserId(tx, c.contactEmail),
    editorsOf(tx, [c.ownerOrganisationId, ...c.coOwners.map((o) => o.organisationId)]),
    caseFollowers(tx, c.id),
  ]);
  const candidates = collect("question", c.id, q.id);
  candidates.add([contact], "contact");
  candidates.add(editors, "owner");
  candidates.add(followers, "follower");
  return candidates.out;
};

/** answer.posted: the asker and the case's followers. */
export const resolveAnswerPosted: NotificationResolver = async (event, tx) => {
  const a = await tx.answer.findFirst({
    where: { id: event.entityId, deletedAt: null, hiddenAt: null, question: { deletedAt: null } },
    select: { id: true, question: { select: { id: true, authorId: true, caseId: true } } },
  });
  if (!a) return [];
  const followers = await caseFollowers(tx, a.question.caseId);
  const candidates = collect("answer", a.question.caseId, a.question.id, { answerId: a.id });
  candidates.add([a.question.authorId], "asker");
  candidates.add(followers, "follower");
  return candidates.out;
};
