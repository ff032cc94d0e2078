/**
 * The one place where domain errors (app/models/errors.ts) become HTTP responses for pages.
 * Route loaders and actions run their work through `withDomainErrors`; what it throws is
 * mapped here and rendered by the root ErrorBoundary (ErrorPanel) in the reader's language.
 * Errors that are no domain error pass through unchanged (a thrown Response or redirect
 * stays what it is; an unexpected error is still logged and becomes a 500).
 */
import { ConflictError, NotAllowedError, NotFoundError, RateLimitedError, ValidationError } from "~/models/errors";

/** The response a page gives for a domain error, or null for anything else. */
export function domainErrorResponse(error: unknown): Response | null {
  // Hidden and missing look the same (a 404), so nothing can be probed.
  if (error instanceof NotFoundError) return new Response("Not found", { status: 404, statusText: "Not Found" });
  if (error instanceof NotAllowedError) return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  if (error instanceof ConflictError) return new Response("Conflict", { status: 409, statusText: "Conflict" });
  if (error instanceof RateLimitedError) {
    const seconds = Math.max(1, Math.ceil((error.retryAt.getTime() - Date.now()) / 1000));
    return new Response("Too Many Requests", { status: 429, statusText: "Too Many Requests", headers: { "Retry-After": String(seconds) } });
  }
  // Forms catch their field errors and answer 400 with the values; one that reaches here is a bad request.
  if (error instanceof ValidationError) return new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  return null;
}

/**
 * Runs a loader's or action's work; a domain error it throws is thrown on as its response:
 *
 *   export async function loader({ request }: LoaderFunctionArgs) {
 *     return withDomainErrors(async () => { ... });
 *   }
 *
 * Called inside the exported function, never around it: `export const loader = wrap(...)` is
 * a module side effect, so the browser bundle would keep the loader and everything it
 * imports (Remix prunes server code only from exports it can drop; "Module Constraints").
 */
export async function withDomainErrors<Result>(work: () => Promise<Result>): Promise<Result> {
  try {
    return await work();
  } catch (error) {
    throw domainErrorResponse(error) ?? error;
  }
}
