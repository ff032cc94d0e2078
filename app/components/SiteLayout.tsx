import { Button, Link as DsLink, Search, SkipLink } from "@digdir/designsystemet-react";
import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { loader } from "~/root";
import { CsrfInput } from "./CsrfInput";
import { useSuggestionTexts } from "./OrganisationPicker";
import { RouteFocus } from "./RouteFocus";
import { focusInPage } from "./ui/form";
import { NotificationsLink, UnreadBadge } from "./NotificationsLink";
import { useHydrated } from "./useHydrated";

/**
 * Header in two rows on a wide screen: brand, search and the account actions on top, the main
 * navigation below; it never wraps (1280 px with every menu item). On a phone (issue 15,
 * defect 2) a signed-in user's links and "Logg ut" sit behind one "Meny" disclosure button
 * next to the language switch, and the search field has the second row: the header stays
 * about 110 px high however many links there are. Without JavaScript the menu is simply open.
 */
export function SiteLayout({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const data = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const user = data?.user;
  const otherLang = t("language.switchToLang");
  const canWrite = user?.memberships.some((m) => m.role === "EDITOR" || m.role === "ADMIN");
  const isFacilitator = user?.platformRole === "FACILITATOR" || user?.platformRole === "ADMIN";
  const onSearchPage = location.pathname === "/search";
  const srTexts = useSuggestionTexts();
  const hydrated = useHydrated();
  const [menuOpen, setMenuOpen] = useState(false);
  // A followed link closes the phone menu.
  useEffect(() => setMenuOpen(false), [location.pathname]);
  return (
    <>
      <SkipLink className="skip-link" href="#main" onClick={(e) => focusInPage(e, "main", "start")}>
        {t("skipToContent")}
      </SkipLink>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span aria-hidden="true" className="brand__mark">
              L
            </span>
            <span className="brand__name">{t("appName")}</span>
          </Link>
          {/* /search has its own search field: one is enough (issue 15, defect 11). */}
          {onSearchPage ? (
            <span className="site-search" />
          ) : (
            <Form method="get" action="/search" role="search" aria-label={t("search:header.label")} className="site-search">
              <label htmlFor="site-search-q" className="ds-sr-only">
                {t("search:header.label")}
              </label>
              <Search data-size="sm" {...srTexts}>
                <Search.Input id="site-search-q" name="q" autoComplete="off" />
                <Search.Button>{t("search:header.submit")}</Search.Button>
              </Search>
            </Form>
          )}
          <div className="header-actions">
            <Form method="post" action="/language" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="locale" value={otherLang} />
              <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
              <Button type="submit" variant="tertiary" data-size="sm" lang={otherLang}>
                {t("language.switchTo")}
              </Button>
            </Form>
            {user ? (
              hydrated ? (
                // Phones only (CSS): the signed-in user's links and "Logg ut" behind one disclosure button.
                <Button
                  type="button"
                  variant="secondary"
                  data-size="sm"
                  className="menu-toggle"
                  aria-expanded={menuOpen}
                  aria-controls="site-menu"
                  onClick={() => setMenuOpen((open) => !open)}
                >
                  {t("nav.menu")}
                  <UnreadBadge unread={data?.unreadNotifications ?? 0} />
                </Button>
              ) : null
            ) : (
              <Button asChild data-size="sm">
                <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname + location.search)}`}>{t("nav.login")}</Link>
              </Button>
            )}
          </div>
          <div
            id="site-menu"
            className={`site-menu${user && hydrated ? " site-menu--collapsible" : ""}`}
            data-open={menuOpen || undefined}
            onKeyDown={(e) => {
              if (e.key === "Escape" && menuOpen) {
                setMenuOpen(false);
                document.querySelector<HTMLElement>(".menu-toggle")?.focus();
              }
            }}
          >
            {user ? (
              <Form method="post" action="/logout" className="inline-form site-menu__logout">
                <CsrfInput />
                <Button type="submit" variant="secondary" data-size="sm">
                  {t("nav.logout")}
                </Button>
              </Form>
            ) : null}
            <nav aria-label={t("nav.main")} className="main-nav">
              <ul>
                <li>
                  <NavLink to="/" end>
                    {t("nav.home")}
                  </NavLink>
                </li>
                {canWrite ? (
                  <li>
                    <NavLink to="/cases/new">{t("nav.newCase")}</NavLink>
                  </li>
                ) : null}
                {user && user.memberships.length > 0 ? (
                  <li>
                    <NavLink to="/organisation">{t("nav.myOrganisation")}</NavLink>
                  </li>
                ) : null}
                {isFacilitator ? (
                  <li>
                    <NavLink to="/admin">{t("nav.admin")}</NavLink>
                  </li>
                ) : null}
                {user ? (
                  <li>
                    <NavLink to="/me" end>
                      {t("notifications:header.me")}
                    </NavLink>
                  </li>
                ) : null}
                {user ? (
                  <li>
                    <NotificationsLink unread={data?.unreadNotifications ?? 0} />
                  </li>
                ) : null}
                {user ? (
                  <li>
                    <NavLink to="/profile">{t("nav.profile")}</NavLink>
                  </li>
                ) : null}
              </ul>
            </nav>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("footer.about")}</p>
        <p>
          {t("footer.accessibility")}{" "}
          <DsLink asChild>
            <Link to="/tilgjengelighet">{t("footer.accessibilityLink")}</Link>
          </DsLink>
        </p>
      </footer>
      <RouteFocus />
    </>
  );
}
