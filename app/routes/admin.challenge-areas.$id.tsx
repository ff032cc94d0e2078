import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChallengeAreaForm } from "~/components/admin/ChallengeAreaForm";
import { areaName, ChallengeAreaValidationError, getChallengeAreaById, updateChallengeArea } from "~/models/challenge-area.server";
import { NotFoundError } from "~/models/errors";
import { presentChallengeAreaFormValues } from "~/presenters/admin.server";
import { ChallengeAreaInputSchema } from "~/schemas/challenge-area";
import { fieldErrors, formValues } from "~/schemas/errors";
import { requireTaxonomyEditor } from "~/utils/admin.server";
import { getUser, readForm } from "~/utils/auth.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { withDomainErrors } from "~/utils/domain-errors";

async function requireArea(id: string | undefined) {
  const area = id ? await getChallengeAreaById(id) : null;
  if (!area) throw new NotFoundError("challenge area", id);
  return area;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    await requireTaxonomyEditor(request);
    const area = await requireArea(params.id);
    const locale = resolveLocale(request, (await getUser(request))?.locale);
    const name = areaName(area, locale);
    return json({
      title: getFixedT(locale, "admin")("meta.editChallengeArea", { name }),
      name,
      values: presentChallengeAreaFormValues(area),
    });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const viewer = await requireTaxonomyEditor(request);
    const area = await requireArea(params.id);
    const values = formValues(form);
    const parsed = ChallengeAreaInputSchema.safeParse(values);
    if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values }, 400);
    try {
      await updateChallengeArea(area.id, parsed.data, viewer.id);
      return redirect(`/admin/challenge-areas?status=saved&id=${encodeURIComponent(area.id)}`);
    } catch (error) {
      if (error instanceof ChallengeAreaValidationError) return json({ errors: { [error.field]: error.messageKey }, values }, 400);
      throw error;
    }
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Løsningsbanken" }];

export default function EditChallengeArea() {
  const { name, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/challenge-areas">{t("challengeAreas.back")}</Link>
      </p>
      <h1>
        {t("challengeAreas.editTitle")}: {name}
      </h1>
      <ChallengeAreaForm
        mode="edit"
        values={(actionData?.values as Record<string, string> | undefined) ?? values}
        errors={actionData?.errors}
      />
    </>
  );
}
