import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Link as DsLink, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Tag } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/Pagination";
import { RevisionWhat, RevisionPeople } from "~/components/RevisionSummary";
import { ScrollTable } from "~/components/ScrollTable";
import { listCaseHistory } from "~/models/case-history.server";
import { presentRevisionList } from "~/presenters/case-history.server";
import historyStyles from "~/styles/history.css";
import tableStyles from "~/styles/tables.css";
import { requireUser, toViewer } from "~/utils/auth.server";
import { requireEditableCase } from "~/utils/case-access.server";
import { resolveLocale } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { withDomainErrors } from "~/utils/domain-errors";

const PAGE_SIZE = 25;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: tableStyles },
  { rel: "stylesheet", href: historyStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "history:meta.list", { title: data?.title ?? "" });

/** History is for those who may edit the case: 404 when hidden, 403 when only readable. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const user = await requireUser(request);
    const c = await requireEditableCase(params.slug, toViewer(user)!);
    const locale = resolveLocale(request, user.locale);
    const requested = Number(new URL(request.url).searchParams.get("page") ?? "1");
    let page = Number.isInteger(requested) && requested > 0 ? requested : 1;
    let history = await listCaseHistory(c.id, { take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE });
    const totalPages = Math.max(1, Math.ceil(history.total / PAGE_SIZE));
    if (page > totalPages) {
      // An old link to a page that no longer exists shows the last page rather than nothing.
      page = totalPages;
      history = await listCaseHistory(c.id, { take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE });
    }
    return json({
      slug: c.slug,
      title: c.title,
      revisions: presentRevisionList(history, locale),
      total: history.total,
      page,
      totalPages,
      from: history.total ? (page - 1) * PAGE_SIZE + 1 : 0,
      to: (page - 1) * PAGE_SIZE + history.items.length,
    });
  });
}

export default function CaseHistoryPage() {
  const { slug, title, revisions, total, page, totalPages, from, to } = useLoaderData<typeof loader>();
  const { t } = useTranslation("history");
  const newestNumber = total;
  return (
    <div className="history">
      <p className="breadcrumb">
        <DsLink asChild>
          <Link to={`/cases/${slug}`}>
            <span aria-hidden="true">← </span>
            {t("list.backToCase")}
            <span className="visually-hidden">: {title}</span>
          </Link>
        </DsLink>
      </p>
      <h1>
        {t("list.title")}
        <span className="visually-hidden">:</span> <span className="muted">«{title}»</span>
      </h1>
      <p className="history__intro">{t("list.intro")}</p>

      {total === 0 ? (
        <div className="empty-state">
          <p>{t("list.empty")}</p>
          <p>{t("list.emptyHint")}</p>
        </div>
      ) : (
        <>
          <p className="muted">
            {t("list.total", { count: total })}
            {totalPages > 1 ? ` ${t("list.showing", { from, to, total })}` : null}
          </p>
          <ScrollTable labelledBy="history-caption">
            <Table className="history-table" data-size="sm" zebra>
              <caption id="history-caption" className="visually-hidden">
                {t("list.caption", { title })}
              </caption>
              <TableHead>
                <TableRow>
                  <TableHeaderCell scope="col">{t("list.version")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("list.when")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("list.what")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("list.who")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {revisions.map((r) => (
                  <TableRow key={r.id}>
                    <TableHeaderCell scope="row">
                      <DsLink asChild>
                        <Link to={`/cases/${slug}/history/${r.id}`}>{t("list.open", { number: r.number })}</Link>
                      </DsLink>
                      {r.number === newestNumber ? (
                        <Tag className="history__newest" data-color="info" data-size="sm">
                          {t("list.newest")}
                        </Tag>
                      ) : null}
                    </TableHeaderCell>
                    <TableCell>
                      <time dateTime={r.iso}>{r.at}</time>
                    </TableCell>
                    <TableCell>
                      <RevisionWhat revision={r} />
                    </TableCell>
                    <TableCell>
                      <RevisionPeople people={r.people} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollTable>
          <Pagination
            page={page}
            totalPages={totalPages}
            hrefFor={(p) => (p === 1 ? `/cases/${slug}/history` : `/cases/${slug}/history?page=${p}`)}
          />
        </>
      )}
    </div>
  );
}
