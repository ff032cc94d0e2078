/**
 * Accessible form primitives shared by every form. Error values are translation keys
 * ("validation.required" in common, or "ns:key"), translated here.
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

export type FieldErrors = Record<string, string | undefined>;

export function useErrorText() {
  const { t } = useTranslation();
  return (key: string | undefined, vars?: Record<string, unknown>) => (key ? String(t(key, vars ?? {})) : undefined);
}

/** Summary at the top of a form; receives focus after a failed submit (WCAG 3.3.1). */
export function ErrorSummary({ errors, labels }: { errors?: FieldErrors; labels: Record<string, string> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter(([, v]) => v);
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!entries.length) return null;
  return (
    <div className="alert alert--error" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" style={{ margin: 0, fontSize: "1.1rem" }}>
        {t("errors.summary", { count: entries.length })}
      </h2>
      <ul>
        {entries.map(([field, key]) => (
          <li key={field}>
            <a href={`#${fieldId(field)}`} onClick={(e) => focusInPage(e, fieldId(field))}>
              {labels[field] ?? field}: {t(key!)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Same-page links ("#field", the skip link) move focus themselves once the page runs
 * JavaScript. Letting the browser change the URL's hash would be a router navigation,
 * and that drops the action data: the error messages AND every value the form echoed back.
 * Without JavaScript the plain link does the same job.
 */
export function focusInPage(event: React.MouseEvent<HTMLAnchorElement>, id: string, block: ScrollLogicalPosition = "center") {
  const target = document.getElementById(id);
  if (!target || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block });
}

export function fieldId(name: string) {
  return `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

interface FieldProps {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  optional?: boolean;
  children?: (props: { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
}

/** Joins the ids that describe a control (hint, error ...), or undefined when there are none. */
export function describedBy(...ids: Array<string | false | null | undefined>) {
  return ids.filter(Boolean).join(" ") || undefined;
}

/** " (valgfritt)" after a label or legend. */
export function OptionalMark() {
  const { t } = useTranslation();
  return <span className="muted"> ({t("optional")})</span>;
}

/** Hint and translated error of a field or group, with the ids describedBy() points at. */
export function FieldMessages({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
    </>
  );
}

/** Label + control + hint + error, wired with ids for screen readers. */
export function Field({ name, label, error, hint, optional, children }: FieldProps) {
  const id = fieldId(name);
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional ? <OptionalMark /> : null}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      {children?.({
        id,
        name,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy(hint && `${id}-hint`, error && `${id}-error`),
      })}
    </div>
  );
}

type InputProps = Omit<FieldProps, "children"> & React.InputHTMLAttributes<HTMLInputElement>;

export function TextField({ name, label, error, hint, optional, ...input }: InputProps) {
  return (
    <Field name={name} label={label} error={error} hint={hint} optional={optional}>
      {(p) => <input type="text" {...input} {...p} />}
    </Field>
  );
}

export function TextAreaField({
  name,
  label,
  error,
  hint,
  optional,
  ...rest
}: Omit<FieldProps, "children"> & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field name={name} label={label} error={error} hint={hint} optional={optional}>
      {(p) => <textarea {...rest} {...p} />}
    </Field>
  );
}

export function SelectField({
  name,
  label,
  error,
  hint,
  optional,
  options,
  ...rest
}: Omit<FieldProps, "children"> &
  React.SelectHTMLAttributes<HTMLSelectElement> & { options: Array<{ value: string; label: string }> }) {
  return (
    <Field name={name} label={label} error={error} hint={hint} optional={optional}>
      {(p) => (
        <select {...rest} {...p}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

