import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChallengeAreaForm } from "~/components/admin/ChallengeAreaForm";
import { ChallengeAreaValidationError, createChallengeArea } from "~/models/challenge-area.server";
import { ChallengeAreaInputSchema } from "~/schemas/challenge-area";
import { fieldErrors, formValues } from "~/schemas/errors";
import { requireTaxonomyEditor } from "~/utils/admin.server";
import { getUser, readForm } from "~/utils/auth.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { withDomainErrors } from "~/utils/domain-errors";

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    await requireTaxonomyEditor(request);
    const locale = resolveLocale(request, (await getUser(request))?.locale);
    return json({ title: getFixedT(locale, "admin")("meta.newChallengeArea") });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const viewer = await requireTaxonomyEditor(request);
    const values = formValues(form);
    const parsed = ChallengeAreaInputSchema.safeParse(values);
    if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values }, 400);
    try {
      const area = await createChallengeArea(parsed.data, viewer.id);
      return redirect(`/admin/challenge-areas?status=created&id=${encodeURIComponent(area.id)}`);
    } catch (error) {
      if (error instanceof ChallengeAreaValidationError) return json({ errors: { [error.field]: error.messageKey }, values }, 400);
      throw error;
    }
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Løsningsbanken" }];

export default function NewChallengeArea() {
  useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/challenge-areas">{t("challengeAreas.back")}</Link>
      </p>
      <h1>{t("challengeAreas.newTitle")}</h1>
      <ChallengeAreaForm
        mode="create"
        values={(actionData?.values as Record<string, string> | undefined) ?? {}}
        errors={actionData?.errors}
      />
    </>
  );
}
