/**
 * Health, readiness, metrics and logs (docs/operations.md), on a stack of its own (its
 * database is stopped, its process receives SIGTERM, its output is read):
 * - /readyz: 200 with its checks; "degraded" but still 200 without Meilisearch and Redis; 503 while the
 *   database is stopped and 200 again when it is back; 503 during the SIGTERM drain while the
 *   process still serves (/healthz 200)
 * - /metrics: 401 without, 403 with a wrong token, Prometheus text with it; the latency
 *   histogram labelled by Remix route id (never by the raw path), the outbox backlog, open live
 *   documents and connections, mails sent; the internal METRICS_PORT serves it without a token
 * - logs: JSON lines, every line of a request carries its reqId (= the X-Request-Id header);
 *   tokens in invitation / reset paths, query strings and e-mail addresses never appear
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createSession } from "~/models/session.server";
import { restoreModelDatabase, useModelDatabase } from "../support/model-database";
import { findFreePort } from "../../server/postgres";
import { createFullCase, createTestArea } from "../support/case-factories";
import { connectCollab, until } from "../support/collab-client";
import { createOrganisation, createUser } from "../support/factories";
import { Client } from "../support/http";
import { logLines } from "../support/logs";
import { startStack, type Stack } from "../support/stack";

const TOKEN = "test-metrics-token-0123456789abcdef";
const DRAIN_MS = 4000;

let stack: Stack;
let dataDir: string;
let metricsPort: number;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-observability-"));
  metricsPort = await findFreePort();
  // A Redis that never answers (nothing listens on a free port).
  const redisPort = await findFreePort();
  stack = await startStack({
    dataDir,
    seed: false,
    // No Meilisearch and no Redis: readiness must stay 200 ("degraded"), and outbox rows stay pending.
    search: false,
    env: {
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      METRICS_TOKEN: TOKEN,
      METRICS_PORT: String(metricsPort),
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      LOG_LEVEL: "debug",
    },
  });
  // The models (factories) write into this stack's database.
  await useModelDatabase(stack.databaseUrl);
}, 120_000);

afterAll(async () => {
  await restoreModelDatabase();
  await stack?.stop();
  // Kept for debugging (tests/.artifacts is cleared after a day).
  if (stack) fs.writeFileSync(path.resolve("tests/.artifacts", `observability-server-${Date.now()}.log`), stack.output());
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const readyz = async (baseUrl = stack.baseUrl) => {
  const res = await fetch(`${baseUrl}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, string> } };
};

/** A request whose answer is read to the end (its latency is recorded when the response has finished). */
async function get(p: string, init?: RequestInit) {
  const res = await fetch(`${stack.baseUrl}${p}`, { redirect: "manual", ...init });
  await res.arrayBuffer();
  return res;
}

const scrape = async (headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }) =>
  fetch(`${stack.baseUrl}/metrics`, { headers });

/** The value of one sample (`name{labels}`) in a Prometheus text, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe("/healthz and /readyz", () => {
  it("the shared test stack (with Meilisearch) is ready: database and search answer", async () => {
    const { status, body } = await readyz(inject("baseUrl"));
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ready", checks: { database: "ok", search: "ok" } });
  });

  it("without Meilisearch and Redis the process stays ready (search falls back to PostgreSQL, documents are served per process) and says it is degraded", async () => {
    expect((await fetch(`${stack.baseUrl}/healthz`)).status).toBe(200);
    const { status, body } = await readyz();
    expect(status).toBe(200);
    expect(body).toEqual({ status: "degraded", checks: { database: "ok", search: "failed", redis: "failed" } });
  });

  it("is 503 while the database is stopped, and 200 again when it is back", async () => {
    await stack.stopDatabase();
    try {
      await until(async () => (await readyz()).status === 503, "/readyz says 503", 10_000);
      const { body } = await readyz();
      expect(body.status).toBe("not ready");
      expect(body.checks.database).not.toBe("ok");
      // Alive all the same.
      expect((await fetch(`${stack.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await stack.startDatabase();
    }
    await until(async () => (await readyz()).status === 200, "/readyz is 200 again", 20_000);
    expect(logLines(stack.output()).some((l) => /^Readiness: database check (failed|timed out)\.$/.test(l.msg) && l.level === "warn")).toBe(
      true,
    );
  }, 60_000);
});

describe("/metrics", () => {
  it("is refused without the token (401) and with a wrong one (403)", async () => {
    const none = await scrape({});
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await none.text()).not.toContain("lb_");
    const wrong = await scrape({ Authorization: "Bearer not-the-token-at-all-000000000000" });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain("lb_");
    // A token that is a prefix of the right one is just as wrong.
    expect((await scrape({ Authorization: `Bearer ${TOKEN.slice(0, -1)}` })).status).toBe(403);
  });

  it("is an unknown page where no METRICS_TOKEN is set (the shared test stack)", async () => {
    expect((await fetch(`${inject("baseUrl")}/metrics`)).status).toBe(404);
  });

  it("serves request latency per Remix route id, never per raw path", async () => {
    expect((await get("/login")).status).toBe(200);
    await get("/invite/SECRET-INVITE-TOKEN-1");
    expect((await get("/no-such-page-here")).status).toBe(404);
    // Recorded when each response has finished on the server side: wait for the last one.
    await until(
      async () =>
        sample(await (await scrape()).text(), "lb_http_request_duration_seconds_count", { route: "routes/$", status_class: "4xx" }) !==
        undefined,
      "the unknown page is counted",
      5000,
    );
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(
      sample(text, "lb_http_request_duration_seconds_count", { route: "routes/login", method: "GET", status_class: "2xx" }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, "lb_http_request_duration_seconds_count", { route: "routes/invite.$token", method: "GET" })).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      sample(text, "lb_http_request_duration_seconds_count", { route: "routes/$", method: "GET", status_class: "4xx" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, "lb_http_request_duration_seconds_bucket", { route: "routes/login", method: "GET", status_class: "2xx", le: "+Inf" }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain("SECRET-INVITE-TOKEN");
    expect(text).not.toContain("no-such-page-here");
    expect(sample(text, "lb_log_errors_total", { level: "error" })).toBeDefined();
    // Default process metrics.
    expect(sample(text, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
  });

  it("reports the outbox backlog per consumer (Meilisearch is away: the change waits)", async () => {
    const org = await createOrganisation();
    const area = await createTestArea();
    await createFullCase({ ownerOrganisationId: org.id, challengeAreaIds: [area.id], visibility: "PUBLIC" });
    const text = await (await scrape()).text();
    expect(sample(text, "lb_outbox_pending", { consumer: "search" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "lb_outbox_oldest_age_seconds", { consumer: "search" })).toBeGreaterThanOrEqual(0);
    expect(sample(text, "lb_outbox_failing", { consumer: "search" })).toBeDefined();
  });

  it("counts open live documents and connections", async () => {
    const org = await createOrganisation();
    const area = await createTestArea();
    const user = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
    const cookie = `lb_session=${await createSession(user.id)}`;
    const c = await createFullCase({ ownerOrganisationId: org.id, challengeAreaIds: [area.id], visibility: "MEMBERS" });
    const before = await (await scrape()).text();
    expect(sample(before, "lb_collab_documents_open")).toBe(0);
    const client = connectCollab({ baseUrl: stack.baseUrl, caseId: c.id, cookie });
    try {
      await client.synced();
      const text = await (await scrape()).text();
      expect(sample(text, "lb_collab_documents_open")).toBe(1);
      expect(sample(text, "lb_collab_connections_open")).toBe(1);
      expect(sample(text, "lb_collab_store_failures_total")).toBe(0);
    } finally {
      client.destroy();
    }
  });

  it("counts mails sent", async () => {
    const user = await createUser();
    const before = sample(await (await scrape()).text(), "lb_mail_sent_total", { transport: "file" }) ?? 0;
    const client = new Client();
    (client as { baseUrl: string }).baseUrl = stack.baseUrl;
    const res = await client.post("/forgot-password", { email: user.email });
    expect(res.status).toBe(302);
    await until(
      async () => (sample(await (await scrape()).text(), "lb_mail_sent_total", { transport: "file" }) ?? 0) === before + 1,
      "the mail is counted",
      10_000,
    );
    // The mail log line names no address.
    const mailLines = logLines(stack.output()).filter((l) => l.component === "mail");
    expect(mailLines.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(mailLines)).not.toContain(user.email);
  });

  it("is served without a token on the internal METRICS_PORT (127.0.0.1)", async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("lb_http_request_duration_seconds");
    expect((await fetch(`http://127.0.0.1:${metricsPort}/readyz`)).status).toBe(200);
  });
});

describe("logs", () => {
  it("are JSON lines; each request's lines carry its id, which is also the X-Request-Id header", async () => {
    const from = stack.output().length;
    const ok = await get("/login", { headers: { "X-Request-Id": "chosen-by-the-client" } });
    const okId = ok.headers.get("x-request-id");
    // Without TRUST_PROXY a client's id is not taken over.
    expect(okId).toMatch(/^[0-9a-f]{16}$/);
    // A refused request (405) logs a line of its own, with its id.
    const refused = await get("/login", { method: "DELETE" });
    expect(refused.status).toBe(405);
    const refusedId = refused.headers.get("x-request-id");
    expect(refusedId).toMatch(/^[0-9a-f]{16}$/);
    expect(refusedId).not.toBe(okId);
    await until(() => logLines(stack.output().slice(from)).filter((l) => l.reqId === refusedId).length >= 2, "the refusal's lines", 5000);
    await until(() => logLines(stack.output().slice(from)).some((l) => l.reqId === okId), "the page's access line", 5000);
    const added = stack.output().slice(from).split("\n").filter(Boolean);
    // Every line is a JSON object (pino), none is free text.
    for (const line of added) expect(() => JSON.parse(line), line).not.toThrow();
    const lines = logLines(added.join("\n"));
    const access = lines.find((l) => l.reqId === okId && l.route === "routes/login");
    expect(access).toMatchObject({ level: "debug", component: "http", method: "GET", path: "/login", status: 200 });
    const refusal = lines.find((l) => l.reqId === refusedId && l.level === "info");
    expect(refusal?.msg).toMatch(/^405 DELETE \/login: method DELETE/);
  });

  it("never contain invitation or reset tokens, query strings, e-mail addresses or cookies", async () => {
    const from = stack.output().length;
    const secret = `SECRET-${Date.now()}`;
    const requests: Array<[string, RequestInit?]> = [
      [`/invite/${secret}-INV`],
      [`/reset-password/${secret}-RST?email=someone%40example.test`],
      [`/search?q=${secret}-Q&who=someone@example.test`],
      [`/invite/${secret}-INV2`, { method: "PUT" }],
      [`/reset-password/${secret}-RST2`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }],
      [`/login?next=${secret}-NEXT`, { headers: { Cookie: `lb_session=${secret}-COOKIE`, Authorization: `Bearer ${secret}-AUTH` } }],
      [`/metrics?${secret}-M`, { headers: { Authorization: `Bearer ${secret}-WRONG` } }],
    ];
    const ids: string[] = [];
    for (const [p, init] of requests) {
      const res = await get(p, init);
      ids.push(res.headers.get("x-request-id")!);
    }
    await until(() => ids.every((id) => logLines(stack.output().slice(from)).some((l) => l.reqId === id)), "a line per request", 5000);
    const added = stack.output().slice(from);
    expect(added).not.toContain(secret);
    expect(added).not.toContain("someone");
    expect(added).toContain("/invite/[redacted]");
    expect(added).toContain("/reset-password/[redacted]");
  });
});

describe("SIGTERM", () => {
  it("turns readiness off first: /readyz is 503 while the process still serves, then it stops", async () => {
    expect((await readyz()).status).toBe(200);
    const exited = stack.kill("SIGTERM");
    await until(async () => (await readyz()).status === 503, "/readyz is 503 after SIGTERM", DRAIN_MS);
    const { body } = await readyz();
    expect(body.status).toBe("draining");
    // Still serving (the drain delay has not passed): pages and health answer, and keep-alive
    // clients are asked to go elsewhere.
    const page = await get("/login");
    expect(page.status).toBe(200);
    expect(page.headers.get("connection")).toBe("close");
    expect((await fetch(`${stack.baseUrl}/healthz`)).status).toBe(200);
    expect(await exited).toEqual({ code: 0, signal: null });
    const messages = logLines(stack.output()).map((l) => l.msg);
    const drain = messages.findIndex((m) => m.startsWith("Not ready any more; closing connections in"));
    expect(drain).toBeGreaterThan(messages.indexOf("SIGTERM received: shutting down …"));
    expect(messages.at(-1)).toBe("Stopped.");
  }, 60_000);
});
