/**
 * A live co-editing client in Node (tests and `npm run bench:collab`): a Y.Doc synced with
 * the app's Hocuspocus endpoint through the real HocuspocusProvider, authenticated the way
 * a browser is - with the session cookie and our Origin on the WebSocket upgrade.
 *
 * Edits go straight into the section fragments (Y.XmlElement paragraphs with Y.XmlText),
 * which is exactly what the TipTap binding writes.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { SECTION_KEYS, type SectionKey } from "~/editor/sections";
import { collabDocumentName, readSections } from "~/editor/ydoc";
import { docToText } from "~/editor/sections";

export interface CollabClientOptions {
  baseUrl: string;
  caseId: string;
  /** Cookie header value, e.g. "lb_session=…" (empty: anonymous). */
  cookie?: string;
  /** Origin header; defaults to the app's own. */
  origin?: string;
  /** Reconnect quickly in tests. */
  fastReconnect?: boolean;
  /** More headers on the upgrade request (e.g. X-Forwarded-For behind a trusted proxy). */
  headers?: Record<string, string>;
}

export interface CollabClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Resolves once synced (rejects on authentication failure or timeout). */
  synced(timeoutMs?: number): Promise<void>;
  /** Set when the server refused or revoked access. */
  denied: () => string | null;
  readOnly: () => boolean;
  closedReason: () => string | null;
  /** Append a paragraph with `text` at the end of a section. */
  appendParagraph(section: SectionKey, text: string): void;
  /** Insert text at a character offset inside the section's n-th paragraph (clamped). */
  insertText(section: SectionKey, paragraph: number, offset: number, text: string): void;
  /** Delete up to `length` characters in the section's n-th paragraph. */
  deleteText(section: SectionKey, paragraph: number, offset: number, length: number): void;
  text(section?: SectionKey): string;
  /** Drop the socket (simulated network loss); edits keep accumulating locally. */
  disconnect(): void;
  reconnect(): void;
  unsynced(): number;
  /** The last "saved" state vector the server announced, decoded. */
  savedVector(): Map<number, number> | null;
  destroy(): void;
}

export function connectCollab(options: CollabClientOptions): CollabClient {
  const origin = options.origin ?? new URL(options.baseUrl).origin;
  const headers: Record<string, string> = { Origin: origin, ...options.headers };
  if (options.cookie) headers.Cookie = options.cookie;
  class AuthedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
      // The provider listens through `onerror`, but destroy() clears that first; closing a socket
      // that is still connecting then makes ws emit "closed before the connection was
      // established" with no listener, i.e. an uncaught exception in whichever test runs next.
      // Connection failures are still seen through the provider's status and close events.
      this.on("error", () => {});
    }
  }
  const url = options.baseUrl.replace(/^http/, "ws") + "/collab";
  const socket = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: AuthedWebSocket,
    ...(options.fastReconnect !== false ? { delay: 100, minDelay: 100, maxDelay: 1000, initialDelay: 0, factor: 1.5 } : {}),
  });
  const doc = new Y.Doc();
  let denied: string | null = null;
  let closedReason: string | null = null;
  let readOnly = false;
  let savedVector: Map<number, number> | null = null;
  let unsynced = 0;
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: collabDocumentName(options.caseId),
    document: doc,
    token: "session",
    onAuthenticationFailed: ({ reason }) => {
      denied = reason || "denied";
    },
    onAuthenticated: ({ scope }) => {
      readOnly = scope === "readonly";
    },
    onClose: ({ event }) => {
      closedReason = event?.reason ?? null;
    },
    onStateless: ({ payload }) => {
      try {
        const msg = JSON.parse(payload) as { type?: string; vector?: string };
        if (msg.type === "saved" && msg.vector) savedVector = Y.decodeStateVector(new Uint8Array(Buffer.from(msg.vector, "base64")));
      } catch {
        /* not ours */
      }
    },
    onUnsyncedChanges: ({ number }) => {
      unsynced = number;
    },
  });
  provider.attach();

  const paragraphAt = (section: SectionKey, index: number): Y.XmlText => {
    const fragment = doc.getXmlFragment(section);
    const blocks = fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === "paragraph");
    let p = blocks[Math.min(index, blocks.length - 1)];
    if (!p) {
      p = new Y.XmlElement("paragraph");
      fragment.push([p]);
    }
    let t = p.toArray().find((n): n is Y.XmlText => n instanceof Y.XmlText);
    if (!t) {
      t = new Y.XmlText();
      p.push([t]);
    }
    return t;
  };

  return {
    doc,
    provider,
    socket,
    synced(timeoutMs = 10_000) {
      return new Promise<void>((resolve, reject) => {
        if (provider.isSynced) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`not synced within ${timeoutMs} ms${denied ? ` (denied: ${denied})` : ""}`)),
          timeoutMs,
        );
        provider.on("synced", () => {
          clearTimeout(timer);
          resolve();
        });
        provider.on("authenticationFailed", ({ reason }: { reason: string }) => {
          clearTimeout(timer);
          reject(new Error(`denied: ${reason}`));
        });
      });
    },
    denied: () => denied,
    readOnly: () => readOnly,
    closedReason: () => closedReason,
    appendParagraph(section, text) {
      doc.transact(() => {
        const p = new Y.XmlElement("paragraph");
        p.insert(0, [new Y.XmlText(text)]);
        doc.getXmlFragment(section).push([p]);
      });
    },
    insertText(section, paragraph, offset, text) {
      doc.transact(() => {
        const t = paragraphAt(section, paragraph);
        t.insert(Math.max(0, Math.min(offset, t.length)), text);
      });
    },
    deleteText(section, paragraph, offset, length) {
      doc.transact(() => {
        const t = paragraphAt(section, paragraph);
        const start = Math.max(0, Math.min(offset, t.length));
        const len = Math.max(0, Math.min(length, t.length - start));
        if (len) t.delete(start, len);
      });
    },
    text(section) {
      const sections = readSections(doc);
      const keys = section ? [section] : SECTION_KEYS;
      return keys.map((k) => docToText(sections[k])).join("\n\n");
    },
    disconnect() {
      socket.disconnect();
    },
    reconnect() {
      // connect() is a no-op while the previous socket is still closing (status "connected"),
      // which would leave the client offline for good: wait for the close first.
      const connectWhenClosed = () => {
        if (socket.status === "connected") setTimeout(connectWhenClosed, 10);
        else void socket.connect();
      };
      connectWhenClosed();
    },
    unsynced: () => unsynced,
    savedVector: () => savedVector,
    destroy() {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
}

/** Waits until `check` is true (polling), or throws with `what`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
