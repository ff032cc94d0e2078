import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganisationForm } from "~/components/admin/OrganisationForm";
import { createOrganisation, OrganisationValidationError } from "~/models/organisation.server";
import { fieldErrors, formValues } from "~/schemas/errors";
import { OrganisationInputSchema } from "~/schemas/organisation";
import { requireFacilitator } from "~/utils/admin.server";
import { getUser, readForm } from "~/utils/auth.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { withDomainErrors } from "~/utils/domain-errors";

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    await requireFacilitator(request);
    const locale = resolveLocale(request, (await getUser(request))?.locale);
    return json({ title: getFixedT(locale, "admin")("meta.newOrganisation") });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    await requireFacilitator(request);
    const values = formValues(form);
    const parsed = OrganisationInputSchema.safeParse(values);
    if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values }, 400);
    try {
      const organisation = await createOrganisation(parsed.data);
      return redirect(`/admin/organisations?status=created&id=${encodeURIComponent(organisation.id)}`);
    } catch (error) {
      if (error instanceof OrganisationValidationError) return json({ errors: { [error.field]: error.messageKey }, values }, 400);
      throw error;
    }
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Løsningsbanken" }];

export default function NewOrganisation() {
  useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/organisations">{t("organisations.back")}</Link>
      </p>
      <h1>{t("organisations.newTitle")}</h1>
      <OrganisationForm
        mode="create"
        values={(actionData?.values as Record<string, string> | undefined) ?? { isActiveMember: "on" }}
        errors={actionData?.errors}
      />
    </>
  );
}
