import { readCookie, serializeCookie } from "~/utils/auth.server";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type AppLocale } from "~/utils/i18n";

/**
 * Cookie (explicit choice) > the user's saved preference > bokmål. The browser's
 * Accept-Language is deliberately ignored: the product is Norwegian first, and many
 * Norwegian public servants run English-language browsers.
 */
export function resolveLocale(request: Request, userLocale?: string | null): AppLocale {
  const cookie = readCookie(request, LOCALE_COOKIE);
  if (isLocale(cookie)) return cookie;
  if (isLocale(userLocale)) return userLocale;
  return DEFAULT_LOCALE;
}

export function localeCookie(locale: AppLocale) {
  return serializeCookie(LOCALE_COOKIE, locale, { maxAgeSeconds: 365 * 24 * 3600 });
}
