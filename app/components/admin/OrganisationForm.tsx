/** Create/edit form for an organisation. `values` are strings as typed (or as stored). */
import { Button, Fieldset } from "@digdir/designsystemet-react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { CheckboxField, ErrorSummary, fieldId, SelectField, TextField, type FieldErrors } from "~/components/ui/form";
import { FYLKER, ORGANISATION_KINDS } from "~/schemas/organisation";

export type OrganisationFormValues = Partial<Record<"name" | "kind" | "orgNumber" | "kommunenummer" | "fylke" | "isActiveMember", string>>;

export function OrganisationForm({
  mode,
  values,
  errors,
}: {
  mode: "create" | "edit";
  values: OrganisationFormValues;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("admin");
  const labels = {
    name: t("orgForm.name"),
    kind: t("orgForm.kind"),
    orgNumber: t("orgForm.orgNumber"),
    kommunenummer: t("orgForm.kommunenummer"),
    fylke: t("orgForm.fylke"),
    isActiveMember: t("orgForm.isActiveMember"),
  };
  const activeId = fieldId("isActiveMember");
  return (
    <Form method="post" className="form" noValidate>
      <CsrfInput />
      <ErrorSummary errors={errors} labels={labels} />
      <Fieldset className="form-group">
        <Fieldset.Legend>{t("orgForm.basics")}</Fieldset.Legend>
        <TextField
          name="name"
          label={labels.name}
          hint={t("orgForm.nameHint")}
          error={errors?.name}
          defaultValue={values.name ?? ""}
          required
          maxLength={200}
          autoComplete="organization"
        />
        <SelectField
          name="kind"
          label={labels.kind}
          error={errors?.kind}
          defaultValue={values.kind ?? ""}
          required
          options={[
            { value: "", label: t("orgForm.kindPlaceholder") },
            ...ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
          ]}
        />
      </Fieldset>
      <Fieldset className="form-group">
        <Fieldset.Legend>{t("orgForm.identifiers")}</Fieldset.Legend>
        <TextField
          name="orgNumber"
          label={labels.orgNumber}
          hint={t("orgForm.orgNumberHint")}
          error={errors?.orgNumber}
          defaultValue={values.orgNumber ?? ""}
          optional
          inputMode="numeric"
          autoComplete="off"
          className="input--short"
        />
        <TextField
          name="kommunenummer"
          label={labels.kommunenummer}
          hint={t("orgForm.kommunenummerHint")}
          error={errors?.kommunenummer}
          defaultValue={values.kommunenummer ?? ""}
          optional
          inputMode="numeric"
          autoComplete="off"
          className="input--short"
        />
        <SelectField
          name="fylke"
          label={labels.fylke}
          error={errors?.fylke}
          defaultValue={values.fylke ?? ""}
          optional
          options={[{ value: "", label: t("orgForm.fylkeNone") }, ...FYLKER.map((f) => ({ value: f, label: f }))]}
        />
      </Fieldset>
      <Fieldset className="form-group">
        <Fieldset.Legend>{t("orgForm.membership")}</Fieldset.Legend>
        <CheckboxField
          id={activeId}
          name="isActiveMember"
          defaultChecked={values.isActiveMember === "on"}
          label={labels.isActiveMember}
          hint={t("orgForm.isActiveMemberHint")}
        />
      </Fieldset>
      <div className="form-actions">
        <Button type="submit">{mode === "create" ? t("orgForm.create") : t("orgForm.save")}</Button>
        <Button asChild variant="secondary">
          <Link to="/admin/organisations">{t("common:actions.cancel")}</Link>
        </Button>
      </div>
    </Form>
  );
}
