import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Alert,
  Button,
  Link as DsLink,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { peopleText, RevisionWhat, revisionWhatText } from "~/components/RevisionSummary";
import { ScrollTable } from "~/components/ScrollTable";
import { getCaseRevision, namesForSnapshots } from "~/models/case-history.server";
import { restoreRevision, snapshotOf } from "~/models/case.server";
import { RevisionNotFound } from "~/models/errors";
import { presentRevision, type RevisionView } from "~/presenters/case-history.server";
import historyStyles from "~/styles/history.css";
import tableStyles from "~/styles/tables.css";
import { readForm, requireUser, toViewer } from "~/utils/auth.server";
import { requireEditableCase } from "~/utils/case-access.server";
import { resolveLocale } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import type { DiffPart } from "~/utils/word-diff";
import { withDomainErrors } from "~/utils/domain-errors";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: tableStyles },
  { rel: "stylesheet", href: historyStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "history:meta.revision", { number: data?.view.revision.number ?? "", title: data?.title ?? "" });

async function requireHistoryEditor(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const viewer = toViewer(user)!;
  return { viewer, c: await requireEditableCase(slug, viewer), locale: resolveLocale(request, user.locale) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const { c, locale } = await requireHistoryEditor(request, params.slug);
    // A revision of another case is the same 404 as one that does not exist.
    const revision = params.revisionId ? await getCaseRevision(c.id, params.revisionId) : null;
    if (!revision) throw new RevisionNotFound(params.revisionId);
    const now = snapshotOf(c);
    const then = revision.snapshot;
    const names = await namesForSnapshots(
      [now.ownerOrganisationId, ...now.coOwnerIds, then.ownerOrganisationId, ...then.coOwnerIds],
      [...now.challengeAreaIds, ...then.challengeAreaIds],
    );
    return json({ slug: c.slug, title: c.title, view: presentRevision(revision, now, names, locale) });
  });
}

/** Restoring is itself a new revision (kind RESTORE); what the case held before stays in the history. */
export async function action({ request, params }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    await readForm(request);
    const { viewer, c } = await requireHistoryEditor(request, params.slug);
    if (!params.revisionId) throw new RevisionNotFound();
    const restored = await restoreRevision(c.id, params.revisionId, viewer);
    return redirect(`/cases/${restored.slug}?restored=1`);
  });
}

function DiffText({ parts }: { parts: DiffPart[] }) {
  const { t } = useTranslation("history");
  return (
    <div className="diff">
      {parts.map((p, i) =>
        p.op === "add" ? (
          <ins key={i}>
            <span className="visually-hidden">{t("changes.addedStart")}</span>
            {p.text}
            <span className="visually-hidden">{t("changes.addedEnd")}</span>
          </ins>
        ) : p.op === "del" ? (
          <del key={i}>
            <span className="visually-hidden">{t("changes.removedStart")}</span>
            {p.text}
            <span className="visually-hidden">{t("changes.removedEnd")}</span>
          </del>
        ) : p.op === "gap" ? (
          <span key={i} className="diff__gap">
            <span aria-hidden="true">[…]</span>
            <span className="visually-hidden">({t("changes.gap")})</span>
          </span>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </div>
  );
}

function Values({ values }: { values: string[] }) {
  const { t } = useTranslation("history");
  if (!values.length) return <span className="muted">({t("changes.notSet")})</span>;
  if (values.length === 1) return <>{values[0]}</>;
  return (
    <ul>
      {values.map((v, i) => (
        <li key={`${i}-${v}`}>{v}</li>
      ))}
    </ul>
  );
}

function textLabel(t: (key: string) => string, key: RevisionView["changes"]["text"][number]["key"]) {
  return key === "title" || key === "summary" ? t(`history:fields.${key}`) : t(`cases:sections.${key}`);
}

function Changes({ view }: { view: RevisionView }) {
  const { t } = useTranslation(["history", "cases"]);
  if (view.identical)
    return (
      <Alert data-color="success">
        <Paragraph>{t("changes.none")}</Paragraph>
      </Alert>
    );
  return (
    <>
      <p className="history__intro">{t("changes.intro")}</p>
      <dl className="diff-key" aria-label={t("changes.legend")}>
        <div>
          <dt>
            <ins>{t("changes.added")}</ins>
          </dt>
          <dd>{t("changes.addedMeaning")}</dd>
        </div>
        <div>
          <dt>
            <del>{t("changes.removed")}</del>
          </dt>
          <dd>{t("changes.removedMeaning")}</dd>
        </div>
      </dl>
      {view.changes.text.map((change) => (
        <section key={change.key} aria-labelledby={`change-${change.key}`}>
          <h3 id={`change-${change.key}`}>{textLabel(t, change.key)}</h3>
          <DiffText parts={change.parts} />
        </section>
      ))}
      {view.changes.meta.length ? (
        <section aria-labelledby="change-meta">
          <h3 id="change-meta">{t("changes.meta")}</h3>
          <ScrollTable labelledBy="change-meta-caption">
            <Table className="diff-meta" data-size="sm">
              <caption id="change-meta-caption" className="visually-hidden">
                {t("changes.metaCaption")}
              </caption>
              <TableHead>
                <TableRow>
                  <TableHeaderCell scope="col">{t("changes.field")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("changes.then")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("changes.now")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {view.changes.meta.map((m) => (
                  <TableRow key={m.key}>
                    <TableHeaderCell scope="row">{t(`fields.${m.key}`)}</TableHeaderCell>
                    <TableCell>
                      <Values values={m.before} />
                    </TableCell>
                    <TableCell>
                      <Values values={m.after} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollTable>
        </section>
      ) : null}
    </>
  );
}

export default function CaseRevisionPage() {
  const { slug, title, view } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["history", "cases"]);
  const busy = useNavigation().state === "submitting";
  const r = view.revision;
  const what = revisionWhatText(t, r);
  return (
    <article className="revision" aria-labelledby="revision-title">
      <nav aria-label={t("revision.breadcrumb")}>
        <p className="breadcrumb">
          <DsLink asChild>
            <Link to={`/cases/${slug}`}>{title}</Link>
          </DsLink>
          <span aria-hidden="true"> › </span>
          <DsLink asChild>
            <Link to={`/cases/${slug}/history`}>{t("list.title")}</Link>
          </DsLink>
        </p>
      </nav>
      <h1 id="revision-title">{t("revision.heading", { number: r.number, title })}</h1>
      <p className="revision__made">
        {r.kind === "RESTORE" && r.restoredFrom?.at ? (
          <>
            <RevisionWhat revision={r} slug={slug} />{" "}
          </>
        ) : (
          <>{what} </>
        )}
        <time dateTime={r.iso}>{r.at}</time>
        {r.people.length ? ` ${t("revision.by", { names: peopleText(t, r.people) })}` : null}.
      </p>

      <section aria-labelledby="changes-title">
        <h2 id="changes-title">{t("changes.title")}</h2>
        <Changes view={view} />
      </section>

      {view.identical ? null : (
        <section className="revision__restore" aria-labelledby="restore-title">
          <h2 id="restore-title">{t("restore.title")}</h2>
          <p>{t("restore.intro")}</p>
          <Form method="post" className="form-actions">
            <CsrfInput />
            <Button type="submit" name="intent" value="restore" disabled={busy}>
              {busy ? t("restore.busy") : t("restore.button")}
            </Button>
          </Form>
        </section>
      )}

      <section className="revision__content case" aria-labelledby="content-title">
        <h2 id="content-title">{t("revision.content")}</h2>
        <h3 className="revision__title">{view.title}</h3>
        <p className="case__summary">{view.summary}</p>
        <dl className="case__facts" aria-label={t("revision.facts")}>
          {view.facts.map((f) => (
            <div key={f.key} className={f.key === "results" ? "revision__fact--results" : undefined}>
              <dt>{t(`fields.${f.key}`)}</dt>
              <dd>
                <Values values={f.values} />
              </dd>
            </div>
          ))}
        </dl>
        {view.sections.length === 0 ? <p className="muted">{t("revision.emptyBody")}</p> : null}
        {view.sections.map((s) => (
          <section key={s.key} className="case__section" aria-labelledby={`section-${s.key}`}>
            <h3 id={`section-${s.key}`}>{t(`cases:sections.${s.key}`)}</h3>
            {/* Rendered on the server from the stored snapshot and sanitised (render.server.ts). */}
            <div className="prose" dangerouslySetInnerHTML={{ __html: s.html }} />
          </section>
        ))}
      </section>
    </article>
  );
}
