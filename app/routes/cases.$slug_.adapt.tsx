/**
 * "Ta i bruk hos oss" (docs/decisions/017-adaptations.md): an editor of another organisation
 * starts their own case from this one. GET shows what will be copied (and, for editors of
 * several organisations, which one the new case belongs to); POST creates the DRAFT and goes
 * to its edit page. Hidden or missing cases answer 404; someone who may not adapt, 403.
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Alert, Button, Fieldset, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { ErrorSummary, fieldId, FieldMessages, RadioField } from "~/components/ui/form";
import { accessInfo } from "~/models/case.server";
import { AdaptOwnCaseError, adaptCase } from "~/models/case-adapt.server";
import { NotAllowedError } from "~/models/errors";
import { adaptableOrganisationIds } from "~/policies/case-adapt";
import { readForm, requireUser, toViewer } from "~/utils/auth.server";
import { requireViewableCase } from "~/utils/case-access.server";
import { withDomainErrors } from "~/utils/domain-errors";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "adapt:meta.title", { title: data?.original.title ?? "" });

/** The case and the organisations this user may adapt it for (403 when none). */
async function requireAdapter(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const viewer = toViewer(user)!;
  const c = await requireViewableCase(slug, viewer);
  const ids = adaptableOrganisationIds(viewer, accessInfo(c));
  if (!ids.length) throw new NotAllowedError("adapt case");
  const names = new Map(user.memberships.map((m) => [m.organisationId, m.organisation.name]));
  const organisations = ids
    .map((id) => ({ id, name: names.get(id) ?? id }))
    .sort((a, b) => a.name.localeCompare(b.name, user.locale === "en" ? "en" : "nb"));
  return { viewer, c, organisations };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const { c, organisations } = await requireAdapter(request, params.slug);
    return json({
      original: { slug: c.slug, title: c.title, organisation: c.owner.name, indicators: c.results.length },
      organisations,
    });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const { viewer, c, organisations } = await requireAdapter(request, params.slug);
    const posted = form.get("organisationId");
    // With one organisation there is nothing to choose; with several the choice is required.
    const organisationId = typeof posted === "string" && posted ? posted : organisations.length === 1 ? organisations[0].id : "";
    if (!organisationId) return json({ error: "adapt:errors.chooseOrganisation", organisationId: "" }, 400);
    try {
      const created = await adaptCase(viewer, c.slug, { organisationId });
      return redirect(`/cases/${created.slug}/edit?adapted=1`);
    } catch (error) {
      if (error instanceof AdaptOwnCaseError) return json({ error: error.messageKey, organisationId }, 400);
      throw error;
    }
  });
}

export default function AdaptCasePage() {
  const { original, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("adapt");
  const busy = useNavigation().state === "submitting";
  const error = actionData?.error;
  const chosen = actionData?.organisationId ?? "";
  const id = fieldId("organisationId");
  return (
    <div className="case-adapt">
      <h1>{t("page.title")}</h1>
      <Paragraph>{t("page.intro", { title: original.title, organisation: original.organisation })}</Paragraph>

      <h2>{t("page.copiedTitle")}</h2>
      <ul>
        <li>{t("page.copied.texts")}</li>
        <li>{t("page.copied.areas")}</li>
        {original.indicators ? <li>{t("page.copied.indicators")}</li> : null}
      </ul>
      <h2>{t("page.notCopiedTitle")}</h2>
      <ul>
        {original.indicators ? <li>{t("page.notCopied.values")}</li> : null}
        <li>{t("page.notCopied.contact")}</li>
        <li>{t("page.notCopied.coOwners")}</li>
      </ul>

      <Form method="post" className="form" noValidate>
        <CsrfInput />
        {organisations.length > 1 ? (
          <ErrorSummary errors={error ? { organisationId: error } : {}} labels={{ organisationId: t("page.organisation") }} />
        ) : null}
        {organisations.length > 1 ? (
          <Fieldset aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
            <Fieldset.Legend>{t("page.organisation")}</Fieldset.Legend>
            <FieldMessages id={id} hint={t("page.organisationHint")} error={error} />
            <div className="radio-list">
              {organisations.map((o, i) => (
                <RadioField
                  key={o.id}
                  id={i === 0 ? id : `${id}-${o.id}`}
                  name="organisationId"
                  value={o.id}
                  defaultChecked={chosen === o.id}
                  aria-invalid={error ? true : undefined}
                  label={o.name}
                />
              ))}
            </div>
          </Fieldset>
        ) : (
          <>
            <input type="hidden" name="organisationId" value={organisations[0]?.id ?? ""} />
            <Paragraph>{t("page.organisationOne", { organisation: organisations[0]?.name ?? "" })}</Paragraph>
            {error ? (
              <Alert data-color="danger">
                <Paragraph>{t(error)}</Paragraph>
              </Alert>
            ) : null}
          </>
        )}
        <div className="form-actions">
          <Button type="submit" disabled={busy}>
            {busy ? t("page.busy") : t("page.submit")}
          </Button>
          <Button asChild variant="secondary">
            <Link to={`/cases/${original.slug}`}>{t("page.cancel")}</Link>
          </Button>
        </div>
      </Form>
    </div>
  );
}
