import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganisationForm } from "~/components/admin/OrganisationForm";
import { OrganisationNotFound } from "~/models/errors";
import { getOrganisationById, OrganisationValidationError, updateOrganisation } from "~/models/organisation.server";
import { presentOrganisationFormValues } from "~/presenters/admin.server";
import { fieldErrors, formValues } from "~/schemas/errors";
import { OrganisationInputSchema } from "~/schemas/organisation";
import { requireFacilitator } from "~/utils/admin.server";
import { getUser, readForm } from "~/utils/auth.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { withDomainErrors } from "~/utils/domain-errors";

async function requireOrganisation(id: string | undefined) {
  const organisation = id ? await getOrganisationById(id) : null;
  if (!organisation) throw new OrganisationNotFound(id);
  return organisation;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    await requireFacilitator(request);
    const organisation = await requireOrganisation(params.id);
    const locale = resolveLocale(request, (await getUser(request))?.locale);
    return json({
      title: getFixedT(locale, "admin")("meta.editOrganisation", { name: organisation.name }),
      organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name },
      values: presentOrganisationFormValues(organisation),
    });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const viewer = await requireFacilitator(request);
    const organisation = await requireOrganisation(params.id);
    const values = formValues(form);
    const parsed = OrganisationInputSchema.safeParse(values);
    if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values }, 400);
    try {
      await updateOrganisation(organisation.id, parsed.data, viewer.id);
      return redirect(`/admin/organisations?status=saved&id=${encodeURIComponent(organisation.id)}`);
    } catch (error) {
      if (error instanceof OrganisationValidationError) return json({ errors: { [error.field]: error.messageKey }, values }, 400);
      throw error;
    }
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Løsningsbanken" }];

export default function EditOrganisation() {
  const { organisation, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/organisations">{t("organisations.back")}</Link>
      </p>
      <h1>
        {t("organisations.editTitle")}: <span lang="nb">{organisation.name}</span>
      </h1>
      <p className="muted">
        {t("organisations.slug")}: <code>{organisation.slug}</code>
      </p>
      <OrganisationForm
        mode="edit"
        values={(actionData?.values as Record<string, string> | undefined) ?? values}
        errors={actionData?.errors}
      />
    </>
  );
}
