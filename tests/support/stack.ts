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
import { keyFile, portFile } from "../../search/process.server";
import { findFreePort, startEmbeddedPostgres } from "../../server/postgres";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Stack {
  baseUrl: string;
  databaseUrl: string;
  mailLog: string;
  dataDir: string;
  /** The local Meilisearch the server started (empty when it could not start one). */
  meiliUrl: string;
  meiliKey: string;
  /** Everything the server process(es) printed so far (across restarts). */
  output(): string;
  /** Pid of the current server process (e.g. for /proc/<pid>/status). */
  pid(): number;
  /** Sends `signal` to the server process and waits until it has exited. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Starts the server process again: same port, database and data directory. */
  restartServer(): Promise<void>;
  /** Stops / starts the embedded PostgreSQL (same port and data) under a running server. */
  stopDatabase(): Promise<void>;
  startDatabase(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  dataDir: string;
  seed?: boolean;
  env?: Record<string, string>;
  /**
   * false: no Meilisearch at all (MEILI_URL points nowhere, search runs in reduced mode).
   * (A kill -9 of the server no longer orphans its Meilisearch: server/watchdog.ts stops it.)
   */
  search?: boolean;
  /** Extra flags for the server's node process (e.g. `--cpu-prof` from `npm run bench:search -- --cpu-prof DIR`). */
  nodeArgs?: string[];
  /** Database in the embedded cluster (default "losningsbanken_test"; "losningsbanken" = what `npm start` and `npm run restore` use). */
  database?: string;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const { dataDir } = options;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, 0o755);
  const database = options.database ?? "losningsbanken_test";
  let pg = await startEmbeddedPostgres({ dataDir, database });
  const pgPort = Number(new URL(pg.url).port);
  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
  const mailLog = path.join(dataDir, "mail.log");
  const noSearch = options.search === false ? { MEILI_URL: "http://127.0.0.1:9", MEILI_MASTER_KEY: "no-search-in-this-stack" } : {};
  const env: NodeJS.ProcessEnv = {
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
    ...noSearch,
    ...options.env,
  };
  let output = "";
  let server!: ChildProcess;

  async function startServer() {
    const from = output.length;
    server = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", path.join(root, "server/index.ts")], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const child = server;
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    const started = Date.now();
    try {
      while (!output.slice(from).includes("is running at")) {
        if (child.exitCode !== null) throw new Error(`App server exited during start-up:\n${output.slice(from)}`);
        if (Date.now() - started > 90_000) throw new Error(`App server did not start within 90 s:\n${output.slice(from)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } catch (error) {
      child.kill("SIGKILL");
      await pg.stop();
      throw error;
    }
  }

  async function kill(signal: NodeJS.Signals = "SIGTERM") {
    const child = server;
    if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, sig) => resolve({ code, signal: sig })),
    );
    child.kill(signal);
    return exited;
  }

  await startServer();
  let meiliUrl = options.env?.MEILI_URL ?? "";
  let meiliKey = options.env?.MEILI_MASTER_KEY ?? "";
  if (!meiliUrl && options.search !== false && fs.existsSync(portFile(dataDir))) {
    meiliUrl = (JSON.parse(fs.readFileSync(portFile(dataDir), "utf8")) as { url: string }).url;
    meiliKey = fs.readFileSync(keyFile(dataDir), "utf8").trim();
  }
  let databaseRunning = true;
  return {
    baseUrl,
    databaseUrl: pg.url,
    meiliUrl,
    meiliKey,
    mailLog,
    dataDir,
    output: () => output,
    pid: () => server.pid!,
    kill,
    restartServer: startServer,
    async stopDatabase() {
      if (!databaseRunning) return;
      databaseRunning = false;
      await pg.stop();
    },
    async startDatabase() {
      if (databaseRunning) return;
      pg = await startEmbeddedPostgres({ dataDir, database, port: pgPort });
      if (Number(new URL(pg.url).port) !== pgPort) throw new Error(`PostgreSQL port ${pgPort} was taken meanwhile`);
      databaseRunning = true;
    },
    async stop() {
      await kill("SIGTERM");
      if (databaseRunning) await pg.stop();
    },
  };
}
