import { Alert, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { isRouteErrorResponse, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { errorCopy } from "~/utils/error-copy";

/** The status of what a boundary caught (500 for anything that is not a thrown Response) and whether it is a CSRF refusal. */
export function errorKind(error: unknown): { status: number; csrf: boolean } {
  if (!isRouteErrorResponse(error)) return { status: 500, csrf: false };
  return { status: error.status, csrf: error.status === 403 && (error.statusText === "csrf" || error.data === "CSRF") };
}

const HREF = { home: "/", search: "/search", login: "/login" } as const;
const LABEL = { home: "errors.backHome", search: "errors.searchLink", login: "errors.loginLink" } as const;

/**
 * One shared rendering for thrown Responses (404, 403, 401, 409, CSRF; domain errors arrive as these) and unexpected
 * errors: a heading saying what happened, the detail, what to do next and where to go (app/utils/error-copy.ts).
 */
export function ErrorPanel({
  error,
  loggedIn = false,
  noOrganisation = false,
}: {
  error: unknown;
  loggedIn?: boolean;
  noOrganisation?: boolean;
}) {
  const { t } = useTranslation();
  const { status, csrf } = errorKind(error);
  const copy = errorCopy(status, { csrf, loggedIn, noOrganisation });
  let message = t("errors.unexpected");
  if (isRouteErrorResponse(error)) {
    if (status === 404) message = t("errors.notFound");
    else if (status === 403) message = csrf ? t("errors.csrf") : t("errors.forbidden");
    else if (status === 401) message = t("errors.unauthorized");
    else if (status === 400) message = t("errors.badRequest");
    else if (status === 405) message = t("errors.methodNotAllowed");
    else if (status === 409) message = t("errors.conflict");
    else if (status === 413) message = t("errors.payloadTooLargeNoLimit");
    else if (status === 414) message = t("errors.uriTooLong");
    else if (status === 415) message = t("errors.unsupportedMediaType");
  }
  // An unexpected error is logged by the server's handleError; its detail stays out of the page.
  return (
    <section className="error-panel" aria-labelledby="error-title">
      <Heading level={1} data-size="lg" id="error-title">
        {t(`errors.${copy.title}`)}
      </Heading>
      <Alert data-color={status >= 500 ? "danger" : "warning"}>
        <Paragraph>
          {message} <span className="muted">({status})</span>
        </Paragraph>
      </Alert>
      {copy.next ? <Paragraph>{t(`errors.${copy.next}`)}</Paragraph> : null}
      <ul className="error-panel__links">
        {copy.links.map((k) => (
          <li key={k}>
            <DsLink asChild>
              <Link to={HREF[k]}>{t(LABEL[k])}</Link>
            </DsLink>
          </li>
        ))}
      </ul>
    </section>
  );
}
