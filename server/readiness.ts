/**
 * Readiness (/readyz; docs/operations.md, docs/decisions/014-observability.md).
 *
 * Ready = this process should get traffic: the database answers and the process is not
 * draining. Meilisearch, and Redis when REDIS_URL is set, are checked and reported, but one
 * that does not answer leaves the process ready ("degraded"): search then answers from
 * PostgreSQL (the outbox keeps every change), and live documents are served per process and
 * resynchronised when Redis is back (server/collab-redis.ts). Every process shares the same
 * Meilisearch and Redis, so marking them all "not ready" would turn either outage into a full
 * outage.
 *
 * Each check has a short timeout; one round of checks is shared by all probes that arrive
 * while it runs and reused for CACHE_MS, so a probe storm costs at most one round a second.
 */
import { pingDatabase } from "~/models/health.server";
import { env } from "~/utils/env.server";
import { getLogger } from "~/utils/logger.server";
import { isSearchAvailable } from "../search/client.server";
import { redisHealth } from "./collab-redis";

const CHECK_TIMEOUT_MS = 1000;
const CACHE_MS = 1000;

export type CheckStatus = "ok" | "failed" | "timeout";
export interface Readiness {
  status: "ready" | "degraded" | "not ready" | "draining";
  checks: Record<string, CheckStatus>;
}

const log = getLogger("server");
let draining = false;
let last: { at: number; result: Promise<Readiness> } | undefined;
const previous = new Map<string, CheckStatus>();

/** From now on /readyz answers 503: the load balancer stops sending new requests here. */
export function startDraining() {
  draining = true;
}

export function isDraining() {
  return draining;
}

function withTimeout(check: () => Promise<unknown>): Promise<CheckStatus> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("timeout"), CHECK_TIMEOUT_MS);
    timer.unref();
    check()
      .then(
        (value) => resolve(value === false ? "failed" : "ok"),
        () => resolve("failed"),
      )
      .finally(() => clearTimeout(timer));
  });
}

async function runChecks(): Promise<Readiness> {
  const redisUrl = env().REDIS_URL;
  const names = ["database", "search", ...(redisUrl ? ["redis"] : [])];
  const results = await Promise.all([
    withTimeout(pingDatabase),
    withTimeout(isSearchAvailable),
    // The live co-editing's own Redis connection (server/collab-redis.ts): the one that matters.
    ...(redisUrl ? [withTimeout(async () => (await redisHealth(CHECK_TIMEOUT_MS)).ok)] : []),
  ]);
  const checks = Object.fromEntries(names.map((name, i) => [name, results[i]!])) as Record<string, CheckStatus>;
  for (const [name, status] of Object.entries(checks)) {
    const before = previous.get(name);
    if (before !== undefined && before !== status) {
      if (status === "ok") log.info(`Readiness: ${name} answers again.`);
      else
        log.warn(
          `Readiness: ${name} check ${status === "timeout" ? "timed out" : "failed"}${name === "search" ? " (search answers from PostgreSQL meanwhile)" : ""}.`,
        );
    }
    previous.set(name, status);
  }
  const status = checks.database !== "ok" ? "not ready" : names.some((n) => checks[n] !== "ok") ? "degraded" : "ready";
  return { status, checks };
}

export async function readiness(): Promise<Readiness> {
  if (draining) return { status: "draining", checks: {} };
  const now = Date.now();
  if (!last || now - last.at >= CACHE_MS) {
    const result = runChecks();
    last = { at: now, result };
    // The cache counts from when the round ended, so a slow round is not repeated at once.
    void result.then(() => {
      if (last?.result === result) last.at = Date.now();
    });
  }
  const result = await last.result;
  return draining ? { status: "draining", checks: {} } : result;
}

export function isReady(r: Readiness) {
  return r.status === "ready" || r.status === "degraded";
}
