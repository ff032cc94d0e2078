/**
 * The door to live co-editing (issue 10, faults 1 and 6): every WebSocket upgrade request
 * passes here before any library sees it. Nothing in here may throw or leave a promise
 * rejected - the `upgrade` event has no error handling of its own, so one bad request would
 * end the process. Every refusal is a plain HTTP status line on the raw socket and one log line.
 *
 * - Path: the request target is compared as a string (never parsed: `GET http://[ HTTP/1.1`
 *   made `new URL` throw); only /collab (with or without a query) is accepted.
 * - Origin: exactly APP_URL's origin, never derived from the Host header (DNS rebinding).
 * - Per address: at most `maxPerAddress` open sockets (the address is clientAddress() of
 *   app/utils/client-ip.server.ts, the same rule the HTTP side uses).
 * - The socket gets an error listener first, so a reset during the handshake is harmless.
 */
import http from "node:http";
import type { Duplex } from "node:stream";
import { safePath } from "~/utils/logger.server";

export const COLLAB_PATH = "/collab";

/** Origins the collaboration socket accepts: only the configured app URL's. */
export function isAllowedOrigin(origin: string | undefined, appUrl: string) {
  if (!origin || typeof origin !== "string") return false;
  try {
    return origin === new URL(appUrl).origin;
  } catch {
    return false;
  }
}

/** The path of a request target, without parsing it as a URL. */
export function targetPath(target: string | undefined) {
  const raw = typeof target === "string" ? target : "";
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

/** Answers an upgrade request with a status and closes the socket (destroyed after 2 s if the peer lingers). */
export function refuseUpgrade(socket: Duplex, status: number, extraHeaders: string[] = []) {
  try {
    if (socket.destroyed) return;
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const body = `${status} ${http.STATUS_CODES[status] ?? ""}\n`;
    socket.end(
      [
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? "Error"}`,
        "Connection: close",
        "Content-Type: text/plain; charset=utf-8",
        `Content-Length: ${Buffer.byteLength(body)}`,
        "Cache-Control: no-store",
        ...extraHeaders,
        "",
        body,
      ].join("\r\n"),
    );
    const timer = setTimeout(() => socket.destroy(), 2000);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  } catch {
    socket.destroy();
  }
}

/** Counts open sockets per address. */
export class AddressCounter {
  private counts = new Map<string, number>();
  constructor(private readonly max: number) {}
  /** Takes a slot for `address` until the socket closes; false when the address is at its limit. */
  take(address: string, socket: Duplex): boolean {
    const n = this.counts.get(address) ?? 0;
    if (n >= this.max) return false;
    this.counts.set(address, n + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(address) ?? 1) - 1;
      if (left <= 0) this.counts.delete(address);
      else this.counts.set(address, left);
    };
    socket.once("close", release);
    if (socket.destroyed) release();
    return true;
  }
  count(address: string) {
    return this.counts.get(address) ?? 0;
  }
}

/** One line for the log: never the raw target or header values unescaped (they may hold control characters), no query string. */
export function describeForLog(request: http.IncomingMessage, address: string) {
  const target = JSON.stringify(safePath(String(request.url ?? "")).slice(0, 120));
  return `${address} ${target}`;
}
