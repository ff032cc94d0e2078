import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Alert, Button, Fieldset, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { RadioField } from "~/components/ui/form";
import { getMailFrequencies, setMailFrequencies, unsubscribe } from "~/models/notification-setting.server";
import { MAIL_FREQUENCIES, NOTIFICATION_KINDS } from "~/notifications/kinds";
import { formValues } from "~/schemas/errors";
import { NotificationSettingsSchema } from "~/schemas/notification-settings";
import { readForm, requireUser } from "~/utils/auth.server";
import { withDomainErrors } from "~/utils/domain-errors";
import { env } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "mail:settings.title");

const NOTICES = ["saved", "allOff"] as const;
type Notice = (typeof NOTICES)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const user = await requireUser(request);
    const notice = new URL(request.url).searchParams.get("notice");
    return json({
      frequencies: (await getMailFrequencies(user.id)) as Record<string, string>,
      digestHour: env().DIGEST_HOUR,
      immediateCap: env().MAIL_IMMEDIATE_DAILY_CAP,
      notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null,
    });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const user = await requireUser(request);
    const intent = form.get("intent");
    if (intent === "allOff") {
      await unsubscribe(user.id, "all");
      return redirect("/me/notification-settings?notice=allOff");
    }
    if (intent !== "save") return json({ error: "mail:settings.invalid", values: {} as Record<string, string> }, 400);
    const values = formValues(form) as Record<string, string>;
    const parsed = NotificationSettingsSchema.safeParse(values);
    // A tampered or incomplete form: nothing is saved, the choices the user made stay checked.
    if (!parsed.success) return json({ error: "mail:settings.invalid", values }, 400);
    await setMailFrequencies(user.id, parsed.data);
    return redirect("/me/notification-settings?notice=saved");
  });
}

export default function NotificationSettings() {
  const { t } = useTranslation("mail");
  const { frequencies, digestHour, immediateCap, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const busy = navigation.state === "submitting";
  const values = actionData?.values && Object.keys(actionData.values).length ? actionData.values : frequencies;
  const hour = String(digestHour).padStart(2, "0");

  return (
    <>
      <h1>{t("settings.title")}</h1>
      <div role="status" aria-live="polite">
        {notice && !actionData ? (
          <Alert data-color="success">
            <Paragraph>{t(notice === "saved" ? "settings.saved" : "settings.allOffDone")}</Paragraph>
          </Alert>
        ) : null}
      </div>
      {actionData?.error ? (
        <Alert data-color="danger" role="alert">
          <Paragraph>{t(actionData.error.replace(/^mail:/, ""))}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t("settings.intro", { hour })}</Paragraph>
      <Paragraph>{t("settings.immediateCap", { count: immediateCap })}</Paragraph>

      <Form method="post" className="form" noValidate key={`settings-${location.key}`}>
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        {NOTIFICATION_KINDS.map((kind) => (
          <Fieldset key={kind} className="case-form__group" aria-describedby={`freq-${kind}-hint`}>
            <Fieldset.Legend>{t(`kinds.${kind}`)}</Fieldset.Legend>
            <Paragraph className="hint" id={`freq-${kind}-hint`} data-size="sm">
              {t("settings.legendHint")}
            </Paragraph>
            <div className="radio-list">
              {MAIL_FREQUENCIES.map((frequency) => (
                <RadioField
                  key={frequency}
                  id={`freq-${kind}-${frequency}`}
                  name={kind}
                  value={frequency}
                  defaultChecked={values[kind] === frequency}
                  label={t(`frequencies.${frequency}`)}
                />
              ))}
            </div>
          </Fieldset>
        ))}
        <div className="form-actions">
          <Button type="submit" disabled={busy}>
            {t("settings.save")}
          </Button>
        </div>
      </Form>

      <section aria-labelledby="all-off-heading">
        <h2 id="all-off-heading">{t("settings.allOff")}</h2>
        <Paragraph>{t("settings.allOffHint")}</Paragraph>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="allOff" />
          <Button type="submit" variant="secondary" disabled={busy}>
            {t("settings.allOff")}
          </Button>
        </Form>
      </section>

      <ul className="link-list">
        <li>
          <DsLink asChild>
            <Link to="/notifications">{t("settings.notificationsLink")}</Link>
          </DsLink>
        </li>
        <li>
          <DsLink asChild>
            <Link to="/me">{t("settings.backToMe")}</Link>
          </DsLink>
        </li>
      </ul>
    </>
  );
}
