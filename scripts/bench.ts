/**
 * `npm run bench`: server-rendering throughput of the case page next to a trivial route
 * on the same server. Starts a throwaway stack (embedded PostgreSQL + the real server with
 * demo data, production build), then drives it with autocannon from this process.
 *
 * Options: --duration <s> (default 10), --connections <n> (default 10).
 */
import autocannon from "autocannon";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import pg from "pg";
import { startStack } from "../tests/support/stack";

function arg(name: string, fallback: number) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const duration = arg("duration", 10);
const connections = arg("connections", 10);

async function run(url: string, title: string) {
  process.stdout.write(`  ${title.padEnd(34)} … `);
  const result = await autocannon({ url, duration, connections, pipelining: 1 });
  if (result.non2xx || result.errors) throw new Error(`${title}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  const row = {
    title,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytes: result.throughput.average / Math.max(result.requests.average, 1),
  };
  console.log(`${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms`);
  return row;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-bench-"));
  fs.chmodSync(dataDir, 0o755);
  console.log(`Starting a throwaway stack in ${dataDir} …`);
  const stack = await startStack({ dataDir, seed: true });
  try {
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ slug: string; len: number }>(
      `SELECT slug, length("plainText") AS len FROM "Case" WHERE visibility = 'PUBLIC' AND "deletedAt" IS NULL ORDER BY length("plainText") DESC LIMIT 1`,
    );
    await client.end();
    if (!rows.length) throw new Error("No public case in the demo data to benchmark.");
    const casePath = `/cases/${rows[0].slug}`;
    console.log(
      `Case page: ${casePath} (${rows[0].len} characters of text); ${connections} connections, ${duration} s each, after a warm-up.`,
    );
    // Warm-up: JIT, Prisma connection pool, caches.
    await autocannon({ url: stack.baseUrl + casePath, duration: 2, connections });
    const trivial = await run(stack.baseUrl + "/healthz", "trivial route (/healthz)");
    const page = await run(stack.baseUrl + casePath, "case page (SSR, logged out)");
    const home = await run(stack.baseUrl + "/", "front page (SSR, logged out)");
    console.log("\nSummary");
    console.table(
      [trivial, page, home].map((r) => ({
        route: r.title,
        "req/s": Math.round(r.rps),
        "p50 ms": r.p50,
        "p99 ms": r.p99,
        "KiB/resp": (r.bytes / 1024).toFixed(1),
      })),
    );
    console.log(
      `Case page throughput = ${((page.rps / trivial.rps) * 100).toFixed(1)} % of the trivial route on the same server (${os.cpus().length} cores, node ${process.version}).`,
    );
  } finally {
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
