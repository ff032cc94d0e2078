/**
 * Helpers for the live co-editing tests: session cookies for the WebSocket, clients that
 * are closed after each test, the stored case row.
 */
import { afterEach, inject } from "vitest";
import { db } from "~/utils/db.server";
import { connectCollab, type CollabClient, type CollabClientOptions } from "./collab-client";
import type { Client } from "./http";

/** The Cookie header a browser logged in as `client` sends with the WebSocket upgrade. */
function sessionCookie(client: Client) {
  const token = client.cookie("lb_session");
  if (!token) throw new Error("client is not logged in");
  return `lb_session=${encodeURIComponent(token)}`;
}

const open = new Set<CollabClient>();
afterEach(() => {
  for (const c of open) c.destroy();
  open.clear();
});

/** A live client on the test run's server (or `baseUrl`), destroyed after the test. */
export function live(caseId: string, who: Client | null, options: Partial<CollabClientOptions> = {}) {
  const c = connectCollab({ baseUrl: inject("baseUrl"), caseId, cookie: who ? sessionCookie(who) : undefined, ...options });
  open.add(c);
  return c;
}

export function storedCase(caseId: string) {
  return db().case.findUniqueOrThrow({
    where: { id: caseId },
    select: { sections: true, plainText: true, contentVersion: true, yState: true, version: true },
  });
}
