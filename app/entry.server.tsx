import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { DocumentContext } from "~/root";
import { resolveLocale } from "~/utils/locale.server";
import { getLogger, safePath } from "~/utils/logger.server";

const httpLog = getLogger("http");

/**
 * Unexpected errors are logged with the URL; thrown Responses (404, 403 ...) are not errors.
 * Remix's own 4xx (a POST to a page without an action: 405) is the client's doing: one line,
 * like the transport's refusals (app/utils/http-guard.server.ts).
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  const path = JSON.stringify(safePath(new URL(request.url).pathname).slice(0, 200)).slice(1, -1);
  if (isRouteErrorResponse(error) && error.status < 500) {
    httpLog.info(`${error.status} ${request.method} ${path}: ${error.statusText}`, { status: error.status, method: request.method, path });
    return;
  }
  httpLog.error(`${request.method} ${path}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, { err: error });
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
