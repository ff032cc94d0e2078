/** The HTTP side: Express + static files + the Remix request handler. */
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { clientAddress } from "../app/utils/client-ip.server";
import { env } from "../app/utils/env.server";
import {
  configureServer,
  createRemixHandler,
  defaultLog,
  finalErrorHandler,
  limitsFromEnv,
  logRefusal,
  requestGuard,
  securityHeaders,
  setErrorPageAssets,
  type HttpLimits,
  type LogFn,
} from "../app/utils/http-guard.server";
import { reloadingRemixHandler } from "./dev-build";
import { healthz, metrics, readyz, requestContext, routeLabel } from "./observability";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BUILD_PATH = path.join(root, "build/index.js");

export async function loadBuild(): Promise<ServerBuild> {
  if (!fs.existsSync(BUILD_PATH)) {
    throw new Error("The app has not been built: run `npm run build` (or just `npm start`).");
  }
  return (await import(BUILD_PATH)) as ServerBuild;
}

const FOREIGN_ORIGIN_PAGE = `<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>403 – Løsningsbanken</title></head>
<body><main><h1>Skjemaet kom fra et annet nettsted</h1><p>Gå tilbake, last siden på nytt og prøv igjen.</p>
<h2 lang="en">The form came from another site</h2><p lang="en">Go back, reload the page and try again.</p>
<p><a href="/">Løsningsbanken</a></p></main></body></html>`;

/**
 * A mutation whose Origin header is not APP_URL's is refused before it reaches Remix. Only
 * APP_URL counts, never the Host header: a DNS name rebound to this server (Host: evil.example,
 * Origin: http://evil.example) must not pass as "same origin". Requests without Origin still
 * need the CSRF token.
 */
export function foreignOriginGuard(appUrl: string, log: LogFn = defaultLog) {
  const own = new URL(appUrl).origin;
  return (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const origin = req.get("origin");
    if (!origin || origin === own) return next();
    logRefusal(log, 403, req.method, req.originalUrl, `foreign Origin "${origin}"`, req.socket.remoteAddress);
    // Not reading the body: close the connection after answering.
    res.status(403).set({ "Cache-Control": "no-store", Connection: "close" }).type("html").send(FOREIGN_ORIGIN_PAGE);
  };
}

function decodeURIComponentSafe(value: string) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function createApp(
  // A getter under `npm run dev` (server/dev-build.ts): the build is swapped after each rebuild.
  build: ServerBuild | (() => ServerBuild),
  options: { trustProxy: boolean; appUrl: string; limits?: HttpLimits; log?: LogFn },
) {
  const limits = options.limits ?? limitsFromEnv(env());
  const log = options.log ?? defaultLog;
  setErrorPageAssets(path.join(root, "public/build"));
  const app = express();
  app.disable("x-powered-by");
  // Nothing reads req.query (Remix parses the URL itself): skip Express's qs parse per request.
  app.set("query parser", false);
  if (options.trustProxy) app.set("trust proxy", true);
  // Request id (X-Request-Id, reqId in every log line of the request) and request latency.
  app.use(requestContext({ trustProxy: options.trustProxy }));
  // Level 1 (nginx's default gzip level) instead of zlib's 6: a search page compresses to 4.0
  // instead of 3.8 kB in ~35 instead of ~50 µs, a long front page to 7.8 instead of 7.0 kB in
  // ~56 instead of ~130 µs (gzipSync, this machine).
  app.use(compression({ level: 1 }));
  app.use(securityHeaders(options.appUrl));
  app.use(foreignOriginGuard(options.appUrl, log));
  // Method, Host, URL; POST bodies are read here (content type, size limit, NUL) - see http-guard.
  app.use(requestGuard(limits, log));
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  // Only paths whose first segment exists in public/ go to the static handler: asking the file
  // system about every page's URL (a stat that fails for /search, /cases/...) cost a few per
  // cent of the CPU of each page request. New files in public/ need a restart (they come with a build).
  const publicDir = path.join(root, "public");
  const publicEntries = new Set(fs.existsSync(publicDir) ? fs.readdirSync(publicDir) : []);
  const servePublic = express.static(publicDir, { maxAge: "1h" });
  app.use((req, res, next) =>
    publicEntries.has(decodeURIComponentSafe(req.path.split("/")[1] ?? "")) ? servePublic(req, res, next) : next(),
  );
  // Health (a trivial route, also the baseline in `npm run bench`), readiness, metrics (only
  // with METRICS_TOKEN: without one /metrics is an unknown page here). See docs/operations.md.
  app.get("/healthz", healthz());
  app.get("/readyz", readyz());
  const metricsToken = env().METRICS_TOKEN;
  if (metricsToken) app.get("/metrics", metrics(metricsToken));
  const remix = {
    mode: env().NODE_ENV,
    appUrl: options.appUrl,
    getLoadContext: (req: express.Request, res: express.Response) => ({
      clientIp: clientAddress(req, options.trustProxy),
      cspNonce: res.locals.cspNonce as string,
      reqId: res.locals.reqId as string,
    }),
  };
  app.all(
    "*",
    routeLabel(typeof build === "function" ? build : () => build),
    typeof build === "function" ? reloadingRemixHandler(build, remix) : createRemixHandler({ ...remix, build }),
  );
  app.use(finalErrorHandler(log));
  const server = http.createServer(
    // requireHostHeader off: the guard refuses a missing Host itself, with the translated page.
    { maxHeaderSize: limits.maxHeaderBytes, connectionsCheckingInterval: 1000, requireHostHeader: false },
    app,
  );
  configureServer(server, limits, log);
  return server;
}
