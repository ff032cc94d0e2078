/**
 * `npm run dev` only (server/dev.ts): the app build is re-imported after every rebuild of
 * `remix watch`, inside the running process, so PostgreSQL, Meilisearch and open database
 * connections stay up. `npm start` never enables this: it imports the build once.
 *
 * Each rebuild is imported under a new URL (`build/index.js?v=N`): Node caches ES modules
 * per URL and has no way to unload one, so every rebuild keeps its predecessor in memory -
 * fine for a development session, restart `npm run dev` after a few hundred rebuilds.
 * State the build shares with the rest of the process lives on globalThis (the Prisma
 * client, the domain-event fan-out) and survives reloads.
 */
import type { ServerBuild } from "@remix-run/node";
import type express from "express";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRemixHandler } from "../app/utils/http-guard.server";

// The same file server/app.ts's loadBuild() imports (not imported from there: app.ts uses this module).
const BUILD_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../build/index.js");

let current: ServerBuild | undefined;
let version = 0;

/** Imports the build as it is on disk now; the next request is served by it. */
export async function reloadDevBuild(): Promise<void> {
  version += 1;
  current = (await import(`${pathToFileURL(BUILD_PATH).href}?v=${version}`)) as ServerBuild;
}

/** The build to serve: a getter when `npm run dev` loaded one, else null (`npm start`, tests). */
export function devBuild(): (() => ServerBuild) | null {
  return current ? () => current! : null;
}

/** A Remix request handler that follows the getter: a new handler per new build. */
export function reloadingRemixHandler(
  getBuild: () => ServerBuild,
  options: Omit<Parameters<typeof createRemixHandler>[0], "build">,
): express.RequestHandler {
  let servedBuild: ServerBuild | undefined;
  let handler: express.RequestHandler | undefined;
  return (req, res, next) => {
    const build = getBuild();
    if (build !== servedBuild || !handler) {
      handler = createRemixHandler({ ...options, build });
      servedBuild = build;
    }
    return handler(req, res, next);
  };
}
