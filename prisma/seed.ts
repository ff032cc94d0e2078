/**
 * Demo data for an empty database: organisations, users for every role, the challenge
 * area taxonomy and cases (written through createCase, so every case has its first
 * revision and a search-outbox row like any real one). Data: prisma/seed-data/.
 *
 * Everything is written in ONE transaction guarded by an advisory lock, so two processes
 * starting at once cannot both seed, and a crash half-way leaves the database empty
 * (the next start simply tries again).
 */
import { createCase } from "~/models/case.server";
import { linkAdaptation } from "~/models/case-adapt.server";
import { CaseInputSchema } from "~/schemas/case";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { cases, challengeAreas, organisations, users } from "./seed-data";
import { reuseFacts } from "./seed-data/reuse-facts";

export const DEMO_PASSWORD = "demo-passord-2026";

// Any constant works; it only has to differ from the migration runner's lock id.
const SEED_LOCK_ID = 4242_2026;

export interface SeedResult {
  seeded: boolean;
  logins: Array<{ email: string; role: string }>;
}

export async function seedIfEmpty({ log }: { log: (line: string) => void }): Promise<SeedResult> {
  const prisma = db();
  if ((await prisma.organisation.count()) > 0) return { seeded: false, logins: [] };

  // Hashing is deliberately slow; do it before the transaction so it stays short.
  const hashes = await Promise.all(users.map(() => hashPassword(DEMO_PASSWORD)));

  const seeded = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_ID})`;
      if ((await tx.organisation.count()) > 0) return false; // another process won the race

      const orgIds = new Map<string, string>();
      for (const o of organisations) {
        const row = await tx.organisation.create({ data: { ...o, orgNumber: null } });
        orgIds.set(o.slug, row.id);
      }

      const areaIds = new Map<string, string>();
      for (const [sortOrder, a] of challengeAreas.entries()) {
        const row = await tx.challengeArea.create({ data: { ...a, sortOrder: (sortOrder + 1) * 10 } });
        areaIds.set(a.slug, row.id);
      }

      const userIds = new Map<string, string>();
      for (const [i, u] of users.entries()) {
        const row = await tx.user.create({
          data: {
            email: u.email,
            name: u.name,
            jobTitle: u.jobTitle,
            locale: u.locale,
            platformRole: u.platformRole,
            passwordHash: hashes[i],
            memberships: { create: u.memberships.map((m) => ({ organisationId: need(orgIds, m.organisation, u.email), role: m.role })) },
          },
        });
        userIds.set(u.email, row.id);
      }

      const caseIds = new Map<string, string>();
      for (const c of cases) {
        const input = CaseInputSchema.parse({
          title: c.title,
          summary: c.summary,
          sections: c.sections,
          status: c.status,
          visibility: c.visibility,
          contentLanguage: c.language,
          periodStart: c.periodStart ?? undefined,
          periodEnd: c.periodEnd ?? undefined,
          ownerOrganisationId: need(orgIds, c.owner, c.title),
          coOwnerIds: c.coOwners.map((slug) => need(orgIds, slug, c.title)),
          challengeAreaIds: c.areas.map((slug) => need(areaIds, slug, c.title)),
          contactName: c.contact?.name,
          contactRole: c.contact?.role,
          contactEmail: c.contact?.email,
          results: c.results.map((r) => ({ ...r, baseline: r.baseline ?? undefined, result: r.result ?? undefined })),
          ...reuseFacts[c.title],
        });
        const author = c.createdBy ? need(userIds, c.createdBy, c.title) : null;
        const created = await createCase(input, author, { tx });
        caseIds.set(c.title, created.id);
        if (c.adaptedFrom) await linkAdaptation(tx, created.id, need(caseIds, c.adaptedFrom, c.title), author, c.whatWeChanged);
      }
      return true;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );

  if (!seeded) return { seeded: false, logins: [] };
  log(
    `Seeded ${organisations.length} organisations, ${users.length} users, ${challengeAreas.length} challenge areas and ${cases.length} cases.`,
  );
  return { seeded: true, logins: users.map((u) => ({ email: u.email, role: u.description })) };
}

function need(map: Map<string, string>, key: string, where: string) {
  const id = map.get(key);
  if (!id) throw new Error(`Seed data error in "${where}": unknown reference "${key}"`);
  return id;
}
