import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { AdaptedFlash } from "~/components/CaseAdaptations";
import { CaseForm } from "~/components/CaseForm";
import { colorFor, useLiveCase, useLiveTimeout, useWarnBeforeLeaving } from "~/components/live/useLiveCase";
import { CaseConflictError, CaseValidationError, updateCase } from "~/models/case.server";
import { listCaseFormChoices } from "~/models/case-form.server";
import { canSetCaseOwner } from "~/policies/case";
import { presentLiveEditor } from "~/presenters/case.server";
import { presentCaseConflict, presentCaseFormOptions, presentCaseFormValues, type ConflictView } from "~/presenters/case-form.server";
import { readCaseForm, type CaseFormValues } from "~/schemas/case-form";
import { readForm, requireUser, toViewer } from "~/utils/auth.server";
import { requireEditableCase } from "~/utils/case-access.server";
import { resolveLocale } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { withDomainErrors } from "~/utils/domain-errors";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "cases:page.editMeta");

async function requireEditor(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const viewer = toViewer(user)!;
  const c = await requireEditableCase(slug, viewer);
  return { user, viewer, c, locale: resolveLocale(request, user.locale) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const { user, viewer, c, locale } = await requireEditor(request, params.slug);
    return json({
      caseId: c.id,
      slug: c.slug,
      title: c.title,
      version: c.version,
      contentVersion: c.contentVersion,
      // How the others see me next to my caret and in the list of who is editing.
      me: presentLiveEditor(user),
      values: presentCaseFormValues(c, locale),
      adapted: c.adaptedFromId ? { organisation: c.owner.name } : null,
      ...presentCaseFormOptions(await listCaseFormChoices(), viewer, locale, c.ownerOrganisationId),
    });
  });
}

type ActionData = {
  values: CaseFormValues;
  errors: Record<string, string>;
  /** The version the next save is based on: the one the user started from, or after a conflict the one they have now seen. */
  version: number;
  conflict: ConflictView | null;
  formKey: string;
};

export async function action({ request, params }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const { viewer, c, locale } = await requireEditor(request, params.slug);
    const version = Number(form.get("version"));
    if (!Number.isInteger(version) || version < 1) throw new Response("Bad request", { status: 400 });
    const outcome = readCaseForm(form);
    const answer = (data: Omit<ActionData, "formKey" | "version" | "conflict"> & Partial<ActionData>, status = 200) =>
      json<ActionData>({ version, conflict: null, formKey: crypto.randomUUID(), ...data }, status);

    if (outcome.kind === "rerender") return answer({ values: outcome.values, errors: {} });
    if (outcome.kind === "invalid") return answer({ values: outcome.values, errors: outcome.errors }, 400);
    if (!canSetCaseOwner(viewer, outcome.input.ownerOrganisationId, c.ownerOrganisationId)) {
      return answer({ values: outcome.values, errors: { ownerOrganisationId: "cases:errors.ownerNotAllowed" } }, 400);
    }
    try {
      // With JavaScript the sections are live editors saved as you type ("sectionsLive");
      // without it they come from the textareas, guarded by the content version they started from.
      const sectionsLive = form.get("sectionsLive") === "1";
      const contentVersion = Number(form.get("contentVersion"));
      await updateCase(c.id, outcome.input, viewer.id, version, {
        sections: sectionsLive ? "live" : "form",
        expectedContentVersion: Number.isInteger(contentVersion) && contentVersion > 0 ? contentVersion : undefined,
      });
      return redirect(`/cases/${c.slug}?saved=1`);
    } catch (error) {
      if (error instanceof CaseConflictError) {
        // Nothing is lost: the user's values go back into the form next to what the other
        // person saved; the form now carries the new version, so saving again wins.
        return answer(
          {
            values: outcome.values,
            errors: { _form: "cases:errors.conflict" },
            conflict: presentCaseConflict(error.current, locale),
            version: error.current.version,
          },
          409,
        );
      }
      if (error instanceof CaseValidationError) {
        return answer({ values: outcome.values, errors: { [error.field]: error.messageKey } }, 400);
      }
      throw error;
    }
  });
}

export default function EditCasePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("cases");
  const [searchParams] = useSearchParams();
  const user = useMemo(() => ({ name: data.me.name, organisation: data.me.organisation, color: colorFor(data.me.id) }), [data.me]);
  // If the live document cannot be reached, the sections are saved by the form instead
  // (guarded by the content version, so nothing typed live meanwhile is overwritten).
  const [formFallback, setFormFallback] = useState(false);
  const liveCase = useLiveCase(data.caseId, !formFallback);
  const timedOut = useLiveTimeout(liveCase);
  useEffect(() => {
    if (timedOut) setFormFallback(true);
  }, [timedOut]);
  useWarnBeforeLeaving(!formFallback && !!liveCase && liveCase.save !== "saved");
  return (
    <div className="case-form-page">
      {data.adapted && searchParams.get("adapted") === "1" ? <AdaptedFlash organisation={data.adapted.organisation} /> : null}
      <h1>{t("page.editTitle", { title: data.title })}</h1>
      <p className="breadcrumb">
        <Link to={`/cases/${data.slug}/history`}>{t("history:editLink")}</Link>
      </p>
      <CaseForm
        key={actionData?.formKey ?? "initial"}
        mode="edit"
        values={actionData?.values ?? data.values}
        errors={actionData?.errors}
        version={actionData?.version ?? data.version}
        conflict={actionData?.conflict}
        ownerOptions={data.ownerOptions}
        organisations={data.organisations}
        challengeAreas={data.challengeAreas}
        cancelHref={`/cases/${data.slug}`}
        adapted={!!data.adapted}
        live={{
          liveCase,
          user,
          contentVersion: actionData?.conflict ? (actionData.conflict.contentVersion ?? data.contentVersion) : data.contentVersion,
          formFallback,
        }}
      />
    </div>
  );
}
