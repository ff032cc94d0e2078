/**
 * The browser's connection to a case's live document (docs/decisions/007): one Y.Doc and
 * one HocuspocusProvider per page, shared by the section editors. Created in an effect
 * (never during the server render). The content always comes from the server: the client
 * never seeds the document.
 *
 * "Saved" is exact: after each store the server announces the state vector it stored; we
 * are saved when it covers every change this browser made.
 */
import { HocuspocusProvider } from "@hocuspocus/provider";
import { useEffect, useMemo, useState } from "react";
import * as Y from "yjs";
import { colorFor } from "~/editor/presence";

export { colorFor };

export type SaveState = "saved" | "saving" | "offline";

export interface LivePerson {
  clientId: number;
  name: string;
  organisation: string | null;
  color: string;
  /** Following read-only on the case page, not editing. */
  reading: boolean;
  self: boolean;
}

export interface LiveCase {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** False until the first sync: editors stay read-only until then. */
  synced: boolean;
  connected: boolean;
  /** The server granted read-only access (or the viewer may only read). */
  readOnly: boolean;
  /** Access was refused or revoked. */
  denied: boolean;
  /** The server could not load the document (it never serves an empty one instead); retrying. */
  loadFailed: boolean;
  /** The server refused a change (too long, too deep ...): the connection is closed, nothing more is saved. */
  refused: string | null;
  save: SaveState;
  people: LivePerson[];
}

function localClock(doc: Y.Doc) {
  return Y.getState(doc.store, doc.clientID);
}

function collabUrl() {
  return `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab`;
}

/**
 * `enabled: false` closes (or never opens) the connection. Who I am (awareness "user") is
 * published by the section editors' CollaborationCaret extension.
 */
export function useLiveCase(caseId: string, enabled = true): LiveCase | null {
  const [live, setLive] = useState<{ doc: Y.Doc; provider: HocuspocusProvider } | null>(null);
  const [synced, setSynced] = useState(false);
  const [connected, setConnected] = useState(false);
  const [readOnly, setReadOnly] = useState(false);
  const [denied, setDenied] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>("saved");
  const [people, setPeople] = useState<LivePerson[]>([]);

  useEffect(() => {
    if (!enabled) return;
    const doc = new Y.Doc();
    let savedClock = 0;
    let unsynced = 0;
    let online = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let loadAttempts = 0;
    const recompute = () => {
      const mine = localClock(doc);
      if (mine > savedClock || unsynced > 0) setSave(online ? "saving" : "offline");
      else setSave("saved");
    };
    const provider = new HocuspocusProvider({
      url: collabUrl(),
      name: `case:${caseId}`,
      document: doc,
      // The session cookie authenticates the socket; the token is only a protocol formality.
      token: "session",
      onStatus: ({ status }) => {
        online = status === "connected";
        setConnected(online);
        recompute();
      },
      onSynced: ({ state }) => {
        if (state) {
          setSynced(true);
          setLoadFailed(false);
          loadAttempts = 0;
        }
      },
      onAuthenticated: ({ scope }) => {
        setDenied(false);
        setReadOnly(scope === "readonly");
      },
      onAuthenticationFailed: ({ reason }) => {
        if (reason !== "load-failed") {
          setDenied(true);
          return;
        }
        // A server-side failure (e.g. the database is briefly away), not a refusal: try again.
        setLoadFailed(true);
        loadAttempts += 1;
        clearTimeout(retryTimer);
        retryTimer = setTimeout(() => void provider.sendToken(), Math.min(30_000, 1000 * 2 ** Math.min(loadAttempts, 5)));
      },
      onClose: ({ event }) => {
        if (event?.reason === "access-revoked") setDenied(true);
        // The server refused one of our changes (docs/security.md: limits). Sending it again would
        // be refused again: stop, and say so (the text stays on screen to be copied).
        if (typeof event?.reason === "string" && event.reason.startsWith("refused:")) {
          setRefused(event.reason.slice("refused:".length));
          provider.disconnect();
        }
      },
      onUnsyncedChanges: ({ number }) => {
        unsynced = number;
        recompute();
      },
      onStateless: ({ payload }) => {
        try {
          const message = JSON.parse(payload) as { type?: string; vector?: string };
          if (message.type !== "saved" || !message.vector) return;
          const bytes = Uint8Array.from(atob(message.vector), (c) => c.charCodeAt(0));
          savedClock = Math.max(savedClock, Y.decodeStateVector(bytes).get(doc.clientID) ?? 0);
          recompute();
        } catch {
          /* not ours */
        }
      },
      onAwarenessChange: ({ states }) => {
        setPeople(
          states
            .filter((s) => s.user && typeof (s.user as { name?: unknown }).name === "string")
            .map((s) => {
              const u = s.user as { name: string; organisation?: string | null; color?: string; reading?: boolean };
              return {
                clientId: s.clientId,
                name: u.name,
                organisation: u.organisation ?? null,
                color: typeof u.color === "string" ? u.color : "#444444",
                reading: u.reading === true,
                self: s.clientId === doc.clientID,
              };
            }),
        );
      },
    });
    doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider) recompute();
    });
    setLive({ doc, provider });
    return () => {
      clearTimeout(retryTimer);
      provider.destroy();
      doc.destroy();
      setLive(null);
      setSynced(false);
      setRefused(null);
    };
  }, [caseId, enabled]);

  return useMemo(
    () => (live ? { ...live, synced, connected, readOnly, denied, loadFailed, refused, save, people } : null),
    [live, synced, connected, readOnly, denied, loadFailed, refused, save, people],
  );
}

/** "Leaving the page with unsynced edits asks first." */
export function useWarnBeforeLeaving(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [active]);
}

/**
 * True when the live document has not synced within `ms` (WebSockets blocked by a proxy, the
 * collaboration server down): the edit page then falls back to saving the sections with the form.
 */
export function useLiveTimeout(live: LiveCase | null, ms = 15_000) {
  const [timedOut, setTimedOut] = useState(false);
  const synced = !!live?.synced;
  useEffect(() => {
    if (synced || timedOut) return;
    const timer = setTimeout(() => setTimedOut(true), ms);
    return () => clearTimeout(timer);
  }, [synced, timedOut, ms]);
  return timedOut && !synced;
}
