/**
 * One rich-text section of the case form.
 *
 * Without JavaScript (and during the server render) this is a plain <textarea> with the
 * section as text; the schema turns text into a document. Once the page is hydrated the
 * textarea is replaced by a TipTap editor using the ONE shared extension list, which
 * writes its document as JSON into a hidden input with the same name.
 */
import { Button } from "@digdir/designsystemet-react";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { caseExtensions, isSafeUrl } from "~/editor/extensions";
import { docToText, textToDoc, type TipTapDoc } from "~/editor/sections";
import { parseSectionValue } from "~/schemas/case-form";
import { useHydrated } from "./useHydrated";

interface Props {
  /** Form field name, e.g. "sections.challenge". */
  name: string;
  /** Id of the textarea / contenteditable (the error summary links here). */
  id: string;
  /** Id of the visible label. */
  labelId: string;
  /** The section's name, for the toolbar's label. */
  label: string;
  /** Stored JSON, echoed JSON, or echoed plain text. */
  value: string;
  describedBy?: string;
  invalid?: boolean;
}

export function RichTextEditor(props: Props) {
  const hydrated = useHydrated();
  const parsed = useMemo(() => parseSectionValue(props.value), [props.value]);
  const initialText = parsed.doc ? docToText(parsed.doc) : props.value;
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [typedBeforeHydration, setTyped] = useState<string | null>(null);

  // Someone fast may type into the textarea before the script has loaded: keep that text.
  useEffect(() => {
    const el = textareaRef.current;
    if (el && el.value !== initialText) setTyped(el.value);
  }, [hydrated]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!hydrated) {
    return (
      <textarea
        ref={textareaRef}
        id={props.id}
        name={props.name}
        defaultValue={initialText}
        rows={6}
        aria-labelledby={props.labelId}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || undefined}
      />
    );
  }
  const initialDoc: TipTapDoc = typedBeforeHydration !== null ? textToDoc(typedBeforeHydration) : (parsed.doc ?? textToDoc(props.value));
  return <TipTapField {...props} initialDoc={initialDoc} />;
}

function TipTapField({ name, id, labelId, label, describedBy, invalid, initialDoc }: Props & { initialDoc: TipTapDoc }) {
  const [json, setJson] = useState(() => JSON.stringify(initialDoc));
  const attributes = useMemo(
    () => ({
      id,
      role: "textbox",
      "aria-multiline": "true",
      "aria-labelledby": labelId,
      "aria-keyshortcuts": "Alt+F10",
      ...(describedBy ? { "aria-describedby": describedBy } : {}),
      ...(invalid ? { "aria-invalid": "true" } : {}),
      class: "editor__surface",
    }),
    [id, labelId, describedBy, invalid],
  );
  const editor = useEditor({
    extensions: caseExtensions(),
    content: initialDoc,
    immediatelyRender: false,
    editorProps: { attributes },
    onUpdate: ({ editor: e }) => setJson(JSON.stringify(e.getJSON())),
  });
  // Error state changes after a failed submit must reach the contenteditable without
  // re-creating the editor (that would throw away what was typed).
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setOptions({ editorProps: { attributes } });
  }, [editor, attributes]);

  return (
    <div className={`editor${invalid ? " editor--invalid" : ""}`}>
      <Toolbar editor={editor} label={label} fieldId={id} />
      {editor ? (
        <EditorContent editor={editor} className="editor__content" />
      ) : (
        // Between hydration and editor creation: same text, read-only, so nothing jumps.
        <div className="editor__content">
          <div className="editor__surface editor__surface--loading" aria-hidden="true">
            {docToText(initialDoc)}
          </div>
        </div>
      )}
      <input type="hidden" name={name} value={json} />
    </div>
  );
}

/** Icons as inline SVG: symbol characters (❝ ↶ ↷) are missing from many system fonts. */
function Icon({ path }: { path: string }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" focusable="false" aria-hidden="true" style={{ verticalAlign: "middle" }}>
      <path d={path} fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
const QUOTE_ICON = "M5 17c0-4 1-7 5-9M5 17h4v-5H5M14 17c0-4 1-7 5-9M14 17h4v-5h-4";
const UNDO_ICON = "M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11";
const REDO_ICON = "M15 14l5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13";

type ButtonSpec = {
  key: string;
  label: string;
  /** Keyboard shortcut (TipTap's defaults), announced via aria-keyshortcuts and shown in the tooltip. */
  shortcut?: string;
  icon: React.ReactNode;
  pressed?: boolean;
  disabled?: boolean;
  run: () => void;
};

export function Toolbar({ editor, label, fieldId }: { editor: Editor | null; label: string; fieldId: string }) {
  const { t } = useTranslation("cases");
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e
        ? {
            bold: e.isActive("bold"),
            italic: e.isActive("italic"),
            heading: e.isActive("heading", { level: 3 }),
            bulletList: e.isActive("bulletList"),
            orderedList: e.isActive("orderedList"),
            quote: e.isActive("blockquote"),
            link: e.isActive("link"),
            href: (e.getAttributes("link").href as string | undefined) ?? "",
            canUndo: e.can().undo(),
            canRedo: e.can().redo(),
          }
        : null,
  });
  const [linkOpen, setLinkOpen] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const buttonsRef = useRef<Array<HTMLButtonElement | null>>([]);
  const barRef = useRef<HTMLDivElement>(null);
  // The toolbar is a Tab stop only while its editor (or the toolbar itself) has focus: Tab
  // from the field before goes straight into the text, Shift+Tab from the text reaches the
  // toolbar, and so does Alt+F10 (as in other rich-text editors). Six sections would
  // otherwise add six Tab stops to the form's keyboard path.
  const [engaged, setEngaged] = useState(false);
  useEffect(() => {
    const frame = barRef.current?.parentElement;
    if (!frame) return;
    const onIn = () => setEngaged(true);
    const onOut = (e: FocusEvent) => setEngaged(!!e.relatedTarget && frame.contains(e.relatedTarget as Node));
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.key === "F10") {
        e.preventDefault();
        setEngaged(true);
        (barRef.current?.querySelector<HTMLButtonElement>('button[tabindex="0"]') ?? buttonsRef.current[0])?.focus();
      }
    };
    frame.addEventListener("focusin", onIn);
    frame.addEventListener("focusout", onOut);
    frame.addEventListener("keydown", onKey);
    return () => {
      frame.removeEventListener("focusin", onIn);
      frame.removeEventListener("focusout", onOut);
      frame.removeEventListener("keydown", onKey);
    };
  }, []);
  const chain = () => editor!.chain().focus();

  const buttons: ButtonSpec[] = [
    { key: "bold", label: t("editor.bold"), shortcut: "Control+B", icon: "B", pressed: state?.bold, run: () => chain().toggleBold().run() },
    {
      key: "italic",
      label: t("editor.italic"),
      shortcut: "Control+I",
      icon: "I",
      pressed: state?.italic,
      run: () => chain().toggleItalic().run(),
    },
    {
      key: "heading",
      label: t("editor.heading"),
      shortcut: "Control+Alt+3",
      icon: "H3",
      pressed: state?.heading,
      run: () => chain().toggleHeading({ level: 3 }).run(),
    },
    {
      key: "bulletList",
      label: t("editor.bulletList"),
      shortcut: "Control+Shift+8",
      icon: "•",
      pressed: state?.bulletList,
      run: () => chain().toggleBulletList().run(),
    },
    {
      key: "orderedList",
      label: t("editor.orderedList"),
      shortcut: "Control+Shift+7",
      icon: "1.",
      pressed: state?.orderedList,
      run: () => chain().toggleOrderedList().run(),
    },
    {
      key: "quote",
      label: t("editor.quote"),
      shortcut: "Control+Shift+B",
      icon: <Icon path={QUOTE_ICON} />,
      pressed: state?.quote,
      run: () => chain().toggleBlockquote().run(),
    },
    { key: "link", label: t("editor.link"), icon: t("editor.link"), pressed: state?.link || linkOpen, run: () => setLinkOpen((o) => !o) },
    // Undo/redo are actions, not toggles: no aria-pressed (it would announce "not pressed").
    {
      key: "undo",
      label: t("editor.undo"),
      shortcut: "Control+Z",
      icon: <Icon path={UNDO_ICON} />,
      disabled: !state?.canUndo,
      run: () => chain().undo().run(),
    },
    {
      key: "redo",
      label: t("editor.redo"),
      shortcut: "Control+Shift+Z",
      icon: <Icon path={REDO_ICON} />,
      disabled: !state?.canRedo,
      run: () => chain().redo().run(),
    },
  ];

  // WAI-ARIA toolbar pattern: one Tab stop, arrow keys move between buttons.
  function onKeyDown(e: React.KeyboardEvent) {
    const last = buttons.length - 1;
    let next: number;
    if (e.key === "ArrowRight") next = focusIndex === last ? 0 : focusIndex + 1;
    else if (e.key === "ArrowLeft") next = focusIndex === 0 ? last : focusIndex - 1;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = last;
    else if (e.key === "Escape" && editor) {
      // Back to the text.
      e.preventDefault();
      editor.commands.focus();
      return;
    } else return;
    e.preventDefault();
    setFocusIndex(next);
    buttonsRef.current[next]?.focus();
  }

  return (
    <>
      <div
        ref={barRef}
        className="editor__toolbar"
        role="toolbar"
        aria-label={t("editor.toolbar", { section: label })}
        aria-controls={fieldId}
        onKeyDown={onKeyDown}
      >
        {buttons.map((b, i) => (
          <button
            key={b.key}
            ref={(el) => {
              buttonsRef.current[i] = el;
            }}
            type="button"
            className={`editor__button editor__button--${b.key}`}
            aria-label={b.label}
            aria-keyshortcuts={b.shortcut}
            title={b.shortcut ? `${b.label} (${b.shortcut.replace("Control", "Ctrl")})` : b.label}
            aria-pressed={b.pressed === undefined ? undefined : b.pressed}
            aria-disabled={b.disabled || !editor || undefined}
            tabIndex={engaged && i === focusIndex ? 0 : -1}
            onFocus={() => setFocusIndex(i)}
            onClick={() => {
              if (!editor || b.disabled) return;
              b.run();
            }}
          >
            <span aria-hidden="true">{b.icon}</span>
          </button>
        ))}
      </div>
      {linkOpen && editor ? (
        <LinkPanel
          editor={editor}
          fieldId={fieldId}
          currentHref={state?.href ?? ""}
          onClose={() => {
            setLinkOpen(false);
            buttonsRef.current[buttons.findIndex((b) => b.key === "link")]?.focus();
          }}
        />
      ) : null}
    </>
  );
}

/** "www.kommune.no/x" -> "https://www.kommune.no/x"; anything else unchanged. */
function withScheme(url: string) {
  const trimmed = url.trim();
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/|$)/i.test(trimmed)) return `https://${trimmed}`;
  return trimmed;
}

function LinkPanel({
  editor,
  fieldId,
  currentHref,
  onClose,
}: {
  editor: Editor;
  fieldId: string;
  currentHref: string;
  onClose: () => void;
}) {
  const { t } = useTranslation("cases");
  const [value, setValue] = useState(currentHref);
  const [unsafe, setUnsafe] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = `${fieldId}-link`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  function apply() {
    const url = withScheme(value);
    if (!url) {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      onClose();
      return;
    }
    if (!isSafeUrl(url)) {
      setUnsafe(true);
      inputRef.current?.focus();
      return;
    }
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive("link")) {
      // Nothing selected: insert the address itself as the link text.
      editor
        .chain()
        .focus()
        .insertContent({ type: "text", text: url, marks: [{ type: "link", attrs: { href: url } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href: url }).run();
    }
    onClose();
  }

  function remove() {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose();
  }

  return (
    <div className="editor__link" role="group" aria-label={t("editor.link")}>
      <label htmlFor={inputId}>{t("editor.linkUrl")}</label>
      <p className="hint" id={hintId}>
        {t("editor.linkHint")}
      </p>
      {unsafe ? (
        <p className="field-error" id={errorId} role="alert">
          {t("editor.linkUnsafe")}
        </p>
      ) : null}
      <div className="editor__link-row">
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          value={value}
          aria-describedby={unsafe ? `${hintId} ${errorId}` : hintId}
          aria-invalid={unsafe || undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setUnsafe(false);
          }}
          onKeyDown={(e) => {
            // Enter inside the case form would submit it: apply the link instead.
            if (e.key === "Enter") {
              e.preventDefault();
              apply();
            } else if (e.key === "Escape") {
              e.preventDefault();
              onClose();
            }
          }}
        />
        <Button type="button" data-size="sm" onClick={apply}>
          {t("editor.linkApply")}
        </Button>
        {currentHref ? (
          <Button type="button" variant="tertiary" data-size="sm" onClick={remove}>
            {t("editor.linkRemove")}
          </Button>
        ) : null}
        <Button type="button" variant="tertiary" data-size="sm" onClick={onClose}>
          {t("editor.linkCancel")}
        </Button>
      </div>
    </div>
  );
}
