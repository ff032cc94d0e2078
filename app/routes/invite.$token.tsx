import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Alert, Button, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { ErrorSummary, TextField } from "~/components/ui/form";
import { acceptInvitationAsNewUser, acceptInvitationAsUser, getInvitationByToken, type InvitationState } from "~/models/invitation.server";
import { normaliseEmail } from "~/models/user.server";
import { RegisterFromInvitationSchema } from "~/schemas/auth";
import { fieldErrors, formValues } from "~/schemas/errors";
import { getUser, readForm, requireUser, startSession } from "~/utils/auth.server";
import { resolveLocale } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { withDomainErrors } from "~/utils/domain-errors";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "org:accept.title");

/** What the invitee sees: register (no account), log in first, accept, or "wrong account". */
type Mode = "register" | "login" | "accept" | "wrongUser";

async function view(request: Request, token: string, extra: { errors?: Record<string, string>; values?: Record<string, string> } = {}) {
  const [user, found] = await Promise.all([getUser(request), getInvitationByToken(token)]);
  const errors = extra.errors ?? {};
  const values = extra.values ?? {};
  if (!found.invitation) {
    const state = found.state as Exclude<InvitationState, "valid">;
    return json({ state, mode: null, invitation: null, currentEmail: null, errors, values }, { status: state === "unknown" ? 404 : 410 });
  }
  let mode: Mode;
  if (user) mode = normaliseEmail(user.email) === found.invitation.email ? "accept" : "wrongUser";
  else mode = found.accountExists ? "login" : "register";
  return json(
    {
      state: found.state,
      mode,
      invitation: {
        email: found.invitation.email,
        role: found.invitation.role,
        organisationName: found.invitation.organisation.name,
      },
      currentEmail: user?.email ?? null,
      errors,
      values,
    },
    { status: Object.keys(errors).length ? 400 : mode === "wrongUser" ? 403 : 200 },
  );
}

export function loader({ request, params }: LoaderFunctionArgs) {
  return view(request, params.token ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const token = params.token ?? "";
    const intent = form.get("intent");

    if (intent === "accept") {
      const user = await requireUser(request);
      const result = await acceptInvitationAsUser(token, user);
      if (result.ok) return redirect(`/organisation?org=${encodeURIComponent(result.organisationId)}&notice=joined`);
      return view(request, token);
    }

    if (intent === "register") {
      if (await getUser(request)) return view(request, token);
      const { password: _p, confirmPassword: _c, ...values } = formValues(form) as Record<string, string>;
      const parsed = RegisterFromInvitationSchema.safeParse(formValues(form));
      if (!parsed.success) return view(request, token, { errors: fieldErrors(parsed.error), values });
      const result = await acceptInvitationAsNewUser(token, {
        name: parsed.data.name,
        jobTitle: parsed.data.jobTitle,
        password: parsed.data.password,
        locale: resolveLocale(request),
      });
      if (result.ok) {
        return startSession(result.userId, `/organisation?org=${encodeURIComponent(result.organisationId)}&notice=joined`);
      }
      return view(request, token);
    }

    throw new Response("Unknown action", { status: 400 });
  });
}

export default function AcceptInvitation() {
  const { t } = useTranslation("org");
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const data = actionData ?? loaderData;
  const navigation = useNavigation();
  const location = useLocation();
  const busy = navigation.state === "submitting";

  if (!data.invitation || !data.mode) {
    return (
      <div className="auth-page">
        <h1>{t("accept.invalidTitle")}</h1>
        <Alert data-color="danger" role="alert">
          <Paragraph>{t(`accept.${data.state}`)}</Paragraph>
        </Alert>
        <p>
          <Link to="/login">{t("accept.goToLogin")}</Link>
        </p>
      </div>
    );
  }

  const { invitation, mode, errors, values } = data;
  const labels = {
    name: t("accept.name"),
    jobTitle: t("accept.jobTitle"),
    password: t("auth:fields.newPassword"),
    confirmPassword: t("auth:fields.confirmPassword"),
  };
  return (
    <div className="auth-page">
      <h1>{t("accept.title")}</h1>
      <p>{t("accept.intro", { organisation: invitation.organisationName, role: t(`roles.${invitation.role}`).toLowerCase() })}</p>
      <p className="muted">{t("accept.invitedEmail", { email: invitation.email })}</p>

      {mode === "accept" ? (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="accept" />
          <Button type="submit" disabled={busy}>
            {t("accept.acceptButton")}
          </Button>
        </Form>
      ) : null}

      {mode === "login" ? (
        <>
          <p>{t("accept.loginFirst", { email: invitation.email })}</p>
          <p>
            {/* After logging in the invitee comes back here to accept. */}
            <Button asChild>
              <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>{t("accept.loginButton")}</Link>
            </Button>
          </p>
        </>
      ) : null}

      {mode === "wrongUser" ? (
        <>
          <Alert data-color="danger" role="alert">
            <Paragraph>{t("accept.wrongUser", { current: data.currentEmail, email: invitation.email })}</Paragraph>
          </Alert>
          <Form method="post" action="/logout">
            <CsrfInput />
            <Button type="submit">{t("accept.logoutButton")}</Button>
          </Form>
        </>
      ) : null}

      {mode === "register" ? (
        <>
          <p>{t("accept.registerIntro")}</p>
          <ErrorSummary errors={errors} labels={labels} />
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="register" />
            <TextField name="name" label={labels.name} autoComplete="name" required defaultValue={values.name ?? ""} error={errors.name} />
            <TextField
              name="jobTitle"
              label={labels.jobTitle}
              autoComplete="organization-title"
              optional
              defaultValue={values.jobTitle ?? ""}
              error={errors.jobTitle}
            />
            <TextField
              name="password"
              type="password"
              label={labels.password}
              hint={t("auth:fields.passwordHint")}
              autoComplete="new-password"
              minLength={10}
              required
              error={errors.password}
            />
            <TextField
              name="confirmPassword"
              type="password"
              label={labels.confirmPassword}
              autoComplete="new-password"
              required
              error={errors.confirmPassword}
            />
            <div className="form-actions">
              <Button type="submit" disabled={busy}>
                {t("accept.register")}
              </Button>
            </div>
          </Form>
        </>
      ) : null}
    </div>
  );
}
