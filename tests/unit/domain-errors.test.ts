/**
 * Domain errors become the same pages everywhere: the mapping is the one place that knows
 * HTTP, and a wrapped loader throws the mapped Response for the root error boundary.
 */
import { describe, expect, it } from "vitest";
import { CaseNotFound, ConflictError, NotAllowedError, OrganisationNotFound, RevisionNotFound, ValidationError } from "~/models/errors";
import { domainErrorResponse, withDomainErrors } from "~/utils/domain-errors";

describe("domainErrorResponse", () => {
  it.each([
    [new CaseNotFound("some-slug"), 404, "Not Found"],
    [new RevisionNotFound("r1"), 404, "Not Found"],
    [new OrganisationNotFound("o1"), 404, "Not Found"],
    [new NotAllowedError("edit case"), 403, "Forbidden"],
    [new ConflictError("stale version"), 409, "Conflict"],
    [new ValidationError("slug", "admin:errors.slugTaken"), 400, "Bad Request"],
  ])("maps %s to %i", (error, status, statusText) => {
    const response = domainErrorResponse(error);
    expect(response?.status).toBe(status);
    expect(response?.statusText).toBe(statusText);
  });

  it("leaves everything else alone", () => {
    expect(domainErrorResponse(new Error("database down"))).toBeNull();
    expect(domainErrorResponse(new Response("x", { status: 401 }))).toBeNull();
    expect(domainErrorResponse("text")).toBeNull();
  });

  it("never tells a hidden case from a missing one: the error carries no more than the 404", async () => {
    const response = domainErrorResponse(new CaseNotFound("secret-draft"))!;
    expect(await response.text()).toBe("Not found");
  });
});

describe("withDomainErrors", () => {
  it("throws the mapped Response for a domain error", async () => {
    const thrown = await withDomainErrors(async () => {
      throw new CaseNotFound("x");
    }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });

  it("passes results, thrown Responses and unexpected errors through unchanged", async () => {
    expect(await withDomainErrors(async () => 42)).toBe(42);
    const redirect = new Response(null, { status: 302, headers: { Location: "/login" } });
    await expect(
      withDomainErrors(async () => {
        throw redirect;
      }),
    ).rejects.toBe(redirect);
    const bug = new TypeError("boom");
    await expect(
      withDomainErrors(async () => {
        throw bug;
      }),
    ).rejects.toBe(bug);
  });
});
