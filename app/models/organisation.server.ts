/**
 * Member organisations. Organisation names, kinds and counties are part of every case's
 * search document, so a change records an "organisation.updated" event in the same
 * transaction as the change itself (the search consumer re-indexes the organisation's cases).
 */
import { SEARCHED_ORGANISATION_FIELDS } from "~/events/registry";
import type { OrganisationInput } from "~/schemas/organisation";
import { db, Prisma } from "~/utils/db.server";
import { slugify } from "./case.server";
import { OrganisationNotFound, ValidationError } from "./errors";
import { recordEvent } from "./events.server";

type Tx = Prisma.TransactionClient;

/** A uniqueness rule was broken; the route shows `messageKey` next to `field`. */
export class OrganisationValidationError extends ValidationError<keyof OrganisationInput> {}

const liveCase = { deletedAt: null } satisfies Prisma.CaseWhereInput;

/** All organisations, alphabetically, with member and (non-deleted) case counts. */
export async function listOrganisations() {
  const rows = await db().organisation.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    include: {
      _count: {
        select: {
          memberships: true,
          ownedCases: { where: liveCase },
          coOwned: { where: { case: liveCase } },
        },
      },
    },
  });
  return rows.map(({ _count, ...org }) => ({
    ...org,
    memberCount: _count.memberships,
    caseCount: _count.ownedCases + _count.coOwned,
  }));
}

export async function getOrganisationById(id: string) {
  return db().organisation.findUnique({ where: { id } });
}

/** The public facts of an organisation by its address (the organisation page, decision 020). */
export async function getOrganisationBySlug(slug: string) {
  return db().organisation.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, kind: true, fylke: true } });
}

export async function countOrganisations() {
  const [total, activeMembers] = await Promise.all([
    db().organisation.count(),
    db().organisation.count({ where: { isActiveMember: true } }),
  ]);
  return { total, activeMembers };
}

async function uniqueOrganisationSlug(tx: Tx, name: string) {
  const base = slugify(name);
  const taken = new Set(
    (await tx.organisation.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((o) => o.slug),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

async function assertOrgNumberFree(tx: Tx, orgNumber: string | null, excludeId?: string) {
  if (!orgNumber) return;
  const other = await tx.organisation.findFirst({
    where: { orgNumber, ...(excludeId ? { id: { not: excludeId } } : {}) },
    select: { id: true },
  });
  if (other) throw new OrganisationValidationError("orgNumber", "admin:errors.orgNumberTaken");
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Two concurrent saves can both pass the org-number check; the unique index then stops
 * the second one. Turn that into the same field error the check would have given.
 */
async function translateUniqueViolation<T>(input: OrganisationInput, excludeId: string | undefined, run: () => Promise<T>) {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error) && input.orgNumber) {
      await assertOrgNumberFree(db(), input.orgNumber, excludeId);
    }
    throw error;
  }
}

function data(input: OrganisationInput) {
  return {
    name: input.name,
    kind: input.kind,
    orgNumber: input.orgNumber,
    kommunenummer: input.kommunenummer,
    fylke: input.fylke,
    isActiveMember: input.isActiveMember,
  };
}

/** Creates an organisation with a slug derived from its name (numbered when taken). */
export async function createOrganisation(input: OrganisationInput) {
  // A slug race (two orgs with the same name at the same moment) is retried once.
  for (let attempt = 0; ; attempt++) {
    try {
      return await translateUniqueViolation(input, undefined, () =>
        db().$transaction(async (tx) => {
          await assertOrgNumberFree(tx, input.orgNumber);
          const slug = await uniqueOrganisationSlug(tx, input.name);
          return tx.organisation.create({ data: { ...data(input), slug } });
        }),
      );
    } catch (error) {
      if (attempt === 0 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** Ids of the non-deleted cases an organisation owns or co-owns. */
async function caseIdsOf(tx: Tx, organisationId: string) {
  const rows = await tx.case.findMany({
    where: {
      ...liveCase,
      OR: [{ ownerOrganisationId: organisationId }, { coOwners: { some: { organisationId } } }],
    },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * Updates an organisation. The slug stays as it was (links keep working). Records an
 * "organisation.updated" event naming the changed fields; when one of them appears in case
 * search documents (name, kind, county), the search consumer re-indexes every case the
 * organisation owns or co-owns. Returns the organisation and how many cases that concerns.
 */
export async function updateOrganisation(id: string, input: OrganisationInput, actorUserId: string | null = null) {
  return translateUniqueViolation(input, id, () =>
    db().$transaction(async (tx) => {
      const locked = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Organisation" WHERE id = ${id} FOR UPDATE`;
      if (!locked.length) throw new OrganisationNotFound(id);
      await assertOrgNumberFree(tx, input.orgNumber, id);
      const before = await tx.organisation.findUniqueOrThrow({ where: { id } });
      const next = data(input);
      const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => (before[k] ?? null) !== (next[k] ?? null));
      const organisation = await tx.organisation.update({ where: { id }, data: next });
      if (changed.length)
        await recordEvent(tx, { type: "organisation.updated", entity: "organisation", entityId: id, actorUserId, payload: { changed } });
      const searchRelevant = changed.some((f) => (SEARCHED_ORGANISATION_FIELDS as readonly string[]).includes(f));
      const queued = searchRelevant ? (await caseIdsOf(tx, id)).length : 0;
      return { organisation, queued };
    }),
  );
}
