import { describe, expect, it } from "vitest";
import { resources } from "~/locales";
import { formatDate, formatNumber, getFixedT } from "~/utils/i18n";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
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
});
