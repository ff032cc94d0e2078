/**
 * Cases, challenge areas and viewers for the case tests. Organisations and users come from
 * ./factories; everything gets a unique suffix (test files share one database).
 */
import { docToText, SECTION_KEYS, type CaseSections } from "~/editor/sections";
import { createCase, type CaseWithRelations } from "~/models/case.server";
import { presentCaseFormValues } from "~/presenters/case-form.server";
import { createChallengeArea } from "~/models/challenge-area.server";
import type { Viewer } from "~/policies/viewer";
import { CaseInputSchema, type CaseInput } from "~/schemas/case";
import { createOrganisation, createUser, uniqueSuffix } from "./factories";
import { Client } from "./http";

export async function createTestArea() {
  const suffix = uniqueSuffix();
  return createChallengeArea({
    slug: `case-test-area-${suffix}`,
    nameNb: `Saksområde ${suffix}`,
    nameEn: `Case area ${suffix}`,
    descriptionNb: "",
    descriptionEn: "",
    sortOrder: 950,
  });
}

export type Visibility = "DRAFT" | "MEMBERS" | "PUBLIC";
export const VISIBILITY_LEVELS: Visibility[] = ["DRAFT", "MEMBERS", "PUBLIC"];

/** A complete case (sections, contact, numbers) through the real model, validated like a form. */
export async function createFullCase(options: {
  ownerOrganisationId: string;
  challengeAreaIds: string[];
  visibility: Visibility;
  title?: string;
  coOwnerIds?: string[];
  actorId?: string | null;
  contactEmail?: string;
}) {
  const suffix = uniqueSuffix();
  const title = options.title ?? `Testcase ${suffix}`;
  const input = CaseInputSchema.parse({
    title,
    summary: `Sammendrag for ${title}: en løsning som faktisk ble prøvd.`,
    sections: {
      challenge: JSON.stringify({
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: `Utfordringen ${suffix}` }] }],
      }),
      whatWeDid: `Dette gjorde vi ${suffix}.`,
      lessons: `Lærdom ${suffix}.`,
    },
    status: "PILOTING",
    visibility: options.visibility,
    periodStart: "2023-03",
    periodEnd: "2024-06",
    ownerOrganisationId: options.ownerOrganisationId,
    coOwnerIds: options.coOwnerIds ?? [],
    challengeAreaIds: options.challengeAreaIds,
    contactName: `Kari Kontakt ${suffix}`,
    contactRole: "Prosjektleder",
    contactEmail: options.contactEmail ?? `kontakt-${suffix}@example.test`,
    results: [{ indicator: "Sykefravær", unit: "%", baseline: "8,4", result: "6,1", period: "2023" }],
  });
  return createCase(input, options.actorId ?? null);
}

/**
 * One owning organisation with a member, an editor and an admin; a co-owning organisation
 * with an editor; another organisation with a member and an editor; a facilitator.
 */
export async function createCaseWorld() {
  const [owner, coOwner, other] = await Promise.all([createOrganisation(), createOrganisation(), createOrganisation()]);
  const [ownerMember, ownerEditor, ownerAdmin, coOwnerEditor, otherMember, otherEditor, facilitator] = await Promise.all([
    createUser({ memberships: [{ organisationId: owner.id, role: "MEMBER" }] }),
    createUser({ memberships: [{ organisationId: owner.id, role: "EDITOR" }] }),
    createUser({ memberships: [{ organisationId: owner.id, role: "ADMIN" }] }),
    createUser({ memberships: [{ organisationId: coOwner.id, role: "EDITOR" }] }),
    createUser({ memberships: [{ organisationId: other.id, role: "MEMBER" }] }),
    createUser({ memberships: [{ organisationId: other.id, role: "EDITOR" }] }),
    createUser({ platformRole: "FACILITATOR" }),
  ]);
  const area = await createTestArea();
  return {
    owner,
    coOwner,
    other,
    area,
    users: { ownerMember, ownerEditor, ownerAdmin, coOwnerEditor, otherMember, otherEditor, facilitator },
  };
}

export async function loggedIn(user: { email: string; password: string }) {
  const c = new Client();
  await c.login(user.email, user.password);
  return c;
}

export function viewerOf(user: {
  id: string;
  platformRole: Viewer["platformRole"];
  memberships: Array<{ organisationId: string; role: Viewer["memberships"][number]["role"] }>;
}): Viewer {
  return {
    id: user.id,
    platformRole: user.platformRole,
    memberships: user.memberships.map((m) => ({ organisationId: m.organisationId, role: m.role })),
  };
}

/** The fields a browser sends for a filled-in case form (override any). */
export function caseFormFields(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    intent: "save",
    title: `Skjemacase ${uniqueSuffix()}`,
    summary: "Et sammendrag som er langt nok til å bli godtatt.",
    "sections.challenge": "Utfordringen var stor.",
    "sections.whatWeDid": "",
    "sections.method": "",
    "sections.partners": "",
    "sections.results": "",
    "sections.lessons": "",
    status: "IDEA",
    visibility: "PUBLIC",
    periodStart: "",
    periodEnd: "",
    contactName: "",
    contactRole: "",
    contactEmail: "",
    ...overrides,
  };
}

/**
 * What a browser without JavaScript posts for the edit form of `c` left unchanged: the very
 * values the edit page fills in (presentCaseFormValues), with the sections as the plain text the
 * textareas show, plus version and content version; `overrides` on top.
 */
export function editFormFields(c: CaseWithRelations, overrides: Record<string, string | string[]> = {}) {
  const values = presentCaseFormValues(c, "nb");
  const sections = c.sections as unknown as CaseSections;
  const fields: Record<string, string | string[]> = {
    intent: "save",
    version: String(c.version),
    contentVersion: String(c.contentVersion),
    title: values.title,
    summary: values.summary,
    status: values.status,
    visibility: values.visibility,
    periodStart: values.periodStart,
    periodEnd: values.periodEnd,
    ownerOrganisationId: values.ownerOrganisationId,
    coOwnerIds: values.coOwnerIds,
    challengeAreaIds: values.challengeAreaIds,
    contactName: values.contactName,
    contactRole: values.contactRole,
    contactEmail: values.contactEmail,
  };
  for (const k of SECTION_KEYS) fields[`sections.${k}`] = docToText(sections[k]);
  values.results.forEach((row, i) => {
    for (const [field, value] of Object.entries(row)) fields[`results.${i}.${field}`] = value;
  });
  const { reportLinks, ...facts } = values.reuse!;
  Object.assign(fields, facts);
  reportLinks.forEach((l, i) => Object.assign(fields, { [`reportLinks.${i}.title`]: l.title, [`reportLinks.${i}.url`]: l.url }));
  return { ...fields, ...overrides };
}

/** The input that would save `c` unchanged, with `changes` applied (for update tests). */
export function inputFor(c: CaseWithRelations, changes: Record<string, unknown> = {}): CaseInput {
  return CaseInputSchema.parse({
    title: c.title,
    summary: c.summary,
    sections: c.sections,
    status: c.status,
    visibility: c.visibility,
    ownerOrganisationId: c.ownerOrganisationId,
    coOwnerIds: c.coOwners.map((o) => o.organisationId),
    challengeAreaIds: c.challengeAreas.map((a) => a.challengeAreaId),
    contactEmail: c.contactEmail ?? undefined,
    ...changes,
  });
}
