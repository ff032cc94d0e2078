/**
 * Live co-editing (docs/decisions/007): Hocuspocus on the web app's own HTTP server and port.
 *
 * - WebSocket upgrades on /collab only, and only from our own Origin; everything else on
 *   `upgrade` is refused.
 * - Authentication: the browser's session cookie travels with the upgrade request; the same
 *   policies as the pages decide (editors write, permitted readers are read-only, everyone
 *   else is refused). Open connections are re-checked when memberships, sessions,
 *   visibility or owners change ("access.changed" domain events from any process, through
 *   app/utils/domain-events.server.ts), after the event listener reconnected, and - as a
 *   safety net only - every COLLAB_RECHECK_MS; a connection that lost access is closed.
 * - Content saved elsewhere (form, restore; "case.content_saved" events from any process) is
 *   merged from the stored Yjs state into the open document.
 * - Loading: the stored Y state, built once on the server from the stored JSON when missing.
 *   A failed load closes the connections and creates nothing (so no empty document can
 *   ever be stored over the real one).
 * - Storing: debounced, through the case model (Y state + JSON + plain text + outbox in one
 *   transaction). A failed store is logged, retried with backoff, and keeps the document in
 *   memory (unloading is refused while anything is unstored). `flush()` on shutdown stores
 *   every open document before the process exits.
 * - After every store the server tells the clients which state is stored (a state vector),
 *   so the browser can say "saved" exactly.
 *
 * Hostile input (issue 10): the upgrade request is checked in server/collab-upgrade.ts (no
 * throw can escape; Origin = APP_URL only; sockets per address capped). Messages are capped
 * (COLLAB_MAX_MESSAGE_BYTES) and checked before Hocuspocus reads them; a socket that has not
 * authenticated a document within COLLAB_AUTH_TIMEOUT_MS is closed. Every Yjs update from a
 * client is checked BEFORE it is applied (app/editor/update-guard.ts: depth, section size,
 * attributes, document size); a refused update closes that client's connection with the
 * reason and changes nothing. Presence is rewritten by the server (app/editor/presence.ts).
 * Storing never depends on the document being well-formed: the Yjs state is always written,
 * and the JSON is read from a copy cut to the depth limit if the document is deeper.
 */
import { Hocuspocus, type Connection, type Document, type onAuthenticatePayload, type onChangePayload } from "@hocuspocus/server";
import crossws from "crossws/adapters/node";
import * as decoding from "lib0/decoding";
import type http from "node:http";
import type { Duplex } from "node:stream";
import * as Y from "yjs";
import { MAX_NESTING_DEPTH } from "~/editor/limits";
import { MAX_AWARENESS_BYTES, relayedPresence } from "~/editor/presence";
import { SECTION_KEYS, type CaseSections } from "~/editor/sections";
import { cutToDepth, documentDepth, inspectUpdate } from "~/editor/update-guard";
import { caseIdFromDocumentName, readSection } from "~/editor/ydoc";
import { ensureLiveState, liveAccess, readStoredLiveState, snapshotLiveRevision, storeLiveContent } from "~/models/case-live.server";
import { clientAddress } from "~/utils/client-ip.server";
import { onDomainEvent, onEventStreamResync } from "~/utils/domain-events.server";
import { env } from "~/utils/env.server";
import { countLiveStoreFailure } from "~/utils/metrics.server";
import { createCollabRedis } from "./collab-redis";
import { AddressCounter, COLLAB_PATH, describeForLog, isAllowedOrigin, refuseUpgrade, targetPath } from "./collab-upgrade";

export { COLLAB_PATH, isAllowedOrigin };

export interface CollabContext {
  userId: string | null;
  /** Who the session belongs to: presence is written from this, never from what the client sends. */
  user: { id: string; name: string; organisation: string | null } | null;
  caseId: string;
  canEdit: boolean;
}

export interface CollabLimits {
  /** Largest WebSocket message (ws maxPayload). */
  maxMessageBytes: number;
  /** Largest live document (its Yjs state). */
  maxDocumentBytes: number;
  /** Open sockets per client address. */
  maxConnectionsPerAddress: number;
  /** A socket without an authenticated document is closed after this long. */
  authTimeoutMs: number;
  /** Honour X-Forwarded-For for the address (TRUST_PROXY). */
  trustProxy: boolean;
}

function limitsFromEnv(): CollabLimits {
  const e = env();
  return {
    maxMessageBytes: e.COLLAB_MAX_MESSAGE_BYTES,
    maxDocumentBytes: e.COLLAB_MAX_DOCUMENT_BYTES,
    maxConnectionsPerAddress: e.COLLAB_MAX_CONNECTIONS_PER_IP,
    authTimeoutMs: e.COLLAB_AUTH_TIMEOUT_MS,
    trustProxy: e.TRUST_PROXY,
  };
}

/** Why a message was refused: sent to the client as the close reason ("refused:<why>"). */
class Refusal {
  constructor(
    readonly code: number,
    readonly why: string,
  ) {}
  get reason() {
    return `refused:${this.why}`;
  }
}

export interface CollabOptions {
  appUrl: string;
  /** Store this long after the last change (default 1 s) ... */
  debounceMs?: number;
  /** ... but at least this often while people keep typing (default 5 s). */
  maxDebounceMs?: number;
  /** Safety-net re-check of every open connection's access (default 30 s). */
  recheckMs?: number;
  /** Defaults from the environment (COLLAB_MAX_*, COLLAB_AUTH_TIMEOUT_MS, TRUST_PROXY). */
  limits?: Partial<CollabLimits>;
  /** Several web processes: share open documents through this Redis (server/collab-redis.ts). */
  redisUrl?: string;
  log?: (message: string) => void;
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
  /** Upper bound of the document's encoded size: exact at load/store, plus every update since. */
  bytes: number;
  /** Bytes of updates accepted per user since the document was loaded (one editor may not use up the whole budget). */
  addedBy: Map<string, number>;
}

/** One WebSocket: its address and whether any document on it has authenticated. */
interface SocketState {
  address: string;
  authenticated: boolean;
  timer: NodeJS.Timeout | null;
}

export function createCollab(options: CollabOptions) {
  const log = options.log ?? ((m: string) => console.log(m));
  const limits: CollabLimits = { ...limitsFromEnv(), ...options.limits };
  const docs = new Map<string, DocState>();
  let shuttingDown = false;
  const addresses = new AddressCounter(limits.maxConnectionsPerAddress);
  /** Per socket, keyed by the Request object handed to Hocuspocus (it comes back in every hook payload). */
  const sockets = new WeakMap<Request, SocketState>();
  /** The client ids in the awareness message a connection is sending right now (see beforeHandleAwareness). */
  const awarenessSent = new WeakMap<Connection, Set<number>>();
  const redis = options.redisUrl ? createCollabRedis(options.redisUrl, log) : null;

  const state = (name: string) => {
    let s = docs.get(name);
    if (!s) {
      s = {
        contributors: new Set(),
        lastActor: null,
        storedVector: null,
        storedState: null,
        retryTimer: null,
        retryAttempt: 0,
        bytes: 0,
        addedBy: new Map(),
      };
      docs.set(name, s);
    }
    return s;
  };

  /**
   * The sections to store. The JSON is read through the schema with recursive code, so a
   * document deeper than the limit (which the update check keeps out; this is the second
   * line) is read from a copy cut to the limit; a section that still cannot be read keeps
   * its stored JSON. The Yjs state itself is always stored whole, so nothing typed is lost.
   */
  function sectionsToStore(name: string, document: Y.Doc): Partial<CaseSections> {
    let source: Y.Doc = document;
    let copy: Y.Doc | null = null;
    if (documentDepth(document) > MAX_NESTING_DEPTH) {
      log(`[collab] ${name} is nested deeper than ${MAX_NESTING_DEPTH}: its JSON is stored from a copy cut to that depth`);
      copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(document));
      cutToDepth(copy, MAX_NESTING_DEPTH);
      source = copy;
    }
    const out: Partial<CaseSections> = {};
    for (const key of SECTION_KEYS) {
      try {
        out[key] = readSection(source, key);
      } catch (error) {
        log(
          `[collab] section ${key} of ${name} could not be read (kept as stored): ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    copy?.destroy();
    return out;
  }

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
    s.bytes = update.byteLength;
    const contributors = [...s.contributors];
    try {
      const outcome = await storeLiveContent(caseId, {
        state: update,
        sections: sectionsToStore(name, document),
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
      countLiveStoreFailure();
      const delay = Math.min(30_000, 500 * 2 ** Math.min(s.retryAttempt, 6));
      log(
        `[collab] storing ${name} failed (attempt ${s.retryAttempt}, retrying in ${delay} ms): ${error instanceof Error ? error.message : String(error)}`,
      );
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
    return { userId: access.user?.id ?? null, user: access.user, caseId, canEdit: access.canEdit };
  }

  /**
   * Checks one message from an authenticated connection before Hocuspocus handles it (every
   * message passes here, also the ones queued before authentication). Returns why it is
   * refused, or null.
   */
  function checkMessage(raw: Uint8Array, document: Document, connection: Connection): Refusal | null {
    const readOnly = connection.readOnly;
    let type: number;
    const decoder = decoding.createDecoder(raw);
    try {
      decoding.readVarString(decoder);
      type = decoding.readVarUint(decoder);
    } catch {
      return new Refusal(4400, "malformed");
    }
    try {
      if (type === 0 || type === 4) {
        const sub = decoding.readVarUint(decoder);
        if (sub === 0) {
          Y.decodeStateVector(decoding.readVarUint8Array(decoder));
          return null;
        }
        if (sub !== 1 && sub !== 2) return new Refusal(4400, "malformed");
        const update = decoding.readVarUint8Array(decoder);
        if (readOnly) {
          // Never applied (read-only), but Hocuspocus decodes it to answer: it must decode.
          Y.decodeUpdate(update);
          return null;
        }
        const s = docs.get(document.name);
        if (s) {
          if (s.bytes + update.byteLength > limits.maxDocumentBytes) s.bytes = Y.encodeStateAsUpdate(document).byteLength;
          if (s.bytes + update.byteLength > limits.maxDocumentBytes) return new Refusal(4413, "document-too-large");
        }
        // One editor may add at most half of the document budget per load, so a single
        // account cannot use it up and leave the others unable to type.
        const who = (connection.context as CollabContext | undefined)?.userId ?? connection.socketId;
        const added = s?.addedBy.get(who) ?? 0;
        if (s && added + update.byteLength > limits.maxDocumentBytes / 2) return new Refusal(4413, "too-many-changes");
        const verdict = inspectUpdate(document, update);
        if (!verdict.ok) return new Refusal(verdict.reason === "malformed" ? 4400 : 4413, verdict.reason ?? "invalid-update");
        s?.addedBy.set(who, added + update.byteLength);
        return null;
      }
      if (type === 1) {
        const update = decoding.readVarUint8Array(decoder);
        if (update.byteLength > MAX_AWARENESS_BYTES) return new Refusal(4413, "awareness-too-large");
        // The awareness format (count, then client id, clock and JSON state each): must decode.
        const inner = decoding.createDecoder(update);
        const ids = new Set<number>();
        for (let n = decoding.readVarUint(inner); n > 0; n--) {
          ids.add(decoding.readVarUint(inner));
          decoding.readVarUint(inner);
          JSON.parse(decoding.readVarString(inner));
        }
        awarenessSent.set(connection, ids);
        return null;
      }
      // Auth (token refresh), query awareness, stateless, close: handled by Hocuspocus. Anything
      // else is not something our client sends (BroadcastStateless is server-internal).
      return [2, 3, 5, 7].includes(type) ? null : new Refusal(4400, "unknown-message");
    } catch {
      return new Refusal(4400, "malformed");
    }
  }

  function refuseMessage(connection: Connection, refusal: Refusal) {
    const ctx = connection.context as CollabContext | undefined;
    log(
      `[collab] refused a message on ${connection.document.name} from user ${ctx?.userId ?? "-"} (${sockets.get(connection.request)?.address ?? "?"}): ${refusal.why}`,
    );
    // Hocuspocus closes the document connection with the reason (the client is told); then the socket goes too.
    setImmediate(() => {
      try {
        connection.webSocket.close(refusal.code, refusal.reason);
      } catch {
        /* already closed */
      }
    });
    return refusal;
  }

  const hocuspocus = new Hocuspocus<CollabContext>({
    name: "losningsbanken",
    quiet: true,
    debounce: options.debounceMs ?? 1000,
    maxDebounce: options.maxDebounceMs ?? 5000,
    // Keep Yjs tombstones out of memory; history lives in the revisions table.
    yDocOptions: { gc: true, gcFilter: () => true },
    // Before authentication at most one message's worth is buffered per socket (legit clients
    // send their queued offline edits right after the auth message, as many small messages).
    maxUnauthenticatedQueueSize: limits.maxMessageBytes,
    maxUnauthenticatedQueueMessages: 10_000,
    maxPendingDocuments: 4,
    extensions: redis ? [redis.extension] : [],
    async onAuthenticate(payload) {
      const context = await authenticate(payload);
      const socket = sockets.get(payload.request);
      if (socket) {
        socket.authenticated = true;
        if (socket.timer) clearTimeout(socket.timer);
        socket.timer = null;
      }
      return context;
    },
    async beforeHandleMessage({ update, connection, document }) {
      const refusal = checkMessage(update, document, connection);
      // Thrown: Hocuspocus drops the message, closes this document connection with the reason.
      if (refusal) throw refuseMessage(connection, refusal);
    },
    async beforeHandleAwareness({ states, connection, context, document }) {
      if (!connection) return; // the server's own
      const ctx = context as CollabContext | undefined;
      // Hocuspocus hands us its scratch awareness, which holds a state of its own: only the
      // client ids this message really carried count.
      const sentIds = awarenessSent.get(connection) ?? new Set<number>();
      awarenessSent.delete(connection);
      const own = document.getClients(connection);
      const taken = new Set<number>();
      for (const [other, entry] of document.connections) if (other !== connection) for (const id of entry.clients) taken.add(id);
      let kept = 0;
      for (const [clientId, sent] of [...states]) {
        const relayed = ctx ? relayedPresence(sent, { user: ctx.user, canEdit: ctx.canEdit && !connection.readOnly }) : null;
        // One presence per connection, never someone else's.
        const allowed = relayed && sentIds.has(clientId) && !taken.has(clientId) && (own.size === 0 ? kept === 0 : own.has(clientId));
        if (!allowed) {
          states.delete(clientId);
          continue;
        }
        states.set(clientId, relayed);
        kept += 1;
      }
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
      s.bytes = stored.byteLength;
      // Every change (clients, merges of form saves) counts towards the size bound until the next store.
      document.on("update", (u: Uint8Array) => {
        s.bytes += u.byteLength;
      });
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
      const s = docs.get(documentName);
      if (!s?.storedVector || !isDirty(documentName, document)) return;
      // Changes this process has not stored. With several processes these are mostly other
      // processes' editors' changes that came through Redis (their process stores them), but
      // nobody here knows whether it has yet: store now (the merge makes it harmless if so).
      if (!s.retryTimer && !shuttingDown) {
        await document.saveMutex.runExclusive(() => store(documentName, document));
        if (!isDirty(documentName, document)) return;
      }
      // Refusing keeps the document (and its unstored edits) in memory until a retry succeeds.
      throw new Error(`${documentName} has unstored changes`);
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
            (connection.context as CollabContext).user = access.user;
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
      .catch((error) =>
        log(`[collab] merging saved content into ${name} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
  }

  // Re-checks run one after another (each reads the database per connection).
  let queued: Promise<void> = Promise.resolve();
  function accessChanged(caseId?: string) {
    queued = queued.then(() => recheck(caseId)).catch(() => {});
  }
  function recheckEverything() {
    accessChanged();
    for (const name of hocuspocus.documents.keys()) {
      const caseId = caseIdFromDocumentName(name);
      if (caseId) contentSaved(caseId);
    }
  }
  // The mechanism: domain events committed by any process (LISTEN domain_events).
  const unsubscribe = [
    onDomainEvent((event) => {
      if (event.type === "case.content_saved" && event.entity === "case" && event.entityId) contentSaved(event.entityId);
      else if (event.type === "access.changed") accessChanged(event.entity === "case" && event.entityId ? event.entityId : undefined);
    }),
    // The listener reconnected: events may have been missed.
    onEventStreamResync(recheckEverything),
  ];
  // Safety net only (a lost notification, a process without a listener): the same re-check now and then.
  const recheckTimer = setInterval(recheckEverything, options.recheckMs ?? env().COLLAB_RECHECK_MS);
  recheckTimer.unref();

  const peerState = (peer: unknown) => (peer as { context?: { collab?: { request: Request; socket: SocketState } } }).context?.collab;

  /**
   * The first look at every frame, before Hocuspocus: binary only, and the envelope (document
   * name, message type, an auth message's token) must decode. Garbage closes the socket
   * with one log line instead of a stack trace per frame.
   */
  function frameProblem(message: { rawData: unknown; uint8Array(): Uint8Array }): string | null {
    if (typeof message.rawData === "string") return "text-frame";
    try {
      const decoder = decoding.createDecoder(message.uint8Array());
      const name = decoding.readVarString(decoder);
      if (name.length > 200) return "malformed";
      const type = decoding.readVarUint(decoder);
      if (type > 10) return "malformed";
      if (type === 2) {
        decoding.readVarUint(decoder);
        if (decoding.readVarString(decoder).length > 4096) return "malformed";
      }
      return null;
    } catch {
      return "malformed";
    }
  }

  const ws = crossws({
    // No compression (no zip bombs); no message larger than the limit is ever buffered.
    serverOptions: { maxPayload: limits.maxMessageBytes, perMessageDeflate: false },
    // The namespace would otherwise be parsed from the Host header and request target.
    getNamespace: () => COLLAB_PATH,
    hooks: {
      open(peer) {
        try {
          const info = peerState(peer);
          if (!info) {
            peer.close(1011, "server-error");
            return;
          }
          const connection = hocuspocus.handleConnection(peer.websocket as unknown as WebSocket, info.request);
          (peer as unknown as { _hp: typeof connection })._hp = connection;
          info.socket.timer = setTimeout(() => {
            if (!info.socket.authenticated) {
              try {
                peer.close(4401, "authentication-timeout");
              } catch {
                /* gone */
              }
            }
          }, limits.authTimeoutMs);
          info.socket.timer.unref();
        } catch (error) {
          log(`[collab] could not open a connection: ${error instanceof Error ? error.message : String(error)}`);
          try {
            peer.close(1011, "server-error");
          } catch {
            /* gone */
          }
        }
      },
      message(peer, message) {
        try {
          const problem = frameProblem(message);
          if (problem) {
            log(`[collab] closing a socket from ${peerState(peer)?.socket.address ?? "?"}: ${problem} frame`);
            peer.close(problem === "text-frame" ? 1003 : 1002, problem);
            return;
          }
          (peer as unknown as { _hp?: { handleMessage(d: Uint8Array): void } })._hp?.handleMessage(message.uint8Array());
        } catch (error) {
          log(`[collab] message handling failed: ${error instanceof Error ? error.message : String(error)}`);
          try {
            peer.close(1011, "server-error");
          } catch {
            /* gone */
          }
        }
      },
      close(peer, event) {
        try {
          const info = peerState(peer);
          if (info?.socket.timer) clearTimeout(info.socket.timer);
          (peer as unknown as { _hp?: { handleClose(e: { code: number; reason: string }): void } })._hp?.handleClose({
            code: event.code ?? 1000,
            reason: event.reason ?? "",
          });
        } catch (error) {
          log(`[collab] closing a connection failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
      error(peer, error) {
        log(
          `[collab] WebSocket error from ${peerState(peer)?.socket.address ?? "?"}: ${error instanceof Error ? error.message : String(error)}`,
        );
      },
    },
  });

  /** The Request Hocuspocus sees: our own URL and only the cookie (nothing parsed from the client's Host or target). */
  function cleanRequest(request: http.IncomingMessage): Request {
    const headers = new Headers();
    const cookie = request.headers.cookie;
    if (typeof cookie === "string" && cookie.length <= 8192) {
      try {
        headers.set("cookie", cookie);
      } catch {
        /* not a valid header value: treated as logged out */
      }
    }
    return new Request(new URL(COLLAB_PATH, options.appUrl), { headers });
  }

  /** The HTTP server's `upgrade` handler. Never throws, never leaves a promise rejected. */
  function handleUpgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer) {
    // First: a reset socket must not become an uncaught 'error' event.
    socket.on("error", () => socket.destroy());
    let address = "unknown";
    try {
      address = clientAddress(request, limits.trustProxy);
      const refuse = (status: number, why: string, extra?: string[]) => {
        log(`[collab] upgrade refused (${status} ${why}): ${describeForLog(request, address)}`);
        refuseUpgrade(socket, status, extra);
      };
      if (request.method !== "GET") return refuse(400, "method");
      if (targetPath(request.url) !== COLLAB_PATH) return refuse(404, "path");
      if (shuttingDown) return refuse(503, "shutting down");
      const origin = request.headers.origin;
      if (!isAllowedOrigin(typeof origin === "string" ? origin : undefined, options.appUrl)) return refuse(403, "origin");
      if (!addresses.take(address, socket)) return refuse(429, "too many sockets from this address", ["Retry-After: 10"]);
      const webRequest = cleanRequest(request);
      const collab = { request: webRequest, socket: { address, authenticated: false, timer: null } satisfies SocketState };
      sockets.set(webRequest, collab.socket);
      // crossws hands `context` to the peer; ws answers a bad key/version/upgrade header with 400 itself.
      Object.assign(webRequest, { context: { collab } });
      ws.handleUpgrade(request, socket, head, webRequest).catch((error: unknown) => {
        log(`[collab] upgrade failed: ${error instanceof Error ? error.message : String(error)}`);
        refuseUpgrade(socket, 500);
      });
    } catch (error) {
      log(`[collab] upgrade failed: ${error instanceof Error ? error.message : String(error)} (${address})`);
      refuseUpgrade(socket, 400);
    }
  }

  /** Stores every open document (shutdown: before the database goes away). */
  async function flush() {
    shuttingDown = true;
    const pending = [...hocuspocus.documents.entries()].filter(([name, document]) => isDirty(name, document));
    const results = await Promise.allSettled(
      pending.map(([name, document]) => document.saveMutex.runExclusive(() => store(name, document))),
    );
    const failed = results.filter((r) => r.status === "rejected").length;
    if (pending.length)
      log(
        `[collab] stored ${pending.length - failed} of ${pending.length} open document(s) before shutdown${failed ? ` - ${failed} FAILED` : ""}`,
      );
    return { stored: pending.length - failed, failed };
  }

  /** Shutdown: no new sockets, close the open ones (clients keep their edits and resend them on reconnect), store everything. */
  async function close() {
    shuttingDown = true;
    clearInterval(recheckTimer);
    for (const off of unsubscribe) off();
    for (const peers of ws.peers.values()) for (const peer of peers) peer.close(1012, "server restarting");
    await flush();
    for (const s of docs.values()) if (s.retryTimer) clearTimeout(s.retryTimer);
    await redis?.close();
  }

  /** Open live documents and connections in this process (/metrics). */
  const stats = () => ({ documents: hocuspocus.getDocumentsCount(), connections: hocuspocus.getConnectionsCount() });

  return {
    hocuspocus,
    handleUpgrade,
    flush,
    close,
    recheck,
    stats,
    isDirty: (name: string) => {
      const d = hocuspocus.documents.get(name);
      return d ? isDirty(name, d) : false;
    },
  };
}

function forbidden(reason: string) {
  return Object.assign(new Error(reason), { reason });
}

export type Collab = ReturnType<typeof createCollab>;
