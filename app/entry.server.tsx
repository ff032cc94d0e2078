import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { DocumentContext } from "~/root";
import { resolveLocale } from "~/utils/locale.server";

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
  loadContext: AppLoadContext,
) {
  // The Content-Security-Policy's per-request nonce (server/app.ts): Remix's inline scripts carry it.
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : undefined;
  const markup = renderToString(
    <DocumentContext.Provider value={{ nonce, locale: resolveLocale(request) }}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </DocumentContext.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${markup}`, { headers: responseHeaders, status: responseStatusCode });
}
