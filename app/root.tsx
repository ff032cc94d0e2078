// First: browser settings that must precede every other module (see the file).
import "~/utils/csp-browser";
import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { createContext, useContext } from "react";
import { I18nextProvider } from "react-i18next";
import { ErrorPanel, errorKind } from "~/components/ErrorPanel";
import { SiteLayout } from "~/components/SiteLayout";
import { isFacilitator } from "~/policies/viewer";
import dsCss from "@digdir/designsystemet-css/index.css";
import themeCss from "~/styles/theme/losningsbanken.css";
import styles from "~/styles/app.css";
import { countUnreadNotifications } from "~/models/notification.server";
import { getCsrf, getUser, toViewer } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { errorCopy } from "~/utils/error-copy";
import { formatBytes } from "~/utils/http.server";
import { DEFAULT_LOCALE, getFixedT, getI18n, isLocale, type AppLocale } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";

export const links: LinksFunction = () => [
  // Designsystemet: component CSS, then our generated brand theme (tokens), then the app's own layout CSS.
  { rel: "stylesheet", href: dsCss },
  { rel: "stylesheet", href: themeCss },
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = resolveLocale(request, user?.locale);
  const csrf = getCsrf(request);
  const headers = new Headers();
  if (csrf.setCookie) headers.append("Set-Cookie", csrf.setCookie);
  return json(
    {
      locale,
      csrf: csrf.token,
      // The transport's body limit for signed-in forms (HTTP_MAX_BODY_BYTES): the case form
      // checks it before sending, so a too-large form keeps what was typed.
      form: { maxBytes: env().HTTP_MAX_BODY_BYTES, maxLabel: formatBytes(env().HTTP_MAX_BODY_BYTES, locale) },
      user: user
        ? {
            id: user.id,
            name: user.name,
            email: user.email,
            platformRole: user.platformRole,
            memberships: user.memberships.map((m) => ({
              organisationId: m.organisationId,
              role: m.role,
              organisation: m.organisation,
            })),
          }
        : null,
      // The header's "Varsler" link (decision 020): rows about cases the user may see now only.
      unreadNotifications: user ? await countUnreadNotifications(toViewer(user)!) : 0,
    },
    { headers },
  );
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

/**
 * Set by entry.server for the server render only: the Content-Security-Policy nonce of this
 * response (in the browser the scripts are already there) and the language the request asks
 * for (lb_lang cookie), for error pages rendered without the root loader's data (a 405, a
 * refused action).
 */
export const DocumentContext = createContext<{ nonce?: string; locale?: AppLocale }>({});

/** The error page's language: root data, else the request's (server) or the page's (browser). */
function useFallbackLocale(): AppLocale {
  const fromRequest = useContext(DocumentContext).locale;
  if (fromRequest) return fromRequest;
  if (typeof document !== "undefined" && isLocale(document.documentElement.lang)) return document.documentElement.lang;
  return DEFAULT_LOCALE;
}

function Document({ locale, title, children }: { locale: AppLocale; title?: string; children: React.ReactNode }) {
  const i18n = getI18n(locale);
  const { nonce } = useContext(DocumentContext);
  return (
    <html lang={locale === "nb" ? "nb" : "en"} data-color-scheme="light" data-size="md" data-color="accent">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {title ? <title>{title}</title> : <Meta />}
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRootData();
  return (
    <Document locale={data?.locale ?? DEFAULT_LOCALE}>
      <SiteLayout>
        <Outlet />
      </SiteLayout>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRootData();
  const fallback = useFallbackLocale();
  const locale = data?.locale ?? fallback;
  const { status, csrf } = errorKind(error);
  const title = `${getFixedT(locale)(`errors.${errorCopy(status, { csrf }).title}`)} – Løsningsbanken`;
  return (
    <Document locale={locale} title={title}>
      <SiteLayout>
        <ErrorPanel
          error={error}
          loggedIn={!!data?.user}
          noOrganisation={!!data?.user && data.user.memberships.length === 0 && !isFacilitator(data.user)}
        />
      </SiteLayout>
    </Document>
  );
}
