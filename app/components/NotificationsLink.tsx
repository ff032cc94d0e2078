/**
 * The header's "Varsler" link with the unread count (decision 020). The count is part of the
 * link's text - a visible badge for the eye, "3 uleste" for screen readers - so it is read
 * with the link ("Varsler, 3 uleste"). No live region: the count changes with navigation, and
 * the notifications page says what happened when something is marked read.
 */
import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function UnreadBadge({ unread }: { unread: number }) {
  const { t } = useTranslation("notifications");
  if (!unread) return null;
  return (
    <>
      {" "}
      <span className="unread-badge" aria-hidden="true">
        {unread > 99 ? "99+" : unread}
      </span>
      <span className="visually-hidden">, {t("header.unread", { count: unread })}</span>
    </>
  );
}

export function NotificationsLink({ unread }: { unread: number }) {
  const { t } = useTranslation("notifications");
  return (
    <NavLink to="/notifications" className="notifications-link">
      {t("header.link")}
      <UnreadBadge unread={unread} />
    </NavLink>
  );
}
