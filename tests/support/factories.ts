/**
 * Test data made through the database directly (never through demo data). Every record gets
 * a random suffix so test files can run in parallel against one database.
 * Extend freely; keep the defaults generic.
 */
import crypto from "node:crypto";
import type { MembershipRole, PlatformRole } from "~/policies/viewer";
import { db, type Prisma } from "~/utils/db.server";
import type { AppLocale } from "~/utils/i18n";
import { hashPassword } from "~/utils/password.server";

export function uniqueSuffix() {
  return crypto.randomBytes(5).toString("hex");
}

/** A unique, clearly fake address (example.test is reserved and never delivers). */
export function uniqueEmail(prefix = "user") {
  return `${prefix}-${uniqueSuffix()}@example.test`;
}

export const DEFAULT_PASSWORD = "korrekt-hest-batteri-stift";

export async function createOrganisation(overrides: Partial<Prisma.OrganisationUncheckedCreateInput> = {}) {
  const suffix = uniqueSuffix();
  return db().organisation.create({
    data: { slug: `testkommune-${suffix}`, name: `Testkommune ${suffix}`, kind: "KOMMUNE", ...overrides },
  });
}

export interface CreateUserOptions {
  email?: string;
  name?: string;
  jobTitle?: string | null;
  locale?: AppLocale;
  /** Plain-text password; null creates a user who cannot log in. */
  password?: string | null;
  platformRole?: PlatformRole;
  memberships?: Array<{ organisationId: string; role?: MembershipRole }>;
}

/** A user (with memberships); the plain password is returned alongside for logging in. */
export async function createUser(options: CreateUserOptions = {}) {
  const password = options.password === undefined ? DEFAULT_PASSWORD : options.password;
  const suffix = uniqueSuffix();
  const user = await db().user.create({
    data: {
      email: (options.email ?? `user-${suffix}@example.test`).toLowerCase(),
      name: options.name ?? `Test Testesen ${suffix}`,
      jobTitle: options.jobTitle ?? null,
      locale: options.locale ?? "nb",
      passwordHash: password === null ? null : await hashPassword(password),
      platformRole: options.platformRole ?? "USER",
      memberships: {
        create: (options.memberships ?? []).map((m) => ({ organisationId: m.organisationId, role: m.role ?? "MEMBER" })),
      },
    },
    include: { memberships: true },
  });
  return { ...user, password: password ?? "" };
}
