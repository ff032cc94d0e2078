import { db } from "~/utils/db.server";

export async function listChallengeAreas() {
  return db().challengeArea.findMany({ orderBy: [{ sortOrder: "asc" }, { nameNb: "asc" }] });
}

export async function getChallengeAreaBySlug(slug: string) {
  return db().challengeArea.findUnique({ where: { slug } });
}

export type ChallengeAreaInput = {
  slug: string;
  nameNb: string;
  nameEn: string;
  descriptionNb: string;
  descriptionEn: string;
  sortOrder: number;
};

export async function createChallengeArea(input: ChallengeAreaInput) {
  return db().challengeArea.create({ data: input });
}

/** Renaming an area changes search documents of its cases: outbox rows in the same transaction. */
export async function updateChallengeArea(id: string, input: ChallengeAreaInput) {
  return db().$transaction(async (tx) => {
    const area = await tx.challengeArea.update({ where: { id }, data: input });
    const cases = await tx.caseChallengeArea.findMany({ where: { challengeAreaId: id }, select: { caseId: true } });
    if (cases.length) {
      await tx.searchOutbox.createMany({ data: cases.map((c) => ({ entity: "case", entityId: c.caseId, op: "UPSERT" as const })) });
    }
    return area;
  });
}

export function areaName(area: { nameNb: string; nameEn: string }, locale: string) {
  return locale === "en" ? area.nameEn : area.nameNb;
}

export function areaDescription(area: { descriptionNb: string; descriptionEn: string }, locale: string) {
  return locale === "en" ? area.descriptionEn : area.descriptionNb;
}
