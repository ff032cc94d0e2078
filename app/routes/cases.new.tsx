import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CaseForm } from "~/components/CaseForm";
import { CaseValidationError, createCase } from "~/models/case.server";
import { NotAllowedError } from "~/models/errors";
import { listCaseFormChoices } from "~/models/case-form.server";
import { canCreateCase, writableOrganisationIds } from "~/policies/case";
import { presentCaseFormOptions } from "~/presenters/case-form.server";
import { emptyCaseFormValues, readCaseForm } from "~/schemas/case-form";
import { readForm, requireUser, toViewer } from "~/utils/auth.server";
import { resolveLocale } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { withDomainErrors } from "~/utils/domain-errors";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "cases:page.newTitle");

async function requireCreator(request: Request) {
  const user = await requireUser(request);
  const viewer = toViewer(user)!;
  if (!canCreateCase(viewer)) throw new NotAllowedError("create case");
  return { viewer, locale: resolveLocale(request, user.locale) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const { viewer, locale } = await requireCreator(request);
    const writable = writableOrganisationIds(viewer);
    return json({
      values: emptyCaseFormValues(writable.length === 1 ? writable[0] : ""),
      ...presentCaseFormOptions(await listCaseFormChoices(), viewer, locale),
    });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const { viewer } = await requireCreator(request);
    const formKey = crypto.randomUUID();
    const outcome = readCaseForm(form);
    if (outcome.kind === "rerender") return json({ values: outcome.values, errors: {} as Record<string, string>, formKey });
    if (outcome.kind === "invalid") return json({ values: outcome.values, errors: outcome.errors, formKey }, 400);
    // The select only offers writable organisations: anything else is a forged request.
    if (!canCreateCase(viewer, outcome.input.ownerOrganisationId)) throw new NotAllowedError("create case");
    try {
      const created = await createCase(outcome.input, viewer.id);
      return redirect(`/cases/${created.slug}?saved=1`);
    } catch (error) {
      if (error instanceof CaseValidationError) {
        return json({ values: outcome.values, errors: { [error.field]: error.messageKey }, formKey }, 400);
      }
      throw error;
    }
  });
}

export default function NewCasePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("cases");
  return (
    <div className="case-form-page">
      <h1>{t("page.newTitle")}</h1>
      <p>{t("page.newIntro")}</p>
      <CaseForm
        // A fresh form per server answer, so the echoed values are what is shown.
        key={actionData?.formKey ?? "initial"}
        mode="create"
        values={actionData?.values ?? data.values}
        errors={actionData?.errors}
        ownerOptions={data.ownerOptions}
        organisations={data.organisations}
        challengeAreas={data.challengeAreas}
        cancelHref="/"
      />
    </div>
  );
}
