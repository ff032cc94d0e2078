import { parseCookies, serializeCookie } from "~/utils/auth.server";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type AppLocale } from "~/utils/i18n";

/** Cookie (explicit choice) > the user's saved preference > Accept-Language > bokmål. */
export function resolveLocale(request: Request, userLocale?: string | null): AppLocale {
  const cookie = parseCookies(request)[LOCALE_COOKIE];
  if (isLocale(cookie)) return cookie;
  if (isLocale(userLocale)) return userLocale;
  const accept = request.headers.get("Accept-Language") ?? "";
  for (const part of accept.split(",")) {
    const tag = part.split(";")[0].trim().toLowerCase();
    if (tag.startsWith("nb") || tag.startsWith("nn") || tag.startsWith("no")) return "nb";
    if (tag.startsWith("en")) return "en";
  }
  return DEFAULT_LOCALE;
}

export function localeCookie(locale: AppLocale) {
  return serializeCookie(LOCALE_COOKIE, locale, { maxAgeSeconds: 365 * 24 * 3600 });
}
