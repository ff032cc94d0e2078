import enAccessibility from "./en/accessibility";
import enAdapt from "./en/adapt";
import enAdmin from "./en/admin";
import enAuth from "./en/auth";
import enCases from "./en/cases";
import enCommon from "./en/common";
import enHistory from "./en/history";
import enHome from "./en/home";
import enMail from "./en/mail";
import enNotifications from "./en/notifications";
import enOrg from "./en/org";
import enReuse from "./en/reuse";
import enQuestions from "./en/questions";
import enSearch from "./en/search";
import nbAccessibility from "./nb/accessibility";
import nbAdapt from "./nb/adapt";
import nbAdmin from "./nb/admin";
import nbAuth from "./nb/auth";
import nbCases from "./nb/cases";
import nbCommon from "./nb/common";
import nbHistory from "./nb/history";
import nbHome from "./nb/home";
import nbMail from "./nb/mail";
import nbNotifications from "./nb/notifications";
import nbOrg from "./nb/org";
import nbReuse from "./nb/reuse";
import nbQuestions from "./nb/questions";
import nbSearch from "./nb/search";

/** All UI strings. One namespace per area; every key must exist in both languages (tests/unit/i18n.test.ts). */
export const resources = {
  nb: {
    common: nbCommon,
    home: nbHome,
    auth: nbAuth,
    cases: nbCases,
    org: nbOrg,
    admin: nbAdmin,
    search: nbSearch,
    history: nbHistory,
    accessibility: nbAccessibility,
    mail: nbMail,
    reuse: nbReuse,
    adapt: nbAdapt,
    questions: nbQuestions,
    notifications: nbNotifications,
  },
  en: {
    common: enCommon,
    home: enHome,
    auth: enAuth,
    cases: enCases,
    org: enOrg,
    admin: enAdmin,
    search: enSearch,
    history: enHistory,
    accessibility: enAccessibility,
    mail: enMail,
    reuse: enReuse,
    adapt: enAdapt,
    questions: enQuestions,
    notifications: enNotifications,
  },
} as const;

export const namespaces = [
  "common",
  "home",
  "auth",
  "cases",
  "org",
  "admin",
  "search",
  "history",
  "accessibility",
  "mail",
  "reuse",
  "adapt",
  "questions",
  "notifications",
] as const;
export type Namespace = (typeof namespaces)[number];
