/**
 * The ONE TipTap extension list. Used by the browser editor, by server-side rendering
 * and validation, and (issue: live co-editing) by the collaboration server. Changing it
 * changes what can be stored - keep it in one place.
 */
import type { AnyExtension } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import StarterKit from "@tiptap/starter-kit";
import type { Doc } from "yjs";

/** Links may only point to these schemes (no javascript:, data:, vbscript: ...). */
export const SAFE_LINK_PROTOCOLS = ["http", "https", "mailto", "tel"] as const;

/**
 * Browsers drop TAB/CR/LF anywhere in a URL and C0 controls or spaces at its ends, so
 * "java\tscript:" is "javascript:" and "/\t/evil" is "//evil" to them. Such characters are
 * refused outright; what is left is read with the WHATWG URL parser (which, like browsers,
 * reads "\" as "/"). Same-site paths must stay on our origin: protocol-relative links
 * ("//host", "/\host") are refused - write https://host instead.
 */
export function isSafeUrl(url: string): boolean {
  if (typeof url !== "string" || url.length > 4096) return false;
  if (/[\u0000-\u001f\u007f]/.test(url)) return false;
  const trimmed = url.replace(/^ +| +$/g, "");
  if (trimmed === "") return false;
  if (trimmed.startsWith("/") || trimmed.startsWith("\\")) {
    const base = "https://same-site.invalid";
    let parsed: URL;
    try {
      parsed = new URL(trimmed, `${base}/`);
    } catch {
      return false;
    }
    return parsed.origin === base && !/^[/\\]{2}/.test(trimmed) && !parsed.pathname.startsWith("//");
  }
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed);
  if (!match) return false;
  if (!(SAFE_LINK_PROTOCOLS as readonly string[]).includes(match[1].toLowerCase())) return false;
  try {
    return (SAFE_LINK_PROTOCOLS as readonly string[]).includes(new URL(trimmed).protocol.slice(0, -1));
  } catch {
    return false;
  }
}

/** Who is typing, as other editors see it next to the caret. */
export interface CollaborationUser {
  name: string;
  organisation: string | null;
  color: string;
  /** Following the case read-only (case page) rather than editing it. */
  reading?: boolean;
}

export interface CollaborationOptions {
  document: Doc;
  /** The section key: each section is its own fragment of the case's one Y.Doc. */
  field: string;
  /** A HocuspocusProvider (its awareness carries carets and the list of who is editing). */
  provider: { awareness: unknown } | null;
  user: CollaborationUser;
}

/**
 * `collaboration` binds the editor to one section of the case's Y.Doc (the server builds the
 * document; a client never seeds content) and replaces the local undo history with Yjs's,
 * which only undoes your own changes.
 */
export function caseExtensions(options: { collaboration?: CollaborationOptions } = {}): AnyExtension[] {
  const collaboration = options.collaboration;
  return [
    StarterKit.configure({
      heading: { levels: [3, 4] }, // h1/h2 belong to the page and the section titles
      code: false,
      codeBlock: false,
      horizontalRule: false,
      // With Yjs collaboration, undo/redo comes from the Yjs undo manager instead.
      undoRedo: collaboration ? false : undefined,
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
    ...(collaboration
      ? [
          Collaboration.configure({ document: collaboration.document, field: collaboration.field }),
          ...(collaboration.provider
            ? [
                CollaborationCaret.configure({
                  provider: collaboration.provider,
                  user: collaboration.user,
                  render: renderCaret,
                }),
              ]
            : []),
        ]
      : []),
  ];
}

/** A caret with the person's name and organisation (text, not colour alone, says who it is). */
function renderCaret(user: Record<string, unknown>) {
  const caret = document.createElement("span");
  caret.classList.add("collab-caret");
  const color = typeof user.color === "string" && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : "#444444";
  caret.style.borderColor = color;
  const label = document.createElement("span");
  label.classList.add("collab-caret__label");
  label.style.backgroundColor = color;
  const name = typeof user.name === "string" ? user.name : "";
  const organisation = typeof user.organisation === "string" && user.organisation ? ` (${user.organisation})` : "";
  label.textContent = name + organisation;
  caret.append(label);
  return caret;
}
