/** The HTTP side: Express + static files + the Remix request handler. */
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BUILD_PATH = path.join(root, "build/index.js");

export async function loadBuild(): Promise<ServerBuild> {
  if (!fs.existsSync(BUILD_PATH)) {
    throw new Error("The app has not been built: run `npm run build` (or just `npm start`).");
  }
  return (await import(BUILD_PATH)) as ServerBuild;
}

export function createApp(build: ServerBuild, options: { trustProxy: boolean }) {
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy) app.set("trust proxy", true);
  app.use(compression());
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    next();
  });
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  // A trivial route, used by health checks and as the baseline in `npm run bench`.
  app.get("/healthz", (_req, res) => {
    res.type("text/plain").send("ok");
  });
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
    }),
  );
  return http.createServer(app);
}
