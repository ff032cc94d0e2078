/** Each error status has its own title and next step, in both languages, on the app's and the transport's pages. */
import { describe, expect, it } from "vitest";
import enCommon from "~/locales/en/common";
import nbCommon from "~/locales/nb/common";
import { errorCopy } from "~/utils/error-copy";
import { errorPage } from "~/utils/http-guard.server";

describe("error copy", () => {
  it("gives 400, 403, 404, 409 and 500 their own titles, never the generic one", () => {
    const titles = [400, 403, 404, 409, 500].map((s) => errorCopy(s, { loggedIn: true }).title);
    expect(new Set(titles).size).toBe(5);
    expect(titles).not.toContain("title");
    for (const key of titles) expect(nbCommon.errors[key]).not.toBe(enCommon.errors[key]);
  });

  it("offers log in only to visitors, and tells a member without an organisation how to join one", () => {
    expect(errorCopy(404).links).toEqual(["home", "search", "login"]);
    expect(errorCopy(404, { loggedIn: true }).links).toEqual(["home", "search"]);
    expect(errorCopy(403).next).toBe("forbiddenLoggedOut");
    expect(errorCopy(403, { loggedIn: true }).next).toBe("forbiddenNext");
    expect(errorCopy(403, { loggedIn: true, noOrganisation: true }).next).toBe("forbiddenNoOrganisation");
    expect(errorCopy(403, { csrf: true }).title).toBe("titleCsrf");
  });

  it("the transport's own pages use the same titles (400 and 500, both languages)", () => {
    const bad = errorPage(400, "en");
    expect(bad).toContain("<title>Invalid request (400) – Løsningsbanken</title>");
    expect(bad).toContain('<h1 id="error-title-en">Invalid request</h1>');
    expect(bad).toContain('<h2 id="error-title-nb">Ugyldig forespørsel</h2>');
    expect(errorPage(500, "nb")).toContain("<title>Noe gikk galt hos oss (500) – Løsningsbanken</title>");
    expect(errorPage(500, "nb")).toContain('href="/search"');
  });
});
