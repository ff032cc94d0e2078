import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { loader } from "~/root";
import { CsrfInput } from "./CsrfInput";
import { focusInPage } from "./ui/form";

export function SiteLayout({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const data = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const user = data?.user;
  const otherLang = t("language.switchToLang");
  const canWrite = user?.memberships.some((m) => m.role === "EDITOR" || m.role === "ADMIN");
  const isFacilitator = user?.platformRole === "FACILITATOR" || user?.platformRole === "ADMIN";
  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => focusInPage(e, "main", "start")}>
        {t("skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span aria-hidden="true" className="brand__mark">
              L
            </span>
            <span className="brand__name">{t("appName")}</span>
          </Link>
          <Form method="get" action="/search" role="search" aria-label={t("search:header.label")} className="site-search">
            <label htmlFor="site-search-q" className="visually-hidden">
              {t("search:header.label")}
            </label>
            <input id="site-search-q" type="search" name="q" autoComplete="off" />
            <button type="submit" className="button">
              {t("search:header.submit")}
            </button>
          </Form>
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
          <div className="header-actions">
            <Form method="post" action="/language" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="locale" value={otherLang} />
              <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
              <button type="submit" className="button button--ghost" lang={otherLang}>
                {t("language.switchTo")}
              </button>
            </Form>
            {user ? (
              <Form method="post" action="/logout" className="inline-form">
                <CsrfInput />
                <button type="submit" className="button button--ghost">
                  {t("nav.logout")}
                </button>
              </Form>
            ) : (
              <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname + location.search)}`} className="button">
                {t("nav.login")}
              </Link>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("footer.about")}</p>
        <p>{t("footer.accessibility")}</p>
      </footer>
    </>
  );
}
