import { Alert, Heading, Link as DsLink, Paragraph } from "@digdir/designsystemet-react";
import { isRouteErrorResponse, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** One shared rendering for thrown Responses (404, 403, 401, 409, CSRF; domain errors arrive as these) and unexpected errors. */
export function ErrorPanel({ error }: { error: unknown }) {
  const { t } = useTranslation();
  let message = t("errors.unexpected");
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (error.status === 404) message = t("errors.notFound");
    else if (error.status === 403)
      message = error.statusText === "csrf" || error.data === "CSRF" ? t("errors.csrf") : t("errors.forbidden");
    else if (error.status === 401) message = t("errors.unauthorized");
    else if (error.status === 400) message = t("errors.badRequest");
    else if (error.status === 405) message = t("errors.methodNotAllowed");
    else if (error.status === 409) message = t("errors.conflict");
    else if (error.status === 413) message = t("errors.payloadTooLargeNoLimit");
    else if (error.status === 414) message = t("errors.uriTooLong");
    else if (error.status === 415) message = t("errors.unsupportedMediaType");
  } else if (typeof window === "undefined" && error instanceof Error) {
    // Logged by the server's handleError too; keep the detail out of the page.
  }
  return (
    <section className="error-panel" aria-labelledby="error-title">
      <Heading level={1} data-size="lg" id="error-title">
        {t("errors.title")}
      </Heading>
      <Alert data-color={status >= 500 ? "danger" : "warning"}>
        <Paragraph>
          {message} <span className="muted">({status})</span>
        </Paragraph>
      </Alert>
      <Paragraph>
        <DsLink asChild>
          <Link to="/">{t("errors.backHome")}</Link>
        </DsLink>
      </Paragraph>
    </section>
  );
}
