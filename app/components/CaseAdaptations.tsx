/**
 * The adaptation part of the case page (docs/decisions/017-adaptations.md): "Bygger på «…» fra
 * …" (the whole chain as far as the viewer may see it), "Hva vi endret", "Tatt i bruk i N
 * kommuner" with the list, and the "Ta i bruk hos oss" button (or, for visitors, an
 * invitation to log in). Data: presentCaseAdaptations (app/presenters/case-adaptations.server.ts).
 */
import { Alert, Button, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { WHAT_WE_CHANGED_MAX } from "~/schemas/case";
import { TextAreaField } from "./ui/form";

export interface CaseAdaptationsProps {
  view: {
    slug: string;
    basedOn: Array<{ slug: string; title: string; organisation: string; draft: boolean }>;
    adoptedBy: { organisations: number; cases: Array<{ slug: string; title: string; organisation: string; draft: boolean }> };
    whatWeChanged: string[];
    canAdapt: boolean;
    loggedIn: boolean;
  };
}

export function CaseAdaptations({ view }: CaseAdaptationsProps) {
  const { t } = useTranslation("adapt");
  const [nearest, ...further] = view.basedOn;
  return (
    <div className="case-adaptations">
      {nearest ? (
        <nav className="case-adaptations__based-on" aria-label={t("basedOn.title")}>
          <p>
            {t("basedOn.title")}{" "}
            <Link to={`/cases/${nearest.slug}`}>{t("basedOn.item", { title: nearest.title, organisation: nearest.organisation })}</Link>
          </p>
          {further.length ? (
            <ol className="case-adaptations__chain" aria-label={t("basedOn.chainLabel")}>
              {further.map((c) => (
                <li key={c.slug}>
                  {t("basedOn.title")}{" "}
                  <Link to={`/cases/${c.slug}`}>{t("basedOn.item", { title: c.title, organisation: c.organisation })}</Link>
                </li>
              ))}
            </ol>
          ) : null}
        </nav>
      ) : null}

      {view.whatWeChanged.length ? (
        <section className="case__section" aria-labelledby="section-what-we-changed">
          <h2 id="section-what-we-changed">{t("whatWeChanged.title")}</h2>
          {view.whatWeChanged.map((p, i) => (
            <Paragraph key={i}>{p}</Paragraph>
          ))}
        </section>
      ) : null}

      {view.adoptedBy.cases.length ? (
        <section className="case__section case-adaptations__adopted" aria-labelledby="section-adopted-by">
          <h2 id="section-adopted-by">{t("adoptedBy.count", { count: view.adoptedBy.organisations })}</h2>
          <ul>
            {view.adoptedBy.cases.map((c) => (
              <li key={c.slug}>
                <Link to={`/cases/${c.slug}`}>{t("adoptedBy.item", { title: c.title, organisation: c.organisation })}</Link>
                {c.draft ? (
                  <>
                    {" "}
                    <Tag data-color="warning" data-size="sm">
                      {t("adoptedBy.draft")}
                    </Tag>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {view.canAdapt ? (
        <p className="case-adaptations__adapt no-print">
          <Button asChild variant="secondary">
            <Link to={`/cases/${view.slug}/adapt`}>{t("button")}</Link>
          </Button>
        </p>
      ) : !view.loggedIn ? (
        <p className="case-adaptations__invite no-print">
          {t("loginInvite")} <Link to={`/login?redirectTo=${encodeURIComponent(`/cases/${view.slug}`)}`}>{t("loginInviteLink")}</Link>
        </p>
      ) : null}
    </div>
  );
}

/** "Hva vi endret" in the case form of an adapted case (plain text; paragraphs split by an empty line). */
export function WhatWeChangedField({ value, error }: { value: string; error?: string }) {
  const { t } = useTranslation("adapt");
  return (
    <TextAreaField
      name="whatWeChanged"
      label={t("whatWeChanged.label")}
      hint={t("whatWeChanged.hint")}
      defaultValue={value}
      error={error}
      rows={5}
      maxLength={WHAT_WE_CHANGED_MAX}
      optional
    />
  );
}

/** The status message on the edit page right after an adaptation was created. */
export function AdaptedFlash({ organisation }: { organisation: string }) {
  const { t } = useTranslation("adapt");
  return (
    <div role="status">
      <Alert data-color="success">
        <Paragraph>{t("created", { organisation })}</Paragraph>
      </Alert>
    </div>
  );
}
