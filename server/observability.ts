/**
 * Health, metrics and the per-request log context for the HTTP server (docs/operations.md).
 *
 * - requestContext(): a request id per request (random, or the proxy's X-Request-Id when
 *   TRUST_PROXY), returned as X-Request-Id and carried by every log line of the request; the
 *   request's duration goes into the latency histogram, labelled by Remix route id.
 * - /healthz (alive), /readyz (server/readiness.ts), /metrics (Prometheus text; behind
 *   METRICS_TOKEN on the public port, or without a token on METRICS_PORT at 127.0.0.1).
 *
 * Each process serves its own metrics (there is no aggregation between processes: let
 * Prometheus scrape every process, e.g. one METRICS_PORT each).
 */
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import type { ServerBuild } from "@remix-run/node";
import type express from "express";
import crypto from "node:crypto";
import http from "node:http";
import { collectDefaultMetrics, Gauge, Histogram, register } from "prom-client";
import { getEventBacklog } from "~/models/events.server";
import { getLogger, runInRequestContext, safePath } from "~/utils/logger.server";
import { defineAppCounters } from "~/utils/metrics.server";
import { isDraining, isReady, readiness } from "./readiness";

const httpLog = getLogger("http");

// ---------------------------------------------------------------------------------------------
// Metrics owned by the server process

let defined = false;
let liveStats: (() => { documents: number; connections: number }) | undefined;
let requestDuration: Histogram<"route" | "method" | "status_class"> | undefined;

/** The open live documents and connections (server/collab.ts) for the gauges. */
export function setLiveStats(stats: (() => { documents: number; connections: number }) | undefined) {
  liveStats = stats;
}

const BACKLOG_TIMEOUT_MS = 1000;

function defineMetrics() {
  if (defined) return;
  defined = true;
  collectDefaultMetrics();
  defineAppCounters();
  requestDuration = new Histogram({
    name: "lb_http_request_duration_seconds",
    help: "HTTP requests by Remix route id (or static, health, refused, ...), method and status class.",
    labelNames: ["route", "method", "status_class"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  // Outbox backlog per consumer, read from the database when scraped (not on every change).
  const backlog = async () => {
    const rows = await Promise.race([
      getEventBacklog(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), BACKLOG_TIMEOUT_MS).unref()),
    ]);
    return rows;
  };
  let pendingRead: Promise<Awaited<ReturnType<typeof backlog>>> | null = null;
  const readBacklog = () => {
    pendingRead ??= backlog().finally(() => setTimeout(() => (pendingRead = null), 0));
    return pendingRead;
  };
  new Gauge({
    name: "lb_outbox_pending",
    help: "Changes waiting for a consumer (not yet processed), per consumer.",
    labelNames: ["consumer"],
    async collect() {
      this.reset();
      try {
        for (const row of await readBacklog()) this.set({ consumer: row.consumer }, row.pending);
      } catch (error) {
        httpLog.warn(`Metrics: could not read the outbox backlog: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  });
  new Gauge({
    name: "lb_outbox_failing",
    help: "Waiting changes whose last attempt failed, per consumer.",
    labelNames: ["consumer"],
    async collect() {
      this.reset();
      for (const row of await readBacklog().catch(() => [])) this.set({ consumer: row.consumer }, row.failing);
    },
  });
  new Gauge({
    name: "lb_outbox_oldest_age_seconds",
    help: "Age of the oldest waiting change, per consumer (0 when nothing waits).",
    labelNames: ["consumer"],
    async collect() {
      this.reset();
      const now = Date.now();
      for (const row of await readBacklog().catch(() => [])) {
        this.set({ consumer: row.consumer }, row.oldestCreatedAt ? Math.max(0, (now - row.oldestCreatedAt.getTime()) / 1000) : 0);
      }
    },
  });
  new Gauge({
    name: "lb_collab_documents_open",
    help: "Live documents open in this process.",
    collect() {
      this.set(liveStats?.().documents ?? 0);
    },
  });
  new Gauge({
    name: "lb_collab_connections_open",
    help: "Live-editing connections (one per open document per browser tab) in this process.",
    collect() {
      this.set(liveStats?.().connections ?? 0);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Route labels: the Remix route id of the deepest matching route, never the raw path

type RouteNode = AgnosticRouteObject & { id: string };

function routeTree(routes: ServerBuild["routes"], parentId?: string): RouteNode[] {
  return Object.values(routes)
    .filter((r) => r.parentId === parentId)
    .map((r) =>
      r.index
        ? { id: r.id, index: true, path: r.path, caseSensitive: r.caseSensitive }
        : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: routeTree(routes, r.id) },
    ) as RouteNode[];
}

/** Sets res.locals.route to the Remix route that will answer (for the latency histogram). */
export function routeLabel(getBuild: () => ServerBuild): express.RequestHandler {
  // `npm run dev` swaps the build after each rebuild: one route tree per build.
  const trees = new WeakMap<ServerBuild, RouteNode[]>();
  return (req, res, next) => {
    const build = getBuild();
    let tree = trees.get(build);
    if (!tree) {
      tree = routeTree(build.routes);
      trees.set(build, tree);
    }
    const matches = matchRoutes(tree, req.path);
    res.locals.route = matches?.length ? matches[matches.length - 1]!.route.id : "(no route)";
    next();
  };
}

/** Requests answered before Remix: refused by the transport's guards, OPTIONS, or static files. */
function fallbackLabel(req: express.Request, status: number) {
  if (status >= 400 || status === 0) return "(refused)";
  return req.method === "OPTIONS" ? "(options)" : "(static)";
}

// ---------------------------------------------------------------------------------------------
// Request id, log context, latency

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestContext(options: { trustProxy: boolean }): express.RequestHandler {
  defineMetrics();
  return (req, res, next) => {
    const offered = req.get("x-request-id");
    const reqId = options.trustProxy && offered && REQUEST_ID.test(offered) ? offered : crypto.randomBytes(8).toString("hex");
    res.setHeader("X-Request-Id", reqId);
    res.locals.reqId = reqId;
    res.locals.log = httpLog.child({ reqId });
    // While draining, keep-alive clients are asked to reconnect (to a process that stays).
    if (isDraining()) res.setHeader("Connection", "close");
    const started = process.hrtime.bigint();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.headersSent ? res.statusCode : 0;
      const route = (res.locals.route as string | undefined) ?? (res.locals.routeFixed as string | undefined) ?? fallbackLabel(req, status);
      requestDuration?.observe({ route, method: req.method, status_class: status ? `${Math.floor(status / 100)}xx` : "aborted" }, seconds);
      if (httpLog.isLevelEnabled("debug")) {
        httpLog.debug(`${req.method} ${safePath(req.originalUrl)} ${status || "aborted"} ${Math.round(seconds * 1000)} ms`, {
          reqId,
          method: req.method,
          path: safePath(req.originalUrl),
          route,
          status,
          ms: Math.round(seconds * 1000),
        });
      }
    };
    res.once("finish", record);
    res.once("close", record);
    runInRequestContext({ reqId }, next);
  };
}

// ---------------------------------------------------------------------------------------------
// Endpoints

function fixedRoute(name: string): express.RequestHandler {
  return (_req, res, next) => {
    res.locals.routeFixed = name;
    next();
  };
}

export function healthz(): express.RequestHandler[] {
  return [
    fixedRoute("(healthz)"),
    (_req, res) => {
      res.type("text/plain").setHeader("Cache-Control", "no-store");
      res.send("ok");
    },
  ];
}

export function readyz(): express.RequestHandler[] {
  return [
    fixedRoute("(readyz)"),
    (_req, res, next) => {
      readiness().then((r) => {
        res.status(isReady(r) ? 200 : 503).setHeader("Cache-Control", "no-store");
        res.json(r);
      }, next);
    },
  ];
}

const digest = (value: string) => crypto.createHash("sha256").update(value).digest();

/** /metrics with `Authorization: Bearer <token>` (compared in constant time). */
export function metrics(token: string | undefined): express.RequestHandler[] {
  const expected = token ? digest(token) : null;
  return [
    fixedRoute("(metrics)"),
    (req, res, next) => {
      if (expected) {
        const header = req.get("authorization") ?? "";
        const given = /^Bearer (.+)$/i.exec(header)?.[1]?.trim();
        res.setHeader("Cache-Control", "no-store");
        if (!given) {
          res.status(401).setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
          res.type("text/plain").send("Unauthorized");
          return;
        }
        if (!crypto.timingSafeEqual(digest(given), expected)) {
          res.status(403).type("text/plain").send("Forbidden");
          return;
        }
      }
      register.metrics().then((text) => {
        // Exactly prom-client's type (res.send would move the charset in front of the version).
        res.setHeader("Content-Type", register.contentType);
        res.setHeader("Cache-Control", "no-store");
        res.end(text);
      }, next);
    },
  ];
}

/**
 * METRICS_PORT: /metrics (no token), /healthz and /readyz on an internal address only
 * (127.0.0.1 unless METRICS_HOST says otherwise), for a Prometheus on the same host or network.
 */
export async function startMetricsServer(port: number, host: string): Promise<http.Server> {
  defineMetrics();
  const { default: express } = await import("express");
  const app = express();
  app.disable("x-powered-by");
  app.get("/metrics", metrics(undefined));
  app.get("/healthz", healthz());
  app.get("/readyz", readyz());
  app.use((_req, res) => {
    res.status(404).type("text/plain").send("Not Found");
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
