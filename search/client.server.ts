/**
 * The Meilisearch client for server code. MEILI_URL / MEILI_MASTER_KEY come from the
 * environment: configured by the operator, or set by server/index.ts after it started the
 * local Meilisearch. Server only: the browser never receives a key.
 */
import http from "node:http";
import https from "node:https";
import { Meilisearch, type EnqueuedTaskPromise, type MultiSearchParams, type Task } from "meilisearch";
import { env } from "../app/utils/env.server";

let cached: { url: string; key: string; client: Meilisearch; searcher: MultiSearcher } | undefined;

class SearchNotConfiguredError extends Error {
  constructor() {
    super("Search is not configured: MEILI_URL is not set (the server sets it when it starts the local Meilisearch).");
  }
}

function config() {
  const { MEILI_URL: url, MEILI_MASTER_KEY: key = "" } = env();
  return url ? { url, key } : null;
}

/** A client for the configured Meilisearch (one per process; follows changes of the env). */
export function getSearchClient(): Meilisearch {
  const c = config();
  if (!c) throw new SearchNotConfiguredError();
  if (!cached || cached.url !== c.url || cached.key !== c.key) {
    cached = { ...c, client: createSearchClient(c.url, c.key), searcher: createMultiSearcher(c.url, c.key) };
  }
  return cached.client;
}

/** The search page's multi-search for the configured Meilisearch (see createMultiSearcher). */
export function getMultiSearcher(): MultiSearcher {
  getSearchClient();
  return cached!.searcher;
}

/** What search/query.server.ts searches through (createMultiSearcher). */
export interface MultiSearcher {
  multiSearch<T = unknown>(body: MultiSearchParams, init?: { signal?: AbortSignal }): Promise<{ results: T[] }>;
}

/** A failed multi-search: Meilisearch's answer (status, code, message) or the request's failure. */
export class MultiSearchError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MultiSearchError";
  }
}

/**
 * POST /multi-search over node:http with a keep-alive agent. The search page sends one of
 * these per request (per keystroke with JavaScript), and the meilisearch client's fetch path
 * (undici: web streams, Headers objects, an AbortController per call) cost about a tenth of
 * the web process's CPU per search under load (docs/decisions/008). Everything else - tasks,
 * settings, documents - keeps using the meilisearch client.
 */
export function createMultiSearcher(url: string, key: string): MultiSearcher {
  const base = new URL(url.replace(/\/$/, "") + "/multi-search");
  const lib = base.protocol === "https:" ? https : http;
  const agent = new lib.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 32 });
  const headers: http.OutgoingHttpHeaders = { ...MEILI_REQUEST_HEADERS, "Content-Type": "application/json" };
  if (key) headers.Authorization = `Bearer ${key}`;
  return {
    multiSearch<T>(body: MultiSearchParams, init: { signal?: AbortSignal } = {}) {
      const payload = Buffer.from(JSON.stringify(body));
      return new Promise<{ results: T[] }>((resolve, reject) => {
        const { signal } = init;
        if (signal?.aborted)
          return reject(new MultiSearchError("The search was aborted before it started.", undefined, undefined, { cause: signal.reason }));
        const req = lib.request(base, { method: "POST", agent, headers: { ...headers, "Content-Length": payload.length } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", fail);
          res.on("end", () => {
            signal?.removeEventListener("abort", onAbort);
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch (error) {
              return reject(
                new MultiSearchError(`Meilisearch answered ${res.statusCode} with invalid JSON.`, res.statusCode, undefined, {
                  cause: error,
                }),
              );
            }
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve(parsed as { results: T[] });
            const answer = (parsed ?? {}) as { message?: string; code?: string };
            reject(new MultiSearchError(answer.message ?? `Meilisearch answered ${status}.`, status, answer.code, { cause: parsed }));
          });
        });
        function fail(error: unknown) {
          signal?.removeEventListener("abort", onAbort);
          reject(
            error instanceof MultiSearchError
              ? error
              : new MultiSearchError(`Request to ${base.href} has failed.`, undefined, undefined, { cause: error }),
          );
        }
        function onAbort() {
          req.destroy(new MultiSearchError("The search was aborted (timeout).", undefined, undefined, { cause: signal?.reason }));
        }
        signal?.addEventListener("abort", onAbort, { once: true });
        req.on("error", fail);
        req.end(payload);
      });
    },
  };
}

/**
 * Headers for every request to Meilisearch. `Accept-Encoding: identity`: Meilisearch streams
 * compressed responses in chunks, and the last small chunk waits for the client's delayed
 * TCP ACK (Nagle on the server side), which adds ~40 ms to EVERY request on a keep-alive
 * connection - more than a whole search takes. Uncompressed, a search answers in 1-5 ms.
 * Search responses are a few tens of kB, so compression saves nothing worth 40 ms, even
 * between machines. (docs/decisions/008-search-latency.md)
 */
export const MEILI_REQUEST_HEADERS = { "Accept-Encoding": "identity" } as const;

export function createSearchClient(url: string, key: string, options: { timeoutMs?: number } = {}) {
  return new Meilisearch({
    host: url,
    apiKey: key || undefined,
    timeout: options.timeoutMs ?? 10_000,
    requestInit: { headers: { ...MEILI_REQUEST_HEADERS } },
  });
}

function indexPrefix() {
  return env().SEARCH_INDEX_PREFIX;
}

/** The live cases index: prefix + "cases" (tests and benchmarks use their own prefix). */
export function casesIndexName(prefix = indexPrefix()) {
  return `${prefix}cases`;
}

let health: { url: string; ok: boolean; at: number; pending?: Promise<boolean> } | undefined;
const HEALTHY_TTL_MS = 2000;
const UNHEALTHY_TTL_MS = 1000;

/**
 * Is Meilisearch reachable? Cached briefly (a search page asks on every request) with a
 * short timeout, so a dead server costs at most ~300 ms once a second.
 */
export async function isSearchAvailable(): Promise<boolean> {
  const c = config();
  if (!c) return false;
  const now = Date.now();
  if (health && health.url === c.url) {
    if (health.pending) return health.pending;
    if (now - health.at < (health.ok ? HEALTHY_TTL_MS : UNHEALTHY_TTL_MS)) return health.ok;
  }
  const pending = fetch(`${c.url}/health`, { headers: MEILI_REQUEST_HEADERS, signal: AbortSignal.timeout(300) })
    .then((r) => r.ok)
    .catch(() => false);
  health = { url: c.url, ok: false, at: now, pending };
  const ok = await pending;
  health = { url: c.url, ok, at: Date.now() };
  return ok;
}

/** Call after a Meilisearch request failed, so the next isSearchAvailable() asks again. */
export function forgetSearchHealth() {
  health = undefined;
}

class SearchTaskError extends Error {
  constructor(public readonly task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? "no error message"}`);
  }
}

/** Waits for a Meilisearch task and throws unless it succeeded. */
export async function waitForSuccess(enqueued: EnqueuedTaskPromise, timeoutMs = 60_000): Promise<Task> {
  const task = await enqueued.waitTask({ timeout: timeoutMs, interval: 25 });
  if (task.status !== "succeeded") throw new SearchTaskError(task);
  return task;
}
