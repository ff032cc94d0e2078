/**
 * The ONE TipTap extension list. Used by the browser editor, by server-side rendering
 * and validation, and (issue: live co-editing) by the collaboration server. Changing it
 * changes what can be stored - keep it in one place.
 */
import type { AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

/** Links may only point to these schemes (no javascript:, data:, vbscript: ...). */
export const SAFE_LINK_PROTOCOLS = ["http", "https", "mailto", "tel"] as const;

export function isSafeUrl(url: string): boolean {
  const trimmed = url.trim();
  if (trimmed.startsWith("/") && !trimmed.startsWith("//")) return true; // same-site path
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed);
  if (!match) return false;
  return (SAFE_LINK_PROTOCOLS as readonly string[]).includes(match[1].toLowerCase());
}

export function caseExtensions(options: { collaboration?: boolean } = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [3, 4] }, // h1/h2 belong to the page and the section titles
      code: false,
      codeBlock: false,
      horizontalRule: false,
      // With Yjs collaboration, undo/redo comes from the Yjs undo manager instead.
      undoRedo: options.collaboration ? false : undefined,
      link: {
        openOnClick: false,
        autolink: true,
        // No `protocols`: it only registers extra schemes with linkify (ours are built in),
        // and registering again for every editor on a page floods the console with
        // warnings. isAllowedUri below is what decides.
        defaultProtocol: "https",
        isAllowedUri: (url) => isSafeUrl(url),
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
      },
    }),
  ];
}
