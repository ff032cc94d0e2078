/** Create/edit form for a challenge area: slug, names and descriptions in both languages, order. */
import { Button, Fieldset } from "@digdir/designsystemet-react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { ErrorSummary, TextAreaField, TextField, type FieldErrors } from "~/components/ui/form";

export type ChallengeAreaFormValues = Partial<
  Record<"slug" | "nameNb" | "nameEn" | "descriptionNb" | "descriptionEn" | "sortOrder", string>
>;

export function ChallengeAreaForm({
  mode,
  values,
  errors,
}: {
  mode: "create" | "edit";
  values: ChallengeAreaFormValues;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("admin");
  const nb = t("areaForm.nb");
  const en = t("areaForm.en");
  const labels = {
    slug: t("areaForm.slug"),
    nameNb: `${t("areaForm.name")} (${nb})`,
    nameEn: `${t("areaForm.name")} (${en})`,
    descriptionNb: `${t("areaForm.description")} (${nb})`,
    descriptionEn: `${t("areaForm.description")} (${en})`,
    sortOrder: t("areaForm.sortOrder"),
  };
  return (
    <Form method="post" className="form" noValidate>
      <CsrfInput />
      <ErrorSummary errors={errors} labels={labels} />
      <TextField
        name="slug"
        label={labels.slug}
        hint={t("areaForm.slugHint")}
        error={errors?.slug}
        defaultValue={values.slug ?? ""}
        required
        maxLength={80}
        autoComplete="off"
        spellCheck={false}
      />
      <Fieldset className="form-group">
        <Fieldset.Legend>{nb}</Fieldset.Legend>
        <TextField name="nameNb" label={t("areaForm.name")} error={errors?.nameNb} defaultValue={values.nameNb ?? ""} required lang="nb" />
        <TextAreaField
          name="descriptionNb"
          label={t("areaForm.description")}
          hint={t("areaForm.descriptionHint")}
          error={errors?.descriptionNb}
          defaultValue={values.descriptionNb ?? ""}
          optional
          lang="nb"
          rows={3}
        />
      </Fieldset>
      <Fieldset className="form-group">
        <Fieldset.Legend>{en}</Fieldset.Legend>
        <TextField name="nameEn" label={t("areaForm.name")} error={errors?.nameEn} defaultValue={values.nameEn ?? ""} required lang="en" />
        <TextAreaField
          name="descriptionEn"
          label={t("areaForm.description")}
          hint={t("areaForm.descriptionHint")}
          error={errors?.descriptionEn}
          defaultValue={values.descriptionEn ?? ""}
          optional
          lang="en"
          rows={3}
        />
      </Fieldset>
      <TextField
        name="sortOrder"
        label={labels.sortOrder}
        hint={t("areaForm.sortOrderHint")}
        error={errors?.sortOrder}
        defaultValue={values.sortOrder ?? "0"}
        inputMode="numeric"
        className="input--short"
      />
      <div className="form-actions">
        <Button type="submit">{mode === "create" ? t("areaForm.create") : t("areaForm.save")}</Button>
        <Button asChild variant="secondary">
          <Link to="/admin/challenge-areas">{t("common:actions.cancel")}</Link>
        </Button>
      </div>
    </Form>
  );
}
