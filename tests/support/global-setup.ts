/**
 * Starts the real thing once for the whole run: an embedded PostgreSQL in a fresh data
 * directory, migrations, and the app server (`server/index.ts`, the same entry `npm start`
 * uses, with demo data) on a free port. Tests talk to it over HTTP and to the database
 * through the models.
 */
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startStack } from "../../server/stack";

const ARTIFACTS = path.resolve("tests/.artifacts");

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    mailLog: string;
    dataDir: string;
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
  const dataDir = path.join(ARTIFACTS, `run-${Date.now()}-${process.pid}`);
  const stack = await startStack({ dataDir, seed: true });

  project.provide("baseUrl", stack.baseUrl);
  project.provide("databaseUrl", stack.databaseUrl);
  project.provide("mailLog", stack.mailLog);
  project.provide("dataDir", dataDir);

  return async () => {
    await stack.stop();
    fs.writeFileSync(path.join(dataDir, "server.log"), stack.output());
    // Keep the logs, drop the database files.
    fs.rmSync(path.join(dataDir, "postgres"), { recursive: true, force: true });
  };
}
