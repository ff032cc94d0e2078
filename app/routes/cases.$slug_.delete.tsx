import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Button } from "@digdir/designsystemet-react";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { deleteCase } from "~/models/case.server";
import { readForm, requireViewer } from "~/utils/auth.server";
import { requireDeletableCase } from "~/utils/case-access.server";
import { pageTitle } from "~/utils/meta";
import { withDomainErrors } from "~/utils/domain-errors";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "cases:delete.metaTitle");

/** Confirmation page: deleting is a POST from here, never a link. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const viewer = await requireViewer(request);
    const c = await requireDeletableCase(params.slug, viewer);
    return json({ slug: c.slug, title: c.title });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    await readForm(request);
    const viewer = await requireViewer(request);
    const c = await requireDeletableCase(params.slug, viewer);
    await deleteCase(c.id, viewer.id);
    return redirect("/?deleted=1");
  });
}

export default function DeleteCasePage() {
  const { slug, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation("cases");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="case-delete">
      <h1>{t("delete.title", { title })}</h1>
      <p>{t("delete.intro")}</p>
      <Form method="post" className="form-actions">
        <CsrfInput />
        <Button type="submit" name="intent" value="delete" disabled={busy} data-color="danger">
          {t("delete.confirm")}
        </Button>
        <Button asChild variant="secondary">
          <Link to={`/cases/${slug}`}>{t("delete.cancel")}</Link>
        </Button>
      </Form>
    </div>
  );
}
