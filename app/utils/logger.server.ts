/**
 * The one logger (pino; docs/decisions/014-observability.md). Every part of the app logs
 * through it: server/ (start-up, shutdown, HTTP transport), the collaboration server, the
 * search worker and the Remix build (mail, search fallback).
 *
 * - LOG_LEVEL (default info); LOG_FORMAT json | pretty (default: pretty when stdout is a
 *   terminal, JSON lines otherwise). pino-pretty runs as a synchronous stream in this
 *   process (no worker thread), so nothing is lost when the process exits.
 * - Each line: level, time, pid, hostname, component ("server", "http", "collab", "search",
 *   "mail", ...), msg, and reqId while an HTTP request is being handled.
 * - No personal data or secrets: URLs are logged through safePath() (no query string, no
 *   token path segments), cookies / authorization headers / passwords / tokens / e-mail
 *   fields are redacted, and callers log ids instead of e-mail addresses.
 *
 * The request id reaches every line logged while a request is handled, also from the Remix
 * build (a separate module graph with its own copy of this file): server/observability.ts
 * enters the request's context through a named diagnostics channel, to which each copy of
 * this module binds its own AsyncLocalStorage. Node keeps named channels per process, so
 * this needs no global variable of ours.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import diagnosticsChannel from "node:diagnostics_channel";
import { pino, stdSerializers, stdTimeFunctions, type Logger as PinoLogger } from "pino";
import pinoPretty from "pino-pretty";
import { env, type Env } from "~/utils/env.server";
import { countErrorLogged } from "~/utils/metrics.server";

export type LogLevel = Env["LOG_LEVEL"];

export interface RequestLogContext {
  reqId: string;
}

const requestChannel = diagnosticsChannel.channel("losningsbanken:request-context");
const requestContext = new AsyncLocalStorage<RequestLogContext>();
requestChannel.bindStore(requestContext);

/** Runs `fn` (and everything it starts) as part of one HTTP request: its log lines carry `reqId`. */
export function runInRequestContext<T>(context: RequestLogContext, fn: () => T): T {
  return requestChannel.runStores(context, fn);
}

/** The id of the HTTP request being handled, if any. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.reqId;
}

// Keys whose values never reach a log line, wherever a caller put them.
const REDACT = [
  "password",
  "token",
  "email",
  "cookie",
  "authorization",
  "*.password",
  "*.token",
  "*.email",
  "*.cookie",
  "*.authorization",
  "*.headers.cookie",
  "*.headers.authorization",
  '*.headers["set-cookie"]',
  '*.headers["x-csrf-token"]',
];

/** LOG_LEVEL and LOG_FORMAT from the validated configuration (defaults if it does not parse: that error is reported elsewhere). */
function configured(): { level: LogLevel; format: "json" | "pretty" } {
  let config: Pick<Env, "LOG_LEVEL" | "LOG_FORMAT"> | undefined;
  try {
    config = env();
  } catch {
    config = undefined;
  }
  return { level: config?.LOG_LEVEL ?? "info", format: config?.LOG_FORMAT ?? (process.stdout.isTTY ? "pretty" : "json") };
}

let root: PinoLogger | undefined;

/** The process's pino logger, created on first use (after server/index.ts has read .env). */
export function rootLogger(): PinoLogger {
  if (root) return root;
  const { level, format } = configured();
  const pretty = format === "pretty";
  const options = {
    level,
    redact: { paths: REDACT, censor: "[redacted]" },
    serializers: { err: stdSerializers.err },
    timestamp: stdTimeFunctions.isoTime,
    // Error and fatal lines are counted (lb_log_errors_total): alerts, and tests fail on them.
    hooks: {
      logMethod(this: PinoLogger, args: Parameters<PinoLogger["info"]>, method: PinoLogger["info"], level: number) {
        if (level >= 50) countErrorLogged(level >= 60 ? "fatal" : "error");
        return method.apply(this, args);
      },
    },
    mixin() {
      const context = requestContext.getStore();
      return context ? { reqId: context.reqId } : {};
    },
    // Level names ("info") instead of pino's numbers in JSON; pino-pretty wants the numbers.
    ...(pretty ? {} : { formatters: { level: (label: string) => ({ level: label }) } }),
  };
  const destination = pretty
    ? pinoPretty({
        sync: true,
        colorize: Boolean(process.stdout.isTTY),
        translateTime: "SYS:HH:MM:ss.l",
        ignore: "pid,hostname,component,reqId",
        messageFormat: (log, messageKey) =>
          `${log.component ? `[${String(log.component)}] ` : ""}${String(log[messageKey] ?? "")}${log.reqId ? ` (req ${String(log.reqId)})` : ""}`,
      })
    : pino.destination({ dest: 1, sync: true });
  root = pino(options, destination);
  return root;
}

export type LogFields = Record<string, unknown>;

export interface Logger {
  trace(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  fatal(msg: string, fields?: LogFields): void;
  isLevelEnabled(level: LogLevel): boolean;
  child(fields: LogFields): Logger;
}

function wrap(get: () => PinoLogger): Logger {
  let cached: PinoLogger | undefined;
  const target = () => (cached ??= get());
  const at = (level: Exclude<LogLevel, "silent">) => (msg: string, fields?: LogFields) => target()[level](fields ?? {}, msg);
  return {
    trace: at("trace"),
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    fatal: at("fatal"),
    isLevelEnabled: (level) => target().isLevelEnabled(level),
    child: (fields) => wrap(() => target().child(fields)),
  };
}

const components = new Map<string, Logger>();

/** The logger of one part of the app ("server", "http", "collab", "search", "mail", ...). */
export function getLogger(component: string): Logger {
  let logger = components.get(component);
  if (!logger) {
    logger = wrap(() => rootLogger().child({ component }));
    components.set(component, logger);
  }
  return logger;
}

/**
 * For code that logs plain lines through a `(line) => void` option (the collaboration server,
 * the search worker, the embedded services): a leading "[component] " is dropped (the
 * component is a field), and the level follows the text - a failure is a warning, a failure
 * that loses something ("FAILED", "crashed") an error.
 */
export function lineLogger(component: string): (line: string) => void {
  const logger = getLogger(component);
  return (line) => {
    const msg = line.replace(/^\[[\w-]+\] /, "");
    if (/\bFAILED\b/.test(msg) || /crash|uncaught/i.test(msg)) logger.error(msg);
    else if (/\bfail(ed|s|ure)?\b|\bWARNING\b|could not|cannot|unreachable|error/i.test(msg)) logger.warn(msg);
    else logger.info(msg);
  };
}

// Path segments that are secrets themselves (invitation, password-reset and unsubscribe links).
const SECRET_SEGMENT = /^(\/+(?:invite|reset-password|unsubscribe)\/+)[^/]+/i;

/** A URL as it may be logged: the path only (no query string), secret segments replaced. */
export function safePath(url: string): string {
  const path = url.split(/[?#]/)[0] ?? "";
  return path.replace(SECRET_SEGMENT, "$1[redacted]");
}

const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[A-Za-z]{2,}/g;

/** A text (e.g. an SMTP server's error message) with e-mail addresses replaced. */
export function withoutEmailAddresses(text: string): string {
  return text.replace(EMAIL, "[e-mail]");
}
