/**
 * Reading a case's revision history: pages of revisions with the people behind them, one
 * revision with its snapshot, and the names a snapshot refers to by id. Writing (restore)
 * stays in case.server.ts.
 */
import type { snapshotOf } from "~/models/case.server";
import { db } from "~/utils/db.server";

export type RevisionSnapshot = ReturnType<typeof snapshotOf>;
/** Re-exported so pages and presenters need not import the Prisma client (eslint.config.js). */
export type { RevisionKind } from "~/generated/prisma/client";

const revisionSelect = {
  id: true,
  version: true,
  contentVersion: true,
  kind: true,
  authorId: true,
  contributorIds: true,
  restoredFromId: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} as const;

/** Newest first; ties (same millisecond) broken by id so paging is stable. */
const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/**
 * One page of a case's revisions, newest first, with every contributor's name and the
 * time of each restored-from revision resolved in one query each (not one per row).
 */
export async function listCaseHistory(caseId: string, options: { take: number; skip: number }) {
  const [rows, total] = await Promise.all([
    db().caseRevision.findMany({ where: { caseId }, orderBy: newestFirst, take: options.take, skip: options.skip, select: revisionSelect }),
    db().caseRevision.count({ where: { caseId } }),
  ]);
  const userIds = [...new Set(rows.flatMap((r) => r.contributorIds))];
  const restoredIds = [...new Set(rows.map((r) => r.restoredFromId).filter((id): id is string => !!id))];
  const [users, restoredFrom] = await Promise.all([
    userIds.length ? db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    restoredIds.length
      ? db().caseRevision.findMany({ where: { id: { in: restoredIds }, caseId }, select: { id: true, createdAt: true } })
      : [],
  ]);
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const restoredAt = new Map(restoredFrom.map((r) => [r.id, r.createdAt]));
  return {
    total,
    items: rows.map((r, i) => ({
      ...r,
      // Revisions are numbered 1..total in the order they were written.
      number: total - options.skip - i,
      // Users deleted since are left out; the author (if any) first.
      people: peopleOf(r.author, r.contributorIds, nameOf),
      restoredFrom: r.restoredFromId ? { id: r.restoredFromId, createdAt: restoredAt.get(r.restoredFromId) ?? null } : null,
    })),
  };
}

function peopleOf(author: { id: string; name: string } | null, contributorIds: string[], nameOf: Map<string, string>) {
  const people: Array<{ id: string; name: string }> = author ? [author] : [];
  for (const id of contributorIds) {
    const name = nameOf.get(id);
    if (name && id !== author?.id) people.push({ id, name });
  }
  return people;
}

/** One revision of this case (null for an unknown id or a revision of another case). */
export async function getCaseRevision(caseId: string, revisionId: string) {
  const revision = await db().caseRevision.findFirst({
    where: { id: revisionId, caseId },
    select: { ...revisionSelect, snapshot: true },
  });
  if (!revision) return null;
  const [older, users, restoredFrom] = await Promise.all([
    db().caseRevision.count({
      where: { caseId, OR: [{ createdAt: { lt: revision.createdAt } }, { createdAt: revision.createdAt, id: { lt: revision.id } }] },
    }),
    revision.contributorIds.length
      ? db().user.findMany({ where: { id: { in: revision.contributorIds } }, select: { id: true, name: true } })
      : [],
    revision.restoredFromId
      ? db().caseRevision.findFirst({ where: { id: revision.restoredFromId, caseId }, select: { id: true, createdAt: true } })
      : null,
  ]);
  return {
    ...revision,
    snapshot: revision.snapshot as unknown as RevisionSnapshot,
    number: older + 1,
    people: peopleOf(revision.author, revision.contributorIds, new Map(users.map((u) => [u.id, u.name]))),
    restoredFrom: revision.restoredFromId ? { id: revision.restoredFromId, createdAt: restoredFrom?.createdAt ?? null } : null,
  };
}

export type CaseRevisionDetail = NonNullable<Awaited<ReturnType<typeof getCaseRevision>>>;

/** Names of the organisations and challenge areas a snapshot (and the case now) refer to by id. */
export async function namesForSnapshots(organisationIds: string[], challengeAreaIds: string[]) {
  const [organisations, areas] = await Promise.all([
    db().organisation.findMany({ where: { id: { in: [...new Set(organisationIds)] } }, select: { id: true, name: true } }),
    db().challengeArea.findMany({ where: { id: { in: [...new Set(challengeAreaIds)] } } }),
  ]);
  return { organisations: new Map(organisations.map((o) => [o.id, o.name])), areas: new Map(areas.map((a) => [a.id, a])) };
}
