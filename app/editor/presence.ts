/**
 * Presence ("who is here", carets) as the SERVER relays it (issue 10, fault 7): a client's
 * awareness state is never passed on as sent. The server keeps only the fields the editor
 * uses and writes who the person is from the authenticated session: name, organisation and
 * colour cannot be forged, a read-only connection is always shown as reading, and a
 * logged-out reader is not shown at all. Browser-safe (the colour is computed the same way
 * in the browser).
 */
import { measureValue } from "./limits";

const PALETTE = ["#1f5fa6", "#9b2c6f", "#2d6a35", "#8a4b08", "#5b3fa0", "#a1332b", "#00676b", "#6b5500"];

/** A stable colour per user (all dark enough for white label text, WCAG AA). */
export function colorFor(userId: string) {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

/** Largest awareness message a client may send (one person's caret and name need ~300 bytes). */
export const MAX_AWARENESS_BYTES = 8 * 1024;

export interface PresenceIdentity {
  user: { id: string; name: string; organisation: string | null } | null;
  canEdit: boolean;
}

/** A caret position as y-prosemirror sends it: two relative positions, small and flat. */
function validCursor(cursor: unknown): unknown {
  if (!cursor || typeof cursor !== "object") return null;
  const { anchor, head } = cursor as { anchor?: unknown; head?: unknown };
  if (!anchor || !head || typeof anchor !== "object" || typeof head !== "object") return null;
  return measureValue({ anchor, head }, 4, 200).ok ? { anchor, head } : null;
}

/**
 * The state the server relays for one client, or null to relay nothing. `state` is what the
 * client sent (any shape).
 */
export function relayedPresence(state: Record<string, unknown>, who: PresenceIdentity): Record<string, unknown> | null {
  if (!who.user) return null;
  const sent = state.user && typeof state.user === "object" ? (state.user as { reading?: unknown }) : {};
  // An editor may say it is only reading (the case page); nobody can claim to be editing.
  const reading = !who.canEdit || sent.reading === true;
  return {
    user: { name: who.user.name, organisation: who.user.organisation, color: colorFor(who.user.id), reading },
    cursor: reading ? null : validCursor(state.cursor),
  };
}
