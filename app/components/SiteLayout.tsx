import { Button, Link as DsLink, Search, SkipLink } from "@digdir/designsystemet-react";
import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { loader } from "~/root";
import { CsrfInput } from "./CsrfInput";
import { useSuggestionTexts } from "./OrganisationPicker";
import { RouteFocus } from "./RouteFocus";
import { focusInPage } from "./ui/form";

/**
 * Header in two rows on every width: brand, search and the account actions on top, the main
 * navigation below. It never wraps unexpectedly (1280 px with every menu item), and on a phone
 * the search field moves under the brand and the navigation scrolls sideways in one line.
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
              <Form method="post" action="/logout" className="inline-form">
                <CsrfInput />
                <Button type="submit" variant="secondary" data-size="sm">
                  {t("nav.logout")}
                </Button>
              </Form>
            ) : (
              <Button asChild data-size="sm">
                <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname + location.search)}`}>{t("nav.login")}</Link>
              </Button>
            )}
          </div>
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
                  <NavLink to="/profile">{t("nav.profile")}</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
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
