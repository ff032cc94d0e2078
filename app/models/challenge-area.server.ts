import { db, Prisma } from "~/utils/db.server";

export async function listChallengeAreas() {
  return db().challengeArea.findMany({ orderBy: [{ sortOrder: "asc" }, { nameNb: "asc" }] });
}

export async function getChallengeAreaBySlug(slug: string) {
  return db().challengeArea.findUnique({ where: { slug } });
}

export async function getChallengeAreaById(id: string) {
  return db().challengeArea.findUnique({ where: { id } });
}

/** The slug is already used by another area; the form shows this next to the slug field. */
export class ChallengeAreaValidationError extends Error {
  constructor(
    public readonly field: "slug",
    public readonly messageKey: string,
  ) {
    super(`${field}: ${messageKey}`);
  }
}

function slugTaken(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    throw new ChallengeAreaValidationError("slug", "admin:errors.slugTaken");
  }
  throw error;
}

export type ChallengeAreaInput = {
  slug: string;
  nameNb: string;
  nameEn: string;
  descriptionNb: string;
  descriptionEn: string;
  sortOrder: number;
};

/** Throws ChallengeAreaValidationError when the slug is taken. */
export async function createChallengeArea(input: ChallengeAreaInput) {
  return db().challengeArea.create({ data: input }).catch(slugTaken);
}

/**
 * Renaming an area changes search documents of its cases: outbox rows in the same transaction.
 * Throws ChallengeAreaValidationError when the new slug is taken.
 */
export async function updateChallengeArea(id: string, input: ChallengeAreaInput) {
  const update = db().$transaction(async (tx) => {
    const area = await tx.challengeArea.update({ where: { id }, data: input });
    const cases = await tx.caseChallengeArea.findMany({ where: { challengeAreaId: id }, select: { caseId: true } });
    if (cases.length) {
      await tx.searchOutbox.createMany({ data: cases.map((c) => ({ entity: "case", entityId: c.caseId, op: "UPSERT" as const })) });
    }
    return area;
  });
  return update.catch(slugTaken);
}

export function areaName(area: { nameNb: string; nameEn: string }, locale: string) {
  return locale === "en" ? area.nameEn : area.nameNb;
}

export function areaDescription(area: { descriptionNb: string; descriptionEn: string }, locale: string) {
  return locale === "en" ? area.descriptionEn : area.descriptionNb;
}
