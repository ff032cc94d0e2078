import type http from "node:http";
import type { AppLoadContext } from "@remix-run/node";

/**
 * The client's address, one rule for pages (server/app.ts puts it into the load context) and
 * for the live-editing socket (server/collab.ts): with TRUST_PROXY the left-most
 * X-Forwarded-For entry (as Express's `trust proxy: true` would), unless it is absurdly long;
 * otherwise, and without the header, the socket's peer.
 */
export function clientAddress(request: Pick<http.IncomingMessage, "headers" | "socket">, trustProxy: boolean): string {
  if (trustProxy) {
    const header = request.headers["x-forwarded-for"];
    const first = (Array.isArray(header) ? header[0] : header)?.split(",")[0]?.trim();
    if (first && first.length <= 100) return first;
  }
  return request.socket?.remoteAddress ?? "unknown";
}

/** The client's IP as server/app.ts puts it into the load context (clientAddress above). */
export function clientIp(context: AppLoadContext): string {
  const ip = (context as { clientIp?: unknown }).clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}
