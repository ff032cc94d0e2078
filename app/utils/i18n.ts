/**
 * i18next set-up shared by server and browser. Resources are bundled (they are small),
 * so an instance is created synchronously per request / per render without any loading step.
 */
import i18next, { type i18n as I18n, type TFunction } from "i18next";
import { resources, namespaces } from "~/locales";

const LOCALES = ["nb", "en"] as const;
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
  memoizePlainLookups(instance);
  return instance;
}

/**
 * `t("key")` without options always gives the same string for an instance (its language and
 * bundled resources never change), yet i18next resolves it afresh every call (~10-15 µs:
 * namespace/key parsing, fallback chain, post-processing). A search results page makes a few
 * hundred such calls, which made i18next one of the largest costs of rendering it on the
 * server. Every translator from getFixedT (which react-i18next's useTranslation uses too) is
 * wrapped so that option-less calls with a string key are answered from a per-translator map;
 * calls with options (count, interpolation, defaultValue ...) go to i18next unchanged.
 * Translators are cached per (language, namespace, key prefix), so their identity is stable.
 */
function memoizePlainLookups(instance: I18n) {
  const originalFixedT = instance.getFixedT.bind(instance);
  const translators = new Map<string, TFunction>();
  const list = (v: unknown) => (Array.isArray(v) ? v.join(",") : String(v ?? ""));
  instance.getFixedT = ((lng: unknown, ns: unknown, keyPrefix: unknown) => {
    const id = `${list(lng)}|${list(ns)}|${String(keyPrefix ?? "")}`;
    let translator = translators.get(id);
    if (!translator) {
      const fixed = (originalFixedT as (...args: unknown[]) => TFunction)(lng, ns, keyPrefix);
      translator = memoized(fixed);
      translators.set(id, translator);
    }
    return translator;
  }) as I18n["getFixedT"];
  // i18n.t itself too (caseLabel and friends call it with "ns:key").
  instance.t = memoized(instance.t.bind(instance) as TFunction) as I18n["t"];
}

function memoized(t: TFunction): TFunction {
  const call = t as unknown as (...args: unknown[]) => unknown;
  const plain = new Map<string, string>();
  const memo = ((key: unknown, ...rest: unknown[]) => {
    if (typeof key !== "string" || rest.length > 1 || rest[0] !== undefined) return call(key, ...rest);
    let value = plain.get(key);
    if (value === undefined) {
      const resolved = call(key);
      if (typeof resolved !== "string") return resolved;
      plain.set(key, resolved);
      value = resolved;
    }
    return value;
  }) as unknown as TFunction;
  return Object.assign(memo, t);
}

const cache = new Map<AppLocale, I18n>();
/**
 * One shared instance per language. Safe to share between requests because an instance's
 * language never changes (switching language picks the other instance).
 */
export function getI18n(locale: AppLocale): I18n {
  let instance = cache.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    cache.set(locale, instance);
  }
  return instance;
}

/** A translator for server code (meta titles, e-mails, API messages). */
export function getFixedT(locale: AppLocale, ns: string = "common"): TFunction {
  return getI18n(locale).getFixedT(locale, ns);
}

/** BCP-47 tag for Intl formatting. */
export function intlLocale(locale: AppLocale) {
  return locale === "nb" ? "nb-NO" : "en-GB";
}

// Intl formatters are costly to build; keep one per language + options.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

export function formatDate(value: Date | string, locale: AppLocale, options: Intl.DateTimeFormatOptions = { dateStyle: "long" }) {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  return cached(key, () => new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "Europe/Oslo", ...options })).format(new Date(value));
}

export function formatNumber(value: number, locale: AppLocale, options: Intl.NumberFormatOptions = {}) {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  return cached(key, () => new Intl.NumberFormat(intlLocale(locale), options)).format(value);
}
