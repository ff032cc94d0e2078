import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Alert, Button, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { ErrorSummary, SelectField, TextField } from "~/components/ui/form";
import { attemptLogin } from "~/models/login-attempt.server";
import { listUserMemberships } from "~/models/membership.server";
import { checkUserPassword, setUserPassword, updateUserProfile } from "~/models/user.server";
import { presentMyMemberships } from "~/presenters/organisation.server";
import { ChangePasswordSchema, ProfileSchema } from "~/schemas/auth";
import { fieldErrors, formValues } from "~/schemas/errors";
import { readForm, requireUser, startSession } from "~/utils/auth.server";
import { clientIp } from "~/utils/client-ip.server";
import { localeCookie } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { withDomainErrors } from "~/utils/domain-errors";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth:profile.title");

const NOTICES = ["saved", "passwordChanged", "passwordReset"] as const;
const NOTICE_KEYS = { saved: "profile.saved", passwordChanged: "profile.passwordChanged", passwordReset: "profile.passwordReset" };

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const user = await requireUser(request);
    const memberships = await listUserMemberships(user.id);
    const notice = new URL(request.url).searchParams.get("notice");
    return json({
      profile: { email: user.email, name: user.name, jobTitle: user.jobTitle ?? "", locale: user.locale },
      memberships: presentMyMemberships(memberships),
      notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as (typeof NOTICES)[number]) : null,
    });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const user = await requireUser(request);
    const intent = form.get("intent");

    if (intent === "profile") {
      const values = formValues(form) as Record<string, string>;
      const parsed = ProfileSchema.safeParse(values);
      if (!parsed.success) return json({ intent, errors: fieldErrors(parsed.error), values }, 400);
      await updateUserProfile(user.id, parsed.data);
      // The language chosen here also applies right away (the cookie beats the saved preference).
      return redirect("/profile?notice=saved", { headers: { "Set-Cookie": localeCookie(parsed.data.locale) } });
    }

    if (intent === "password") {
      const noValues = {} as Record<string, string>; // passwords are never sent back
      const parsed = ChangePasswordSchema.safeParse(formValues(form));
      if (!parsed.success) return json({ intent, errors: fieldErrors(parsed.error), values: noValues }, 400);
      // Guessing the current password from a hijacked session counts against the same limits as
      // logins, checked and recorded atomically (docs/decisions/010).
      const outcome = await attemptLogin({ email: user.email, ip: clientIp(context) }, async () =>
        (await checkUserPassword(user.id, parsed.data.currentPassword)) ? true : null,
      );
      if (outcome.status === "locked") {
        return json({ intent, errors: { currentPassword: "auth:password.locked" }, values: noValues }, 429);
      }
      if (outcome.status === "invalid") {
        return json({ intent, errors: { currentPassword: "auth:password.currentWrong" }, values: noValues }, 400);
      }
      // Ends every session (other devices included), then signs this browser in again.
      await setUserPassword(user.id, parsed.data.password);
      return startSession(user.id, "/profile?notice=passwordChanged");
    }

    throw new Response("Unknown action", { status: 400 });
  });
}

export default function Profile() {
  const { t } = useTranslation("auth");
  const { t: tOrg } = useTranslation("org");
  const { profile, memberships, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const busy = navigation.state === "submitting";
  const profileErrors = actionData?.intent === "profile" ? (actionData.errors as Record<string, string>) : undefined;
  const profileValues = (actionData?.intent === "profile" ? actionData.values : profile) as Record<string, string>;
  const passwordErrors = actionData?.intent === "password" ? (actionData.errors as Record<string, string>) : undefined;
  const profileLabels = { name: t("profile.name"), jobTitle: t("profile.jobTitle"), locale: t("profile.locale") };
  const passwordLabels = {
    currentPassword: t("fields.currentPassword"),
    password: t("fields.newPassword"),
    confirmPassword: t("fields.confirmPassword"),
  };

  return (
    <>
      <h1>{t("profile.title")}</h1>
      {notice ? (
        <Alert data-color="success" role="status">
          <Paragraph>{t(NOTICE_KEYS[notice])}</Paragraph>
        </Alert>
      ) : null}

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t("profile.detailsHeading")}</h2>
        <ErrorSummary errors={profileErrors} labels={profileLabels} />
        <Form method="post" className="form" noValidate key={`profile-${location.key}`}>
          <CsrfInput />
          <input type="hidden" name="intent" value="profile" />
          <dl className="static-field">
            <dt>{t("profile.email")}</dt>
            <dd>{profile.email}</dd>
          </dl>
          <TextField
            name="name"
            label={profileLabels.name}
            autoComplete="name"
            required
            defaultValue={profileValues.name ?? ""}
            error={profileErrors?.name}
          />
          <TextField
            name="jobTitle"
            label={profileLabels.jobTitle}
            autoComplete="organization-title"
            optional
            defaultValue={profileValues.jobTitle ?? ""}
            error={profileErrors?.jobTitle}
          />
          <SelectField
            name="locale"
            label={profileLabels.locale}
            options={[
              { value: "nb", label: t("common:language.nb") },
              { value: "en", label: t("common:language.en") },
            ]}
            defaultValue={profileValues.locale ?? "nb"}
            error={profileErrors?.locale}
          />
          <div className="form-actions">
            <Button type="submit" disabled={busy}>
              {t("profile.save")}
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t("profile.passwordHeading")}</h2>
        <ErrorSummary errors={passwordErrors} labels={passwordLabels} />
        <Form method="post" className="form" noValidate key={`password-${location.key}`}>
          <CsrfInput />
          <input type="hidden" name="intent" value="password" />
          <TextField
            name="currentPassword"
            type="password"
            label={passwordLabels.currentPassword}
            autoComplete="current-password"
            required
            error={passwordErrors?.currentPassword}
          />
          <TextField
            name="password"
            type="password"
            label={passwordLabels.password}
            hint={t("fields.passwordHint")}
            autoComplete="new-password"
            minLength={10}
            required
            error={passwordErrors?.password}
          />
          <TextField
            name="confirmPassword"
            type="password"
            label={passwordLabels.confirmPassword}
            autoComplete="new-password"
            required
            error={passwordErrors?.confirmPassword}
          />
          <div className="form-actions">
            <Button type="submit" disabled={busy}>
              {t("profile.changePassword")}
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="memberships-heading">
        <h2 id="memberships-heading">{t("profile.memberships")}</h2>
        {memberships.length === 0 ? (
          <p>{t("profile.noMemberships")}</p>
        ) : (
          <ul>
            {memberships.map((m) => (
              <li key={m.organisation.id}>
                <Link to={`/organisation?org=${encodeURIComponent(m.organisation.id)}`}>{m.organisation.name}</Link>{" "}
                <Tag data-color="accent" data-size="sm">
                  {tOrg(`roles.${m.role}`)}
                </Tag>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
