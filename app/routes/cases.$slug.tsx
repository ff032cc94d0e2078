import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Alert, Button, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AreaTags } from "~/components/AreaTags";
import { CaseReuseFacts } from "~/components/CaseReuseFacts";
import { CaseAdaptations } from "~/components/CaseAdaptations";
import { CaseQuestions } from "~/components/CaseQuestions";
import { FollowButton } from "~/components/FollowButton";
import { CaseSections } from "~/components/live/LiveCaseSections";
import { ScrollTable } from "~/components/ScrollTable";
import { useHydrated } from "~/components/useHydrated";
import { getUser, toViewer } from "~/utils/auth.server";
import { presentCase, presentLiveEditor } from "~/presenters/case.server";
import { presentReuseFacts } from "~/presenters/reuse-facts.server";
import { presentCaseAdaptations } from "~/presenters/case-adaptations.server";
import { presentCaseQuestions } from "~/presenters/questions.server";
import { listCaseQuestions } from "~/models/question.server";
import { presentFollow } from "~/presenters/follow.server";
import { requireViewableCase } from "~/utils/case-access.server";
import { resolveLocale } from "~/utils/locale.server";
import tableStyles from "~/styles/tables.css";
import { withDomainErrors } from "~/utils/domain-errors";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: tableStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.view.title : "Løsningsbanken" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const user = await getUser(request);
    const viewer = toViewer(user);
    const c = await requireViewableCase(params.slug, viewer);
    const locale = resolveLocale(request, user?.locale);
    return json({
      view: presentCase(c, viewer, locale),
      reuseFacts: presentReuseFacts(c, locale),
      follow: await presentFollow(viewer, "case", c.id),
      // Logged-in viewers follow the live document (read-only here; editors write on the edit page).
      live: user ? { caseId: c.id, me: presentLiveEditor(user) } : null,
      adaptations: await presentCaseAdaptations(c, viewer),
      questions: presentCaseQuestions(await listCaseQuestions(c.id), c, viewer, locale),
    });
  });
}

export default function CasePage() {
  const { view, live, adaptations, questions } = useLoaderData<typeof loader>();
  const { t } = useTranslation("cases");
  const { t: th } = useTranslation("history");
  const [searchParams] = useSearchParams();
  const hydrated = useHydrated();
  const saved = searchParams.get("saved") === "1";
  const restored = searchParams.get("restored") === "1";
  const loginHref = `/login?redirectTo=${encodeURIComponent(`/cases/${view.slug}`)}`;
  const visibilityColor = view.visibility === "DRAFT" ? "warning" : view.visibility === "MEMBERS" ? "info" : "success";

  return (
    <article className="case" aria-labelledby="case-title">
      <div role="status" className="case__flash no-print">
        {saved ? (
          <Alert data-color="success">
            <Paragraph>{t("view.saved")}</Paragraph>
          </Alert>
        ) : null}
        {restored ? (
          <Alert data-color="success">
            <Paragraph>{th("restoredFlash")}</Paragraph>
          </Alert>
        ) : null}
      </div>

      <header className="case__header">
        <p className="case__badges">
          <Tag data-color="neutral">
            <span className="visually-hidden">{t("view.status")}: </span>
            {t(`status.${view.status}`)}
          </Tag>{" "}
          <Tag data-color={visibilityColor}>
            <span className="visually-hidden">{t("view.visibility")}: </span>
            {t(`visibility.${view.visibility}`)}
          </Tag>
        </p>
        <h1 id="case-title" lang={view.contentLanguage}>
          {view.title}
        </h1>
        <p className="case__summary" lang={view.contentLanguage}>
          {view.summary}
        </p>

        <dl className="case__facts" aria-label={t("view.facts")}>
          {view.period ? (
            <div>
              <dt>{t("view.period")}</dt>
              <dd>
                {view.period.kind === "range"
                  ? `${view.period.start} – ${view.period.end}`
                  : view.period.kind === "from"
                    ? t("view.periodFrom", { start: view.period.start })
                    : t("view.periodUntil", { end: view.period.end })}
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t("view.contentLanguage")}</dt>
            <dd>{t(`contentLanguage.${view.contentLanguage}`)}</dd>
          </div>
          <div>
            <dt>{t("view.owner")}</dt>
            <dd>
              <Link to={`/organisations/${view.owner.slug}`}>{view.owner.name}</Link>
            </dd>
          </div>
          {view.coOwners.length ? (
            <div>
              <dt>{t("view.coOwners")}</dt>
              <dd>
                <ul className="inline-list">
                  {view.coOwners.map((o) => (
                    <li key={o.id}>{o.name}</li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
          {view.areas.length ? (
            <div>
              <dt>{t("view.areas")}</dt>
              <dd>
                <AreaTags className="inline-list" areas={view.areas} />
              </dd>
            </div>
          ) : null}
        </dl>

        <div className="case__actions no-print" role="group" aria-label={t("view.actions")}>
          {hydrated ? (
            <Button type="button" variant="secondary" onClick={() => window.print()}>
              {t("view.print")}
            </Button>
          ) : null}
          {view.canEdit ? (
            <Button asChild>
              <Link to={`/cases/${view.slug}/edit`}>{t("view.edit")}</Link>
            </Button>
          ) : null}
          {view.canEdit ? (
            <Button asChild variant="secondary">
              <Link to={`/cases/${view.slug}/history`}>{th("caseLink")}</Link>
            </Button>
          ) : null}
          {view.canDelete ? (
            <Button asChild data-color="danger">
              <Link to={`/cases/${view.slug}/delete`}>{t("view.delete")}</Link>
            </Button>
          ) : null}
        </div>
      </header>

      <FollowButton follow={useLoaderData<typeof loader>().follow} name={view.title} />
      <CaseReuseFacts facts={useLoaderData<typeof loader>().reuseFacts} />
      <CaseAdaptations view={adaptations} />

      <CaseSections sections={view.sections} live={live} hydrated={hydrated} lang={view.contentLanguage} />

      {view.results.length ? (
        <section className="case__section" aria-labelledby="section-numbers">
          <h2 id="section-numbers">{t("fields.results")}</h2>
          <ScrollTable labelledBy="section-numbers">
            <Table className="case__results" data-size="sm">
              <caption className="visually-hidden">{t("results.caption", { title: view.title })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t("fields.indicator")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("fields.unit")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="num">
                    {t("fields.baseline")}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="num">
                    {t("fields.result")}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="num">
                    {t("fields.change")}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("fields.resultPeriod")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {view.results.map((r) => (
                  <Table.Row key={r.id}>
                    <Table.HeaderCell scope="row" lang={view.contentLanguage}>
                      {r.indicator}
                    </Table.HeaderCell>
                    <Table.Cell lang={view.contentLanguage}>{r.unit}</Table.Cell>
                    <Table.Cell className="num">{r.baseline ?? "–"}</Table.Cell>
                    <Table.Cell className="num">{r.result ?? "–"}</Table.Cell>
                    <Table.Cell className="num">{r.change ?? "–"}</Table.Cell>
                    <Table.Cell lang={view.contentLanguage}>{r.period}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </ScrollTable>
        </section>
      ) : null}

      <section className="case__section case__contact" aria-labelledby="section-contact">
        <h2 id="section-contact">{t("view.contactTitle")}</h2>
        {view.contact ? (
          view.contact.name || view.contact.email ? (
            <p>
              {view.contact.name ? <strong>{view.contact.name}</strong> : null}
              {view.contact.role ? <>, {view.contact.role}</> : null}
              {view.contact.email ? (
                <>
                  {view.contact.name || view.contact.role ? <br /> : null}
                  <a href={`mailto:${view.contact.email}`}>{view.contact.email}</a>
                </>
              ) : null}
            </p>
          ) : (
            <p className="muted">{t("view.noContact")}</p>
          )
        ) : (
          <p>
            {t("view.contactLogin")}{" "}
            <Link to={loginHref} className="no-print">
              {t("view.contactLoginLink")}
            </Link>
          </p>
        )}
      </section>

      <CaseQuestions data={questions} />

      <footer className="case__footer muted">
        <p>
          {t("view.created", { date: view.created.at, name: view.created.by ?? t("view.unknownPerson") })}
          {view.updated ? <> {t("view.updated", { date: view.updated.at, name: view.updated.by ?? t("view.unknownPerson") })}</> : null}
        </p>
      </footer>
    </article>
  );
}
