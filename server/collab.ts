/**
 * Live co-editing (docs/decisions/007): Hocuspocus on the web app's own HTTP server and port.
 *
 * - WebSocket upgrades on /collab only, and only from our own Origin; everything else on
 *   `upgrade` is refused.
 * - Authentication: the browser's session cookie travels with the upgrade request; the same
 *   policies as the pages decide (editors write, permitted readers are read-only, everyone
 *   else is refused). Open connections are re-checked when memberships, sessions,
 *   visibility or owners change (via the collab bridge) and every COLLAB_RECHECK_MS; a
 *   connection that lost access is closed.
 * - Loading: the stored Y state, built once on the server from the stored JSON when missing.
 *   A failed load closes the connections and creates nothing (so no empty document can
 *   ever be stored over the real one).
 * - Storing: debounced, through the case model (Y state + JSON + plain text + outbox in one
 *   transaction). A failed store is logged, retried with backoff, and keeps the document in
 *   memory (unloading is refused while anything is unstored). `flush()` on shutdown stores
 *   every open document before the process exits.
 * - After every store the server tells the clients which state is stored (a state vector),
 *   so the browser can say "saved" exactly.
 */
import { Hocuspocus, type Document, type onAuthenticatePayload, type onChangePayload } from "@hocuspocus/server";
import crossws from "crossws/adapters/node";
import type http from "node:http";
import type { Duplex } from "node:stream";
import * as Y from "yjs";
import { caseIdFromDocumentName, readSections } from "~/editor/ydoc";
import { ensureLiveState, liveAccess, readStoredLiveState, snapshotLiveRevision, storeLiveContent } from "~/models/case-live.server";
import { registerCollabBridge } from "~/utils/collab-bridge.server";

export const COLLAB_PATH = "/collab";

export interface CollabContext {
  userId: string | null;
  caseId: string;
  canEdit: boolean;
}

export interface CollabOptions {
  appUrl: string;
  /** Store this long after the last change (default 1 s) ... */
  debounceMs?: number;
  /** ... but at least this often while people keep typing (default 5 s). */
  maxDebounceMs?: number;
  /** Safety-net re-check of every open connection's access (default 30 s). */
  recheckMs?: number;
  log?: (message: string) => void;
}

/** Origins the collaboration socket accepts: the configured app URL and the Host the request came to. */
export function isAllowedOrigin(origin: string | undefined, appUrl: string, host: string | undefined) {
  if (!origin) return false;
  const own = new URL(appUrl).origin;
  if (origin === own) return true;
  return !!host && (origin === `http://${host}` || origin === `https://${host}`);
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** Origin of server-side transactions (merging a form save or restore into an open document). */
export const SERVER_ORIGIN = { source: "local", context: { userId: null } } as const;

interface DocState {
  /** Users who typed since the last revision snapshot. */
  contributors: Set<string>;
  lastActor: string | null;
  /** State vector of what the database holds (null until the first store or the load). */
  storedVector: Uint8Array | null;
  /** The exact state bytes the database held after our last load or store: a different row means someone else saved. */
  storedState: Uint8Array | null;
  retryTimer: NodeJS.Timeout | null;
  retryAttempt: number;
}

export function createCollab(options: CollabOptions) {
  const log = options.log ?? ((m: string) => console.log(m));
  const docs = new Map<string, DocState>();
  let shuttingDown = false;

  const state = (name: string) => {
    let s = docs.get(name);
    if (!s) {
      s = { contributors: new Set(), lastActor: null, storedVector: null, storedState: null, retryTimer: null, retryAttempt: 0 };
      docs.set(name, s);
    }
    return s;
  };

  const isDirty = (name: string, document: Y.Doc) => {
    const s = docs.get(name);
    if (!s?.storedVector) return true;
    return Buffer.compare(Buffer.from(s.storedVector), Buffer.from(Y.encodeStateVector(document))) !== 0;
  };

  /** Stores one document now. Throws on failure (after scheduling a retry). */
  async function store(name: string, document: Document, merges = 0): Promise<void> {
    const caseId = caseIdFromDocumentName(name);
    const s = docs.get(name);
    // Only documents that loaded from the database are ever written back.
    if (!caseId || !s?.storedVector) return;
    const vector = Y.encodeStateVector(document);
    const update = Y.encodeStateAsUpdate(document);
    const contributors = [...s.contributors];
    try {
      const outcome = await storeLiveContent(caseId, {
        state: update,
        sections: readSections(document),
        actorId: s.lastActor,
        contributorIds: contributors,
        basedOn: s.storedState,
      });
      if (outcome.status === "diverged") {
        // A form save or restore (possibly from another process) wrote the row meanwhile:
        // merge its Yjs state into the open document (clients receive it), then store the union.
        if (merges >= 5) throw new Error(`${name} keeps changing underneath the live store`);
        Y.applyUpdate(document, outcome.state, SERVER_ORIGIN);
        s.storedState = outcome.state;
        return store(name, document, merges + 1);
      }
      if (s.retryAttempt > 0) log(`[collab] stored ${name} after ${s.retryAttempt} failed attempt(s)`);
      if (s.retryTimer) clearTimeout(s.retryTimer);
      s.retryTimer = null;
      s.retryAttempt = 0;
      s.storedVector = vector;
      s.storedState = update;
      if (outcome.status === "gone") {
        // Deleted while open: nothing more is stored; the editors are told and disconnected.
        hocuspocus.closeConnections(name);
        return;
      }
      if (outcome.status === "stored" && outcome.revision) contributors.forEach((id) => s.contributors.delete(id));
      document.broadcastStateless(JSON.stringify({ type: "saved", vector: toBase64(vector) }));
      if (document.getConnectionsCount() === 0) await snapshotOnLeave(name, caseId);
    } catch (error) {
      s.retryAttempt += 1;
      const delay = Math.min(30_000, 500 * 2 ** Math.min(s.retryAttempt, 6));
      log(`[collab] storing ${name} failed (attempt ${s.retryAttempt}, retrying in ${delay} ms): ${error instanceof Error ? error.message : String(error)}`);
      if (s.retryTimer) clearTimeout(s.retryTimer);
      if (!shuttingDown) {
        s.retryTimer = setTimeout(() => {
          s.retryTimer = null;
          document.saveMutex
            .runExclusive(() => store(name, document))
            .then(() => {
              // Nobody is connected any more and everything is stored: now it may leave memory.
              if (document.getConnectionsCount() === 0) void hocuspocus.unloadDocument(document);
            })
            .catch(() => {});
        }, delay);
        s.retryTimer.unref?.();
      }
      throw error;
    }
  }

  async function snapshotOnLeave(name: string, caseId: string) {
    const s = docs.get(name);
    if (!s) return;
    const contributors = [...s.contributors];
    try {
      if (await snapshotLiveRevision(caseId, s.lastActor, contributors)) contributors.forEach((id) => s.contributors.delete(id));
    } catch (error) {
      log(`[collab] revision snapshot for ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function authenticate({ requestHeaders, documentName, connectionConfig }: onAuthenticatePayload): Promise<CollabContext> {
    const caseId = caseIdFromDocumentName(documentName);
    if (!caseId) throw forbidden("unknown-document");
    const access = await liveAccess(requestHeaders, caseId);
    if (!access.canView) throw forbidden("forbidden");
    connectionConfig.readOnly = !access.canEdit;
    return { userId: access.user?.id ?? null, caseId, canEdit: access.canEdit };
  }

  const hocuspocus = new Hocuspocus<CollabContext>({
    name: "losningsbanken",
    quiet: true,
    debounce: options.debounceMs ?? 1000,
    maxDebounce: options.maxDebounceMs ?? 5000,
    // Keep Yjs tombstones out of memory; history lives in the revisions table.
    yDocOptions: { gc: true, gcFilter: () => true },
    async onAuthenticate(payload) {
      return authenticate(payload);
    },
    async onLoadDocument({ documentName, document }) {
      const caseId = caseIdFromDocumentName(documentName);
      if (!caseId) throw forbidden("unknown-document");
      // Throws when the case is gone or the database fails: Hocuspocus then closes the
      // connections and drops the half-made document instead of serving an empty one. The
      // client is told "load-failed" (not the generic "permission-denied" of a refusal), so
      // the browser can say so and try again instead of claiming the user has no access.
      let stored: Uint8Array;
      try {
        stored = await ensureLiveState(caseId);
      } catch (error) {
        log(`[collab] loading ${documentName} failed: ${error instanceof Error ? error.message : String(error)}`);
        throw Object.assign(new Error(`loading ${documentName} failed`), { reason: "load-failed", cause: error });
      }
      Y.applyUpdate(document, stored);
      const s = state(documentName);
      s.storedVector = Y.encodeStateVector(document);
      s.storedState = stored;
    },
    async onChange({ documentName, context }: onChangePayload) {
      const userId = (context as CollabContext | undefined)?.userId;
      if (!userId) return;
      const s = state(documentName);
      s.contributors.add(userId);
      s.lastActor = userId;
    },
    async onStoreDocument({ documentName, document }) {
      await store(documentName, document);
    },
    async onDisconnect({ documentName, clientsCount }) {
      if (clientsCount > 0) return;
      const document = hocuspocus.documents.get(documentName);
      const caseId = caseIdFromDocumentName(documentName);
      // Nothing left to store (else the pending store snapshots when it is done).
      if (document && caseId && !isDirty(documentName, document)) await snapshotOnLeave(documentName, caseId);
    },
    async beforeUnloadDocument({ documentName, document }) {
      // Refusing keeps the document (and its unstored edits) in memory until a retry succeeds.
      if (docs.get(documentName)?.storedVector && isDirty(documentName, document)) {
        throw new Error(`${documentName} has unstored changes`);
      }
    },
    async afterUnloadDocument({ documentName }) {
      const s = docs.get(documentName);
      if (s?.retryTimer) clearTimeout(s.retryTimer);
      docs.delete(documentName);
    },
  });

  /** Re-checks every open connection (of one case, or all) against the current policies. */
  async function recheck(caseId?: string) {
    for (const document of hocuspocus.documents.values()) {
      const id = caseIdFromDocumentName(document.name);
      if (!id || (caseId && id !== caseId)) continue;
      for (const connection of document.getConnections()) {
        try {
          const access = await liveAccess(connection.request.headers, id);
          if (!access.canView) {
            connection.close({ code: 4403, reason: "access-revoked" });
          } else {
            connection.readOnly = !access.canEdit;
            (connection.context as CollabContext).canEdit = access.canEdit;
          }
        } catch (error) {
          log(`[collab] access re-check failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }

  /**
   * Content saved elsewhere (no-JS form, restore) goes into the open document, if any. The
   * model wrote it into the stored Yjs state; applying exactly that state (rather than
   * writing the sections again) merges it as the same Yjs items - idempotent, so the store's
   * own divergence check can apply it again without duplicating anything.
   */
  async function syncFromDatabase(name: string, document: Document) {
    const caseId = caseIdFromDocumentName(name);
    const s = docs.get(name);
    if (!caseId || !s?.storedState) return;
    const stored = await readStoredLiveState(caseId);
    if (!stored || Buffer.compare(Buffer.from(stored), Buffer.from(s.storedState)) === 0) return;
    Y.applyUpdate(document, stored, SERVER_ORIGIN);
    s.storedState = stored;
  }

  function contentSaved(caseId: string) {
    const name = `case:${caseId}`;
    const document = hocuspocus.documents.get(name);
    if (!document || !docs.get(name)?.storedState) return;
    document.saveMutex
      .runExclusive(() => syncFromDatabase(name, document))
      .catch((error) => log(`[collab] merging saved content into ${name} failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  let queued: Promise<void> = Promise.resolve();
  const bridge = {
    contentSaved,
    accessChanged(caseId?: string) {
      queued = queued.then(() => recheck(caseId)).catch(() => {});
    },
  };
  registerCollabBridge(bridge);
  // Safety net for changes the bridge cannot see (another process or instance wrote them):
  // re-check access and merge content saved elsewhere into every open document.
  const recheckTimer = setInterval(() => {
    bridge.accessChanged();
    for (const [name, document] of hocuspocus.documents) {
      const caseId = caseIdFromDocumentName(name);
      if (caseId) contentSaved(caseId);
    }
  }, options.recheckMs ?? Number(process.env.COLLAB_RECHECK_MS || 30_000));
  recheckTimer.unref();

  const ws = crossws({
    hooks: {
      open(peer) {
        const connection = hocuspocus.handleConnection(peer.websocket as unknown as WebSocket, peer.request as Request);
        (peer as unknown as { _hp: typeof connection })._hp = connection;
      },
      message(peer, message) {
        (peer as unknown as { _hp?: { handleMessage(d: Uint8Array): void } })._hp?.handleMessage(message.uint8Array());
      },
      close(peer, event) {
        (peer as unknown as { _hp?: { handleClose(e: { code: number; reason: string }): void } })._hp?.handleClose({
          code: event.code ?? 1000,
          reason: event.reason ?? "",
        });
      },
      error(_peer, error) {
        log(`[collab] WebSocket error: ${error instanceof Error ? error.message : String(error)}`);
      },
    },
  });

  /** The HTTP server's `upgrade` handler. */
  function handleUpgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer) {
    const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (pathname !== COLLAB_PATH) return refuse("404 Not Found");
    if (shuttingDown) return refuse("503 Service Unavailable");
    if (!isAllowedOrigin(request.headers.origin, options.appUrl, request.headers.host)) return refuse("403 Forbidden");
    void ws.handleUpgrade(request, socket, head);
  }

  /** Stores every open document (shutdown: before the database goes away). */
  async function flush() {
    shuttingDown = true;
    const pending = [...hocuspocus.documents.entries()].filter(([name, document]) => isDirty(name, document));
    const results = await Promise.allSettled(pending.map(([name, document]) => document.saveMutex.runExclusive(() => store(name, document))));
    const failed = results.filter((r) => r.status === "rejected").length;
    if (pending.length) log(`[collab] stored ${pending.length - failed} of ${pending.length} open document(s) before shutdown${failed ? ` - ${failed} FAILED` : ""}`);
    return { stored: pending.length - failed, failed };
  }

  /** Shutdown: no new sockets, close the open ones (clients keep their edits and resend them on reconnect), store everything. */
  async function close() {
    shuttingDown = true;
    clearInterval(recheckTimer);
    for (const peers of ws.peers.values()) for (const peer of peers) peer.close(1012, "server restarting");
    await flush();
    for (const s of docs.values()) if (s.retryTimer) clearTimeout(s.retryTimer);
    registerCollabBridge(undefined);
  }

  return { hocuspocus, handleUpgrade, flush, close, recheck, isDirty: (name: string) => {
    const d = hocuspocus.documents.get(name);
    return d ? isDirty(name, d) : false;
  } };
}

function forbidden(reason: string) {
  return Object.assign(new Error(reason), { reason });
}

export type Collab = ReturnType<typeof createCollab>;
