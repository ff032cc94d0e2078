/**
 * Several web processes on one database, as docs/deploy.md lays out production: one embedded
 * PostgreSQL, one Meilisearch, one redis-server, N app processes (server/index.ts, the entry
 * `npm start` runs, each with DATABASE_URL, MEILI_URL and REDIS_URL, its own port and
 * DATA_DIR, the same APP_URL and SESSION_SECRET) and nginx in front, run with the config
 * rendered from docs/deploy/nginx.conf.template - the very file the deployment guide ships.
 * Every child is stopped in stop(); nothing is left running.
 *
 * Needs /usr/bin/redis-server and nginx (Debian packages `redis-server`, `nginx`; .ci/run
 * installs them). `multiStackTools()` says whether they are here.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startLocalMeilisearch, type LocalMeilisearch } from "../../search/process.server";
import { findFreePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../../server/postgres";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const NGINX_TEMPLATE = path.join(root, "docs/deploy/nginx.conf.template");

function which(name: string, candidates: string[]): string | null {
  for (const c of candidates) if (fs.existsSync(c)) return c;
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
  return found || null;
}

/** Paths of redis-server and nginx, or null where one is missing. */
export function multiStackTools() {
  return {
    redis: which("redis-server", ["/usr/bin/redis-server", "/usr/local/bin/redis-server"]),
    nginx: which("nginx", ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]),
  };
}

/** Renders the shipped nginx template: each ${LB_...} placeholder replaced, nothing else touched (like `envsubst '$LB_...'`). */
export function renderNginxTemplate(values: Record<string, string>, template = fs.readFileSync(NGINX_TEMPLATE, "utf8")): string {
  const out = template.replace(/\$\{(LB_[A-Z_]+)\}/g, (whole, name: string) => {
    if (!(name in values)) throw new Error(`no value for ${whole} in ${NGINX_TEMPLATE}`);
    return values[name];
  });
  return out;
}

export interface AppProcess {
  index: number;
  port: number;
  /** Direct URL of this process (bypassing nginx). */
  url: string;
  pid(): number;
  output(): string;
  running(): boolean;
  /** Sends `signal` and waits until the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Starts it again (same port, environment and data directory). */
  restart(): Promise<void>;
}

export interface MultiStack {
  /** The public URL: nginx in front of every process (= APP_URL). */
  baseUrl: string;
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string;
  redisUrl: string;
  processes: AppProcess[];
  /** The nginx config file in use (rendered from the template). */
  nginxConfig: string;
  nginxOutput(): string;
  redisOutput(): string;
  /** Everything every process printed, labelled. */
  output(): string;
  stopRedis(): Promise<void>;
  startRedis(): Promise<void>;
  stop(): Promise<void>;
}

export interface MultiStackOptions {
  /** Scratch directory (database, Meilisearch, redis, nginx, each process's DATA_DIR). */
  dir: string;
  processes?: number;
  env?: Record<string, string>;
}

async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number, output?: () => string) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} did not happen within ${timeoutMs} ms${output ? `:\n${output()}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function exited(child: ChildProcess) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
}

async function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM", graceMs = 20_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await done;
  clearTimeout(timer);
}

export async function startMultiStack(options: MultiStackOptions): Promise<MultiStack> {
  const tools = multiStackTools();
  if (!tools.redis) throw new Error("redis-server is not installed (Debian: apt-get install redis-server)");
  if (!tools.nginx) throw new Error("nginx is not installed (Debian: apt-get install nginx)");
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const count = options.processes ?? 3;
  const cleanups: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => {});
  };

  try {
    // PostgreSQL
    const pg: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir: path.join(dir, "db"), database: "losningsbanken_multi" });
    cleanups.push(() => pg.stop());

    // Meilisearch: one for every process (MEILI_URL), as in production.
    const meili: LocalMeilisearch = await startLocalMeilisearch({ dataDir: path.join(dir, "search") });
    cleanups.push(async () => {
      meili.shuttingDown();
      await meili.stop();
    });

    // Redis (no persistence: it only relays messages between the processes).
    const redisPort = await findFreePort();
    const redisDir = path.join(dir, "redis");
    fs.mkdirSync(redisDir, { recursive: true });
    let redisChild: ChildProcess | undefined;
    let redisOut = "";
    const startRedis = async () => {
      const child = spawn(
        tools.redis!,
        ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", redisDir],
        {
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      redisChild = child;
      child.stdout!.on("data", (d) => (redisOut += d));
      child.stderr!.on("data", (d) => (redisOut += d));
      await waitUntil(
        async () => child.exitCode === null && (await portOpen(redisPort)),
        "redis-server listening",
        10_000,
        () => redisOut,
      );
    };
    const stopRedis = async () => {
      await stopChild(redisChild);
      redisChild = undefined;
    };
    await startRedis();
    cleanups.push(stopRedis);
    const redisUrl = `redis://127.0.0.1:${redisPort}`;

    // The public address (nginx) is every process's APP_URL.
    const nginxPort = await findFreePort();
    const baseUrl = `http://localhost:${nginxPort}`;
    const sessionSecret = crypto.randomBytes(32).toString("base64url");
    const ports: number[] = [];
    for (let i = 0; i < count; i++) ports.push(await findFreePort());

    // App processes, all started at the same moment (on an empty database: they race to
    // migrate and seed, as a fresh deployment's processes do).
    const processes: AppProcess[] = [];
    for (let i = 0; i < count; i++) {
      const dataDir = path.join(dir, `app-${i + 1}`);
      fs.mkdirSync(dataDir, { recursive: true });
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(ports[i]),
        HOST: "127.0.0.1",
        APP_URL: baseUrl,
        DATABASE_URL: pg.url,
        MEILI_URL: meili.url,
        MEILI_MASTER_KEY: meili.masterKey,
        SEARCH_INDEX_PREFIX: "lb_",
        REDIS_URL: redisUrl,
        SESSION_SECRET: sessionSecret,
        TRUST_PROXY: "true",
        DATA_DIR: dataDir,
        MAIL_LOG: path.join(dataDir, "mail.log"),
        SEED_DEMO_DATA: "false",
        SMTP_URL: "",
        ...options.env,
      };
      let child: ChildProcess | undefined;
      let out = "";
      const start = async () => {
        const from = out.length;
        const c = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/index.ts")], {
          cwd: root,
          env,
          stdio: ["ignore", "pipe", "pipe"],
        });
        child = c;
        c.stdout!.on("data", (d) => (out += d));
        c.stderr!.on("data", (d) => (out += d));
        await waitUntil(
          () => {
            if (c.exitCode !== null || c.signalCode !== null)
              throw new Error(`app process ${i + 1} exited during start-up:\n${out.slice(from)}`);
            return out.slice(from).includes("is running at");
          },
          `app process ${i + 1} start-up`,
          90_000,
          () => out.slice(from),
        );
      };
      const proc: AppProcess = {
        index: i,
        port: ports[i],
        url: `http://127.0.0.1:${ports[i]}`,
        pid: () => child?.pid ?? -1,
        output: () => out,
        running: () => !!child && child.exitCode === null && child.signalCode === null,
        async kill(signal = "SIGTERM") {
          if (!child) return { code: null, signal: null };
          const done = exited(child);
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return done;
        },
        restart: start,
      };
      processes.push(proc);
      cleanups.push(() => stopChild(child).then(() => undefined));
    }
    const started = await Promise.allSettled(processes.map((p) => p.restart()));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;

    // nginx, foreground, everything under its own prefix.
    const nginxDir = path.join(dir, "nginx");
    for (const sub of ["", "logs", "tmp/client", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"])
      fs.mkdirSync(path.join(nginxDir, sub), { recursive: true });
    const site = renderNginxTemplate({
      LB_APP_SERVERS: ports.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join(" "),
      LB_LISTEN: `listen 127.0.0.1:${nginxPort};`,
      LB_SERVER_NAME: "localhost",
    });
    const siteFile = path.join(nginxDir, "losningsbanken.conf");
    fs.writeFileSync(siteFile, site);
    const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
    const mainConfig = path.join(nginxDir, "nginx.conf");
    fs.writeFileSync(
      mainConfig,
      [
        isRoot ? "user root;" : "",
        "worker_processes 1;",
        `pid ${path.join(nginxDir, "nginx.pid")};`,
        `error_log ${path.join(nginxDir, "logs/error.log")} warn;`,
        "events { worker_connections 1024; }",
        "http {",
        `  access_log ${path.join(nginxDir, "logs/access.log")};`,
        `  client_body_temp_path ${path.join(nginxDir, "tmp/client")};`,
        `  proxy_temp_path ${path.join(nginxDir, "tmp/proxy")};`,
        `  fastcgi_temp_path ${path.join(nginxDir, "tmp/fastcgi")};`,
        `  uwsgi_temp_path ${path.join(nginxDir, "tmp/uwsgi")};`,
        `  scgi_temp_path ${path.join(nginxDir, "tmp/scgi")};`,
        `  include ${siteFile};`,
        "}",
        "",
      ].join("\n"),
    );
    let nginxOut = "";
    const nginx = spawn(tools.nginx, ["-p", nginxDir, "-c", mainConfig, "-e", path.join(nginxDir, "logs/error.log"), "-g", "daemon off;"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    nginx.stdout!.on("data", (d) => (nginxOut += d));
    nginx.stderr!.on("data", (d) => (nginxOut += d));
    cleanups.push(() => stopChild(nginx, "SIGQUIT", 5000));
    const nginxLog = () => {
      const file = path.join(nginxDir, "logs/error.log");
      return nginxOut + (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
    };
    await waitUntil(
      async () => {
        if (nginx.exitCode !== null) throw new Error(`nginx exited:\n${nginxLog()}`);
        return portOpen(nginxPort);
      },
      "nginx listening",
      10_000,
      nginxLog,
    );

    return {
      baseUrl,
      databaseUrl: pg.url,
      meiliUrl: meili.url,
      meiliKey: meili.masterKey,
      redisUrl,
      processes,
      nginxConfig: site,
      nginxOutput: nginxLog,
      redisOutput: () => redisOut,
      output: () => processes.map((p) => `===== app process ${p.index + 1} (port ${p.port}) =====\n${p.output()}`).join("\n"),
      stopRedis,
      startRedis,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
