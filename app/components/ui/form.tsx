/**
 * Accessible form primitives shared by every form. Error values are translation keys
 * ("validation.required" in common, or "ns:key"), translated here.
 */
import {
  ErrorSummary as DsErrorSummary,
  Field as DsField,
  Fieldset,
  Input,
  Label,
  Paragraph,
  Select,
  Textarea,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

export type FieldErrors = Record<string, string | undefined>;

/**
 * Designsystemet's ErrorSummary at the top of a form; receives focus after a failed submit
 * (WCAG 3.3.1). Rendered asChild on our own element with role="alert": the DS custom element
 * would make it a "group" and take focus only once JavaScript runs.
 */
export function ErrorSummary({ errors, labels }: { errors?: FieldErrors; labels: Record<string, string> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter(([, v]) => v);
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!entries.length) return null;
  return (
    <DsErrorSummary asChild>
      <div role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
        <DsErrorSummary.Heading id="error-summary-title" level={2} data-size="xs">
          {t("errors.summary", { count: entries.length })}
        </DsErrorSummary.Heading>
        <DsErrorSummary.List>
          {entries.map(([field, key]) => (
            <DsErrorSummary.Item key={field}>
              <DsErrorSummary.Link href={`#${fieldId(field)}`} onClick={(e) => focusInPage(e, fieldId(field))}>
                {labels[field] ?? field}: {t(key!)}
              </DsErrorSummary.Link>
            </DsErrorSummary.Item>
          ))}
        </DsErrorSummary.List>
      </div>
    </DsErrorSummary>
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

/**
 * Hint and translated error of a field or group, with the ids describedBy() points at.
 * The ids and aria-describedby are set in the server's HTML, so forms work without
 * JavaScript; `data-field` is left off so Designsystemet's <ds-field> script does not add
 * the same ids a second time.
 */
export function FieldMessages({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {hint ? (
        <Paragraph className="hint" id={`${id}-hint`} data-size="sm">
          {hint}
        </Paragraph>
      ) : null}
      {error ? (
        <ValidationMessage className="field-error" id={`${id}-error`} data-field={undefined}>
          {t(error)}
        </ValidationMessage>
      ) : null}
    </>
  );
}

/** Designsystemet Field: Label + hint + error + control, wired with ids for screen readers. */
export function Field({ name, label, error, hint, optional, children }: FieldProps) {
  const id = fieldId(name);
  return (
    <DsField className="field">
      <Label htmlFor={id}>
        {label}
        {optional ? <OptionalMark /> : null}
      </Label>
      <FieldMessages id={id} hint={hint} error={error} />
      {children?.({
        id,
        name,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy(hint && `${id}-hint`, error && `${id}-error`),
      })}
    </DsField>
  );
}

type InputProps = Omit<FieldProps, "children"> & Omit<React.ComponentProps<typeof Input>, "name" | "children">;

export function TextField({ name, label, error, hint, optional, ...input }: InputProps) {
  return (
    <Field name={name} label={label} error={error} hint={hint} optional={optional}>
      {(p) => <Input type="text" {...input} {...p} />}
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
      {(p) => <Textarea {...rest} {...p} />}
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
  React.SelectHTMLAttributes<HTMLSelectElement> & {
    options: Array<{ value: string; label: string }>;
  }) {
  return (
    <Field name={name} label={label} error={error} hint={hint} optional={optional}>
      {(p) => (
        <Select {...rest} {...p}>
          {options.map((o) => (
            <Select.Option key={o.value} value={o.value}>
              {o.label}
            </Select.Option>
          ))}
        </Select>
      )}
    </Field>
  );
}

/**
 * One Designsystemet checkbox or radio button with its label (and optional hint), ids set on the server so
 * the label works without JavaScript (DS's own <Checkbox> links them only in the browser).
 */
function ChoiceField({
  type,
  id,
  label,
  hint,
  hidden,
  ...input
}: { type: "checkbox" | "radio"; id: string; label: React.ReactNode; hint?: React.ReactNode } & Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  "size" | "type"
>) {
  return (
    <DsField className={type} hidden={hidden || undefined}>
      <Input type={type} id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      <Label htmlFor={id} weight="regular">
        {label}
      </Label>
      {hint ? (
        <Paragraph className="hint" id={`${id}-hint`} data-size="sm">
          {hint}
        </Paragraph>
      ) : null}
    </DsField>
  );
}

type ChoiceProps = { id: string; label: React.ReactNode; hint?: React.ReactNode } & Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  "size" | "type"
>;

export function CheckboxField(props: ChoiceProps) {
  return <ChoiceField type="checkbox" {...props} />;
}

/** Same for a radio button. */
export function RadioField(props: ChoiceProps) {
  return <ChoiceField type="radio" {...props} />;
}

/** A DS Fieldset of DS checkboxes, one per option (challenge areas; the co-owners without JavaScript). */
export function CheckboxGroup({
  name,
  legend,
  hint,
  error,
  options,
  checked,
  optional,
  className = "case-form__group",
  listClassName = "checkbox-list",
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: Array<{ id: string; name: string }>;
  checked: string[];
  optional?: boolean;
  className?: string;
  listClassName?: string;
}) {
  const id = fieldId(name);
  return (
    <Fieldset className={className} aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}>
      <Fieldset.Legend>
        {legend}
        {optional ? <OptionalMark /> : null}
      </Fieldset.Legend>
      <FieldMessages id={id} hint={hint} error={error} />
      <div className={listClassName}>
        {options.map((o, i) => (
          <CheckboxField
            key={o.id}
            id={i === 0 ? id : `${id}-${o.id}`}
            name={name}
            value={o.id}
            defaultChecked={checked.includes(o.id)}
            aria-invalid={error ? true : undefined}
            label={o.name}
          />
        ))}
      </div>
    </Fieldset>
  );
}
