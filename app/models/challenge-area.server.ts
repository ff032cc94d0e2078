import { onDomainEvent, onEventStreamResync } from "~/utils/domain-events.server";
import { db, Prisma } from "~/utils/db.server";
import { NotFoundError, ValidationError } from "./errors";
import { recordEvent } from "./events.server";

export async function listChallengeAreas() {
  return db().challengeArea.findMany({ orderBy: [{ sortOrder: "asc" }, { nameNb: "asc" }] });
}

type ChallengeAreaList = Awaited<ReturnType<typeof listChallengeAreas>>;

/**
 * How long a process may reuse the area list for search pages. Areas are a handful of rows
 * that change a few times a year, but the search page needs their names and order on every
 * keystroke. Every change records "challenge_areas.changed"; each process (this one too)
 * drops its copy when that event arrives through LISTEN domain_events, and after the
 * listener reconnected. The age limit is only a safety net for a process without a listener
 * (scripts). Nothing about visibility depends on it (docs/decisions/008-search-latency.md).
 */
const CHALLENGE_AREA_CACHE_MS = 30_000;
let areaCache: { at: number; areas: Promise<ChallengeAreaList> } | null = null;

function forgetChallengeAreas() {
  areaCache = null;
}

onDomainEvent((event) => {
  if (event.type === "challenge_areas.changed") forgetChallengeAreas();
});
onEventStreamResync(forgetChallengeAreas);

/**
 * listChallengeAreas() for the search page, from an in-process copy of at most
 * CHALLENGE_AREA_CACHE_MS. `mustKnow`: slugs the caller is about to show (from search hits
 * and facets); if one is missing - an area created by another process - the list is
 * read again instead of leaving that area out.
 */
export async function listChallengeAreasForSearch(mustKnow: Iterable<string> = []): Promise<ChallengeAreaList> {
  const now = Date.now();
  if (!areaCache || now - areaCache.at > CHALLENGE_AREA_CACHE_MS) {
    const entry = { at: now, areas: listChallengeAreas() };
    areaCache = entry;
    entry.areas.catch(() => {
      if (areaCache === entry) areaCache = null;
    });
    return entry.areas;
  }
  const areas = await areaCache.areas;
  const known = new Set(areas.map((a) => a.slug));
  for (const slug of mustKnow) {
    if (!known.has(slug)) {
      forgetChallengeAreas();
      return listChallengeAreasForSearch();
    }
  }
  return areas;
}

export async function getChallengeAreaBySlug(slug: string) {
  return db().challengeArea.findUnique({ where: { slug } });
}

export async function getChallengeAreaById(id: string) {
  return db().challengeArea.findUnique({ where: { id } });
}

/** The slug is already used by another area; the form shows this next to the slug field. */
export class ChallengeAreaValidationError extends ValidationError<"slug"> {}

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
export async function createChallengeArea(input: ChallengeAreaInput, actorUserId: string | null = null) {
  const create = db().$transaction(async (tx) => {
    const area = await tx.challengeArea.create({ data: input });
    await recordEvent(tx, { type: "challenge_areas.changed", entity: "challenge_area", entityId: area.id, actorUserId });
    return area;
  });
  const area = await create.catch(slugTaken);
  forgetChallengeAreas();
  return area;
}

/**
 * Renaming an area changes the search documents of its cases: the "challenge_areas.changed"
 * event in the same transaction has the search consumer re-index them.
 * Throws ChallengeAreaValidationError when the new slug is taken, NotFoundError when the area
 * is gone (e.g. deleted between the page's read and this write).
 */
export async function updateChallengeArea(id: string, input: ChallengeAreaInput, actorUserId: string | null = null) {
  const update = db().$transaction(async (tx) => {
    const area = await tx.challengeArea.update({ where: { id }, data: input });
    await recordEvent(tx, { type: "challenge_areas.changed", entity: "challenge_area", entityId: id, actorUserId });
    return area;
  });
  const area = await update.catch((error: unknown) => {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") throw new NotFoundError("challenge_area", id);
    return slugTaken(error);
  });
  forgetChallengeAreas();
  return area;
}

export function areaName(area: { nameNb: string; nameEn: string }, locale: string) {
  return locale === "en" ? area.nameEn : area.nameNb;
}

export function areaDescription(area: { descriptionNb: string; descriptionEn: string }, locale: string) {
  return locale === "en" ? area.descriptionEn : area.descriptionNb;
}
