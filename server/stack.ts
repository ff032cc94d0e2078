/**
 * Starts a complete, throwaway Løsningsbanken (embedded PostgreSQL in `dataDir` + the
 * real server process from server/index.ts on a free port, which starts its own local
 * Meilisearch in `dataDir` and the search worker). Used by the test run's
 * global setup and by the benchmark scripts, so both exercise exactly what `npm start` runs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { keyFile, portFile } from "../search/process.server";
import { findFreePort, startEmbeddedPostgres } from "./postgres";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface Stack {
  baseUrl: string;
  databaseUrl: string;
  mailLog: string;
  dataDir: string;
  /** The local Meilisearch the server started (empty when it could not start one). */
  meiliUrl: string;
  meiliKey: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startStack(options: { dataDir: string; seed?: boolean; env?: Record<string, string> }): Promise<Stack> {
  const { dataDir } = options;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir, database: "losningsbanken_test" });
  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
  const mailLog = path.join(dataDir, "mail.log");
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/index.ts")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: baseUrl,
      DATABASE_URL: pg.url,
      DATA_DIR: dataDir,
      MAIL_LOG: mailLog,
      SEED_DEMO_DATA: options.seed === false ? "false" : "true",
      SMTP_URL: "",
      // The server starts a local Meilisearch in dataDir (not one configured for development).
      MEILI_URL: "",
      MEILI_MASTER_KEY: "",
      SEARCH_INDEX_PREFIX: "lb_",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  const started = Date.now();
  try {
    while (!output.includes("is running at")) {
      if (server.exitCode !== null) throw new Error(`App server exited during start-up:\n${output}`);
      if (Date.now() - started > 90_000) throw new Error(`App server did not start within 90 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    server.kill("SIGKILL");
    await pg.stop();
    throw error;
  }
  let meiliUrl = options.env?.MEILI_URL ?? "";
  let meiliKey = options.env?.MEILI_MASTER_KEY ?? "";
  if (!meiliUrl && fs.existsSync(portFile(dataDir))) {
    meiliUrl = (JSON.parse(fs.readFileSync(portFile(dataDir), "utf8")) as { url: string }).url;
    meiliKey = fs.readFileSync(keyFile(dataDir), "utf8").trim();
  }
  return {
    baseUrl,
    databaseUrl: pg.url,
    meiliUrl,
    meiliKey,
    mailLog,
    dataDir,
    output: () => output,
    async stop() {
      if (server.exitCode === null) {
        server.kill("SIGTERM");
        await new Promise((r) => server.once("exit", r));
      }
      await pg.stop();
    },
  };
}
