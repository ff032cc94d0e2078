/**
 * The ONE case form, used by /cases/new and /cases/:slug/edit. Works without JavaScript
 * (textareas for the sections, "add row"/"remove row" as submit buttons that re-render
 * the form with every typed value kept) and is enhanced with it (rich editors, rows added
 * in place, organisation filter).
 */
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SECTION_KEYS } from "~/editor/sections";
import { useRootData } from "~/root";
import { CASE_STATUSES, VISIBILITIES } from "~/schemas/case";
import { emptyResultRow, MAX_RESULT_ROWS, RESULT_FIELDS, type CaseFormValues, type ResultRowValues } from "~/schemas/case-form";
import type { CollaborationUser } from "~/editor/extensions";
import { CsrfInput } from "./CsrfInput";
import { LivePeople, LiveSectionEditor, LiveStatus } from "./live/LiveEditing";
import type { LiveCase } from "./live/useLiveCase";
import { RichTextEditor } from "./RichTextEditor";
import { describedBy, ErrorSummary, Field, FieldMessages, fieldId, OptionalMark, TextAreaField, TextField } from "./ui/form";
import { useHydrated } from "./useHydrated";

export interface Option {
  id: string;
  name: string;
}

export interface ConflictInfo {
  version: number;
  contentVersion?: number;
  title: string;
  summary: string;
  sections: Array<{ key: string; text: string }>;
  savedBy: string | null;
  savedAt: string;
}

export interface CaseFormProps {
  mode: "create" | "edit";
  values: CaseFormValues;
  errors?: Record<string, string>;
  /** Organisations the case may be given to (the viewer's writable ones, plus the current owner). */
  ownerOptions: Option[];
  /** Every organisation, for co-owners. */
  organisations: Option[];
  challengeAreas: Array<Option & { description?: string }>;
  version?: number;
  conflict?: ConflictInfo | null;
  cancelHref: string;
  /**
   * Edit mode with live co-editing: with JavaScript the sections are live editors (saved as
   * you type, not by this form); without it they are textareas saved by the form, guarded
   * by the content version.
   */
  live?: { liveCase: LiveCase | null; user: CollaborationUser; contentVersion: number; formFallback?: boolean };
}

export function CaseForm({ mode, values, errors = {}, ownerOptions, organisations, challengeAreas, version, conflict, cancelHref, live: liveProp }: CaseFormProps) {
  // Live editing could not connect: the sections become ordinary form fields again.
  const live = liveProp?.formFallback ? undefined : liveProp;
  const { t } = useTranslation("cases");
  const { t: tc } = useTranslation();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const busy = navigation.state === "submitting" && navigation.formMethod?.toLowerCase() === "post";
  const [ownerId, setOwnerId] = useState(values.ownerOrganisationId);
  // Larger than the server accepts (413): say so here instead of sending, so nothing typed is lost.
  const formLimit = useRootData()?.form;
  const [tooLarge, setTooLarge] = useState(false);
  const checkSize = (event: React.FormEvent<HTMLFormElement>) => {
    if (!formLimit) return;
    const encoded = new URLSearchParams(new FormData(event.currentTarget) as unknown as Record<string, string>).toString();
    const over = encoded.length > formLimit.maxBytes;
    setTooLarge(over);
    if (over) event.preventDefault();
  };
  const err = (name: string) => errors[name];
  const errId = (name: string) => (errors[name] ? `${fieldId(name)}-error` : undefined);

  const labels: Record<string, string> = {
    _form: t("fields.version"),
    title: t("fields.title"),
    summary: t("fields.summary"),
    status: t("fields.status"),
    visibility: t("fields.visibility"),
    periodStart: t("fields.periodStart"),
    periodEnd: t("fields.periodEnd"),
    ownerOrganisationId: t("fields.owner"),
    coOwnerIds: t("fields.coOwners"),
    challengeAreaIds: t("fields.challengeAreas"),
    contactName: `${t("fields.contact")}: ${t("fields.contactName")}`,
    contactRole: `${t("fields.contact")}: ${t("fields.contactRole")}`,
    contactEmail: `${t("fields.contact")}: ${t("fields.contactEmail")}`,
    results: t("fields.results"),
  };
  for (const k of SECTION_KEYS) labels[`sections.${k}`] = t(`sections.${k}`);
  for (const key of Object.keys(errors)) {
    const m = /^results\.(\d+)\.(\w+)$/.exec(key);
    if (m) labels[key] = `${t("fields.results")}, ${t("results.row", { n: Number(m[1]) + 1 })}: ${t(resultLabelKey(m[2]))}`;
  }

  return (
    <Form method="post" className="form case-form" noValidate onSubmit={checkSize}>
      {/* Enter in a text field submits with the first submit button: make that "save",
          not "add row". */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        {mode === "create" ? t("form.create") : t("form.save")}
      </button>
      <CsrfInput />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      {liveProp ? <input type="hidden" name="contentVersion" value={liveProp.contentVersion} /> : null}
      {live && hydrated ? <input type="hidden" name="sectionsLive" value="1" /> : null}

      <ErrorSummary errors={errors} labels={labels} />
      {tooLarge && formLimit ? (
        <div className="alert alert--error" role="alert">
          <p>{tc("errors.formTooLarge", { limit: formLimit.maxLabel })}</p>
        </div>
      ) : null}
      {conflict ? <ConflictPanel conflict={conflict} /> : null}

      <p className="muted">{t("page.requiredNote")}</p>

      <TextField name="title" label={t("fields.title")} defaultValue={values.title} error={err("title")} maxLength={200} autoComplete="off" />
      <TextAreaField
        name="summary"
        label={t("fields.summary")}
        hint={t("fields.summaryHint")}
        defaultValue={values.summary}
        error={err("summary")}
        rows={4}
        maxLength={1500}
      />

      <fieldset className="case-form__group">
        <legend>{t("fields.sectionsLegend")}</legend>
        {liveProp?.formFallback ? (
          <p className="alert alert--warning" role="status">
            {t("live.fallback")}
          </p>
        ) : null}
        {live && hydrated ? (
          <div className="live-bar">
            <p className="hint">{t("live.hint")}</p>
            <LiveStatus live={live.liveCase} canWrite />
            <LivePeople live={live.liveCase} />
          </div>
        ) : null}
        {SECTION_KEYS.map((key) => {
          const name = `sections.${key}`;
          const id = fieldId(name);
          return (
            <div className="field" key={key}>
              <label id={`${id}-label`} htmlFor={id}>
                {t(`sections.${key}`)}
                <OptionalMark />
              </label>
              <p className="hint" id={`${id}-hint`}>
                {t(`sectionHints.${key}`)}
              </p>
              {err(name) ? (
                <p className="field-error" id={`${id}-error`}>
                  {tc(err(name)!)}
                </p>
              ) : null}
              {live && hydrated ? (
                live.liveCase ? (
                <LiveSectionEditor
                  live={live.liveCase}
                  section={key}
                  user={live.user}
                  id={id}
                  labelId={`${id}-label`}
                  label={t(`sections.${key}`)}
                  describedBy={describedBy(`${id}-hint`, errId(name))}
                  canWrite
                />
                ) : (
                  <div className="editor editor--live editor--readonly">
                    <div className="editor__content">
                      <div className="editor__surface editor__surface--loading" id={id} aria-labelledby={`${id}-label`} />
                    </div>
                  </div>
                )
              ) : (
                <RichTextEditor
                  name={name}
                  id={id}
                  labelId={`${id}-label`}
                  label={t(`sections.${key}`)}
                  value={values.sections[key]}
                  describedBy={describedBy(`${id}-hint`, errId(name))}
                  invalid={!!err(name)}
                />
              )}
            </div>
          );
        })}
      </fieldset>

      <Field name="status" label={t("fields.status")} error={err("status")}>
        {(p) => (
          <select {...p} defaultValue={values.status}>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>

      <fieldset className="field case-form__group" aria-describedby={errId("visibility")}>
        <legend>{t("fields.visibility")}</legend>
        {err("visibility") ? (
          <p className="field-error" id={errId("visibility")}>
            {tc(err("visibility")!)}
          </p>
        ) : null}
        <div className="radio-list">
          {VISIBILITIES.map((v, i) => {
            const id = i === 0 ? fieldId("visibility") : `${fieldId("visibility")}-${v}`;
            return (
              <div className="radio" key={v}>
                <input type="radio" id={id} name="visibility" value={v} defaultChecked={values.visibility === v} aria-describedby={`${id}-hint`} />
                <label htmlFor={id}>
                  <span className={`badge badge--${v.toLowerCase()}`}>{t(`visibility.${v}`)}</span>
                </label>
                <p className="hint" id={`${id}-hint`}>
                  {t(`visibilityHint.${v}`)}
                </p>
              </div>
            );
          })}
        </div>
      </fieldset>

      <fieldset className="case-form__group">
        <legend>
          {t("fields.period")}
          <OptionalMark />
        </legend>
        <p className="hint" id="period-hint">
          {t("fields.periodHint")}
        </p>
        <div className="case-form__row">
          {(["periodStart", "periodEnd"] as const).map((name) => (
            <Field key={name} name={name} label={t(`fields.${name}`)} error={err(name)}>
              {(p) => (
                <input
                  {...p}
                  type="month"
                  placeholder="2024-03"
                  defaultValue={values[name]}
                  aria-describedby={describedBy("period-hint", p["aria-describedby"])}
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>

      <Field name="ownerOrganisationId" label={t("fields.owner")} error={err("ownerOrganisationId")}>
        {(p) => (
          <select {...p} defaultValue={values.ownerOrganisationId} onChange={(e) => setOwnerId(e.target.value)}>
            {ownerOptions.length !== 1 ? <option value="">{t("fields.ownerChoose")}</option> : null}
            {ownerOptions.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>

      <CheckboxGroup
        name="challengeAreaIds"
        legend={t("fields.challengeAreas")}
        hint={t("fields.challengeAreasHint")}
        error={err("challengeAreaIds")}
        options={challengeAreas}
        checked={values.challengeAreaIds}
      />

      <CheckboxGroup
        name="coOwnerIds"
        legend={t("fields.coOwners")}
        hint={t("fields.coOwnersHint")}
        error={err("coOwnerIds")}
        options={organisations.filter((o) => o.id !== ownerId)}
        checked={values.coOwnerIds}
        optional
        filterable={hydrated}
        scroll
      />

      <fieldset className="case-form__group">
        <legend>
          {t("fields.contact")}
          <OptionalMark />
        </legend>
        <p className="hint">{t("fields.contactHint")}</p>
        <TextField name="contactName" label={t("fields.contactName")} defaultValue={values.contactName} error={err("contactName")} autoComplete="off" />
        <TextField name="contactRole" label={t("fields.contactRole")} defaultValue={values.contactRole} error={err("contactRole")} autoComplete="off" />
        <Field name="contactEmail" label={t("fields.contactEmail")} error={err("contactEmail")}>
          {(p) => <input {...p} type="email" defaultValue={values.contactEmail} autoComplete="off" spellCheck={false} />}
        </Field>
      </fieldset>

      <ResultRows rows={values.results} errors={errors} />

      <div className="form-actions">
        <button type="submit" name="intent" value="save" className="button" disabled={busy}>
          {mode === "create" ? t("form.create") : t("form.save")}
        </button>
        <Link to={cancelHref} className="button button--ghost">
          {t("form.cancel")}
        </Link>
      </div>
    </Form>
  );
}

function resultLabelKey(field: string) {
  return field === "period" ? "fields.resultPeriod" : `fields.${field}`;
}

function CheckboxGroup({
  name,
  legend,
  hint,
  error,
  options,
  checked,
  optional,
  filterable,
  scroll,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: Array<Option & { description?: string }>;
  checked: string[];
  optional?: boolean;
  filterable?: boolean;
  scroll?: boolean;
}) {
  const { t } = useTranslation("cases");
  const [filter, setFilter] = useState("");
  const id = fieldId(name);
  const needle = filter.trim().toLocaleLowerCase("nb");
  return (
    <fieldset className="field case-form__group" aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}>
      <legend>
        {legend}
        {optional ? <OptionalMark /> : null}
      </legend>
      <FieldMessages id={id} hint={hint} error={error} />
      {filterable ? (
        <div className="field case-form__filter">
          <label htmlFor={`${id}-filter`}>{t("fields.coOwnersFilter")}</label>
          <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
        </div>
      ) : null}
      <div className={scroll ? "checkbox-list checkbox-list--scroll" : "checkbox-list"}>
        {options.map((o, i) => {
          const hidden = !!needle && !o.name.toLocaleLowerCase("nb").includes(needle) && !checked.includes(o.id);
          return (
            <div className="checkbox" key={o.id} hidden={hidden}>
              <input
                type="checkbox"
                id={i === 0 ? id : `${id}-${o.id}`}
                name={name}
                value={o.id}
                defaultChecked={checked.includes(o.id)}
                aria-invalid={error ? true : undefined}
              />
              <label htmlFor={i === 0 ? id : `${id}-${o.id}`}>{o.name}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

let rowKey = 0;

function ResultRows({ rows: initialRows, errors }: { rows: ResultRowValues[]; errors: Record<string, string> }) {
  const { t } = useTranslation("cases");
  const hydrated = useHydrated();
  // Always at least one row to type into; rows left empty are ignored on save.
  const [rows, setRows] = useState(() =>
    (initialRows.length ? initialRows : [emptyResultRow()]).map((values) => ({ key: ++rowKey, values })),
  );
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusRow === null) return;
    if (focusRow < 0) addRef.current?.focus();
    else document.getElementById(fieldId(`results.${focusRow}.indicator`))?.focus();
    setFocusRow(null);
  }, [focusRow]);

  return (
    <fieldset className="case-form__group case-form__results">
      <legend>
        {t("fields.results")}
        <OptionalMark />
      </legend>
      <p className="hint">{t("fields.resultsHint")}</p>
      {rows.map((row, i) => (
        <fieldset className="result-row" key={row.key}>
          <legend>{t("results.row", { n: i + 1 })}</legend>
          <div className="result-row__fields">
            {RESULT_FIELDS.map((f) => {
              const name = `results.${i}.${f}`;
              const numeric = f === "baseline" || f === "result";
              return (
                <Field key={f} name={name} label={t(resultLabelKey(f))} error={errors[name]}>
                  {(p) => (
                    <input
                      {...p}
                      type="text"
                      inputMode={numeric ? "decimal" : undefined}
                      defaultValue={row.values[f]}
                      className={`result-row__${f}`}
                      autoComplete="off"
                    />
                  )}
                </Field>
              );
            })}
          </div>
          <button
            type="submit"
            name="intent"
            value={`removeResult:${i}`}
            className="button button--small button--ghost"
            onClick={(e) => {
              if (!hydrated) return;
              e.preventDefault();
              setRows((rs) => rs.filter((r) => r.key !== row.key));
              setFocusRow(-1);
            }}
          >
            {t("results.remove", { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      {rows.length < MAX_RESULT_ROWS ? (
        <button
          ref={addRef}
          type="submit"
          name="intent"
          value="addResult"
          className="button button--ghost"
          onClick={(e) => {
            if (!hydrated) return;
            e.preventDefault();
            setRows((rs) => [...rs, { key: ++rowKey, values: emptyResultRow() }]);
            setFocusRow(rows.length);
          }}
        >
          {t("results.add")}
        </button>
      ) : null}
    </fieldset>
  );
}

function ConflictPanel({ conflict }: { conflict: ConflictInfo }) {
  const { t } = useTranslation("cases");
  return (
    <section id={fieldId("_form")} className="conflict" aria-labelledby="conflict-title" tabIndex={-1}>
      <h2 id="conflict-title">{t("conflict.title")}</h2>
      <p>{t("conflict.intro")}</p>
      <p>
        {t("conflict.savedBy", {
          name: conflict.savedBy ?? t("view.unknownPerson"),
          date: conflict.savedAt,
          version: conflict.version,
        })}
      </p>
      <h3>{t("conflict.theirVersion")}</h3>
      <dl className="conflict__version">
        <div>
          <dt>{t("fields.title")}</dt>
          <dd>{conflict.title}</dd>
        </div>
        <div>
          <dt>{t("fields.summary")}</dt>
          <dd className="conflict__text">{conflict.summary}</dd>
        </div>
        {conflict.sections.map((s) => (
          <div key={s.key}>
            <dt>{t(`sections.${s.key}`)}</dt>
            <dd className="conflict__text">{s.text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
