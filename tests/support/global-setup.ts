/**
 * Starts the real thing once for the whole run: an embedded PostgreSQL in a fresh data
 * directory, migrations, and the app server (`server/index.ts`, the same entry `npm start`
 * uses, with demo data) on a free port. Tests talk to it over HTTP and to the database
 * through the models.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findFreePort, startEmbeddedPostgres } from "../../server/postgres";

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
  for (const old of fs.readdirSync(ARTIFACTS)) {
    const p = path.join(ARTIFACTS, old);
    if (Date.now() - fs.statSync(p).mtimeMs > 24 * 3600 * 1000) fs.rmSync(p, { recursive: true, force: true });
  }
  const dataDir = path.join(ARTIFACTS, `run-${Date.now()}-${process.pid}`);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(ARTIFACTS, 0o755);
  fs.chmodSync(dataDir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir, database: "losningsbanken_test" });
  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
  const mailLog = path.join(dataDir, "mail.log");

  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: baseUrl,
      DATABASE_URL: pg.url,
      DATA_DIR: dataDir,
      MAIL_LOG: mailLog,
      SEED_DEMO_DATA: "true",
      SMTP_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  const started = Date.now();
  while (!output.includes("is running at")) {
    if (server.exitCode !== null) throw new Error(`App server exited during start-up:\n${output}`);
    if (Date.now() - started > 60_000) throw new Error(`App server did not start within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  fs.writeFileSync(path.join(dataDir, "server-start.log"), output);

  project.provide("baseUrl", baseUrl);
  project.provide("databaseUrl", pg.url);
  project.provide("mailLog", mailLog);
  project.provide("dataDir", dataDir);

  return async () => {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    fs.writeFileSync(path.join(dataDir, "server.log"), output);
    await pg.stop();
    // Keep the logs, drop the database files.
    fs.rmSync(path.join(dataDir, "postgres"), { recursive: true, force: true });
  };
}
