import type { ActionFunctionArgs, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";

/** Unexpected errors are logged with the URL; thrown Responses (404, 403 ...) are not errors. */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  console.error(`[error] ${request.method} ${new URL(request.url).pathname}:`, error);
}

/**
 * Pages are rendered to one string. No route defers data or suspends, so streaming would send
 * the same bytes in the same order, only through more machinery (React's pipeable stream ->
 * Node PassThrough -> web ReadableStream -> Express), which showed up in the search page's
 * CPU profile (docs/decisions/008). A route that starts using `defer` needs
 * renderToPipeableStream back.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const markup = renderToString(<RemixServer context={remixContext} url={request.url} />);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${markup}`, { headers: responseHeaders, status: responseStatusCode });
}
