/**
 * Open redirects and unsafe links as a class (issue 10, fault 3): every way browsers rewrite
 * a URL before following it - TAB/CR/LF dropped anywhere, C0 controls and spaces stripped at
 * the ends, "\" read as "/", "/./" and "/../" collapsed, userinfo, percent-encoding - tried on
 * safeRedirect (login, language switch, startSession) and isSafeUrl (links in case content).
 * Each answer is checked the way a browser would read it: resolved against the app's page
 * with the WHATWG URL parser, it must stay on the app's origin (or, for links, use an
 * allowed scheme).
 */
import { describe, expect, it } from "vitest";
import { isSafeUrl, SAFE_LINK_PROTOCOLS } from "~/editor/extensions";
import { renderDocToHtml } from "~/editor/render.server";
import { safeRedirect } from "~/utils/auth.server";
import { parseEnv } from "~/utils/env.server";

const APP = "https://losningsbanken.example.no";
const e = parseEnv({ APP_URL: APP, DATA_DIR: "/tmp/lb-unit" });

/** Where a browser on our page would go for a Location header value. */
function browserTarget(location: string) {
  return new URL(location, `${APP}/cases/x`);
}

const CONTROL = /[\u0000-\u001f\u007f]/;

// [input, expected] - expected null = the fallback ("/").
const REDIRECTS: Array<[string, string | null]> = [
  ["/", "/"],
  ["/cases", "/cases"],
  ["/cases/abc?x=1#top", "/cases/abc?x=1#top"],
  ["/search?q=sykefrav%C3%A6r", "/search?q=sykefrav%C3%A6r"],
  ["/søk?q=æøå", "/s%C3%B8k?q=%C3%A6%C3%B8%C3%A5"],
  ["/profile?notice=saved", "/profile?notice=saved"],
  ["/a/../cases", "/cases"],
  ["/./cases", "/cases"],
  ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ["/%09/evil.example", "/%09/evil.example"],
  [`${APP}/cases`, "/cases"],
  [`${APP.toUpperCase()}/cases`, "/cases"],
  [`${APP}:443/cases`, "/cases"],
  ["cases", "/cases"],
  // Off-site, directly or after the browser's rewriting.
  ["//evil.example", null],
  ["///evil.example", null],
  ["////evil.example", null],
  ["/\\evil.example", null],
  ["\\\\evil.example", null],
  ["\\/evil.example", null],
  ["/\\/evil.example", null],
  ["/\t/evil.example", null],
  ["/\n/evil.example", null],
  ["/\r/evil.example", null],
  ["/\r\n/evil.example", null],
  ["\t//evil.example", null],
  ["/\t\\evil.example", null],
  ["/\u0000/evil.example", null],
  ["/\u0001/evil.example", null],
  ["/\u001f/evil.example", null],
  ["/\u007f/evil.example", null],
  [" //evil.example", null],
  ["/.//evil.example", null],
  ["/a/..//evil.example", null],
  ["/./\\evil.example", null],
  ["https://evil.example", null],
  ["http://evil.example/", null],
  ["HTTPS://evil.example", null],
  ["https:evil.example", "/evil.example"], // same scheme, no slashes: a relative path to browsers too
  ["http:evil.example", null], // other scheme: its own origin
  ["https:/\\evil.example", null],
  ["https:\\\\evil.example", null],
  [`${APP}@evil.example/`, null],
  [`https://losningsbanken.example.no.evil.example/`, null],
  ["http://losningsbanken.example.no/cases", null], // http is another origin
  [`${APP}:8443/cases`, null],
  ["javascript:alert(1)", null],
  ["JaVaScRiPt:alert(1)", null],
  ["java\tscript:alert(1)", null],
  ["java\nscript:alert(1)", null],
  [" javascript:alert(1)", null],
  ["\u0001javascript:alert(1)", null],
  ["data:text/html,<script>alert(1)</script>", null],
  ["vbscript:msgbox(1)", null],
  ["mailto:a@example.test", null],
  ["ftp://evil.example/", null],
  ["//evil.example/%2F..", null],
  ["/\u3000/evil.example", "/%E3%80%80/evil.example"],
  ["/\u2028/evil.example", "/%E2%80%A8/evil.example"],
  ["/\uff0f\uff0fevil.example", "/%EF%BC%8F%EF%BC%8Fevil.example"],
  ["", null],
  [`/${"a".repeat(3000)}`, null],
];

describe("safeRedirect", () => {
  it(`tries ${REDIRECTS.length} variants`, () => {
    expect(REDIRECTS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(REDIRECTS)("%j -> %j", (input, expected) => {
    const out = safeRedirect(input, "/", e);
    expect(out).toBe(expected ?? "/");
    // Whatever it answers, a browser following it stays on the app.
    expect(CONTROL.test(out)).toBe(false);
    expect(out.startsWith("/")).toBe(true);
    expect(out.startsWith("//")).toBe(false);
    expect(browserTarget(out).origin).toBe(APP);
  });

  it("answers the fallback for non-strings", () => {
    expect(safeRedirect(null, "/x", e)).toBe("/x");
    expect(safeRedirect(undefined, "/x", e)).toBe("/x");
    expect(safeRedirect(new File(["/cases"], "f.txt"), "/x", e)).toBe("/x");
  });

  it("keeps every answer on the app for 500 random strings made of the dangerous characters (seeded)", () => {
    let seed = 0x5eed;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = [
      "/",
      "\\",
      "\t",
      "\n",
      "\r",
      " ",
      ".",
      ":",
      "@",
      "%",
      "?",
      "#",
      "evil.example",
      "https:",
      "//",
      "\u0000",
      "a",
      "\u00a0",
    ];
    for (let i = 0; i < 500; i++) {
      const length = 1 + Math.floor(random() * 8);
      const input = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      const out = safeRedirect(input, "/", e);
      expect(browserTarget(out).origin, JSON.stringify(input)).toBe(APP);
      expect(CONTROL.test(out), JSON.stringify(input)).toBe(false);
      expect(out.startsWith("//"), JSON.stringify(input)).toBe(false);
    }
  });
});

// [href, allowed]
const LINKS: Array<[string, boolean]> = [
  ["https://example.test/", true],
  ["http://example.test/page?x=1#y", true],
  ["HTTPS://EXAMPLE.TEST", true],
  ["mailto:kari@example.test", true],
  ["tel:+4712345678", true],
  ["/cases/abc", true],
  ["/search?q=sykefravær", true],
  ["/", true],
  [" https://example.test/ ", true],
  ["/a/../cases", true],
  ["\\cases", true], // one backslash = "/cases" to a browser: same site
  ["javascript:alert(1)", false],
  ["JAVASCRIPT:alert(1)", false],
  ["java\tscript:alert(1)", false],
  ["java\nscript:alert(1)", false],
  ["java\rscript:alert(1)", false],
  ["jav&#x09;ascript:alert(1)", false],
  [" javascript:alert(1)", false],
  ["\tjavascript:alert(1)", false],
  ["\u0001javascript:alert(1)", false],
  ["\u0000javascript:alert(1)", false],
  ["javascript\u0000:alert(1)", false],
  ["\u00a0javascript:alert(1)", false],
  ["\u2028javascript:alert(1)", false],
  ["\ufeffjavascript:alert(1)", false],
  ["javascript :alert(1)", false],
  ["data:text/html,<script>alert(1)</script>", false],
  ["DATA:text/html;base64,PHNjcmlwdD4=", false],
  ["vbscript:msgbox(1)", false],
  ["file:///etc/passwd", false],
  ["blob:https://example.test/x", false],
  ["ftp://example.test/", false],
  ["//evil.example", false],
  ["///evil.example", false],
  ["/\\evil.example", false],
  ["\\\\evil.example", false],
  ["\\/evil.example", false],
  ["/\t/evil.example", false],
  ["/\n/evil.example", false],
  ["/\r\n/evil.example", false],
  ["/\u0000/evil.example", false],
  ["/\u007f/evil.example", false],
  [" //evil.example", false],
  ["/.//evil.example", false],
  ["/a/..//evil.example", false],
  ["https:", false],
  ["http://", false],
  ["https://exa mple.test", false],
  ["http\t://example.test", false],
  ["ht\ntps://example.test", false],
  ["", false],
  ["   ", false],
  ["#top", false],
  ["?q=1", false],
  ["cases/abc", false],
  ["example.test", false],
  ["mailto\t:x@example.test", false],
  ["tel\u0000:123", false],
  [`https://example.test/${"a".repeat(5000)}`, false],
  ["https://user:pass@example.test/", true], // still https: the browser shows where it goes
  ["https://evil.example/", true], // external links are allowed, only their scheme matters
];

describe("isSafeUrl (links in case content)", () => {
  it(`tries ${LINKS.length} variants`, () => {
    expect(LINKS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(LINKS)("%j -> %j", (href, allowed) => {
    expect(isSafeUrl(href)).toBe(allowed);
    if (!allowed) return;
    // What a browser makes of an allowed link: an allowed scheme, and same-site paths stay same-site.
    const target = new URL(href.trim(), `${APP}/cases/x`);
    expect((SAFE_LINK_PROTOCOLS as readonly string[]).includes(target.protocol.slice(0, -1))).toBe(true);
    if (/^[\s]*[/\\]/.test(href)) expect(target.origin).toBe(APP);
  });

  it("allows no link a browser would read as a script or another site's path, for 500 random strings (seeded)", () => {
    let seed = 0xbad;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = ["/", "\\", "\t", "\n", " ", "java", "script", ":", "evil.example", "//", "\u0001", "https", "data", "."];
    for (let i = 0; i < 500; i++) {
      const length = 1 + Math.floor(random() * 7);
      const href = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      if (!isSafeUrl(href)) continue;
      let target: URL;
      try {
        target = new URL(href, `${APP}/cases/x`);
      } catch {
        throw new Error(`allowed but unparsable: ${JSON.stringify(href)}`);
      }
      expect(["http:", "https:", "mailto:", "tel:"], JSON.stringify(href)).toContain(target.protocol);
      if (/^ *[/\\]/.test(href)) expect(target.origin, JSON.stringify(href)).toBe(APP);
    }
  });
});

describe("links in rendered case content", () => {
  const refused = LINKS.filter(([, allowed]) => !allowed).map(([href]) => href);

  it(`renders none of the ${refused.length} refused hrefs as a link target`, () => {
    for (const href of refused) {
      const html = renderDocToHtml({
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: "klikk her", marks: [{ type: "link", attrs: { href } }] }] }],
      });
      expect(html, JSON.stringify(href)).not.toMatch(/href=/);
      expect(html, JSON.stringify(href)).toContain("klikk her");
    }
  });

  it("keeps an allowed link", () => {
    const html = renderDocToHtml({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "les mer", marks: [{ type: "link", attrs: { href: "/cases/abc" } }] }] },
      ],
    });
    expect(html).toContain('href="/cases/abc"');
  });
});
