/**
 * What a model (or an access check built on one) says when it cannot do what was asked.
 * Models throw these, never HTTP Responses: what an error means to its audience is the
 * caller's business - pages map them once in app/utils/domain-errors.ts (404, 403,
 * 409, 400), a CLI prints them, the live server closes a socket.
 */

export abstract class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing does not exist, is deleted, or is hidden from the viewer (never told apart). */
export class NotFoundError extends DomainError {
  constructor(
    readonly entity: string,
    readonly id?: string | null,
  ) {
    super(id ? `${entity} ${id} not found` : `${entity} not found`);
  }
}

export class CaseNotFound extends NotFoundError {
  constructor(idOrSlug?: string | null) {
    super("case", idOrSlug);
  }
}

/** A revision that does not exist or belongs to another case. */
export class RevisionNotFound extends NotFoundError {
  constructor(revisionId?: string | null) {
    super("revision", revisionId);
  }
}

export class OrganisationNotFound extends NotFoundError {
  constructor(id?: string | null) {
    super("organisation", id);
  }
}

/** The actor may see the thing but not do this to it (a policy said no). */
export class NotAllowedError extends DomainError {
  constructor(readonly action: string) {
    super(`not allowed: ${action}`);
  }
}

/** The actor did this too often lately; allowed again at `retryAt`. */
export class RateLimitedError extends DomainError {
  constructor(
    readonly action: string,
    readonly retryAt: Date,
  ) {
    super(`rate limited: ${action} until ${retryAt.toISOString()}`);
  }
}

/** Someone else changed the thing since the caller read it (stale version). */
export class ConflictError extends DomainError {}

/**
 * The input breaks a rule only the model can check (a taken slug, an unknown area).
 * `messageKey` is a translation key the form shows next to `field`.
 */
export class ValidationError<Field extends string = string> extends DomainError {
  constructor(
    readonly field: Field,
    readonly messageKey: string,
  ) {
    super(`${field}: ${messageKey}`);
  }
}
