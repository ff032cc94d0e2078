/**
 * The server's signing secret (HMAC key) for CSRF tokens of visitors and "known device"
 * cookies. SESSION_SECRET when set (required when several web processes share no DATA_DIR);
 * otherwise 32 random bytes generated once into DATA_DIR/session-secret (mode 0600).
 * Creating the file is atomic (written to a temporary name, then hard-linked), so two
 * processes starting together end up with the same secret.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env, type Env } from "~/utils/env.server";

function secretFile(dataDir: string) {
  return path.join(dataDir, "session-secret");
}

function readOrCreate(file: string): Buffer {
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return Buffer.from(existing, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(6).toString("hex")}`;
  fs.writeFileSync(tmp, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return Buffer.from(fs.readFileSync(file, "utf8").trim(), "utf8");
}

let cached: { key: string; secret: Buffer } | undefined;

/** The HMAC key. */
function serverSecret(e: Env = env()): Buffer {
  const key = e.SESSION_SECRET ? `env` : `file:${e.DATA_DIR}`;
  if (cached?.key === key) return cached.secret;
  const secret = e.SESSION_SECRET ? Buffer.from(e.SESSION_SECRET, "utf8") : readOrCreate(secretFile(e.DATA_DIR));
  cached = { key, secret };
  return secret;
}

/** HMAC-SHA256 of `purpose` + value, base64url. */
export function sign(purpose: string, value: string, e?: Env): string {
  return crypto.createHmac("sha256", serverSecret(e)).update(`${purpose}\0${value}`, "utf8").digest("base64url");
}

const compareKey = crypto.randomBytes(32);

/**
 * Constant-time string equality over BYTES of any length: both sides are reduced to an HMAC
 * first, so values of different byte lengths (multibyte characters) neither throw nor leak
 * their length through timing.
 */
export function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHmac("sha256", compareKey).update(a, "utf8").digest();
  const hb = crypto.createHmac("sha256", compareKey).update(b, "utf8").digest();
  return crypto.timingSafeEqual(ha, hb) && a === b;
}
