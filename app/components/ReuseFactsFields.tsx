/**
 * The case form's "Facts for reuse" group: ONE native <details> (one Tab stop while closed,
 * so the keyboard path to Save stays short), open when a fact has a value or an error.
 * Report links are repeatable rows: without JavaScript there is always one empty row and
 * "add another link" is a submit button that re-renders the form with every value kept;
 * with JavaScript the same button adds a row in place.
 */
import { Button, Details, Fieldset, Input, Paragraph } from "@digdir/designsystemet-react";
import { useEffect, useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import {
  emptyReuseFactValues,
  hasReuseFactValues,
  MAX_REPORT_LINKS,
  NUMBER_FACT_KEYS,
  REUSE_LIMITS,
  type ReportLink,
  type ReuseFactValues,
} from "~/schemas/reuse-facts";
import { Field, fieldId, TextAreaField, TextField } from "./ui/form";
import { useHydrated } from "./useHydrated";

const isEmpty = (l: ReportLink) => !l.title.trim() && !l.url.trim();

/** Rows shown: the typed ones plus one empty row to type into (up to the maximum). */
function initialRows(links: ReportLink[]): ReportLink[] {
  const rows = [...links];
  if (rows.length < MAX_REPORT_LINKS && (rows.length === 0 || !isEmpty(rows[rows.length - 1]))) rows.push({ title: "", url: "" });
  return rows;
}

/** Labels of the facts' fields for the form's error summary. */
export function reuseFactErrorLabels(t: TFunction, errors: Record<string, string>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const key of [...NUMBER_FACT_KEYS, "targetGroup", "prerequisites", "reportLinks"]) labels[key] = t(`reuse:fields.${key}`);
  for (const key of Object.keys(errors)) {
    const m = /^reportLinks\.(\d+)\.(title|url)$/.exec(key);
    if (m) {
      labels[key] =
        `${t("reuse:fields.reportLinks")}, ${t("reuse:form.linkRow", { n: Number(m[1]) + 1 })}: ` +
        t(m[2] === "url" ? "reuse:fields.linkUrl" : "reuse:fields.linkTitle");
    }
  }
  return labels;
}

export function ReuseFactsFields({ values, errors }: { values: ReuseFactValues | undefined; errors: Record<string, string> }) {
  const { t } = useTranslation("reuse");
  const hydrated = useHydrated();
  const v = values ?? emptyReuseFactValues();
  const [rows, setRows] = useState(() => initialRows(v.reportLinks));
  const [focusRow, setFocusRow] = useState<number | null>(null);
  useEffect(() => {
    if (focusRow === null) return;
    document.getElementById(fieldId(`reportLinks.${focusRow}.title`))?.focus();
    setFocusRow(null);
  }, [focusRow]);

  return (
    <Details className="reuse-facts" defaultOpen={hasReuseFactValues(values, errors)}>
      <Details.Summary>{t("form.summary")}</Details.Summary>
      <Details.Content>
        <Fieldset className="reuse-facts__fields">
          <Fieldset.Legend className="visually-hidden">{t("form.legend")}</Fieldset.Legend>
          <Paragraph data-size="sm">{t("form.intro")}</Paragraph>
          <div className="reuse-facts__numbers">
            {NUMBER_FACT_KEYS.map((key) => (
              <TextField
                key={key}
                name={key}
                label={t(`fields.${key}`)}
                hint={t(`hints.${key}`)}
                defaultValue={v[key]}
                error={errors[key]}
                inputMode={key === "effortPersonMonths" ? "decimal" : "numeric"}
                autoComplete="off"
                maxLength={60}
              />
            ))}
          </div>
          <TextField
            name="targetGroup"
            label={t("fields.targetGroup")}
            hint={t("hints.targetGroup")}
            defaultValue={v.targetGroup}
            error={errors.targetGroup}
            maxLength={REUSE_LIMITS.targetGroup}
            autoComplete="off"
          />
          <TextAreaField
            name="prerequisites"
            label={t("fields.prerequisites")}
            hint={t("hints.prerequisites")}
            defaultValue={v.prerequisites}
            error={errors.prerequisites}
            rows={5}
            maxLength={REUSE_LIMITS.prerequisites}
          />
          <Fieldset className="reuse-facts__links" aria-describedby={`${fieldId("reportLinks")}-hint`}>
            <Fieldset.Legend>{t("fields.reportLinks")}</Fieldset.Legend>
            <Paragraph className="hint" id={`${fieldId("reportLinks")}-hint`} data-size="sm">
              {t("hints.reportLinks")}
            </Paragraph>
            {errors.reportLinks ? (
              <p className="field-error" id={fieldId("reportLinks")} tabIndex={-1}>
                {t(errors.reportLinks)}
              </p>
            ) : null}
            {rows.map((row, i) => (
              <Fieldset className="reuse-facts__link" key={i}>
                <Fieldset.Legend className="visually-hidden">{t("form.linkRow", { n: i + 1 })}</Fieldset.Legend>
                <TextField
                  name={`reportLinks.${i}.title`}
                  label={t("fields.linkTitle")}
                  defaultValue={row.title}
                  error={errors[`reportLinks.${i}.title`]}
                  maxLength={REUSE_LIMITS.linkTitle}
                  autoComplete="off"
                />
                <Field name={`reportLinks.${i}.url`} label={t("fields.linkUrl")} error={errors[`reportLinks.${i}.url`]}>
                  {(p) => (
                    <Input
                      {...p}
                      type="url"
                      inputMode="url"
                      defaultValue={row.url}
                      maxLength={REUSE_LIMITS.linkUrl}
                      autoComplete="off"
                      spellCheck={false}
                    />
                  )}
                </Field>
              </Fieldset>
            ))}
            {rows.length < MAX_REPORT_LINKS ? (
              <Button
                type="submit"
                name="intent"
                value="addReportLink"
                variant="secondary"
                data-size="sm"
                onClick={(e) => {
                  if (!hydrated) return;
                  e.preventDefault();
                  setRows((rs) => [...rs, { title: "", url: "" }]);
                  setFocusRow(rows.length);
                }}
              >
                {t("form.addLink")}
              </Button>
            ) : null}
          </Fieldset>
        </Fieldset>
      </Details.Content>
    </Details>
  );
}
