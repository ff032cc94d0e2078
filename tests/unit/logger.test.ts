/**
 * The logger (app/utils/logger.server.ts): what may reach a log line, and the line's shape.
 * The logging itself runs in a child process whose stdout is read (pino writes to fd 1).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { safePath, withoutEmailAddresses } from "~/utils/logger.server";

const root = path.resolve(import.meta.dirname, "../..");

/** Runs `code` (with the logger's exports in scope) in a child process; returns its stdout lines. */
function logFrom(code: string, env: Record<string, string> = {}) {
  const script = `import { getLogger, lineLogger, runInRequestContext } from "./app/utils/logger.server.ts";\n${code}`;
  const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "", LOG_FORMAT: "", ...env },
    encoding: "utf8",
  });
  expect(result.stderr).toBe("");
  return result.stdout.split("\n").filter(Boolean);
}

describe("safePath", () => {
  it("drops the query string and fragment", () => {
    expect(safePath("/search?q=sykefravær&who=kari@example.no")).toBe("/search");
    expect(safePath("/cases/a-b#top")).toBe("/cases/a-b");
  });

  it("replaces the secret segment of invitation, reset and unsubscribe links", () => {
    expect(safePath("/invite/abc123")).toBe("/invite/[redacted]");
    expect(safePath("/reset-password/abc123?x=1")).toBe("/reset-password/[redacted]");
    expect(safePath("/Reset-Password/abc123/more")).toBe("/Reset-Password/[redacted]/more");
    expect(safePath("//invite//abc")).toBe("//invite//[redacted]");
    expect(safePath("/unsubscribe/tok")).toBe("/unsubscribe/[redacted]");
    expect(safePath("/cases/invite/abc")).toBe("/cases/invite/abc");
  });
});

describe("withoutEmailAddresses", () => {
  it("replaces addresses in free text (e.g. an SMTP error)", () => {
    expect(withoutEmailAddresses("550 <kari.nordmann@hamar.kommune.no>: mailbox unavailable")).toBe("550 <[e-mail]>: mailbox unavailable");
  });
});

describe("log lines", () => {
  it("are JSON with level name, component, and the request id inside a request context", () => {
    const lines = logFrom(`
      getLogger("http").info("outside");
      await runInRequestContext({ reqId: "r-1" }, async () => {
        await new Promise((r) => setTimeout(r, 5));
        getLogger("mail").warn("inside", { n: 1 });
      });
    `);
    const [outside, inside] = lines.map((l) => JSON.parse(l));
    expect(outside).toMatchObject({ level: "info", component: "http", msg: "outside" });
    expect(outside.reqId).toBeUndefined();
    expect(inside).toMatchObject({ level: "warn", component: "mail", msg: "inside", reqId: "r-1", n: 1 });
    expect(typeof inside.time).toBe("string");
  });

  it("redact cookies, authorization headers, passwords, tokens and e-mail fields at any depth", () => {
    const [line] = logFrom(`
      getLogger("http").info("x", {
        headers: { cookie: "lb_session=SECRET1", authorization: "Bearer SECRET2" },
        user: { email: "kari@example.no", password: "SECRET3" },
        token: "SECRET4",
        email: "ola@example.no",
      });
    `);
    expect(line).not.toMatch(/SECRET|@example/);
    expect(JSON.parse(line!)).toMatchObject({ headers: { cookie: "[redacted]", authorization: "[redacted]" }, token: "[redacted]" });
  });

  it("follow LOG_LEVEL", () => {
    const lines = logFrom(`getLogger("x").info("quiet"); getLogger("x").warn("loud");`, { LOG_LEVEL: "warn" });
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["loud"]);
  });

  it("are readable lines with LOG_FORMAT=pretty", () => {
    const lines = logFrom(`getLogger("collab").info("hello");`, { LOG_FORMAT: "pretty" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/INFO.*\[collab\] hello/);
    expect(() => JSON.parse(lines[0]!)).toThrow();
  });

  it("lineLogger: the [component] prefix becomes the component, the level follows the text", () => {
    const lines = logFrom(`
      const log = lineLogger("collab");
      log("[collab] stored 2 of 2 open document(s) before shutdown");
      log("[collab] storing case:1 failed (attempt 1, retrying in 1000 ms): boom");
      log("[collab] stored 1 of 2 open document(s) before shutdown - 1 FAILED");
    `).map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.level, l.component, l.msg.slice(0, 20)])).toEqual([
      ["info", "collab", "stored 2 of 2 open d"],
      ["warn", "collab", "storing case:1 faile"],
      ["error", "collab", "stored 1 of 2 open d"],
    ]);
  });
});
