/**
 * The HTTP transport's guard rails (used by server/app.ts, before anything reaches Remix).
 *
 * Whatever a client sends that is malformed, too large, too slow or of a kind no page of
 * ours produces is the client's fault: it gets a 4xx with a short translated page and
 * costs one log line (no stack trace). Only our own bugs are 5xx.
 *
 * - methods: GET, HEAD, POST (OPTIONS answers 204 with Allow); anything else 405
 * - Host: must be a syntactically valid host[:port] (it is never used to build URLs:
 *   the app's URL is APP_URL, so a rebound DNS name or a garbage Host changes nothing)
 * - URL: origin-form only, at most HTTP_MAX_URL_LENGTH (414), decodable path, no NUL,
 *   no dot segments
 * - POST bodies: application/x-www-form-urlencoded or multipart/form-data only (415), no
 *   Content-Encoding, read here up to a limit (413 as soon as Content-Length or the bytes
 *   counted so far exceed it), no NUL; GET/HEAD carry none
 * - security headers: a per-request CSP nonce, HSTS when APP_URL is https, Permissions-Policy
 * - timeouts and malformed request lines / header blocks: see configureServer()
 */
import { createRequestHandler as createRemixRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import type express from "express";
import crypto from "node:crypto";
import fs from "node:fs";
import type http from "node:http";
import { createRequire } from "node:module";
import type net from "node:net";
import path from "node:path";
import enCommon from "~/locales/en/common";
import nbCommon from "~/locales/nb/common";
import type { Env } from "~/utils/env.server";
import { errorCopy } from "~/utils/error-copy";
import { formatBytes, formMediaType, parseCookieHeader } from "~/utils/http.server";
import { LOCALE_COOKIE } from "~/utils/i18n";
import { getLogger, safePath, type LogFields } from "~/utils/logger.server";

export interface HttpLimits {
  /** Largest request body for forms of signed-in pages. */
  maxBodyBytes: number;
  /** Largest request body for the forms anyone can post (login, passwords, invitations, language). */
  maxPublicBodyBytes: number;
  maxUrlLength: number;
  maxHeaderBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export function limitsFromEnv(env: Env): HttpLimits {
  return {
    maxBodyBytes: env.HTTP_MAX_BODY_BYTES,
    maxPublicBodyBytes: env.HTTP_MAX_PUBLIC_BODY_BYTES,
    maxUrlLength: env.HTTP_MAX_URL_LENGTH,
    maxHeaderBytes: env.HTTP_MAX_HEADER_BYTES,
    headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
  };
}

export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "OPTIONS"] as const;
/** Forms that anyone can post get the small body limit (React Router matches paths case-insensitively). */
const PUBLIC_FORM_PATH = /^\/(login|logout|language|forgot-password|reset-password(\/|$)|invite(\/|$))/i;

// ---------------------------------------------------------------------------------------------
// Error pages and the log line

type ErrorKey =
  | "badRequest"
  | "methodNotAllowed"
  | "payloadTooLarge"
  | "uriTooLong"
  | "unsupportedMediaType"
  | "headersTooLarge"
  | "timeout"
  | "unexpected";

const STATUS_KEY: Record<number, ErrorKey> = {
  400: "badRequest",
  405: "methodNotAllowed",
  408: "timeout",
  413: "payloadTooLarge",
  414: "uriTooLong",
  415: "unsupportedMediaType",
  431: "headersTooLarge",
  500: "unexpected",
};

export const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  405: "Method Not Allowed",
  408: "Request Timeout",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
};

/** A request refused by the transport: status, and a reason for the log (never shown). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    reason: string,
    readonly limit?: number,
  ) {
    super(reason);
  }
}

type Locale = "nb" | "en";
const STRINGS = { nb: nbCommon, en: enCommon } as const;

function escapeHtml(value: string) {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function message(locale: Locale, status: number, limit?: number) {
  const errors = STRINGS[locale].errors;
  const key = STATUS_KEY[status] ?? (status >= 500 ? "unexpected" : "badRequest");
  if (key === "payloadTooLarge") {
    return limit ? errors.payloadTooLarge.replace("{{limit}}", formatBytes(limit, locale)) : errors.payloadTooLargeNoLimit;
  }
  return errors[key];
}

/** A cookie under its bare or its `__Host-` name (the transport runs before env decides which). */
function cookieEitherName(header: string | undefined, base: string): string | undefined {
  const cookies = parseCookieHeader(header);
  return cookies[`__Host-${base}`] ?? cookies[base];
}

/** Whether the request carries a session cookie (`lb_session`, `__Host-lb_session` on https). */
export function hasSessionCookie(cookie: string | undefined): boolean {
  return cookieEitherName(cookie, "lb_session") !== undefined;
}

/** The language the visitor chose (the lb_lang cookie, as the pages use it), else bokmål. */
export function localeFromCookieHeader(cookie: string | undefined): Locale {
  return cookieEitherName(cookie, LOCALE_COOKIE) === "en" ? "en" : "nb";
}

let stylesheetHref: string | null | undefined;
/** The app's own stylesheet (same file the pages link to), so the error page looks like the site. */
function stylesheet(publicBuildDir: string) {
  if (stylesheetHref === undefined) {
    try {
      const file = fs.readdirSync(path.join(publicBuildDir, "_assets")).find((f) => /^app-[A-Z0-9]+\.css$/i.test(f));
      stylesheetHref = file ? `/build/_assets/${file}` : null;
    } catch {
      stylesheetHref = null;
    }
  }
  return stylesheetHref;
}

let publicBuildDirForPages = "";
export function setErrorPageAssets(publicBuildDir: string) {
  publicBuildDirForPages = publicBuildDir;
  stylesheetHref = undefined;
}

/**
 * The error page for requests that never reach Remix: the visitor's language first, the
 * other one below (a visitor whose language we cannot know still understands it). The same
 * texts as the app's ErrorPanel. No scripts, no inline styles (it passes the CSP).
 */
export function errorPage(status: number, locale: Locale, limit?: number, loggedIn = false) {
  const other: Locale = locale === "nb" ? "en" : "nb";
  const copy = errorCopy(status, { loggedIn });
  const section = (l: Locale, headingLevel: 1 | 2) => {
    const t = STRINGS[l];
    const attr = l === locale ? "" : ` lang="${l}"`;
    const next = copy.next ? `\n<p>${escapeHtml(t.errors[copy.next])}</p>` : "";
    const href = { home: "/", search: "/search", login: "/login" } as const;
    const label = { home: t.errors.backHome, search: t.errors.searchLink, login: t.errors.loginLink } as const;
    const links = copy.links.map((k) => `<li><a href="${href[k]}">${escapeHtml(label[k])}</a></li>`).join("");
    return `<section class="error-panel"${attr} aria-labelledby="error-title-${l}"><h${headingLevel} id="error-title-${l}">${escapeHtml(t.errors[copy.title])}</h${headingLevel}>
<p>${escapeHtml(message(l, status, limit))} <span class="muted">(${status})</span></p>${next}
<ul class="error-panel__links">${links}</ul></section>`;
  };
  const css = stylesheet(publicBuildDirForPages);
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(STRINGS[locale].errors[copy.title])} (${status}) – Løsningsbanken</title><link rel="icon" href="/favicon.svg" type="image/svg+xml">${css ? `<link rel="stylesheet" href="${css}">` : ""}</head>
<body><main id="main" class="site-main">${section(locale, 1)}
${section(other, 2)}</main></body></html>`;
}

/** Control characters and anything that could forge a second log line are shown escaped. */
function clean(value: string, max = 200) {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(cut).slice(1, -1);
}

export type LogFn = (line: string, fields?: LogFields) => void;
const httpLog = getLogger("http");
/** A refusal is the client's doing: level info (component "http"; docs/operations.md). */
export const defaultLog: LogFn = (line, fields) => httpLog.info(line, fields);

/** One line per refused request: status, method, path (escaped, cut, no query, no secret segments), reason, address. */
export function logRefusal(log: LogFn, status: number, method: string, url: string, reason: string, ip: string | undefined) {
  const path = clean(safePath(url));
  log(`${status} ${clean(method, 20)} ${path}: ${clean(reason)} (${ip ?? "?"})`, { status, method: clean(method, 20), path, ip });
}

export function sendError(
  req: express.Request,
  res: express.Response,
  error: HttpError,
  log: LogFn,
  extraHeaders: Record<string, string> = {},
) {
  logRefusal(log, error.status, req.method, req.originalUrl ?? req.url ?? "", error.message, req.socket.remoteAddress);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const locale = localeFromCookieHeader(req.headers.cookie);
  for (const [k, v] of Object.entries(extraHeaders)) res.setHeader(k, v);
  res.statusMessage = STATUS_TEXT[error.status] ?? "Error";
  res.status(error.status).type("html").setHeader("Cache-Control", "no-store");
  res.send(req.method === "HEAD" ? "" : errorPage(error.status, locale, error.limit, hasSessionCookie(req.headers.cookie)));
}

// ---------------------------------------------------------------------------------------------
// Validation of the request (method, Host, URL) and reading of the body

const HOST_RE =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

export function isValidHost(host: string) {
  return host.length <= 260 && HOST_RE.test(host);
}

/** Throws an HttpError for a request line or Host no page of ours could have produced. */
export function checkRequestTarget(req: Pick<http.IncomingMessage, "method" | "url" | "headers" | "httpVersion">, limits: HttpLimits) {
  const method = req.method ?? "";
  if (!(ALLOWED_METHODS as readonly string[]).includes(method)) throw new HttpError(405, `method ${method}`);
  const host = req.headers.host;
  if (host === undefined && req.httpVersion !== "1.0") throw new HttpError(400, "no Host header");
  if (host !== undefined && !isValidHost(host)) throw new HttpError(400, `bad Host header "${host}"`);
  const url = req.url ?? "";
  if (url.length > limits.maxUrlLength) throw new HttpError(414, `URL of ${url.length} characters`);
  if (!url.startsWith("/") || url.startsWith("//")) throw new HttpError(400, "request target is not a path");
  const q = url.indexOf("?");
  const rawPath = q < 0 ? url : url.slice(0, q);
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(rawPath);
  } catch {
    throw new HttpError(400, "path is not valid percent-encoded UTF-8");
  }
  if (/[\u0000-\u001f\u007f]/.test(decodedPath)) throw new HttpError(400, "control character in path");
  if (/(^|\/)\.\.?(\/|$)/.test(decodedPath) || decodedPath.includes("\\")) throw new HttpError(400, "dot segment or backslash in path");
  // A NUL in the query (?q=%00) would reach PostgreSQL, which refuses it in text.
  if (q >= 0 && /%00|\u0000/.test(url.slice(q))) throw new HttpError(400, "NUL in query");
  if ((method === "GET" || method === "HEAD") && hasBody(req)) throw new HttpError(400, `${method} with a body`);
}

function hasBody(req: Pick<http.IncomingMessage, "headers">) {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

export function bodyLimitFor(pathname: string, limits: HttpLimits) {
  return PUBLIC_FORM_PATH.test(pathname) ? limits.maxPublicBodyBytes : limits.maxBodyBytes;
}

/** Content type and encoding of a POST: only what an HTML form sends. */
export function checkFormHeaders(req: Pick<http.IncomingMessage, "headers">) {
  const type = formMediaType(req.headers["content-type"]);
  if (!type) throw new HttpError(415, `Content-Type "${req.headers["content-type"] ?? ""}"`);
  const encoding = (req.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  if (encoding !== "identity") throw new HttpError(415, `Content-Encoding "${encoding}"`);
  return type;
}

/**
 * Reads the whole body, up to `limit` bytes: 413 at once when Content-Length says more,
 * else as soon as the bytes counted exceed it (chunked bodies). Rejects with null when
 * the client goes away.
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) {
    return Promise.reject(new HttpError(413, `Content-Length ${declared} over ${limit}`, limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.pause();
        reject(new HttpError(413, `body over ${limit} bytes`, limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = () => {
      done();
      reject(null);
    };
    const onClose = () => {
      if (!req.complete) onError();
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

/**
 * Form bodies never carry NUL (PostgreSQL refuses it in text; no form of ours uploads files).
 * A multipart body is parsed once here (no form of ours sends one, so this costs nothing in
 * normal use): a broken boundary or part is a 400 here instead of an error inside an action.
 */
export async function checkFormBody(type: string, contentType: string, body: Buffer) {
  if (body.includes(0)) throw new HttpError(400, "NUL byte in body");
  if (type === "application/x-www-form-urlencoded" && body.includes("%00")) throw new HttpError(400, "NUL in form field");
  if (type === "multipart/form-data") {
    try {
      await new Response(body as unknown as BodyInit, { headers: { "Content-Type": contentType } }).formData();
    } catch {
      throw new HttpError(400, "malformed multipart body");
    }
  }
}

const BODY = Symbol("lb.body");
type WithBody = http.IncomingMessage & { [BODY]?: Buffer };

/**
 * Validates method, Host and URL for every request, then reads and checks POST bodies. The
 * body is kept for the Remix handler (createRemixHandler), which no longer reads the socket.
 */
export function requestGuard(limits: HttpLimits, log: LogFn = defaultLog): express.RequestHandler {
  return (req, res, next) => {
    try {
      checkRequestTarget(req, limits);
      if (req.method === "OPTIONS") {
        res.setHeader("Allow", "GET, HEAD, POST");
        res.status(204).end();
        return;
      }
      if (req.method !== "POST") return next();
      const type = checkFormHeaders(req);
      const limit = bodyLimitFor(decodeURIComponent(req.path), limits);
      readBody(req, limit).then(
        (body) =>
          checkFormBody(type, req.headers["content-type"] ?? "", body).then(() => {
            (req as WithBody)[BODY] = body;
            next();
          }, fail),
        (error: HttpError | null) => {
          if (error) fail(error);
          else res.destroy();
        },
      );
    } catch (error) {
      fail(error);
    }

    function fail(error: unknown) {
      if (!(error instanceof HttpError)) return next(error);
      const headers: Record<string, string> = {};
      if (error.status === 405) headers.Allow = "GET, HEAD, POST";
      // The rest of a refused body is not read: close the connection after answering.
      if (req.method === "POST" && !req.complete) headers.Connection = "close";
      sendError(req, res, error, log, headers);
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Security headers

/**
 * TipTap puts its base stylesheet (white-space handling of the editing surface, carets) into a
 * <style> element of its own. That one fixed text is allowed by its hash, computed from the
 * installed @tiptap/core, so an upgrade that changes it keeps working (no 'unsafe-inline').
 */
function tiptapStyleHash(): string | null {
  try {
    // .../@tiptap/core/dist/index.(c)js -> .../@tiptap/core
    const dir = path.resolve(path.dirname(createRequire(import.meta.url).resolve("@tiptap/core")), "..");
    const source = fs.readFileSync(path.join(dir, "src/style.ts"), "utf8");
    const css = /export const style = `([\s\S]*?)`/.exec(source)?.[1];
    return css ? `'sha256-${crypto.createHash("sha256").update(css).digest("base64")}'` : null;
  } catch {
    return null;
  }
}

export function securityHeaders(appUrl: string): express.RequestHandler {
  const own = new URL(appUrl);
  const editorStyle = tiptapStyleHash();
  const https = own.protocol === "https:";
  const ws = `${https ? "wss" : "ws"}://${own.host}`;
  // The policy is fixed at start-up except for the nonce: only that is spliced in per request.
  const policyHead = "default-src 'self'; script-src 'self' 'nonce-";
  const policyTail = `'; ${[
    // Elements: our stylesheet only. Attributes: React's style={...} in the server HTML
    // (colour swatches, icon alignment) and the editors' caret/selection colours.
    `style-src 'self'${editorStyle ? ` ${editorStyle}` : ""}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ")}`;
  return (req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", policyHead + nonce + policyTail);
    if (https) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    res.setHeader(
      "Permissions-Policy",
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=()",
    );
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    next();
  };
}

// ---------------------------------------------------------------------------------------------
// Remix, fed with the body read above and with the app's own URL

/**
 * Like @remix-run/express's handler, except: the request URL is built from APP_URL (never
 * from Host / X-Forwarded-Host, which a client or a rebound DNS name chooses), the body is
 * the one requestGuard read, and pages get `Cache-Control: private, no-store` for signed-in
 * visitors (`no-cache` otherwise) unless the route set its own.
 */
export function createRemixHandler(options: {
  build: ServerBuild;
  mode?: string;
  appUrl: string;
  getLoadContext: (req: express.Request, res: express.Response) => Record<string, unknown>;
}): express.RequestHandler {
  const handle = createRemixRequestHandler(options.build, options.mode);
  const own = new URL(options.appUrl);
  return async (req, res, next) => {
    try {
      const url = new URL(own.origin + req.originalUrl);
      if (url.origin !== own.origin) throw new HttpError(400, "request target changes the origin");
      let controller: AbortController | null = new AbortController();
      res.on("finish", () => (controller = null));
      res.on("close", () => controller?.abort());
      const headers = createRemixHeaders(req.headers);
      // Remix compares a document POST's Origin with Host/X-Forwarded-Host; our own guard has
      // already required Origin (when sent) to be APP_URL's, so Remix sees the same host.
      headers.set("host", own.host);
      headers.delete("x-forwarded-host");
      const body = (req as WithBody)[BODY];
      const request = new Request(url.href, {
        method: req.method,
        headers,
        signal: controller.signal,
        ...(req.method !== "GET" && req.method !== "HEAD" ? { body: body ?? Buffer.alloc(0), duplex: "half" } : {}),
      } as RequestInit);
      const response = await handle(request, options.getLoadContext(req, res));
      if (!response.headers.has("Cache-Control")) {
        response.headers.set("Cache-Control", hasSessionCookie(req.headers.cookie) ? "private, no-store" : "private, no-cache");
      }
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) res.append(key, value);
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

function createRemixHeaders(requestHeaders: http.IncomingHttpHeaders) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (values === undefined) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  return headers;
}

/** Last Express handler: a transport refusal is a 4xx and one line; anything else a 500 and its stack. */
export function finalErrorHandler(log: LogFn = defaultLog): express.ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof HttpError) return sendError(req, res, error, log);
    // A body-parser style error from a client (has a 4xx status).
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status < 500) return sendError(req, res, new HttpError(status, String(error?.message ?? error)), log);
    httpLog.error(
      `${clean(req.method, 20)} ${clean(safePath(req.originalUrl ?? ""))}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
      {
        err: error,
      },
    );
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(500).type("html").setHeader("Cache-Control", "no-store");
    res.send(errorPage(500, localeFromCookieHeader(req.headers.cookie)));
  };
}

// ---------------------------------------------------------------------------------------------
// The Node server: timeouts and requests too broken for Express to see

export function configureServer(server: http.Server, limits: HttpLimits, log: LogFn = defaultLog) {
  // Slowloris: the header block must be complete within headersTimeout, the whole request
  // (body included) within requestTimeout; idle keep-alive sockets close after keepAliveTimeout.
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxHeadersCount = 200;
  server.maxRequestsPerSocket = 1000;
  // CONNECT (a proxy's method) would otherwise just get its connection closed.
  server.on("connect", (req: http.IncomingMessage, socket: net.Socket) => {
    socket.on("error", () => undefined);
    log(`405 CONNECT ${clean(req.url ?? "", 80)}: method CONNECT (${socket.remoteAddress ?? "?"})`);
    const body = Buffer.from(errorPage(405, localeFromCookieHeader(req.headers.cookie)), "utf8");
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\n` +
        `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body.toString("utf8")}`,
    );
  });
  // Node answers these itself (400, 431, 408) when no listener is set; answer with our page
  // and one log line instead, and never let a broken socket throw.
  server.on("clientError", (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: net.Socket) => {
    if (error.code === "ECONNRESET" || error.code === "EPIPE" || !socket.writable) {
      socket.destroy();
      return;
    }
    let status = 400;
    if (error.code === "HPE_HEADER_OVERFLOW") {
      // The request line alone was too long: 414.
      const firstLine = error.rawPacket ? error.rawPacket.indexOf("\n") : -1;
      status = error.rawPacket && (firstLine < 0 || firstLine > limits.maxUrlLength) ? 414 : 431;
    } else if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") status = 408;
    else if (error.code === "HPE_INVALID_METHOD") status = 405;
    // The request line as far as it is logged: no query string, no secret path segments.
    const head = (error.rawPacket ? (error.rawPacket.subarray(0, 80).toString("latin1").split(/\r?\n/)[0] ?? "") : "")
      .split(" ")
      .map((part) => (part.startsWith("/") ? safePath(part) : part))
      .join(" ");
    log(
      `${status} (unparsed request${head ? ` "${clean(head, 80)}"` : ""}): ${clean(error.code ?? error.message)} (${socket.remoteAddress ?? "?"})`,
    );
    // Pipelined requests before the broken one are still being answered: an answer written
    // now would be taken as the answer to one of them. Let them finish, then close. (A request
    // whose body is too slow is itself the one "being answered": it gets its 408 now.)
    const pending = (socket as net.Socket & { _httpMessage?: (http.ServerResponse & { req?: http.IncomingMessage }) | null })._httpMessage;
    if (pending && pending.req?.complete) {
      const close = () => socket.destroy();
      pending.once("finish", close);
      pending.once("close", close);
      return;
    }
    if (pending?.headersSent) {
      socket.destroy();
      return;
    }
    const locale = localeFromCookieHeader(/[\r\n]cookie:([^\r\n]*)/i.exec(error.rawPacket?.toString("latin1") ?? "")?.[1]?.trim());
    const body = Buffer.from(errorPage(status, locale), "utf8");
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Bad Request"}\r\n${status === 405 ? "Allow: GET, HEAD, POST\r\n" : ""}Content-Type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\n` +
        `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nContent-Security-Policy: default-src 'self'; frame-ancestors 'none'\r\nConnection: close\r\n\r\n`,
    );
    socket.end(body);
  });
}
