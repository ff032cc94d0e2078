import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { ErrorSummary, TextField } from "~/components/ui/form";
import { loginWithPassword, minutesUntil } from "~/models/login-attempt.server";
import { fieldErrors, formValues } from "~/schemas/errors";
import { LoginSchema } from "~/schemas/auth";
import { getUser, isKnownDevice, readForm, safeRedirect, startSession } from "~/utils/auth.server";
import { clientIp } from "~/utils/client-ip.server";
import { pageTitle } from "~/utils/meta";
import { withDomainErrors } from "~/utils/domain-errors";
import { keepRetryAfter } from "~/utils/route-headers";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth:login.title");

// Keep Retry-After on a 429 (document responses only carry headers a route passes on).
export const headers = keepRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
    if (await getUser(request)) throw redirect(redirectTo);
    return json({ redirectTo });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    // Everything typed except the password goes back into the form on an error.
    const { password: _password, ...values } = formValues(form);
    const parsed = LoginSchema.safeParse(formValues(form));
    if (!parsed.success) {
      return json({ errors: fieldErrors(parsed.error), values, waitMinutes: null }, 400);
    }
    const { email, password } = parsed.data;

    // Refused before the password is checked when over a limit, with the same answer for any e-mail.
    const outcome = await loginWithPassword({ email, password, ip: clientIp(context), knownDevice: isKnownDevice(request, email) });
    if (outcome.status === "locked") {
      const waitSeconds = Math.ceil((outcome.until.getTime() - Date.now()) / 1000);
      return json(
        { errors: { email: "auth:login.tooMany" }, values, waitMinutes: minutesUntil(outcome.until, new Date()) },
        { status: 429, headers: { "Retry-After": String(Math.max(1, waitSeconds)) } },
      );
    }
    if (outcome.status === "invalid") {
      return json({ errors: { email: "auth:login.invalid" }, values, waitMinutes: null }, 400);
    }
    return startSession(outcome.value.id, safeRedirect(parsed.data.redirectTo), {}, { knownDeviceFor: outcome.value.email });
  });
}

export default function Login() {
  const { t } = useTranslation("auth");
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = (actionData?.values ?? {}) as Record<string, string | undefined>;
  const rateLimited = actionData?.waitMinutes != null;
  const labels = { email: t("fields.email"), password: t("fields.password") };
  return (
    <div className="auth-page">
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      {rateLimited ? (
        <Alert data-color="danger" role="alert" aria-labelledby="rate-limit-title">
          <Heading level={2} data-size="xs" id="rate-limit-title" className="alert__title">
            {t("login.tooManyTitle")}
          </Heading>
          <Paragraph>{t("login.tooMany", { count: actionData?.waitMinutes ?? 1 })}</Paragraph>
          <Paragraph>
            <Link to="/forgot-password">{t("login.forgot")}</Link>
          </Paragraph>
        </Alert>
      ) : (
        <ErrorSummary errors={errors} labels={labels} />
      )}
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={values.redirectTo ?? redirectTo} />
        <TextField
          name="email"
          type="email"
          label={labels.email}
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          defaultValue={values.email ?? ""}
          error={rateLimited ? undefined : errors?.email}
        />
        <TextField
          name="password"
          type="password"
          label={labels.password}
          autoComplete="current-password"
          required
          error={errors?.password}
        />
        <div className="form-actions">
          <Button type="submit" disabled={navigation.state === "submitting"}>
            {t("login.submit")}
          </Button>
          <Link to="/forgot-password">{t("login.forgot")}</Link>
        </div>
      </Form>
      <p className="muted">{t("login.noAccount")}</p>
    </div>
  );
}
