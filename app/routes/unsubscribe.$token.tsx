/**
 * /unsubscribe/$token - the link in every notification mail (docs/decisions/021). The signed
 * token is the whole authentication: it works logged out, and a mail client's one-click POST
 * (RFC 8058: body "List-Unsubscribe=One-Click", no cookies, no CSRF token) does the same as
 * opening the link. Opening the link turns the kind (or all mail) off and shows what changed,
 * with "undo" (a normal form with CSRF) and a link to the settings page.
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Alert, Button, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { setMailFrequencies, unsubscribe } from "~/models/notification-setting.server";
import { NOTIFICATION_KINDS, type MailFrequency, type NotificationKind } from "~/notifications/kinds";
import { readUnsubscribeToken, type UnsubscribeScope } from "~/notifications/unsubscribe-token.server";
import { formValues } from "~/schemas/errors";
import { FrequencyPatchSchema } from "~/schemas/notification-settings";
import { readForm } from "~/utils/auth.server";
import { withDomainErrors } from "~/utils/domain-errors";
import { readFormData } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "mail:unsubscribe.title");

type PageData =
  | { state: "invalid" }
  | { state: "undone"; scope: UnsubscribeScope }
  | { state: "done"; scope: UnsubscribeScope; changed: Array<{ kind: NotificationKind; from: MailFrequency }>; oneClick?: boolean };

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const token = readUnsubscribeToken(params.token);
    // Tampered, cut off or garbage: 400 with a translated explanation, never a 500.
    if (!token) return json<PageData>({ state: "invalid" }, 400);
    if (new URL(request.url).searchParams.has("undone")) return json<PageData>({ state: "undone", scope: token.scope });
    const { changed } = await unsubscribe(token.userId, token.scope);
    return json<PageData>({ state: "done", scope: token.scope, changed });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const token = readUnsubscribeToken(params.token);
    // RFC 8058 one-click: authenticated by the token alone (a mail client has no session or CSRF token).
    const peek = await readFormData(request.clone());
    if (peek.get("List-Unsubscribe") === "One-Click") {
      if (!token) return json<PageData>({ state: "invalid" }, 400);
      const { changed } = await unsubscribe(token.userId, token.scope);
      return json<PageData>({ state: "done", scope: token.scope, changed, oneClick: true });
    }
    // Undo from our own page: a normal form (CSRF), limited to the kinds the token covers.
    const form = await readForm(request);
    if (!token) return json<PageData>({ state: "invalid" }, 400);
    if (form.get("intent") !== "undo") return json<PageData>({ state: "invalid" }, 400);
    const parsed = FrequencyPatchSchema.safeParse(formValues(form));
    if (!parsed.success) return json<PageData>({ state: "invalid" }, 400);
    const allowed = token.scope === "all" ? NOTIFICATION_KINDS : [token.scope];
    const patch = Object.fromEntries(Object.entries(parsed.data).filter(([kind]) => (allowed as readonly string[]).includes(kind)));
    await setMailFrequencies(token.userId, patch);
    return redirect(`/unsubscribe/${params.token}?undone=1`);
  });
}

/**
 * Opening the page changes settings: its loader never re-runs behind the reader's back (a
 * language switch would otherwise turn off again what "undo" just turned on). Going to the
 * "undone" address after undo loads as usual.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ nextUrl, defaultShouldRevalidate }) =>
  nextUrl.searchParams.has("undone") ? defaultShouldRevalidate : false;

export default function Unsubscribe() {
  const { t } = useTranslation("mail");
  const loaded = useLoaderData<typeof loader>() as PageData;
  const acted = useActionData<typeof action>() as PageData | undefined;
  const data = acted ?? loaded;
  const navigation = useNavigation();

  if (data.state === "invalid") {
    return (
      <>
        <h1>{t("unsubscribe.invalidTitle")}</h1>
        <Alert data-color="warning">
          <Paragraph>{t("unsubscribe.invalid")}</Paragraph>
        </Alert>
        <Paragraph>
          <DsLink asChild>
            <Link to="/me/notification-settings">{t("unsubscribe.settingsLink")}</Link>
          </DsLink>
        </Paragraph>
      </>
    );
  }

  const kindName = data.scope === "all" ? "" : t(`kindsShort.${data.scope}`);
  let message: string;
  if (data.state === "undone") message = t("unsubscribe.undone");
  else if (data.changed.length === 0)
    message = data.scope === "all" ? t("unsubscribe.alreadyAllOff") : t("unsubscribe.alreadyOff", { kind: kindName });
  else message = data.scope === "all" ? t("unsubscribe.doneAll") : t("unsubscribe.doneKind", { kind: kindName });

  return (
    <>
      <h1>{t("unsubscribe.title")}</h1>
      <div role="status" aria-live="polite">
        <Alert data-color={data.state === "undone" ? "info" : "success"}>
          <Paragraph>{message}</Paragraph>
        </Alert>
      </div>
      {data.state === "done" && data.changed.length ? (
        <>
          <section aria-labelledby="changed-heading">
            <h2 id="changed-heading">{t("unsubscribe.changedHeading")}</h2>
            <ul>
              {data.changed.map((c) => (
                <li key={c.kind}>{t("unsubscribe.changedItem", { kind: t(`kinds.${c.kind}`), from: t(`frequencies.${c.from}`) })}</li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="undo-heading">
            <h2 id="undo-heading">{t("unsubscribe.undoHeading")}</h2>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="undo" />
              {data.changed.map((c) => (
                <input key={c.kind} type="hidden" name={c.kind} value={c.from} />
              ))}
              <Button type="submit" variant="secondary" disabled={navigation.state === "submitting"}>
                {t("unsubscribe.undo")}
              </Button>
            </Form>
          </section>
        </>
      ) : null}
      <Paragraph>{t("unsubscribe.stillVisible")}</Paragraph>
      <Paragraph>
        <DsLink asChild>
          <Link to="/me/notification-settings">{t("unsubscribe.settingsLink")}</Link>
        </DsLink>
      </Paragraph>
    </>
  );
}
