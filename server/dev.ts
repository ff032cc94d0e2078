/**
 * `npm run dev`: `npm start` with the app rebuilt on every change. Runs `remix watch` (the
 * classic compiler in watch mode) as a child; after its first build it starts the usual
 * server (server/index.ts: embedded PostgreSQL and Meilisearch, migrations, seed, search
 * worker, live co-editing), and after every later build it re-imports the new build in this
 * same process (server/dev-build.ts) - the services keep running, the next request (a page
 * reload in the browser) is served by the new code.
 *
 * What needs a restart of `npm run dev`: changes under server/ and in the app modules the
 * server imports directly (live co-editing, search worker, models they use), the Prisma
 * schema, .env and package.json.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { reloadDevBuild } from "./dev-build";

function log(line: string) {
  process.stdout.write(`[dev] ${line}\n`);
}

const remixCli = createRequire(import.meta.url).resolve("@remix-run/dev/dist/cli.js");
const watcher = spawn(process.execPath, [remixCli, "watch"], {
  stdio: ["ignore", "pipe", "pipe"],
  env: { ...process.env, NODE_ENV: "development" },
});
// The watcher goes when this process goes, whichever way it ends.
process.on("exit", () => watcher.kill("SIGTERM"));
watcher.on("exit", (code, signal) => {
  log(`remix watch stopped (${signal ?? `exit code ${code}`}); stopping.`);
  process.kill(process.pid, "SIGTERM");
});

let started = false;
let pending: Promise<void> = Promise.resolve();

function onBuilt() {
  // Serialised: a rebuild that finishes while the previous import runs waits for it.
  pending = pending.then(async () => {
    try {
      await reloadDevBuild();
    } catch (error) {
      log(`The new build could not be loaded; still serving the previous one: ${(error as Error).message}`);
      return;
    }
    if (!started) {
      started = true;
      log("First build ready: starting the server.");
      await import("./index");
    } else {
      log("Rebuilt: reload the page to see the change.");
    }
  });
}

let buffered = "";
watcher.stdout.on("data", (chunk: Buffer) => {
  buffered += chunk.toString("utf8");
  let eol: number;
  while ((eol = buffered.indexOf("\n")) >= 0) {
    const line = buffered.slice(0, eol);
    buffered = buffered.slice(eol + 1);
    // Remix's future-flag banners are noise here.
    if (!line.trim() || /future flag|future-flags|^[┃┏┗]/.test(line)) continue;
    process.stdout.write(`[remix] ${line}\n`);
    // "[info] built (123ms)" / "💿 Rebuilt in 123ms" after each successful build.
    if (/\bbuilt \(|Rebuilt in/i.test(line)) onBuilt();
  }
});
watcher.stderr.on("data", (chunk: Buffer) => {
  const text = chunk.toString("utf8");
  if (/CJS build of Vite's Node API is deprecated/.test(text)) return;
  process.stderr.write(text);
});
log("Building the app (remix watch) …");
