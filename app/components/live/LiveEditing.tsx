/**
 * Live co-editing in the browser: a section editor bound to its fragment of the case's
 * Y.Doc, the saved/saving/offline status and the list of who is here.
 */
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { caseExtensions, type CollaborationUser } from "~/editor/extensions";
import type { SectionKey } from "~/editor/sections";
import { Toolbar } from "../RichTextEditor";
import type { LiveCase } from "./useLiveCase";

interface SectionEditorProps {
  live: LiveCase;
  section: SectionKey;
  user: CollaborationUser;
  /** Id of the contenteditable (labels and the error summary point here). */
  id: string;
  labelId: string;
  label: string;
  describedBy?: string;
  /** The viewer may write (and the server agreed). */
  canWrite: boolean;
}

export function LiveSectionEditor({ live, section, user, id, labelId, label, describedBy, canWrite }: SectionEditorProps) {
  const editable = canWrite && live.synced && !live.readOnly && !live.denied && !live.refused;
  const attributes = useMemo(
    (): Record<string, string> =>
      canWrite
        ? {
            id,
            role: "textbox",
            "aria-multiline": "true",
            "aria-labelledby": labelId,
            ...(describedBy ? { "aria-describedby": describedBy } : {}),
            ...(editable ? {} : { "aria-readonly": "true" }),
            class: "editor__surface",
          }
        : // Reading (case page): plain text content under its section heading, not a form field.
          { id, class: "editor__surface prose" },
    [id, labelId, describedBy, editable, canWrite],
  );
  const editor = useEditor(
    {
      extensions: caseExtensions({
        collaboration: { document: live.doc, field: section, provider: live.provider, user },
      }),
      immediatelyRender: false,
      // Read-only until the first sync: nothing can be typed into a document that is not there yet.
      editable: false,
      editorProps: { attributes },
    },
    [live.doc],
  );
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.setOptions({ editorProps: { attributes } });
    if (editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, attributes, editable]);

  return (
    <div
      className={`editor editor--live${editable ? "" : " editor--readonly"}`}
      data-section={section}
      data-synced={live.synced || undefined}
    >
      {canWrite && !live.readOnly ? <Toolbar editor={editable ? editor : null} label={label} fieldId={id} /> : null}
      <EditorContent editor={editor} className="editor__content" />
    </div>
  );
}

/** Saved / saving / offline, plus read-only and access messages. Connection changes are announced politely. */
export function LiveStatus({ live, canWrite }: { live: LiveCase | null; canWrite: boolean }) {
  const { t } = useTranslation("cases");
  let key: string;
  let tone: "ok" | "busy" | "warn" | "error";
  if (live?.refused) {
    key = "live.status.refused";
    tone = "error";
  } else if (live && !live.synced && live.loadFailed) {
    key = "live.status.loadFailed";
    tone = "warn";
  } else if (!live || (!live.synced && live.connected)) {
    key = "live.status.connecting";
    tone = "busy";
  } else if (live.denied) {
    key = "live.status.denied";
    tone = "error";
  } else if (!live.connected) {
    key = live.save === "saved" ? "live.status.offline" : "live.status.offlineUnsaved";
    tone = "warn";
  } else if (!canWrite || live.readOnly) {
    key = "live.status.readOnly";
    tone = "ok";
  } else if (live.save === "saving") {
    key = "live.status.saving";
    tone = "busy";
  } else {
    key = "live.status.saved";
    tone = "ok";
  }
  // Only connection changes are read out (not every saving/saved flip while typing).
  const announcement = !live
    ? ""
    : live.refused
      ? t("live.status.refused")
      : live.denied
        ? t("live.status.denied")
        : !live.connected && live.synced
          ? t(key)
          : "";
  const [announced, setAnnounced] = useState("");
  const wasOffline = useRef(false);
  useEffect(() => {
    if (announcement) {
      setAnnounced(announcement);
      wasOffline.current = true;
    } else if (wasOffline.current && live?.connected) {
      setAnnounced(t("live.status.back"));
      wasOffline.current = false;
    }
  }, [announcement, live?.connected, t]);

  return (
    <>
      <p className={`live-status live-status--${tone}`} data-state={key.split(".").pop()}>
        <span className="live-status__dot" aria-hidden="true" />
        {t(key)}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announced}
      </p>
    </>
  );
}

/** Who has the case open now, with the colour of their caret. */
export function LivePeople({ live }: { live: LiveCase | null }) {
  const { t } = useTranslation("cases");
  if (!live?.synced) return null;
  const others = live.people.filter((p) => !p.self);
  if (others.length === 0) {
    return (
      <div className="live-people">
        <p className="muted">{t("live.people.alone")}</p>
      </div>
    );
  }
  return (
    <div className="live-people">
      <p className="live-people__title" id="live-people-title">
        {t("live.people.title", { count: others.length })}
      </p>
      {
        <ul className="live-people__list" aria-labelledby="live-people-title">
          {others.map((p) => (
            <li key={p.clientId}>
              <span className="live-people__swatch" style={{ backgroundColor: p.color }} aria-hidden="true" />
              {p.name}
              {p.organisation ? <span className="muted">, {p.organisation}</span> : null}
              <span className="muted"> – {p.reading ? t("live.people.reading") : t("live.people.editing")}</span>
            </li>
          ))}
        </ul>
      }
    </div>
  );
}
