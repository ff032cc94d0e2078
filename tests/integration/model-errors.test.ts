/**
 * Models say what went wrong as domain errors (app/models/errors.ts), never as HTTP
 * Responses: a CLI, the live server or an API can then answer in its own way. The pages
 * turn them into the same 404/403 as before (tests/integration/case-pages.test.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { CaseConflictError, createCase, deleteCase, listRevisions, restoreRevision, updateCase } from "~/models/case.server";
import { createChallengeArea, updateChallengeArea } from "~/models/challenge-area.server";
import {
  CaseNotFound,
  ConflictError,
  NotFoundError,
  DomainError,
  NotAllowedError,
  OrganisationNotFound,
  RevisionNotFound,
  ValidationError,
} from "~/models/errors";
import { updateOrganisation } from "~/models/organisation.server";
import { requireDeletableCase, requireEditableCase, requireViewableCase } from "~/utils/case-access.server";
import { createCaseWorld, createFullCase, createTestArea, inputFor, viewerOf } from "../support/case-factories";
import { uniqueSuffix } from "../support/factories";

let world: Awaited<ReturnType<typeof createCaseWorld>>;

beforeAll(async () => {
  world = await createCaseWorld();
});

/** What a call threw; fails the test when it did not throw. */
async function thrown(p: Promise<unknown>) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected a throw").not.toBeNull();
  expect(error).not.toBeInstanceOf(Response);
  expect(error).toBeInstanceOf(DomainError);
  return error;
}

describe("case model errors", () => {
  it("writing to a deleted case throws CaseNotFound (update, restore, delete again)", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" });
    const [first] = await listRevisions(c.id);
    await deleteCase(c.id, null);
    expect(await thrown(updateCase(c.id, inputFor(c), null, 2))).toBeInstanceOf(CaseNotFound);
    expect(await thrown(restoreRevision(c.id, first!.id, null))).toBeInstanceOf(CaseNotFound);
    expect(await thrown(deleteCase(c.id, null))).toBeInstanceOf(CaseNotFound);
  });

  it("restoring a revision of another case throws RevisionNotFound", async () => {
    const [a, b] = await Promise.all([
      createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" }),
      createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" }),
    ]);
    const [ofB] = await listRevisions(b.id);
    expect(await thrown(restoreRevision(a.id, ofB!.id, null))).toBeInstanceOf(RevisionNotFound);
  });

  it("a stale version is a ConflictError, an unknown organisation a ValidationError with its field", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" });
    await updateCase(c.id, inputFor(c), null, 1);
    const stale = await thrown(updateCase(c.id, inputFor(c), null, 1));
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale).toBeInstanceOf(CaseConflictError);
    const invalid = await thrown(createCase({ ...inputFor(c), ownerOrganisationId: "no-such-organisation" }, null));
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as ValidationError).field).toBe("ownerOrganisationId");
  });
});

describe("access checks on a case", () => {
  it("hidden and missing are the same CaseNotFound; readable but not editable is NotAllowedError", async () => {
    const draft = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "DRAFT" });
    const members = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "MEMBERS" });
    const outsider = viewerOf(world.users.otherEditor);
    expect(await thrown(requireViewableCase(draft.slug, outsider))).toBeInstanceOf(CaseNotFound);
    expect(await thrown(requireViewableCase(`missing-${uniqueSuffix()}`, null))).toBeInstanceOf(CaseNotFound);
    expect(await thrown(requireEditableCase(members.slug, outsider))).toBeInstanceOf(NotAllowedError);
    expect(await thrown(requireDeletableCase(members.slug, viewerOf(world.users.ownerEditor)))).toBeInstanceOf(NotAllowedError);
    expect((await requireEditableCase(members.slug, viewerOf(world.users.ownerEditor))).id).toBe(members.id);
  });
});

describe("organisation and challenge area errors", () => {
  it("updating an organisation that does not exist throws OrganisationNotFound", async () => {
    const error = await thrown(
      updateOrganisation(`missing-${uniqueSuffix()}`, {
        name: "Ingen",
        kind: "KOMMUNE",
        orgNumber: null,
        kommunenummer: null,
        fylke: null,
        isActiveMember: true,
      }),
    );
    expect(error).toBeInstanceOf(OrganisationNotFound);
  });

  it("a taken area slug is a ValidationError on the slug field", async () => {
    const area = await createTestArea();
    const error = await thrown(
      createChallengeArea({ slug: area.slug, nameNb: "Kopi", nameEn: "Copy", descriptionNb: "", descriptionEn: "", sortOrder: 951 }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe("slug");
  });

  it("renaming an area that is gone is a NotFoundError, not a database error", async () => {
    const input = { slug: "finnes-ikke-lenger", nameNb: "Borte", nameEn: "Gone", descriptionNb: "", descriptionEn: "", sortOrder: 952 };
    const error = await thrown(updateChallengeArea("no-such-area-id", input));
    expect(error).toBeInstanceOf(NotFoundError);
  });
});
