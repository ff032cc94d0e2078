import type { HeadersFunction } from "@remix-run/node";

/**
 * A route's `headers` export for actions that may answer 429: document responses only carry
 * the headers a route passes on, so Retry-After is copied from the action's response.
 */
export const keepRetryAfter: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
