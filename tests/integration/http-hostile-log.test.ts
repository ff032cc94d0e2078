/**
 * What hostile HTTP input costs the operator, on a small stack of its own (its server's output
 * is readable here; short timeouts keep the slow-request cases quick):
 * - each refused request is ONE log line, never a stack trace or an "[error]" line;
 * - slow requests are cut: headers trickled (slowloris), a body trickled, a connection that
 *   sends nothing - each closed within the configured timeouts, while other requests are
 *   served normally; the server process is the same afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack";
import { prng, rawRequest } from "../support/http-raw";
import { logLines } from "../support/logs";

const HEADERS_TIMEOUT_MS = 1500;
const REQUEST_TIMEOUT_MS = 3000;
/** Node checks the timeouts once per second (connectionsCheckingInterval in server/app.ts). */
const CHECK_SLACK_MS = 2500;

let stack: Stack;
let dataDir: string;
let host: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-http-log-"));
  stack = await startStack({
    dataDir,
    seed: false,
    search: false,
    env: { HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
  });
  host = new URL(stack.baseUrl).host;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The transport's lines (JSON log lines of component "http"). */
const httpLines = (output: string) => logLines(output).filter((l) => l.component === "http");

describe("logging of refused requests", () => {
  it("logs each refused request as exactly one line, without a stack trace", async () => {
    const r = prng(0x10_0101);
    const form = "application/x-www-form-urlencoded";
    const requests: string[] = [
      `TRACE / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      `BREW / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      `CONNECT localhost:22 HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: [\r\nConnection: close\r\n\r\n`,
      `GET / HTTP/1.1\r\nConnection: close\r\n\r\n`,
      `GET /%E0%A4%A HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      `GET /a%00b HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      `GET /search?q=%00 HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      `GET /${"a".repeat(9000)} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      `GET /${"a".repeat(20000)} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${"v".repeat(20000)}\r\nConnection: close\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: ${host}\r\nX-Nul: a\u0000b\r\nConnection: close\r\n\r\n`,
      `POST /login HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 13\r\nConnection: close\r\n\r\n{"a":{"b":1}}`,
      `POST /login HTTP/1.1\r\nHost: ${host}\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=1`,
      `POST /login HTTP/1.1\r\nHost: ${host}\r\nContent-Type: ${form}\r\nContent-Length: 6\r\nConnection: close\r\n\r\na=%00b`,
      `POST /login HTTP/1.1\r\nHost: ${host}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 7\r\nConnection: close\r\n\r\ngarbage`,
      `POST /login HTTP/1.1\r\nHost: ${host}\r\nContent-Type: ${form}\r\nContent-Length: 52428800\r\nConnection: close\r\n\r\n`,
      `POST /login HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 20001\r\nConnection: close\r\n\r\n${"[".repeat(20000)}1`,
      `POST /login HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://evil.example\r\nContent-Type: ${form}\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=1`,
      // Reach Remix: a form posted to pages without an action (405 from Remix itself).
      `POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Type: ${form}\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=1`,
      `POST /search?q=x HTTP/1.1\r\nHost: ${host}\r\nContent-Type: ${form}\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=1`,
    ];
    // And a seeded handful of random garbage request lines.
    for (let i = 0; i < 20; i++)
      requests.push(
        `${r
          .bytes(12)
          .toString("latin1")
          .replace(/[\r\n ]/g, "x")} / HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
      );
    const before = httpLines(stack.output()).length;
    const outputBefore = stack.output().length;
    const pid = stack.pid();
    for (const request of requests) {
      const answer = await rawRequest(stack.baseUrl, Buffer.from(request, "latin1"));
      expect(answer.status, JSON.stringify(request.slice(0, 40))).not.toBeNull();
      expect(answer.status!, JSON.stringify(request.slice(0, 40))).toBeGreaterThanOrEqual(400);
      expect(answer.status!, JSON.stringify(request.slice(0, 40))).toBeLessThan(500);
    }
    // Every refusal's line has arrived (not "300 ms have passed"); the count must then be exact.
    await expect.poll(() => httpLines(stack.output()).length - before, { timeout: 5000 }).toBeGreaterThanOrEqual(requests.length);
    const added = stack.output().slice(outputBefore);
    expect(httpLines(stack.output()).length - before, added).toBe(requests.length);
    expect(added, "no stack trace").not.toMatch(/^\s+at |\\n\s+at /m);
    expect(
      logLines(added).filter((l) => l.level !== "info"),
      "no error or warning lines",
    ).toEqual([]);
    const other = added.split("\n").filter((l) => l && !httpLines(l).length);
    expect(other, "nothing but the transport's log lines").toEqual([]);
    expect(stack.pid()).toBe(pid);
    console.log(`[http-hostile-log] ${requests.length} refused requests -> ${requests.length} log lines, 0 stack traces`);
  });
});

describe("slow requests", () => {
  it("closes a connection that trickles its headers (slowloris) within the headers timeout, and keeps serving others", async () => {
    const pid = stack.pid();
    const pieces = Array.from({ length: 100 }, (_, i) => `X-Slow-${i}: a\r\n`);
    const slow = Array.from({ length: 30 }, () =>
      rawRequest(stack.baseUrl, `GET / HTTP/1.1\r\nHost: ${host}\r\n`, { timeoutMs: 15_000, trickle: { pieces, everyMs: 200 } }),
    );
    // Meanwhile the server answers normally.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = Date.now();
    const health = await fetch(`${stack.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    const answers = await Promise.all(slow);
    for (const a of answers) {
      expect(a.timedOut, "closed by the server").toBe(false);
      expect(a.status).toBe(408);
      expect(a.ms).toBeLessThan(HEADERS_TIMEOUT_MS + CHECK_SLACK_MS);
    }
    expect(stack.pid()).toBe(pid);
    console.log(
      `[http-hostile-log] slowloris: ${answers.length} connections closed after ${Math.max(...answers.map((a) => a.ms))} ms at most`,
    );
  });

  it("closes a connection that trickles its body within the request timeout", async () => {
    const pieces = Array.from({ length: 100 }, () => "a");
    const a = await rawRequest(
      stack.baseUrl,
      `POST /login HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n`,
      { timeoutMs: 15_000, trickle: { pieces, everyMs: 100 } },
    );
    expect(a.timedOut).toBe(false);
    expect(a.status).toBe(408);
    expect(a.ms).toBeLessThan(REQUEST_TIMEOUT_MS + CHECK_SLACK_MS);
  });

  it("closes a connection that sends nothing at all", async () => {
    const a = await rawRequest(stack.baseUrl, "", { timeoutMs: 15_000 });
    expect(a.timedOut).toBe(false);
    expect(a.ms).toBeLessThan(REQUEST_TIMEOUT_MS + CHECK_SLACK_MS);
  });
});
