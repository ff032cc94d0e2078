/**
 * The models' line to the live co-editing server (server/collab.ts), which runs in the same
 * process as the app but is loaded outside the Remix build - hence a registry on globalThis
 * rather than a module import. Without a collaboration server (scripts, the importer, most
 * tests) every call is a no-op: the database is always the truth, the live server only
 * keeps open documents in step with it.
 */
export interface CollabBridge {
  /**
   * Sections were saved outside the live editors (no-JS form, restore) and merged into the
   * stored Yjs state: merge that stored state into the open document, if any.
   */
  contentSaved(caseId: string): void;
  /** Memberships, visibility, owners or deletion changed: re-check open connections (all cases when no id). */
  accessChanged(caseId?: string): void;
}

const KEY = Symbol.for("losningsbanken.collab-bridge");
type WithBridge = typeof globalThis & { [KEY]?: CollabBridge };

export function registerCollabBridge(bridge: CollabBridge | undefined) {
  (globalThis as WithBridge)[KEY] = bridge;
}

function bridge(): CollabBridge | undefined {
  return (globalThis as WithBridge)[KEY];
}

export function notifyLiveContentSaved(caseId: string) {
  try {
    bridge()?.contentSaved(caseId);
  } catch (error) {
    console.error(`[collab] could not merge saved sections into the open document of case ${caseId}:`, error);
  }
}

export function notifyAccessChanged(caseId?: string) {
  try {
    bridge()?.accessChanged(caseId);
  } catch (error) {
    console.error("[collab] access re-check failed:", error);
  }
}
