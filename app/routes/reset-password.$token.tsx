import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Alert, Button, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { ErrorSummary, TextField } from "~/components/ui/form";
import { getPasswordResetState, resetPasswordWithToken, type TokenState } from "~/models/password-reset.server";
import { ResetPasswordSchema } from "~/schemas/auth";
import { fieldErrors, formValues } from "~/schemas/errors";
import { readForm, startSession } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";
import { withDomainErrors } from "~/utils/domain-errors";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth:reset.title");

function invalid(state: Exclude<TokenState, "valid">) {
  return json({ state, errors: {} as Record<string, string> }, { status: state === "unknown" ? 404 : 410 });
}

export async function loader({ params }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const state = await getPasswordResetState(params.token ?? "");
    if (state !== "valid") return invalid(state);
    return json({ state, errors: {} as Record<string, string> });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const parsed = ResetPasswordSchema.safeParse(formValues(form));
    if (!parsed.success) {
      // Passwords are never sent back; there is nothing else in this form.
      return json({ state: "valid" as TokenState, errors: fieldErrors(parsed.error) }, 400);
    }
    const result = await resetPasswordWithToken(params.token ?? "", parsed.data.password);
    if (!result.ok) return invalid(result.state);
    return startSession(result.userId, "/profile?notice=passwordReset");
  });
}

export default function ResetPassword() {
  const { t } = useTranslation("auth");
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const state = actionData?.state ?? loaderData.state;
  if (state !== "valid") {
    return (
      <div className="auth-page">
        <h1>{t("reset.invalidTitle")}</h1>
        <Alert data-color="danger" role="alert">
          <Paragraph>{t(`reset.${state}`)}</Paragraph>
        </Alert>
        <p>
          <Button asChild>
            <Link to="/forgot-password">{t("reset.requestNew")}</Link>
          </Button>
        </p>
      </div>
    );
  }
  const errors = actionData?.errors;
  const labels = { password: t("fields.newPassword"), confirmPassword: t("fields.confirmPassword") };
  return (
    <div className="auth-page">
      <h1>{t("reset.title")}</h1>
      <p>{t("reset.intro")}</p>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <TextField
          name="password"
          type="password"
          label={labels.password}
          hint={t("fields.passwordHint")}
          autoComplete="new-password"
          minLength={10}
          required
          error={errors?.password}
        />
        <TextField
          name="confirmPassword"
          type="password"
          label={labels.confirmPassword}
          autoComplete="new-password"
          required
          error={errors?.confirmPassword}
        />
        <div className="form-actions">
          <Button type="submit" disabled={navigation.state === "submitting"}>
            {t("reset.submit")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
