/**
 * The models' line to the live co-editing server (server/collab.ts), which runs in the same
 * process as the app but is loaded outside the Remix build - hence a registry on globalThis
 * rather than a module import. Without a collaboration server (scripts, the importer, most
 * tests) every call is a no-op: the database is always the truth, the live server only
 * keeps open documents in step with it.
 */
import type { CaseSections } from "~/editor/sections";

export interface CollabBridge {
  /** Content saved outside the live editors (no-JS form, restore): merge it into an open document. */
  applySections(caseId: string, sections: Partial<CaseSections>): void;
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

export function notifyLiveSections(caseId: string, sections: Partial<CaseSections>) {
  if (!Object.keys(sections).length) return;
  try {
    bridge()?.applySections(caseId, sections);
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
