/**
 * Hostile HTTP input against the running test server (issue 10, faults 6 and 9): malformed
 * request lines, methods, header names and values, Host values, paths, bodies and content
 * types, oversized and endless bodies - as a visitor and as a signed-in user.
 *
 * Every answer must be an HTTP answer (never a dropped connection), never a 5xx, a status
 * from the expected set and, for a refusal, the translated error page (bokmål; English with
 * the lb_lang=en cookie). After each batch /healthz answers and the same server process
 * (pid) is listening. Seeded and bounded; loopback only. One summary line per batch.
 *
 * That each refusal is logged as one line without a stack trace, and the slow-request
 * timeouts, are checked on a stack of their own: http-hostile-log.test.ts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { securityHeaders } from "~/utils/http-guard.server";
import { readFormData } from "~/utils/http.server";
import { createCaseWorld, createFullCase } from "../support/case-factories";
import { Client } from "../support/http";
import { isTranslatedPage, pidListeningOn, prng, rawRequest, type RawAnswer } from "../support/http-raw";

const base = inject("baseUrl");
const port = Number(new URL(base).port);
const HOST = new URL(base).host;
let serverPid: number | null = null;
let totalRequests = 0;

/** Requests made at most this many at a time (the machine is shared). */
const PARALLEL = 4;

async function pool<T, R>(items: T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

interface Outcome {
  label: string;
  status: number | null;
  ok: boolean;
  why?: string;
}

/** Checks one answer; returns what was wrong (collected, so a failure shows every bad variant). */
function judge(
  label: string,
  answer: { status: number | null; body: string; contentType?: string },
  expected: readonly number[],
  options: { locale?: "nb" | "en"; head?: boolean } = {},
): Outcome {
  const { status } = answer;
  if (status === null) return { label, status, ok: false, why: "no HTTP answer (connection dropped)" };
  if (status >= 500) return { label, status, ok: false, why: `5xx: ${answer.body.slice(0, 200)}` };
  if (!expected.includes(status)) return { label, status, ok: false, why: `status ${status} not in [${expected.join(", ")}]` };
  const html = !answer.contentType || answer.contentType.includes("text/html");
  if (status >= 400 && !options.head && html && !isTranslatedPage(answer.body, options.locale ?? "nb")) {
    return { label, status, ok: false, why: `refusal page not translated (${options.locale ?? "nb"}): ${answer.body.slice(0, 160)}` };
  }
  return { label, status, ok: true };
}

async function afterBatch(name: string, outcomes: Outcome[]) {
  totalRequests += outcomes.length;
  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.text()).toBe("ok");
  if (serverPid !== null) expect(pidListeningOn(port), "the same server process is still listening").toBe(serverPid);
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(String(o.status), (counts.get(String(o.status)) ?? 0) + 1);
  const bad = outcomes.filter((o) => !o.ok);
  const statuses = [...counts]
    .sort()
    .map(([s, n]) => `${s}x${n}`)
    .join(" ");
  console.log(
    `[http-hostile] ${name}: ${outcomes.length} requests (${statuses}); bad ${bad.length}; healthz ok; pid ${serverPid ?? "?"} unchanged`,
  );
  expect(bad.map((o) => `${o.label} -> ${o.status}: ${o.why}`)).toEqual([]);
}

const raw = (request: string | Buffer, timeoutMs = 5000) => rawRequest(base, request, { timeoutMs });
const rawJudge = (label: string, a: RawAnswer, expected: readonly number[], options: { locale?: "nb" | "en"; head?: boolean } = {}) =>
  judge(label, { status: a.status, body: a.body, contentType: a.headers["content-type"] }, expected, options);

// Every status a hostile request may get. Which one depends on the variant; never a 5xx.
const ANY_4XX = [400, 403, 404, 405, 408, 413, 414, 415, 431] as const;
const PAGE_OR_4XX = [200, 204, 301, 302, 303, ...ANY_4XX] as const;

let visitor: Client;
let member: Client;
let editor: Client;
let editSlug: string;

beforeAll(async () => {
  serverPid = pidListeningOn(port);
  const world = await createCaseWorld();
  const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "PUBLIC" });
  editSlug = c.slug;
  visitor = new Client();
  await visitor.ensureCsrf();
  member = new Client();
  await member.login(world.users.ownerMember.email, world.users.ownerMember.password);
  editor = new Client();
  await editor.login(world.users.ownerEditor.email, world.users.ownerEditor.password);
});

afterAll(() => {
  console.log(`[http-hostile] total: ${totalRequests} hostile requests; server restarts needed: 0`);
});

const cookieHeader = (c: Client, extra = "") => {
  const parts = ["lb_session", "lb_csrf"].flatMap((n) => (c.cookie(n) ? [`${n}=${encodeURIComponent(c.cookie(n)!)}`] : []));
  if (extra) parts.push(extra);
  return parts.length ? `Cookie: ${parts.join("; ")}\r\n` : "";
};

describe("the cases of fault 9, one by one: 4xx with the translated page, never 500", () => {
  const form = "application/x-www-form-urlencoded";
  const post = (path: string, type: string, body: string, extra = "") =>
    `POST ${path} HTTP/1.1\r\nHost: ${HOST}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`;
  const cases: Array<[string, () => string, number]> = [
    ["a JSON body to a form route", () => post("/login", "application/json", '{"email":"a@b.c","password":"x"}'), 415],
    ["a text/plain body to a form route", () => post("/login", "text/plain", "email=a@b.c&password=x"), 415],
    ["deeply nested JSON", () => post("/login", "application/json", `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`), 415],
    [
      "a CSRF value of the right length in multibyte characters",
      () => {
        const csrf = visitor.cookie("lb_csrf")!;
        return post(
          "/language",
          form,
          `locale=en&csrf=${encodeURIComponent("ø".repeat(csrf.length))}`,
          `Cookie: lb_csrf=${encodeURIComponent(csrf)}\r\n`,
        );
      },
      403,
    ],
    ["a NUL byte in a form field", () => post("/login", form, "email=a%00@b.c&password=x"), 400],
    ["a raw NUL byte in the body", () => post("/login", form, "email=a\u0000@b.c&password=x"), 400],
    ["a NUL byte in the path", () => `GET /cases/a%00b HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n\r\n`, 400],
    ["Host: [", () => `GET / HTTP/1.1\r\nHost: [\r\nConnection: close\r\n\r\n`, 400],
    ["TRACE", () => `TRACE / HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n\r\n`, 405],
    [
      "a malformed multipart body",
      () => post("/login", "multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form-data\r\n\r\nx"),
      400,
    ],
  ];
  for (const [name, request, status] of cases) {
    it(`${name} -> ${status}`, async () => {
      await visitor.ensureCsrf();
      const a = await raw(Buffer.from(request(), "utf8"));
      const outcome = rawJudge(name, a, [status]);
      expect(outcome.why ?? "", name).toBe("");
      const en = await raw(Buffer.from(request().replace("Connection: close\r\n", "Connection: close\r\nCookie: lb_lang=en\r\n"), "utf8"));
      // (The multibyte-CSRF request already has a Cookie header: the second one is joined to it.)
      expect(rawJudge(name, en, [status], { locale: "en" }).why ?? "", `${name} (en)`).toBe("");
    });
  }
});

describe("malformed request lines and methods", () => {
  it("answers every variant with a 4xx page or the page itself, never a 5xx or a dropped connection", async () => {
    const r = prng(0x10_0001);
    const methods = [
      "GET",
      "HEAD",
      "POST",
      "PUT",
      "DELETE",
      "PATCH",
      "TRACE",
      "CONNECT",
      "OPTIONS",
      "PROPFIND",
      "MKCOL",
      "BREW",
      "get",
      "G\u0000T",
      "GE T",
      "X".repeat(100),
      "ÆØÅ",
      "",
    ];
    const targets = [
      "/",
      "/search",
      "*",
      "http://evil.example/",
      "//evil.example/x",
      "/%",
      "/%zz",
      "/%00",
      "/a\u0000b",
      "/\u007f",
      "/%7f",
      `/${"a".repeat(9000)}`,
      `/${"a".repeat(17000)}`,
      "/..",
      "/../../etc/passwd",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/build/..%2f..%2fpackage.json",
      "/\\..\\",
      "/é",
      "/%C3%A9",
      "/%ED%A0%80",
      "/search?q=%00",
      "/search?q=%",
      `/search?q=${"x".repeat(3000)}`,
      "/cases/%FF",
      "",
      "/login?redirectTo=%09/evil.example",
      "/healthz/../healthz",
    ];
    const versions = ["HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/0.9", "HTTP/1.1 extra", "HTTPS/1.1", "http/1.1", "HTTP/1.12", ""];
    const seps = [" ", " ", " ", "  ", "\t"];
    const eols = ["\r\n", "\r\n", "\r\n", "\n", "\r"];
    const variants = Array.from({ length: 160 }, () => {
      const method = r.pick(methods);
      const target = r.pick(targets);
      const version = r.pick(versions);
      const sep = r.pick(seps);
      const eol = r.pick(eols);
      const en = r.next() < 0.3;
      const line = `${method}${sep}${target}${version ? sep + version : ""}`;
      const request = `${line}${eol}Host: ${HOST}${eol}Connection: close${eol}${en ? `Cookie: lb_lang=en${eol}` : ""}${eol}`;
      return { label: JSON.stringify(line.slice(0, 60)), request, head: method === "HEAD", en };
    });
    const outcomes = await pool(variants, async (v) =>
      rawJudge(v.label, await raw(Buffer.from(v.request, "utf8")), PAGE_OR_4XX, { head: v.head, locale: v.en ? "en" : "nb" }),
    );
    await afterBatch("request lines", outcomes);
  });

  it("answers pipelined requests in order: the valid ones, a 4xx for the garbage, and nothing after an unparseable one", async () => {
    const r = prng(0x10_0003);
    const outcomes: Outcome[] = [];
    const valid = `GET /healthz HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`;
    const last = `GET /healthz HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n\r\n`;
    for (let i = 0; i < 20; i++) {
      const [garbage, parseable] = r.pick([
        [`G\u0000T / HTTP/1.1\r\n\r\n`, false],
        [`${"x".repeat(20000)}\r\n\r\n`, false],
        [`GET / HTTP/1.1\r\nHost: [\r\n\r\n`, true],
        [`TRACE / HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`, true],
        [`POST /login HTTP/1.1\r\nHost: ${HOST}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`, true],
      ] as const);
      const a = await raw(Buffer.from(valid + valid + garbage + last, "utf8"));
      // rawRequest parses the first answer; the later ones follow in its body.
      const all = [a.status, ...[...a.body.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]))];
      // Parseable garbage: its 4xx, then the last request's 200 (a refused POST body is not
      // read, so that connection closes after the 4xx). Unparseable: the answers already due,
      // in order, then the connection closes (never an answer that could be taken for theirs).
      const expected = parseable ? (garbage.startsWith("POST") ? ["200,200,4xx"] : ["200,200,4xx,200"]) : ["200,200", "200,200,4xx"];
      const seen = all.map((s) => (s !== null && s >= 400 && s < 500 ? "4xx" : String(s))).join(",");
      outcomes.push({
        label: JSON.stringify(garbage.slice(0, 30)),
        status: all[2] ?? null,
        ok: expected.includes(seen) && !a.timedOut,
        why: `answers ${all.join(", ")}, expected ${expected.join(" or ")}`,
      });
    }
    await afterBatch("pipelined", outcomes);
  });

  it("refuses TRACE, CONNECT, PUT, DELETE and unknown methods with 405 and Allow; OPTIONS gets 204 with Allow", async () => {
    const outcomes: Outcome[] = [];
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "PROPFIND", "BREW", "CONNECT"]) {
      const target = method === "CONNECT" ? "localhost:22" : "/";
      const a = await raw(`${method} ${target} HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n\r\n`);
      outcomes.push(rawJudge(method, a, [405]));
      if (a.status === 405) expect(a.headers.allow, method).toBe("GET, HEAD, POST");
    }
    const options = await raw(`OPTIONS / HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n\r\n`);
    outcomes.push(rawJudge("OPTIONS", options, [204]));
    expect(options.headers.allow).toBe("GET, HEAD, POST");
    // TRACE never echoes the request (cookies included) back.
    const trace = await raw(`TRACE / HTTP/1.1\r\nHost: ${HOST}\r\nCookie: lb_session=secret-session-value\r\nConnection: close\r\n\r\n`);
    expect(trace.body).not.toContain("secret-session-value");
    await afterBatch("methods", outcomes);
  });
});

describe("malformed headers", () => {
  it("answers header names and values with NUL, CR, LF, non-ASCII, overlong and repeated headers with a 4xx or the page", async () => {
    const r = prng(0x10_0002);
    const long = (n: number) => "v".repeat(n);
    const headerVariants: Array<() => { header: string; expect: readonly number[]; en?: boolean }> = [
      () => ({ header: `X-Test: a\u0000b`, expect: [400] }),
      () => ({ header: `X-Te\u0000st: a`, expect: [400] }),
      () => ({ header: `X Test: a`, expect: [400] }),
      () => ({ header: `: empty-name`, expect: [400] }),
      () => ({ header: `X-Test: a\rb`, expect: [400] }),
      () => ({ header: `X-Test: a\r\n b`, expect: [200, 400] }),
      () => ({ header: `X-Tést: a`, expect: [400] }),
      () => ({ header: `X-Test: ${"ø".repeat(1 + r.int(200))}`, expect: [200] }),
      () => ({ header: `X-Test: \u00ff\u00fe`, expect: [200] }),
      () => ({ header: `X-Test: ${long(9000)}`, expect: [200] }),
      () => ({ header: `X-Test: ${long(17000 + r.int(5000))}`, expect: [431] }),
      // More headers than maxHeadersCount (200): Node 20 drops the rest, Node 24 refuses with 431.
      () => ({ header: Array.from({ length: 250 }, (_, i) => `X-H${i}: ${i}`).join("\r\n"), expect: [200, 431] }),
      () => ({ header: `Cookie: ${Array.from({ length: 2000 }, (_, i) => `c${i}=${i}`).join("; ")}`, expect: [431] }),
      () => ({ header: `Cookie: lb_session=%; lb_csrf=%E0%A4%A; lb_lang=\u00ff`, expect: [200] }),
      () => ({ header: `Cookie: lb_session=${"ø".repeat(300)}`, expect: [200] }),
      () => ({ header: `Cookie: lb_lang=en; lb_session=${r.bytes(20).toString("hex")}`, expect: [200], en: true }),
      () => ({ header: `Content-Length: 5\r\n\r\nhello`, expect: [400] }),
      () => ({ header: `Content-Length: -1`, expect: [400] }),
      () => ({ header: `Content-Length: abc`, expect: [400] }),
      () => ({ header: `Content-Length: 1\r\nContent-Length: 2`, expect: [400] }),
      () => ({ header: `Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0`, expect: [400] }),
      () => ({ header: `Transfer-Encoding: xchunked`, expect: [400] }),
      () => ({ header: `Transfer-Encoding: chunked\r\nContent-Length: 3`, expect: [400] }),
      () => ({ header: `Host: second.example`, expect: [200, 400] }),
      () => ({
        header: `X-Forwarded-For: ${r
          .bytes(8)
          .toString("latin1")
          .replace(/[\r\n\u0000]/g, "x")}`,
        expect: [200, 400],
      }),
      () => ({ header: `X-Forwarded-Host: [`, expect: [200] }),
      () => ({ header: `X-Forwarded-Proto: javascript`, expect: [200] }),
      () => ({ header: `Accept-Language: ${long(4000)}`, expect: [200] }),
      () => ({ header: `Accept-Encoding: ${"gzip;q=".repeat(300)}`, expect: [200] }),
      () => ({ header: `Range: bytes=0-1,2-3,${"4-5,".repeat(500)}`, expect: [200] }),
      () => ({ header: `If-None-Match: ${long(3000)}`, expect: [200] }),
      () => ({ header: `Expect: 100-continue`, expect: [200, 417] }),
      () => ({ header: `Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA`, expect: [200, 400, 426] }),
      () => ({ header: `Origin: ${r.pick(["null", "http://[", "%%%", "javascript:alert(1)", "http://evil.example"])}`, expect: [200] }),
    ];
    const paths = ["/", "/search?q=skole", "/login", "/areas"];
    const variants = Array.from({ length: 160 }, (_, i) => {
      const gen = headerVariants[i % headerVariants.length]!();
      const path = r.pick(paths);
      const request = `GET ${path} HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n${gen.header}\r\n\r\n`;
      return { label: `${path} ${JSON.stringify(gen.header.slice(0, 50))}`, request, expect: gen.expect, en: !!gen.en };
    });
    const outcomes = await pool(variants, async (v) =>
      rawJudge(v.label, await raw(Buffer.from(v.request, "latin1")), v.expect, { locale: v.en ? "en" : "nb" }),
    );
    await afterBatch("headers", outcomes);
  });
});

describe("Host values", () => {
  it("refuses a Host that is not a host name (400, translated), serves any well-formed one from APP_URL", async () => {
    const bad = [
      "[",
      "[::1",
      "]",
      "a b",
      "évil.example",
      "localhost:99999999",
      "localhost:abc",
      ":80",
      "a..b",
      "-a.example",
      "x".repeat(300),
      "localhost\u00ff",
      "user@host",
      "host/path",
      "host?x",
      "host#x",
      "%6c%6f%63%61%6c%68%6f%73%74",
      "[::1]]",
      "[zz::1]",
      "localhost:",
      "a_b.example",
      "\u00e6\u00f8\u00e5",
      "*",
      "localhost:80:80",
      "<script>",
    ];
    const good = [HOST, "127.0.0.1", "[::1]:80", "LOCALHOST", "evil.example", "a.b.c.d.example:8080", "localhost."];
    const variants = [
      ...bad.flatMap((host) => [
        { host, method: "GET", expect: [400] as readonly number[], en: false },
        { host, method: "GET", expect: [400] as readonly number[], en: true },
        { host, method: "POST", expect: [400] as readonly number[], en: false },
      ]),
      ...good.flatMap((host) => [
        { host, method: "GET", expect: [200] as readonly number[], en: false },
        { host, method: "POST", expect: [403] as readonly number[], en: false },
      ]),
    ];
    const outcomes = await pool(variants, async (v) => {
      const body = "locale=en&redirectTo=%2F";
      const request =
        v.method === "GET"
          ? `GET / HTTP/1.1\r\nHost: ${v.host}\r\nConnection: close\r\n${v.en ? "Cookie: lb_lang=en\r\n" : ""}\r\n`
          : `POST /language HTTP/1.1\r\nHost: ${v.host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
      return rawJudge(`${v.method} Host ${JSON.stringify(v.host.slice(0, 40))}`, await raw(Buffer.from(request, "latin1")), v.expect, {
        locale: v.en ? "en" : "nb",
      });
    });
    // Missing Host on HTTP/1.1, and two of them: refused by Node's parser, answered by our page.
    outcomes.push(rawJudge("no Host", await raw(`GET / HTTP/1.1\r\nConnection: close\r\n\r\n`), [400]));
    outcomes.push(rawJudge("two Hosts", await raw(`GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n`), [200, 400]));
    await afterBatch("Host values", outcomes);
  });

  it("builds the app's URLs from APP_URL, not from Host (a rebound DNS name cannot post as us)", async () => {
    await visitor.ensureCsrf();
    const body = `locale=en&redirectTo=%2F&csrf=${encodeURIComponent(visitor.cookie("lb_csrf")!)}`;
    const rebound = await raw(
      `POST /language HTTP/1.1\r\nHost: evil.example\r\nOrigin: http://evil.example\r\nCookie: lb_csrf=${encodeURIComponent(visitor.cookie("lb_csrf")!)}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(rebound.status).toBe(403);
    // The login redirect of a page that needs a user stays on our own origin whatever Host says.
    const page = await raw(`GET /profile HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n`);
    expect(page.status).toBe(302);
    expect(page.headers.location ?? "").not.toContain("evil.example");
  });
});

describe("paths", () => {
  it("answers percent garbage, NUL, dot segments, backslashes and overlong paths with a 4xx or the page, as visitor and signed in", async () => {
    const r = prng(0x10_0004);
    const pieces = [
      "%",
      "%0",
      "%zz",
      "%00",
      "%C3",
      "%C3%A9",
      "%FF",
      "%2e",
      "%2f",
      "%5c",
      "..",
      ".",
      "/",
      "a",
      "æ",
      "\\",
      "%23",
      "%3F",
      ";",
      "~",
      "$",
      "%E2%80%AE",
      "%ED%A0%80",
      "%0d%0a",
    ];
    const prefixes = ["/", "/cases/", "/search?q=", "/areas/", "/build/", "/admin/", "/login?redirectTo=", `/cases/${"x"}/history/`];
    const variants = Array.from({ length: 200 }, (_, i) => {
      const prefix = r.pick(prefixes);
      let path = prefix + Array.from({ length: 1 + r.int(8) }, () => r.pick(pieces)).join("");
      if (i % 25 === 0) path = `/${"a/".repeat(4200)}`;
      const who = i % 2 === 0 ? visitor : member;
      const en = i % 3 === 0;
      return { path, who, en };
    });
    const outcomes = await pool(variants, async (v) => {
      const request = `GET ${v.path} HTTP/1.1\r\nHost: ${HOST}\r\n${cookieHeader(v.who, v.en ? "lb_lang=en" : "")}Connection: close\r\n\r\n`;
      return rawJudge(
        `${v.who === member ? "member" : "visitor"} ${JSON.stringify(v.path.slice(0, 60))}`,
        await raw(Buffer.from(request, "utf8")),
        PAGE_OR_4XX,
        {
          locale: v.en ? "en" : "nb",
        },
      );
    });
    await afterBatch("paths", outcomes);
  });

  it("answers garbage query parameters on the search, area and case pages without a 5xx", async () => {
    const r = prng(0x10_0006);
    const values = [
      "-1",
      "0",
      "99999999999999999999",
      "1e309",
      "NaN",
      "%",
      "%E0%A4%A",
      "%F0%9F%98%80",
      "<script>alert(1)</script>",
      "'\"",
      "\\",
      "%0d%0aSet-Cookie:x=1",
      "x".repeat(2000),
      "ø".repeat(300),
      "[]",
      "{}",
      "__proto__",
      "constructor",
      "null",
      "undefined",
      "%2e%2e%2f",
      "*",
      "?",
      "&&&&",
      "",
    ];
    const names = [
      "q",
      "page",
      "sort",
      "status",
      "fylke",
      "kind",
      "area",
      "organisation",
      "period",
      "_data",
      "index",
      "redirectTo",
      "q[]",
      "__proto__",
      "page[0]",
    ];
    const paths = ["/search", "/areas", `/cases/${editSlug}`, `/cases/${editSlug}/history`, "/", "/login", "/organisation"];
    const variants = Array.from({ length: 150 }, (_, i) => {
      const params = Array.from({ length: 1 + r.int(i % 10 === 0 ? 300 : 4) }, () => `${r.pick(names)}=${r.pick(values)}`).join("&");
      return { path: `${r.pick(paths)}?${params}`.slice(0, 7900), who: i % 2 === 0 ? visitor : member, en: i % 5 === 0 };
    });
    const outcomes = await pool(variants, async (v) => {
      const request = `GET ${v.path} HTTP/1.1\r\nHost: ${HOST}\r\n${cookieHeader(v.who, v.en ? "lb_lang=en" : "")}Connection: close\r\n\r\n`;
      const a = await raw(Buffer.from(request, "utf8"));
      return rawJudge(`${v.who === member ? "member" : "visitor"} ${JSON.stringify(v.path.slice(0, 80))}`, a, PAGE_OR_4XX, {
        locale: v.en ? "en" : "nb",
      });
    });
    await afterBatch("query parameters", outcomes);
  });

  it("refuses a NUL in the path or query, undecodable paths and dot segments with 400", async () => {
    const outcomes: Outcome[] = [];
    for (const path of [
      "/%00",
      "/a%00b",
      "/search?q=%00",
      "/search?q=a%00",
      "/%E0%A4%A",
      "/%zz",
      "/a/../b",
      "/a/%2e%2e/b",
      "/a%5cb",
      "//evil.example/",
    ]) {
      for (const who of [visitor, member]) {
        const a = await raw(`GET ${path} HTTP/1.1\r\nHost: ${HOST}\r\n${cookieHeader(who)}Connection: close\r\n\r\n`);
        outcomes.push(rawJudge(path, a, [400]));
      }
    }
    const tooLong = await raw(`GET /${"a".repeat(9000)} HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n\r\n`);
    outcomes.push(rawJudge("9000-character path", tooLong, [414]));
    const wayTooLong = await raw(`GET /${"a".repeat(20000)} HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n\r\n`);
    outcomes.push(rawJudge("20000-character path", wayTooLong, [414]));
    await afterBatch("bad paths", outcomes);
  });
});

describe("bodies and content types", () => {
  function multipart(boundary: string, parts: Array<[string, string]>) {
    return (
      parts.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`
    );
  }

  it("answers JSON, text, XML, NUL, nested, multibyte and malformed multipart bodies to every form route with 4xx, never 5xx", async () => {
    const r = prng(0x10_0005);
    const targets = () => [
      "/login",
      "/language",
      "/logout",
      "/forgot-password",
      "/cases/new",
      "/profile",
      "/organisation",
      `/cases/${editSlug}/edit`,
      `/cases/${editSlug}/delete`,
      "/",
      "/search",
    ];
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    type Body = { type: string | null; body: string | Buffer; expect: readonly number[]; label: string };
    const bodies = (csrf: string): Array<() => Body> => [
      () => ({ label: "json", type: "application/json", body: JSON.stringify({ csrf, email: "a@b.c", password: "x" }), expect: [415] }),
      () => ({ label: "nested json", type: "application/json", body: nested(5000 + r.int(20000)), expect: [415] }),
      () => ({ label: "json array", type: "application/json", body: "[".repeat(10000), expect: [415] }),
      () => ({ label: "text", type: "text/plain", body: `csrf=${csrf}&locale=en`, expect: [415] }),
      () => ({
        label: "xml",
        type: "application/xml",
        body: `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "x">]><a>&x;</a>`,
        expect: [415],
      }),
      () => ({ label: "octet", type: "application/octet-stream", body: r.bytes(300), expect: [415] }),
      () => ({ label: "no type", type: null, body: `csrf=${csrf}`, expect: [415] }),
      () => ({
        label: "type garbage",
        type: r.pick(["x", "application/x-www-form-urlencodedx", "multipart/mixed; boundary=a", "form", ";"]),
        body: `csrf=${csrf}`,
        expect: [415],
      }),
      () => ({ label: "NUL raw", type: "application/x-www-form-urlencoded", body: `csrf=${csrf}&locale=e\u0000n`, expect: [400] }),
      () => ({
        label: "NUL encoded",
        type: "application/x-www-form-urlencoded",
        body: `csrf=${csrf}&title=a%00b&email=x%00`,
        expect: [400],
      }),
      () => ({
        label: "NUL multipart",
        type: "multipart/form-data; boundary=b0",
        body: multipart("b0", [
          ["csrf", csrf],
          ["title", "a\u0000b"],
        ]),
        expect: [400],
      }),
      () => ({ label: "multipart no boundary", type: "multipart/form-data", body: multipart("b1", [["csrf", csrf]]), expect: [400] }),
      () => ({
        label: "multipart wrong boundary",
        type: "multipart/form-data; boundary=other",
        body: multipart("b2", [["csrf", csrf]]),
        expect: [400],
      }),
      () => ({
        label: "multipart truncated",
        type: "multipart/form-data; boundary=b3",
        body: multipart("b3", [["csrf", csrf]]).slice(0, 40),
        expect: [400],
      }),
      () => ({
        label: "multipart garbage",
        type: "multipart/form-data; boundary=b4",
        body: r
          .bytes(200)
          .toString("latin1")
          .replace(/\u0000/g, "x"),
        expect: [400],
      }),
      () => ({
        label: "form bad percent",
        type: "application/x-www-form-urlencoded",
        body: `csrf=${csrf}&a=%&b=%E0%A4%A&c=%zz`,
        expect: [200, 302, 303, 400, 403, 404, 405, 409],
      }),
      () => ({
        label: "form multibyte",
        type: "application/x-www-form-urlencoded; charset=utf-8",
        body: `csrf=${csrf}&title=${"ø€😀".repeat(200)}&summary=%F0%9F%98%80`,
        expect: [200, 302, 303, 400, 403, 404, 405, 409],
      }),
      () => ({
        label: "form raw latin1",
        type: "application/x-www-form-urlencoded",
        body: Buffer.from(`csrf=${csrf}&title=\u00e6\u00f8\u00e5\u00ff`, "latin1"),
        expect: [200, 302, 303, 400, 403, 404, 405, 409],
      }),
      () => ({ label: "form no csrf", type: "application/x-www-form-urlencoded", body: `title=x&locale=en`, expect: [403, 404, 405, 302] }),
      () => ({
        label: "csrf multibyte same length",
        type: "application/x-www-form-urlencoded",
        body: `csrf=${encodeURIComponent("ø".repeat(csrf.length))}&locale=en`,
        expect: [403, 404, 405, 302],
      }),
      () => ({
        label: "csrf repeated",
        type: "application/x-www-form-urlencoded",
        body: `csrf=a&csrf=${csrf}&csrf=${"x".repeat(5000)}`,
        expect: [403, 404, 405, 302],
      }),
      () => ({
        label: "form 20k fields",
        type: "application/x-www-form-urlencoded",
        body: Array.from({ length: 6000 }, (_, i) => `f${i}=${i}`).join("&"),
        expect: [403, 404, 405, 302],
      }),
      () => ({ label: "empty", type: "application/x-www-form-urlencoded", body: "", expect: [403, 404, 405, 302] }),
      () => ({ label: "gzip body", type: "application/x-www-form-urlencoded", body: `csrf=${csrf}`, expect: [415] }),
    ];
    const variants: Array<{ who: Client; name: string; path: string; body: Body; en: boolean; gzip: boolean }> = [];
    for (let i = 0; i < 260; i++) {
      const who = r.pick([visitor, member, editor]);
      const gens = bodies(who.cookie("lb_csrf") ?? "none");
      const gen = gens[i % gens.length]!;
      const body = gen();
      variants.push({
        who,
        name: who === visitor ? "visitor" : who === member ? "member" : "editor",
        path: r.pick(targets()),
        body,
        en: i % 4 === 0,
        gzip: body.label === "gzip body",
      });
    }
    const outcomes = await pool(variants, async (v) => {
      const jar = ["lb_session", "lb_csrf"].flatMap((n) => (v.who.cookie(n) ? [`${n}=${encodeURIComponent(v.who.cookie(n)!)}`] : []));
      if (v.en) jar.push("lb_lang=en");
      const headers: Record<string, string> = { Origin: base };
      if (jar.length) headers.Cookie = jar.join("; ");
      if (v.body.type !== null) headers["Content-Type"] = v.body.type;
      if (v.gzip) headers["Content-Encoding"] = "gzip";
      const res = await fetch(base + v.path, { method: "POST", redirect: "manual", headers, body: v.body.body as BodyInit });
      const text = await res.text();
      // A body-less POST without a Content-Type gets one from fetch for strings: text/plain.
      return judge(
        `${v.name} POST ${v.path} ${v.body.label}`,
        { status: res.status, body: text, contentType: res.headers.get("content-type") ?? "" },
        v.body.expect,
        {
          locale: v.en ? "en" : "nb",
        },
      );
    });
    await afterBatch("bodies", outcomes);
  });
});

describe("size limits", () => {
  const form = "application/x-www-form-urlencoded";

  it("refuses a huge declared Content-Length at once (413, translated, connection closed), without reading the body", async () => {
    const outcomes: Outcome[] = [];
    for (const [path, length, who, type] of [
      ["/login", 50 * 1024 * 1024, visitor, form],
      ["/login", 30 * 1024 * 1024, visitor, "multipart/form-data; boundary=x"],
      ["/forgot-password", 70 * 1024, visitor, form],
      ["/cases/new", 2 * 1024 * 1024, editor, form],
      [`/cases/${editSlug}/edit`, 50 * 1024 * 1024, editor, form],
      ["/language", 1024 * 1024 * 1024 * 1024, visitor, form],
    ] as const) {
      const started = Date.now();
      const a = await raw(
        `POST ${path} HTTP/1.1\r\nHost: ${HOST}\r\n${cookieHeader(who)}Origin: ${base}\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n\r\n${"a".repeat(1000)}`,
      );
      outcomes.push(rawJudge(`${path} Content-Length ${length}`, a, [413]));
      expect(Date.now() - started, "answered at once").toBeLessThan(2000);
      expect(a.headers.connection).toBe("close");
    }
    await afterBatch("declared sizes", outcomes);
  });

  it("cuts a chunked body as soon as it passes the limit (small for public forms, larger for signed-in forms)", async () => {
    const outcomes: Outcome[] = [];
    for (const [path, who, limit] of [
      ["/login", visitor, 64 * 1024],
      ["/reset-password/abc", visitor, 64 * 1024],
      ["/INVITE/abc", visitor, 64 * 1024],
      ["/cases/new", editor, 1024 * 1024],
      [`/cases/${editSlug}/edit`, editor, 1024 * 1024],
    ] as const) {
      const piece = `${(16 * 1024).toString(16)}\r\n${"a".repeat(16 * 1024)}\r\n`;
      // Up to 4x the limit, 16 KiB at a time; the server answers and closes long before.
      const pieces = Array.from({ length: Math.ceil((4 * limit) / (16 * 1024)) }, () => piece);
      const a = await rawRequest(
        base,
        `POST ${path} HTTP/1.1\r\nHost: ${HOST}\r\n${cookieHeader(who)}Origin: ${base}\r\nContent-Type: ${form}\r\nTransfer-Encoding: chunked\r\n\r\n`,
        { timeoutMs: 10_000, trickle: { pieces, everyMs: 1 } },
      );
      outcomes.push(rawJudge(`${path} chunked`, a, [413]));
      expect(a.body, "the page names the limit").toContain(limit >= 1024 * 1024 ? "1 MB" : "64 kB");
      expect(a.timedOut).toBe(false);
    }
    await afterBatch("chunked sizes", outcomes);
  });

  it("lets bodies under the limits through, and says in English that a too-large case form saved nothing", async () => {
    // Just under the public limit: reaches the action (CSRF refuses it), not 413.
    const small = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": form, Origin: base },
      body: `email=a%40b.c&password=${"p".repeat(60 * 1024)}`,
    });
    expect(small.status).toBe(403);
    // A signed-in case form of 900 KB is read (the action answers, not the transport).
    const fields = new URLSearchParams({ csrf: editor.cookie("lb_csrf")!, intent: "save", title: "Stor", summary: "x".repeat(900 * 1024) });
    const big = await editor.post("/cases/new", fields);
    expect(big.status).not.toBe(413);
    expect(big.status).toBeLessThan(500);
    // Over the limit: 413 with the translated page, in the visitor's language.
    const over = await fetch(`${base}/cases/new`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": form, Origin: base, Cookie: `lb_session=${editor.cookie("lb_session")}; lb_lang=en` },
      body: `intent=save&summary=${"x".repeat(1100 * 1024)}`,
    });
    expect(over.status).toBe(413);
    const page = await over.text();
    expect(page).toContain('<html lang="en"');
    expect(page).toContain("The form was too large (more than 1 MB), so nothing was saved.");
    expect(page).toContain("Skjemaet var for stort");
  });
});

describe("readFormData (inside Remix, behind the transport)", () => {
  const request = (type: string | null, body: string) =>
    new Request("http://localhost/x", { method: "POST", headers: type ? { "Content-Type": type } : {}, body });
  const statusOf = (p: Promise<unknown>) =>
    p.then(
      () => 200,
      (e: unknown) => (e instanceof Response ? e.status : 500),
    );

  it("turns bodies that are not readable forms into 415/400 answers instead of errors", async () => {
    expect(await statusOf(readFormData(request("application/json", "{}")))).toBe(415);
    expect(await statusOf(readFormData(request(null, "a=1")))).toBe(415);
    expect(await statusOf(readFormData(request("multipart/form-data; boundary=q", "--q\r\nbroken")))).toBe(400);
    expect(await statusOf(readFormData(request("multipart/form-data", "x")))).toBe(400);
    expect(await statusOf(readFormData(request("application/x-www-form-urlencoded", "a=%&b=1")))).toBe(200);
  });
});

describe("response headers", () => {
  it("sends HSTS only when APP_URL is https", () => {
    const headersFor = (appUrl: string) => {
      const set = new Map<string, string>();
      const res = { locals: {} as Record<string, unknown>, setHeader: (k: string, v: string) => set.set(k.toLowerCase(), v) };
      securityHeaders(appUrl)({} as never, res as never, () => undefined);
      return set;
    };
    const https = headersFor("https://losningsbanken.example");
    expect(https.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(https.get("content-security-policy")).toContain("connect-src 'self' wss://losningsbanken.example");
    expect(headersFor("http://localhost:3000").get("strict-transport-security")).toBeUndefined();
  });

  it("sends a CSP whose nonce is on every inline script, and no-store for signed-in pages and data", async () => {
    const res = await member.get("/");
    const csp = res.headers.get("content-security-policy")!;
    const html = await res.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) {
      if (/\bsrc=/.test(attrs) && !/type="module"/.test(attrs)) continue;
      expect(attrs, "inline script carries the nonce").toContain(`nonce="${nonce}"`);
    }
    // Every response a fresh nonce.
    const again = (await member.get("/")).headers.get("content-security-policy")!;
    expect(/'nonce-([^']+)'/.exec(again)?.[1]).not.toBe(nonce);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect((await member.get("/search?_data=routes%2Fsearch")).headers.get("cache-control")).toBe("private, no-store");
    expect((await new Client().get("/")).headers.get("cache-control")).toBe("private, no-cache");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
    // http APP_URL: no HSTS (it would pin a name that has no certificate).
    expect(res.headers.get("strict-transport-security")).toBeNull();
    // Built assets keep their long cache.
    const asset = /href="(\/build\/[^"]+\.css)"/.exec(html)![1]!;
    expect((await fetch(base + asset)).headers.get("cache-control")).toContain("immutable");
  });
});
