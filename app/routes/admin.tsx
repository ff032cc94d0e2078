/** Admin area frame: a section navigation above every admin page. Each page checks access itself. */
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";

export default function AdminLayout() {
  const { t } = useTranslation("admin");
  const user = useRootData()?.user;
  const isFacilitator = user?.platformRole === "FACILITATOR" || user?.platformRole === "ADMIN";
  const isPlatformAdmin = user?.platformRole === "ADMIN";
  return (
    <div className="admin">
      {isFacilitator ? (
        <nav className="admin-nav" aria-label={t("nav.label")}>
          <ul>
            <li>
              <NavLink to="/admin" end>
                {t("nav.overview")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/admin/organisations">{t("nav.organisations")}</NavLink>
            </li>
            {isPlatformAdmin ? (
              <li>
                <NavLink to="/admin/challenge-areas">{t("nav.challengeAreas")}</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      <Outlet />
    </div>
  );
}
