/** Translated <title> for a route's `meta` export (meta cannot use hooks). */
import { DEFAULT_LOCALE, getFixedT, isLocale } from "~/utils/i18n";

type Match = { id: string; data: unknown };

function localeFromMatches(matches: Match[]) {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

/** `[{ title: "<translated> – Løsningsbanken" }]` */
export function pageTitle(matches: Match[], key: string, vars: Record<string, unknown> = {}) {
  const t = getFixedT(localeFromMatches(matches));
  return [{ title: `${String(t(key, vars))} – ${String(t("appName"))}` }];
}
