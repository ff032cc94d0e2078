/**
 * Challenge areas and cases for the front-page, area and admin tests. Organisations and
 * users come from ./factories. Every record gets a unique suffix (tests run in parallel
 * against one database that may also hold demo data).
 */
import { createCase } from "~/models/case.server";
import { CaseInputSchema } from "~/schemas/case";
import { db } from "~/utils/db.server";
import { uniqueSuffix } from "./factories";
import { Client } from "./http";

export async function createArea(overrides: { sortOrder?: number } = {}) {
  const suffix = uniqueSuffix();
  return db().challengeArea.create({
    data: {
      slug: `testomrade-${suffix}`,
      nameNb: `Testområde ${suffix}`,
      nameEn: `Test area ${suffix}`,
      descriptionNb: `Beskrivelse av testområde ${suffix}.`,
      descriptionEn: `Description of test area ${suffix}.`,
      sortOrder: overrides.sortOrder ?? 900,
    },
  });
}

/** A case through the real model (row + revision + outbox), validated like a form submission. */
export async function createTestCase(options: {
  ownerOrganisationId: string;
  challengeAreaIds: string[];
  visibility: "DRAFT" | "MEMBERS" | "PUBLIC";
  title?: string;
  coOwnerIds?: string[];
  status?: "IDEA" | "PILOTING" | "IMPLEMENTED" | "SCALED" | "DISCONTINUED";
  contentLanguage?: "nb" | "nn" | "en";
}) {
  const title = options.title ?? `Testcase ${uniqueSuffix()}`;
  const input = CaseInputSchema.parse({
    title,
    summary: `Et sammendrag for ${title}, langt nok til å være gyldig.`,
    sections: { challenge: "Utfordringen.", whatWeDid: "Det vi gjorde." },
    status: options.status ?? "PILOTING",
    visibility: options.visibility,
    ownerOrganisationId: options.ownerOrganisationId,
    coOwnerIds: options.coOwnerIds ?? [],
    challengeAreaIds: options.challengeAreaIds,
    contentLanguage: options.contentLanguage,
  });
  return createCase(input, null);
}

/**
 * Makes cases the newest on the front page for the rest of the run, whatever other test files
 * create meanwhile: the front page lists the six most recently updated cases a viewer may see,
 * so a test that expects its own case there gives it an updatedAt a year ahead. Use it for at
 * most a couple of cases per viewer (no other file relies on the front page's cards).
 */
export async function pinToFrontPage(caseIds: string[]) {
  await db().case.updateMany({ where: { id: { in: caseIds } }, data: { updatedAt: new Date(Date.now() + 365 * 24 * 3600 * 1000) } });
}

/** A browser that is logged in as the given user (through the real login form). */
export async function loggedInClient(user: { email: string; password: string }) {
  const c = new Client();
  await c.login(user.email, user.password);
  return c;
}

/** The number shown next to an area link (`data-count`), or null when the area is not listed. */
export function areaCount(html: string, slug: string): number | null {
  const m = new RegExp(`href="/areas/${slug}"[^>]*>(?:(?!</a>)[\\s\\S])*?data-count="(\\d+)"`).exec(html);
  return m ? Number(m[1]) : null;
}

/** How many case cards a page shows. */
export function cardCount(html: string) {
  return (html.match(/class="ds-card case-card"/g) ?? []).length;
}
