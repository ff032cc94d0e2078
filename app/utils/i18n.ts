/**
 * i18next set-up shared by server and browser. Resources are bundled (they are small),
 * so an instance is created synchronously per request / per render without any loading step.
 */
import i18next, { type i18n as I18n, type TFunction } from "i18next";
import { resources, namespaces } from "~/locales";

export const LOCALES = ["nb", "en"] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = "nb";
export const LOCALE_COOKIE = "lb_lang";

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function createI18n(locale: AppLocale): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    ns: [...namespaces],
    defaultNS: "common",
    resources: resources as unknown as Record<string, Record<string, object>>,
    interpolation: { escapeValue: false }, // React escapes.
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

const cache = new Map<AppLocale, I18n>();
/** A translator for server code (meta titles, e-mails, API messages). */
export function getFixedT(locale: AppLocale, ns: string = "common"): TFunction {
  let instance = cache.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    cache.set(locale, instance);
  }
  return instance.getFixedT(locale, ns);
}

/** BCP-47 tag for Intl formatting. */
export function intlLocale(locale: AppLocale) {
  return locale === "nb" ? "nb-NO" : "en-GB";
}

export function formatDate(value: Date | string, locale: AppLocale, options: Intl.DateTimeFormatOptions = { dateStyle: "long" }) {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "Europe/Oslo", ...options }).format(new Date(value));
}

export function formatNumber(value: number, locale: AppLocale, options: Intl.NumberFormatOptions = {}) {
  return new Intl.NumberFormat(intlLocale(locale), options).format(value);
}
