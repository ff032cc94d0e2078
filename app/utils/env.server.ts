/**
 * Configuration, validated once at start-up. A wrong or missing value stops the app
 * with one sentence naming the variable (see formatEnvError).
 */
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).optional(),
    APP_URL: z.url({ protocol: /^https?$/, message: "must be a full http(s) URL such as http://localhost:3000" }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: "must be a postgresql:// connection URL" })
      .optional(),
    DATA_DIR: z.string().min(1).default("./data"),
    SEED_DEMO_DATA: bool.default(true),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, { message: "must be an smtp:// or smtps:// URL" })
      .optional(),
    MAIL_FROM: z.string().min(3).default("Løsningsbanken <ikke-svar@losningsbanken.no>"),
    MAIL_LOG: z.string().min(1).optional(),
    // Notification mails (docs/decisions/021): at most this many immediate mails per user and
    // Europe/Oslo day (the rest wait for the daily digest); the hour (Oslo) digests go out.
    MAIL_IMMEDIATE_DAILY_CAP: z.coerce.number({ message: "must be a whole number" }).int().min(0).max(1000).default(5),
    DIGEST_HOUR: z.coerce.number({ message: "must be an hour from 0 to 23" }).int().min(0).max(23).default(7),
    TRUST_PROXY: bool.default(false),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
    LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
    // Failures for one account from ALL addresses together: above this, only browsers that
    // signed in to the account before (known-device cookie) may try (docs/decisions/010).
    LOGIN_MAX_FAILURES_PER_ACCOUNT_TOTAL: z.coerce.number().int().min(1).default(50),
    // HMAC key for visitors' CSRF tokens and known-device cookies; empty = generated once into DATA_DIR/session-secret.
    SESSION_SECRET: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
    // Search: empty MEILI_URL = start a local Meilisearch with data under DATA_DIR.
    MEILI_URL: z.url({ protocol: /^https?$/, message: "must be a full http(s) URL such as http://localhost:7700" }).optional(),
    MEILI_MASTER_KEY: z.string().min(1).optional(),
    // Several web processes: the Redis they share live co-editing through (empty: one process, no Redis).
    REDIS_URL: z.url({ protocol: /^rediss?$/, message: "must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379" }).optional(),
    SEARCH_INDEX_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{0,40}$/, { message: "may only contain letters, digits, - and _ (at most 40)" })
      .default("lb_"),
    // Live co-editing limits (server/collab.ts): largest WebSocket message, largest live
    // document (Yjs state), open sockets per client address, time to authenticate a socket.
    COLLAB_MAX_MESSAGE_BYTES: z.coerce
      .number()
      .int()
      .min(65_536)
      .default(2 * 1024 * 1024),
    COLLAB_MAX_DOCUMENT_BYTES: z.coerce
      .number()
      .int()
      .min(262_144)
      .default(8 * 1024 * 1024),
    COLLAB_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(20),
    COLLAB_AUTH_TIMEOUT_MS: z.coerce.number().int().min(500).default(5_000),
    // At most one automatic LIVE revision per this interval of typing (tests shorten it).
    COLLAB_REVISION_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(1)
      .default(5 * 60_000),
    // Safety net only: how often every open live connection's access (and saves made
    // elsewhere) is re-checked even without a domain event (docs/decisions/012).
    COLLAB_RECHECK_MS: z.coerce.number().int().min(100).default(30_000),
    // Domain events (docs/decisions/012): processed deliveries and events older than this are
    // pruned (events a consumer still waits for are kept).
    EVENT_RETENTION_DAYS: z.coerce.number().min(1).max(3650).default(14),
    // HTTP limits (app/utils/http-guard.server.ts). Bodies: forms of signed-in pages / the
    // login, password and invitation forms (no login needed, so small).
    HTTP_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
    HTTP_MAX_PUBLIC_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(64 * 1024),
    HTTP_MAX_URL_LENGTH: z.coerce.number().int().min(256).default(8192),
    HTTP_MAX_HEADER_BYTES: z.coerce
      .number()
      .int()
      .min(4096)
      .default(16 * 1024),
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(500).default(10_000),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
    // Observability (docs/operations.md): log level and format (default: pretty on a terminal,
    // JSON lines otherwise), /metrics behind a bearer token and/or on an internal port, and
    // how long /readyz says "draining" before a SIGTERM closes the sockets.
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        message: "must be one of fatal, error, warn, info, debug, trace, silent",
      })
      .default("info"),
    LOG_FORMAT: z.enum(["json", "pretty"], { message: "must be json or pretty" }).optional(),
    METRICS_TOKEN: z.string().min(16, { message: "must be at least 16 characters" }).optional(),
    METRICS_PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).optional(),
    METRICS_HOST: z.string().min(1).default("127.0.0.1"),
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(300_000).default(0),
  })
  .superRefine((env, ctx) => {
    if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: "custom", path: ["HTTP_HEADERS_TIMEOUT_MS"], message: "must not be larger than HTTP_REQUEST_TIMEOUT_MS" });
    }
    if (env.MEILI_URL && !env.MEILI_MASTER_KEY) {
      ctx.addIssue({ code: "custom", path: ["MEILI_MASTER_KEY"], message: "is required when MEILI_URL is set" });
    }
  })
  .transform((env) => {
    const dataDir = path.resolve(env.DATA_DIR);
    const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
    return {
      ...env,
      DATA_DIR: dataDir,
      APP_URL: appUrl,
      MEILI_URL: env.MEILI_URL?.replace(/\/$/, ""),
      MAIL_LOG: path.resolve(env.MAIL_LOG ?? path.join(dataDir, "mail.log")),
      // Secure cookies whenever the public URL is https (always the case in production).
      COOKIE_SECURE: appUrl.startsWith("https://"),
    };
  });

export type Env = z.infer<typeof EnvSchema>;

export function formatEnvError(error: z.ZodError): string {
  const issue = error.issues[0];
  const name = String(issue?.path[0] ?? "configuration");
  return `Configuration error: ${name} ${issue?.message ?? "is invalid"} (check your .env file or environment).`;
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings in .env files mean "not set".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) throw new EnvError(formatEnvError(result.error));
  return result.data;
}

export class EnvError extends Error {}

// Set by the process itself once it has started what they point at (server/index.ts: the
// embedded PostgreSQL and local Meilisearch; scripts and the test setup likewise): env()
// parses again when one of them changed since the cached parse.
const RESOLVED_AT_START = ["DATABASE_URL", "MEILI_URL", "MEILI_MASTER_KEY", "SEARCH_INDEX_PREFIX"] as const;
let cached: { env: Env; key: string } | undefined;

/** The validated configuration (process.env, parsed once and again after a start-up value changed). */
export function env(): Env {
  const key = RESOLVED_AT_START.map((name) => process.env[name] ?? "").join("\0");
  if (cached?.key !== key) cached = { env: parseEnv(), key };
  return cached.env;
}
