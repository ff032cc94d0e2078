import { describe, expect, it } from "vitest";
import { resources } from "~/locales";
import { createI18n, formatDate, formatNumber, getFixedT, getI18n } from "~/utils/i18n";
import i18next from "i18next";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("translations", () => {
  for (const ns of Object.keys(resources.nb) as Array<keyof typeof resources.nb>) {
    it(`namespace "${ns}" has the same keys in bokmål and English`, () => {
      const nb = keys(resources.nb[ns]).sort();
      const en = keys(resources.en[ns]).sort();
      expect(en).toEqual(nb);
    });
  }

  it("translates with plurals in both languages", () => {
    expect(getFixedT("nb")("errors.summary", { count: 1 })).toBe("Skjemaet har én feil. Rett opp og prøv igjen.");
    expect(getFixedT("en")("errors.summary", { count: 3 })).toBe("The form has 3 errors. Correct them and try again.");
  });

  it("formats dates and numbers per language", () => {
    expect(formatDate("2024-03-05T12:00:00Z", "nb")).toBe("5. mars 2024");
    expect(formatDate("2024-03-05T12:00:00Z", "en")).toBe("5 March 2024");
    expect(formatNumber(12345.5, "nb")).toBe("12\u00a0345,5");
    expect(formatNumber(12345.5, "en")).toBe("12,345.5");
  });

  describe("memoized plain lookups (app/utils/i18n.ts memoizePlainLookups)", () => {
    // A plain i18next instance with the same resources is the reference.
    function reference(lng: "nb" | "en") {
      const ref = i18next.createInstance();
      void ref.init({
        lng,
        fallbackLng: "nb",
        ns: Object.keys(resources.nb),
        defaultNS: "common",
        resources: resources as never,
        interpolation: { escapeValue: false },
        initAsync: false,
        showSupportNotice: false,
      });
      return ref;
    }

    for (const lng of ["nb", "en"] as const) {
      it(`gives exactly what i18next gives, for every key of every namespace (${lng})`, () => {
        const ref = reference(lng);
        const app = createI18n(lng);
        for (const ns of Object.keys(resources.nb) as Array<keyof typeof resources.nb>) {
          const t = app.getFixedT(null, ns);
          const r = ref.getFixedT(null, ns);
          for (const key of keys(resources[lng][ns])) {
            // Twice: the second answer comes from the memo.
            expect(t(key), `${ns}:${key}`).toBe(r(key));
            expect(t(key), `${ns}:${key} (memoized)`).toBe(r(key));
            expect(app.t(`${ns}:${key}`)).toBe(ref.t(`${ns}:${key}`));
          }
        }
      });
    }

    it("calls with options are never answered from the memo", () => {
      const t = getFixedT("en");
      const plain = t("errors.summary");
      expect(t("errors.summary", { count: 1 })).toBe("The form has one error. Correct it and try again.");
      expect(t("errors.summary", { count: 3 })).toBe("The form has 3 errors. Correct them and try again.");
      expect(t("errors.summary")).toBe(plain);
      expect(t("no.such.key", { defaultValue: "fallback text" })).toBe("fallback text");
      expect(getI18n("nb").t("no.such.key", "standardtekst")).toBe("standardtekst");
    });

    it("keeps one translator per language, namespace and prefix (stable identity for React)", () => {
      const i18n = getI18n("nb");
      expect(i18n.getFixedT(null, "search")).toBe(i18n.getFixedT(null, "search"));
      expect(i18n.getFixedT(null, "search")).not.toBe(i18n.getFixedT(null, "common"));
    });
  });
});
