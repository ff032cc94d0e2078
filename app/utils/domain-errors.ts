/**
 * The one place where domain errors (app/models/errors.ts) become HTTP responses for pages.
 * Route loaders and actions are wrapped in `withDomainErrors`; what they throw is mapped
 * here and rendered by the root ErrorBoundary (ErrorPanel) in the reader's language.
 * Errors that are no domain error pass through unchanged (a thrown Response or redirect
 * stays what it is; an unexpected error is still logged and becomes a 500).
 *
 * Not a `.server` module on purpose: routes call `withDomainErrors(...)` at module top level,
 * and the browser bundle keeps that call (esbuild cannot prove it pure) - from an emptied
 * `.server` module it would throw on load and no page would hydrate. Nothing here is secret.
 */
import { ConflictError, NotAllowedError, NotFoundError, ValidationError } from "~/models/errors";

/** The response a page gives for a domain error, or null for anything else. */
export function domainErrorResponse(error: unknown): Response | null {
  // Hidden and missing look the same (a 404), so nothing can be probed.
  if (error instanceof NotFoundError) return new Response("Not found", { status: 404, statusText: "Not Found" });
  if (error instanceof NotAllowedError) return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  if (error instanceof ConflictError) return new Response("Conflict", { status: 409, statusText: "Conflict" });
  // Forms catch their field errors and answer 400 with the values; one that reaches here is a bad request.
  if (error instanceof ValidationError) return new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  return null;
}

/** Wraps a loader or action: a domain error it throws is thrown on as its response. */
export function withDomainErrors<Args extends unknown[], Result>(fn: (...args: Args) => Promise<Result>) {
  return async (...args: Args): Promise<Result> => {
    try {
      return await fn(...args);
    } catch (error) {
      throw domainErrorResponse(error) ?? error;
    }
  };
}
