/**
 * Live co-editing across several web processes (docs/decisions/013): Hocuspocus's Redis
 * extension relays every change, awareness update and "saved" message of an open document
 * to the other processes holding it, so editors connected to different processes converge.
 * Only used when REDIS_URL is set; a single process needs no Redis.
 *
 * What differs from the stock extension, and why:
 * - Storing needs no Redis lock. The extension takes a redlock before each store and, when
 *   another process holds it, SKIPS the store without retrying it - the changes of this
 *   process's editors would then be stored only if the other process happened to have them
 *   already. Our store (storeLiveContent) is safe on its own: it runs under the case's row
 *   lock and only writes when the row still holds the state this process last loaded or
 *   stored; otherwise it merges the stored state into the open document (Yjs: idempotent,
 *   nothing doubles) and stores the union. So every process stores its own editors' changes
 *   and none can overwrite another's. (Changes that arrive through Redis trigger no store:
 *   Hocuspocus skips the store hooks for them; the process whose editor typed stores them.)
 * - Redis unreachable (at start or later) never stops the app: pages are served, documents
 *   still load and store (each process then serves its own editors; PostgreSQL stays the
 *   truth and stores still merge), one clear log line says so, and when Redis is back
 *   every open document announces its state again so the processes catch up.
 * - redisHealth() answers "is Redis OK?" for the readiness check.
 */
import { Redis as RedisExtension, type Configuration } from "@hocuspocus/extension-redis";
import type { afterLoadDocumentPayload, Document, Hocuspocus } from "@hocuspocus/server";

type RedisOptions = Extract<NonNullable<Configuration["options"]>, { host?: string; db?: number }>;

/** ioredis connection options from a redis:// or rediss:// URL. */
export function redisOptionsFromUrl(url: string): { host: string; port: number; options: RedisOptions } {
  const u = new URL(url);
  const db = u.pathname.replace(/^\//, "");
  return {
    host: u.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1",
    port: Number(u.port || 6379),
    options: {
      ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
      ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
      ...(db ? { db: Number(db) } : {}),
      ...(u.protocol === "rediss:" ? { tls: {} } : {}),
      // Commands wait while Redis is away (published state vectors are sent once it is
      // back) instead of failing after a fixed number of retries.
      maxRetriesPerRequest: null,
      // Reconnect for ever, at most every 2 s.
      retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
      connectTimeout: 5000,
      // The reply channel and open documents' channels are subscribed again after a reconnect.
      autoResubscribe: true,
    },
  };
}

/** Where the URL points, without credentials (for logs). */
export function describeRedisUrl(url: string) {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.length > 1 ? u.pathname : ""}`;
  } catch {
    return "(invalid REDIS_URL)";
  }
}

export interface RedisHealth {
  /** false: REDIS_URL is not set (a single process; nothing to check). */
  configured: boolean;
  ok: boolean;
  /** Why not, when not ok. */
  error?: string;
}

let current: { ping(): Promise<RedisHealth> } | null = null;

/**
 * Is Redis OK? `{ configured: false, ok: true }` when REDIS_URL is not set; otherwise a PING
 * answered within `timeoutMs`. For the readiness check (/readyz).
 */
export async function redisHealth(timeoutMs = 1000): Promise<RedisHealth> {
  if (!current) return { configured: false, ok: true };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<RedisHealth>((resolve) => {
    timer = setTimeout(() => resolve({ configured: true, ok: false, error: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([current.ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a document's first load waits for Redis before it is served from this process alone. */
const LOAD_WAIT_MS = 2000;

type Internals = {
  documents: Map<string, Document>;
  publishFirstSyncStep(name: string, document: Document): Promise<unknown>;
  requestAwarenessFromOtherInstances(name: string): Promise<unknown>;
};

class CollabRedisExtension extends RedisExtension {
  connected = false;

  /** See the top of this file: stores are made safe by the row lock and the stored-state check. */
  async onStoreDocument() {}

  /** Nothing to release (no lock is taken). */
  async afterStoreDocument() {}

  async afterLoadDocument(payload: afterLoadDocumentPayload) {
    if (!this.connected) return; // served by this process alone; adopted when Redis is back
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), LOAD_WAIT_MS);
    });
    try {
      await Promise.race([super.afterLoadDocument(payload), waited]);
    } catch {
      // Redis failed mid-load: the document is served by this process alone for now.
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Redis is (back) up: documents loaded meanwhile subscribe now, and every open document
   * announces its state vector, so the processes exchange what they missed.
   */
  async resync() {
    const instance = this.instance as Hocuspocus | undefined;
    if (!instance) return;
    const self = this as unknown as Internals;
    for (const [name, document] of instance.documents) {
      try {
        if (!self.documents.has(name)) {
          await super.afterLoadDocument({ documentName: name, document } as afterLoadDocumentPayload);
        } else {
          await self.publishFirstSyncStep(name, document);
          await self.requestAwarenessFromOtherInstances(name);
        }
      } catch {
        /* Redis went away again: the next "ready" retries */
      }
    }
  }
}

export interface CollabRedis {
  extension: RedisExtension;
  /** Shutdown, after the last store: disconnects from Redis. */
  close(): Promise<void>;
}

/** The Redis extension for REDIS_URL, with logging and the health check wired up. */
export function createCollabRedis(url: string, log: (line: string) => void): CollabRedis {
  const { host, port, options } = redisOptionsFromUrl(url);
  const where = describeRedisUrl(url);
  const extension = new CollabRedisExtension({ host, port, options, prefix: "losningsbanken" });
  let down: string | null = "not connected yet";
  let everConnected = false;
  let closing = false;

  const onReady = () => {
    // Both connections are needed (publishing and receiving).
    if (closing || extension.pub.status !== "ready" || extension.sub.status !== "ready") return;
    const wasDown = down;
    down = null;
    extension.connected = true;
    if (!everConnected) log(`Redis at ${where} connected: live co-editing is shared with the other web processes.`);
    else if (wasDown) log(`Redis at ${where} is reachable again: open documents are synchronised with the other web processes.`);
    everConnected = true;
    void extension.resync();
  };
  const onDown = (error?: Error) => {
    if (closing) return;
    const why = error?.message || "connection closed";
    if (down === null || (!everConnected && down === "not connected yet")) {
      log(
        `WARNING: Redis at ${where} is unreachable (${why}): pages are served and live co-editing works within each process, ` +
          `but editors on different processes do not see each other's changes until it is back (retrying).`,
      );
    }
    down = why;
    extension.connected = false;
  };
  for (const client of [extension.pub, extension.sub]) {
    client.on("ready", onReady);
    // An 'error' listener also keeps ioredis from printing its own "Unhandled error event".
    client.on("error", (error: Error) => onDown(error));
    client.on("end", () => onDown());
    client.on("close", () => {
      if (extension.connected) onDown();
    });
  }

  current = {
    async ping() {
      if (down) return { configured: true, ok: false, error: down };
      try {
        await extension.pub.ping();
        return { configured: true, ok: true };
      } catch (error) {
        return { configured: true, ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };

  return {
    extension,
    async close() {
      closing = true;
      current = null;
      // Never let an unreachable Redis hold up the shutdown (quit waits for an answer).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([extension.onDestroy().catch(() => {}), new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      extension.pub.disconnect(false);
      extension.sub.disconnect(false);
    },
  };
}
