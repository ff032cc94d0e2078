/**
 * Starts the real thing once for the whole run: an embedded PostgreSQL in a fresh data
 * directory, migrations, a local Meilisearch (index prefix "lb_") and the app server (`server/index.ts`, the same entry `npm start`
 * uses, with demo data) on a free port. Tests talk to it over HTTP and to the database
 * through the models.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startStack } from "./stack";

const ARTIFACTS = path.resolve("tests/.artifacts");

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    mailLog: string;
    dataDir: string;
    /** The Meilisearch the app server started (with its master key). */
    meiliUrl: string;
    meiliKey: string;
  }
}

export default async function setup(project: TestProject) {
  // One directory per run (several runs may happen at once on a developer machine);
  // runs older than a day are cleared.
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.chmodSync(ARTIFACTS, 0o755);
  for (const old of fs.readdirSync(ARTIFACTS)) {
    const p = path.join(ARTIFACTS, old);
    if (Date.now() - fs.statSync(p).mtimeMs > 24 * 3600 * 1000) fs.rmSync(p, { recursive: true, force: true });
  }
  // The database lives under the system temp dir (always reachable for the postgres user);
  // the server log is kept in tests/.artifacts for debugging.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-test-"));
  const logFile = path.join(ARTIFACTS, `server-${Date.now()}-${process.pid}.log`);
  // The live server's periodic re-check is only a safety net (docs/decisions/012): with it at
  // one hour, no test can pass thanks to it - revocations and saves must arrive as domain events.
  const stack = await startStack({ dataDir, seed: true, env: { COLLAB_RECHECK_MS: "3600000" } });

  project.provide("baseUrl", stack.baseUrl);
  project.provide("databaseUrl", stack.databaseUrl);
  project.provide("mailLog", stack.mailLog);
  project.provide("dataDir", dataDir);
  project.provide("meiliUrl", stack.meiliUrl);
  project.provide("meiliKey", stack.meiliKey);

  return async () => {
    await stack.stop();
    fs.writeFileSync(logFile, stack.output());
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
