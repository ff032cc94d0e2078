/**
 * The ONE case form, used by /cases/new and /cases/:slug/edit. Works without JavaScript
 * (textareas for the sections, "add row"/"remove row" as submit buttons that re-render
 * the form with every typed value kept) and is enhanced with it (rich editors, rows added
 * in place, a searchable co-owner picker).
 */
import { Alert, Button, Fieldset, Heading, Input, Label, Paragraph, Select, Tag, ValidationMessage } from "@digdir/designsystemet-react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SECTION_KEYS } from "~/editor/sections";
import { useRootData } from "~/root";
import { CASE_STATUSES, CONTENT_LANGUAGES, VISIBILITIES } from "~/schemas/case";
import { emptyResultRow, MAX_RESULT_ROWS, RESULT_FIELDS, type CaseFormValues, type ResultRowValues } from "~/schemas/case-form";
import type { CollaborationUser } from "~/editor/extensions";
import { WhatWeChangedField } from "./CaseAdaptations";
import { CsrfInput } from "./CsrfInput";
import { OrganisationPicker } from "./OrganisationPicker";
import { LivePeople, LiveSectionEditor, LiveStatus } from "./live/LiveEditing";
import type { LiveCase } from "./live/useLiveCase";
import { ReuseFactsFields, reuseFactErrorLabels } from "./ReuseFactsFields";
import { RichTextEditor } from "./RichTextEditor";
import { describedBy, ErrorSummary, Field, fieldId, OptionalMark, RadioField, TextAreaField, TextField } from "./ui/form";
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
  /** An adaptation of another case: shows "Hva vi endret" (docs/decisions/017-adaptations.md). */
  adapted?: boolean;
}

export function CaseForm({
  mode,
  values,
  errors = {},
  ownerOptions,
  organisations,
  challengeAreas,
  version,
  conflict,
  cancelHref,
  live: liveProp,
  adapted,
}: CaseFormProps) {
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
    contentLanguage: t("fields.contentLanguage"),
    periodStart: t("fields.periodStart"),
    periodEnd: t("fields.periodEnd"),
    ownerOrganisationId: t("fields.owner"),
    coOwnerIds: t("fields.coOwners"),
    challengeAreaIds: t("fields.challengeAreas"),
    contactName: `${t("fields.contact")}: ${t("fields.contactName")}`,
    contactRole: `${t("fields.contact")}: ${t("fields.contactRole")}`,
    contactEmail: `${t("fields.contact")}: ${t("fields.contactEmail")}`,
    results: t("fields.results"),
    whatWeChanged: t("adapt:whatWeChanged.label"),
  };
  for (const k of SECTION_KEYS) labels[`sections.${k}`] = t(`sections.${k}`);
  Object.assign(labels, reuseFactErrorLabels(t, errors));
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
        <Alert data-color="danger" role="alert">
          <Paragraph>{tc("errors.formTooLarge", { limit: formLimit.maxLabel })}</Paragraph>
        </Alert>
      ) : null}
      {conflict ? <ConflictPanel conflict={conflict} /> : null}

      <p className="muted">{t("page.requiredNote")}</p>

      <TextField
        name="title"
        label={t("fields.title")}
        defaultValue={values.title}
        error={err("title")}
        maxLength={200}
        autoComplete="off"
      />
      <TextAreaField
        name="summary"
        label={t("fields.summary")}
        hint={t("fields.summaryHint")}
        defaultValue={values.summary}
        error={err("summary")}
        rows={4}
        maxLength={1500}
      />
      {adapted || values.whatWeChanged ? <WhatWeChangedField value={values.whatWeChanged} error={err("whatWeChanged")} /> : null}

      <Fieldset className="case-form__group">
        <Fieldset.Legend>{t("fields.sectionsLegend")}</Fieldset.Legend>
        {hydrated ? (
          <Paragraph className="hint" data-size="sm">
            {t("editor.toolbarHint")}
          </Paragraph>
        ) : null}
        {liveProp?.formFallback ? (
          <Alert data-color="warning" role="status">
            <Paragraph>{t("live.fallback")}</Paragraph>
          </Alert>
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
            // Not a DS <Field>: its script looks for one native input, and a section is a rich-text editor.
            <div className="field section-field" key={key}>
              <Label id={`${id}-label`} htmlFor={id}>
                {t(`sections.${key}`)}
                <OptionalMark />
              </Label>
              <Paragraph className="hint" id={`${id}-hint`} data-size="sm">
                {t(`sectionHints.${key}`)}
              </Paragraph>
              {err(name) ? (
                <ValidationMessage className="field-error" id={`${id}-error`} data-field={undefined}>
                  {tc(err(name)!)}
                </ValidationMessage>
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
      </Fieldset>

      <Field name="status" label={t("fields.status")} error={err("status")}>
        {(p) => (
          <Select {...p} defaultValue={values.status}>
            {CASE_STATUSES.map((s) => (
              <Select.Option key={s} value={s}>
                {t(`status.${s}`)}
              </Select.Option>
            ))}
          </Select>
        )}
      </Field>

      <Field
        name="contentLanguage"
        label={t("fields.contentLanguage")}
        hint={t("fields.contentLanguageHint")}
        error={err("contentLanguage")}
      >
        {(p) => (
          <Select {...p} defaultValue={values.contentLanguage || "nb"}>
            {CONTENT_LANGUAGES.map((l) => (
              <Select.Option key={l} value={l}>
                {t(`contentLanguage.${l}`)}
              </Select.Option>
            ))}
          </Select>
        )}
      </Field>

      <Fieldset className="case-form__group" aria-describedby={errId("visibility")}>
        <Fieldset.Legend>{t("fields.visibility")}</Fieldset.Legend>
        {err("visibility") ? (
          <ValidationMessage className="field-error" id={errId("visibility")} data-field={undefined}>
            {tc(err("visibility")!)}
          </ValidationMessage>
        ) : null}
        <div className="radio-list">
          {VISIBILITIES.map((v, i) => {
            const id = i === 0 ? fieldId("visibility") : `${fieldId("visibility")}-${v}`;
            return (
              <RadioField
                key={v}
                id={id}
                name="visibility"
                value={v}
                defaultChecked={values.visibility === v}
                label={
                  <Tag data-size="sm" data-color={v === "DRAFT" ? "warning" : v === "MEMBERS" ? "info" : "success"}>
                    {t(`visibility.${v}`)}
                  </Tag>
                }
                hint={t(`visibilityHint.${v}`)}
              />
            );
          })}
        </div>
      </Fieldset>

      <Fieldset className="case-form__group">
        <Fieldset.Legend>
          {t("fields.period")}
          <OptionalMark />
        </Fieldset.Legend>
        <Paragraph className="hint" id="period-hint" data-size="sm">
          {t("fields.periodHint")}
        </Paragraph>
        <div className="case-form__row">
          {(["periodStart", "periodEnd"] as const).map((name) => (
            <Field key={name} name={name} label={t(`fields.${name}`)} error={err(name)}>
              {(p) => (
                <Input
                  {...p}
                  type="text"
                  autoComplete="off"
                  defaultValue={values[name]}
                  aria-describedby={describedBy("period-hint", p["aria-describedby"])}
                />
              )}
            </Field>
          ))}
        </div>
      </Fieldset>

      <Field name="ownerOrganisationId" label={t("fields.owner")} error={err("ownerOrganisationId")}>
        {(p) => (
          <Select {...p} defaultValue={values.ownerOrganisationId} onChange={(e) => setOwnerId(e.target.value)}>
            {ownerOptions.length !== 1 ? <Select.Option value="">{t("fields.ownerChoose")}</Select.Option> : null}
            {ownerOptions.map((o) => (
              <Select.Option key={o.id} value={o.id}>
                {o.name}
              </Select.Option>
            ))}
          </Select>
        )}
      </Field>

      {/* One Tab stop with JavaScript (a searchable multi-select), checkboxes without it. */}
      <OrganisationPicker
        name="challengeAreaIds"
        legend={t("fields.challengeAreas")}
        hint={t("fields.challengeAreasHint")}
        pickerHint={t("fields.challengeAreasPickerHint")}
        emptyText={t("fields.challengeAreasNone")}
        className="area-picker"
        error={err("challengeAreaIds")}
        options={challengeAreas}
        checked={values.challengeAreaIds}
      />

      <OrganisationPicker
        name="coOwnerIds"
        legend={t("fields.coOwners")}
        hint={t("fields.coOwnersHint")}
        error={err("coOwnerIds")}
        options={organisations.filter((o) => o.id !== ownerId)}
        checked={values.coOwnerIds}
        optional
      />

      <Fieldset className="case-form__group">
        <Fieldset.Legend>
          {t("fields.contact")}
          <OptionalMark />
        </Fieldset.Legend>
        <Paragraph className="hint" data-size="sm">
          {t("fields.contactHint")}
        </Paragraph>
        <TextField
          name="contactName"
          label={t("fields.contactName")}
          defaultValue={values.contactName}
          error={err("contactName")}
          autoComplete="off"
        />
        <TextField
          name="contactRole"
          label={t("fields.contactRole")}
          defaultValue={values.contactRole}
          error={err("contactRole")}
          autoComplete="off"
        />
        <Field name="contactEmail" label={t("fields.contactEmail")} error={err("contactEmail")}>
          {(p) => <Input {...p} type="email" defaultValue={values.contactEmail} autoComplete="off" spellCheck={false} />}
        </Field>
      </Fieldset>

      <ResultRows rows={values.results} errors={errors} />

      <ReuseFactsFields values={values.reuse} errors={errors} />

      <div className="form-actions">
        <Button type="submit" name="intent" value="save" disabled={busy}>
          {mode === "create" ? t("form.create") : t("form.save")}
        </Button>
        <Button asChild variant="secondary">
          <Link to={cancelHref}>{t("form.cancel")}</Link>
        </Button>
      </div>
    </Form>
  );
}

function resultLabelKey(field: string) {
  return field === "period" ? "fields.resultPeriod" : `fields.${field}`;
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
    <Fieldset className="case-form__group case-form__results">
      <Fieldset.Legend>
        {t("fields.results")}
        <OptionalMark />
      </Fieldset.Legend>
      <Paragraph className="hint" data-size="sm">
        {t("fields.resultsHint")}
      </Paragraph>
      {rows.map((row, i) => (
        <Fieldset className="result-row" key={row.key}>
          <Fieldset.Legend>{t("results.row", { n: i + 1 })}</Fieldset.Legend>
          <div className="result-row__fields">
            {RESULT_FIELDS.map((f) => {
              const name = `results.${i}.${f}`;
              const numeric = f === "baseline" || f === "result";
              return (
                <Field key={f} name={name} label={t(resultLabelKey(f))} error={errors[name]}>
                  {(p) => (
                    <Input
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
          <Button
            type="submit"
            name="intent"
            value={`removeResult:${i}`}
            variant="tertiary"
            data-size="sm"
            onClick={(e) => {
              if (!hydrated) return;
              e.preventDefault();
              setRows((rs) => rs.filter((r) => r.key !== row.key));
              setFocusRow(-1);
            }}
          >
            {t("results.remove", { n: i + 1 })}
          </Button>
        </Fieldset>
      ))}
      {rows.length < MAX_RESULT_ROWS ? (
        <Button
          ref={addRef}
          type="submit"
          name="intent"
          value="addResult"
          variant="secondary"
          onClick={(e) => {
            if (!hydrated) return;
            e.preventDefault();
            setRows((rs) => [...rs, { key: ++rowKey, values: emptyResultRow() }]);
            setFocusRow(rows.length);
          }}
        >
          {t("results.add")}
        </Button>
      ) : null}
    </Fieldset>
  );
}

function ConflictPanel({ conflict }: { conflict: ConflictInfo }) {
  const { t } = useTranslation("cases");
  return (
    <section id={fieldId("_form")} className="conflict" aria-labelledby="conflict-title" tabIndex={-1}>
      <Heading level={2} data-size="sm" id="conflict-title">
        {t("conflict.title")}
      </Heading>
      <p>{t("conflict.intro")}</p>
      <p>
        {t("conflict.savedBy", {
          name: conflict.savedBy ?? t("view.unknownPerson"),
          date: conflict.savedAt,
          version: conflict.version,
        })}
      </p>
      <Heading level={3} data-size="xs">
        {t("conflict.theirVersion")}
      </Heading>
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
