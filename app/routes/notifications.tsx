import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Button, Link as DsLink, Paragraph, Tag } from "@digdir/designsystemet-react";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { Pagination } from "~/components/Pagination";
import { useHydrated } from "~/components/useHydrated";
import { ValidationError } from "~/models/errors";
import { listNotifications, markAllNotificationsRead, markNotificationRead } from "~/models/notification.server";
import { presentNotification } from "~/presenters/notifications";
import { readForm, requireUser, toViewer } from "~/utils/auth.server";
import { withDomainErrors } from "~/utils/domain-errors";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { useRootData } from "~/root";
import notificationStyles from "~/styles/notifications.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: notificationStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications:page.title");

const NOTICES = ["one", "all"] as const;
type Notice = (typeof NOTICES)[number];

function pageParam(raw: string | null): number | null {
  if (raw === null) return 1;
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const user = await requireUser(request);
    const viewer = toViewer(user)!;
    const url = new URL(request.url);
    const page = pageParam(url.searchParams.get("page"));
    if (page === null) throw redirect("/notifications");
    const locale = resolveLocale(request, user.locale);
    // Only rows about cases the reader may see NOW (listNotifications filters in the query).
    const list = await listNotifications(viewer, { page });
    if (page > list.pageCount) throw redirect(list.pageCount > 1 ? `/notifications?page=${list.pageCount}` : "/notifications");
    const t = getFixedT(locale, "notifications");
    const notice = url.searchParams.get("marked");
    return json({
      items: list.items.map((row) => presentNotification(row, list, t, locale)),
      page,
      pageCount: list.pageCount,
      total: list.total,
      notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null,
    });
  });
}

/** intent=read (+ id) or intent=read-all. Someone else's or an unknown id is a 404; garbage a 400. */
export async function action({ request }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const viewer = toViewer(await requireUser(request))!;
    const single = (name: string) => (form.getAll(name).length === 1 ? form.get(name) : null);
    const intent = single("intent");
    const page = pageParam(typeof form.get("page") === "string" ? (form.get("page") as string) : null) ?? 1;
    let marked: Notice;
    if (intent === "read") {
      const id = single("id");
      if (typeof id !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new ValidationError("id", "validation.invalid");
      await markNotificationRead(viewer, id);
      marked = "one";
    } else if (intent === "read-all") {
      await markAllNotificationsRead(viewer);
      marked = "all";
    } else {
      throw new ValidationError("intent", "validation.invalid");
    }
    if (form.get("via") === "fetcher") return json({ marked });
    return redirect(`/notifications?${page > 1 ? `page=${page}&` : ""}marked=${marked}`);
  });
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

function NotificationEntry({ item, page, onMarked }: { item: Item; page: number; onMarked: () => void }) {
  const { t } = useTranslation("notifications");
  const fetcher = useFetcher<{ marked: Notice }>();
  const hydrated = useHydrated();
  const link = useRef<HTMLAnchorElement>(null);
  const unread = item.unread && !fetcher.formData && !fetcher.data;
  const wasFetched = !!fetcher.data;
  useEffect(() => {
    // The button is gone once read: keep the keyboard where it was (on this notification's link).
    if (wasFetched) {
      link.current?.focus();
      onMarked();
    }
  }, [wasFetched]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <li className={`notification${unread ? " notification--unread" : ""}`}>
      <div className="notification__text">
        {unread ? (
          <Tag data-color="info" data-size="sm" className="notification__tag">
            {t("page.unread")}
          </Tag>
        ) : null}{" "}
        <DsLink asChild>
          <Link to={item.href} ref={link}>
            {item.text}
          </Link>
        </DsLink>
        <p className="notification__time muted">
          <time dateTime={item.createdAt}>{t("page.received", { date: item.received })}</time>
        </p>
      </div>
      {unread ? (
        <fetcher.Form method="post" className="notification__action">
          <CsrfInput />
          <input type="hidden" name="intent" value="read" />
          <input type="hidden" name="id" value={item.id} />
          <input type="hidden" name="page" value={page} />
          {hydrated ? <input type="hidden" name="via" value="fetcher" /> : null}
          <Button type="submit" variant="tertiary" data-size="sm">
            {t("page.markRead")}
            <span className="visually-hidden">: {item.text}</span>
          </Button>
        </fetcher.Form>
      ) : null}
    </li>
  );
}

export default function NotificationsPage() {
  const { items, page, pageCount, notice } = useLoaderData<typeof loader>();
  // The header's count (root loader), so the page and the header never disagree.
  const unread = useRootData()?.unreadNotifications ?? 0;
  const { t } = useTranslation("notifications");
  const all = useFetcher<{ marked: Notice }>();
  const hydrated = useHydrated();
  const heading = useRef<HTMLHeadingElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (all.data) {
      setMessage(t("page.markedAllRead"));
      // The button is gone: the keyboard continues from the heading.
      heading.current?.focus();
    }
  }, [all.data]); // eslint-disable-line react-hooks/exhaustive-deps
  const shown = message ?? (notice === "one" ? t("page.markedRead") : notice === "all" ? t("page.markedAllRead") : "");
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t("page.title")}
      </h1>
      <p className="lead">{t("page.intro")}</p>
      <p role="status" className="notifications__status">
        {shown}
      </p>
      {items.length ? (
        <>
          <div className="notifications__toolbar">
            <p className="muted">{unread ? t("page.unreadCount", { count: unread }) : t("page.allRead")}</p>
            {unread ? (
              <all.Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="read-all" />
                <input type="hidden" name="page" value={page} />
                {hydrated ? <input type="hidden" name="via" value="fetcher" /> : null}
                <Button type="submit" variant="secondary" data-size="sm">
                  {t("page.markAllRead")}
                </Button>
              </all.Form>
            ) : null}
          </div>
          <ul className="notifications" aria-label={t("page.list")}>
            {items.map((item) => (
              <NotificationEntry key={item.id} item={item} page={page} onMarked={() => setMessage(t("page.markedRead"))} />
            ))}
          </ul>
          <Pagination page={page} totalPages={pageCount} hrefFor={(p) => (p === 1 ? "/notifications" : `/notifications?page=${p}`)} />
        </>
      ) : (
        <div className="empty-state">
          <h2>{t("page.emptyTitle")}</h2>
          <Paragraph>{t("page.empty")}</Paragraph>
          <p>
            <DsLink asChild>
              <Link to="/areas">{t("page.emptyLink")}</Link>
            </DsLink>
          </p>
        </div>
      )}
      <p>
        <DsLink asChild>
          <Link to="/me/notification-settings">{t("page.settings")}</Link>
        </DsLink>
      </p>
    </>
  );
}
