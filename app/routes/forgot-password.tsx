import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { ErrorSummary, TextField } from "~/components/ui/form";
import { requestPasswordReset } from "~/models/password-reset.server";
import { ForgotPasswordSchema } from "~/schemas/auth";
import { fieldErrors, formValues } from "~/schemas/errors";
import { readForm } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";
import { withDomainErrors } from "~/utils/domain-errors";
import { getLogger, withoutEmailAddresses } from "~/utils/logger.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth:forgot.title");

export function loader({ request }: LoaderFunctionArgs) {
  return json({ sent: new URL(request.url).searchParams.get("sent") === "1" });
}

export async function action({ request }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const values = formValues(form);
    const parsed = ForgotPasswordSchema.safeParse(values);
    if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values }, 400);
    // Not awaited: the answer must not take longer when the address has an account (and a
    // mail goes out) than when it has none. Failures are logged, never shown.
    requestPasswordReset(parsed.data.email).catch((error: unknown) => {
      // No address in the log, also not inside an SMTP server's error text.
      getLogger("mail").error(
        `Password reset mail failed: ${withoutEmailAddresses(error instanceof Error ? error.message : String(error))}`,
      );
    });
    return redirect("/forgot-password?sent=1");
  });
}

export default function ForgotPassword() {
  const { t } = useTranslation("auth");
  const { sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const labels = { email: t("fields.email") };
  return (
    <div className="auth-page">
      <h1>{t("forgot.title")}</h1>
      {sent ? (
        <Alert data-color="success" role="status">
          <Heading level={2} data-size="xs" className="alert__title">
            {t("forgot.sentTitle")}
          </Heading>
          <Paragraph>{t("forgot.sent")}</Paragraph>
        </Alert>
      ) : (
        <>
          <p>{t("forgot.intro")}</p>
          <ErrorSummary errors={actionData?.errors} labels={labels} />
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <TextField
              name="email"
              type="email"
              label={labels.email}
              autoComplete="email"
              inputMode="email"
              spellCheck={false}
              required
              defaultValue={String(actionData?.values.email ?? "")}
              error={actionData?.errors.email}
            />
            <div className="form-actions">
              <Button type="submit" disabled={navigation.state === "submitting"}>
                {t("forgot.submit")}
              </Button>
            </div>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t("forgot.backToLogin")}</Link>
      </p>
    </div>
  );
}
