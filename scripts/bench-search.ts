/**
 * `npm run bench:search`: search at 10k and 100k cases (issue: search).
 *
 * 1. Starts a throwaway stack (embedded PostgreSQL + the real server, which starts its own
 *    local Meilisearch and the outbox worker) with the demo data.
 * 2. For each size: generates deterministic synthetic Norwegian cases
 *    (scripts/lib/synthetic-cases.ts) and bulk-inserts them with SQL (Case + co-owners +
 *    challenge areas + result rows). Up to --outbox-limit (20k) new cases are then indexed
 *    the way saves are: one outbox row per case, drained by the server's worker (throughput =
 *    documents / time until the outbox is empty). Larger steps use the bulk path of
 *    `npm run search:reindex` (fresh index, swap), and then the worker is measured at that
 *    index size on 2,000 re-saved cases.
 * 3. Runs a fixed query mix at concurrency 20 (a) through the app's search page
 *    (GET /search?q=… as a visitor, full HTML) and (b) directly against Meilisearch with the
 *    very requests the app sends (search/query.server.ts buildSearchQueries for a visitor,
 *    with the app's MEILI_REQUEST_HEADERS):
 *    p50/p95 of both, their ratio, and the target "app p95 <= 1.5 x direct p95 + 10 ms".
 *    Then the reduced search (PostgreSQL fallback, used while Meilisearch is down) one query
 *    at a time for --reduced seconds: how slow search gets during an outage at that size.
 * 4. Save-to-searchable: saves N cases through the app's model (createCase: case + revision
 *    + outbox row in one transaction) and polls Meilisearch until each is findable by a
 *    word only it contains; p95 (target <= 2 s).
 * The server's RSS (and Meilisearch's) is sampled throughout.
 *
 * Options: --sizes 10000,100000  --duration <s per load run, default 15>  --concurrency 20
 *          --saves 40  --seed 42  --outbox-limit 20000  --sequential <s at concurrency 1, default 5>
 *          --reduced <s of reduced search (PostgreSQL fallback) per size, default 15>
 *          --cpu-prof <dir>  (the server writes a V8 CPU profile there when the benchmark ends)
 *          --server-node-args "<node flags>"  (for experiments, e.g. "--max-semi-space-size=32")
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { textToDoc, SECTION_KEYS } from "~/editor/sections";
import { caseVisibilityScope } from "~/policies/case";
import { parseSearchState, toEngineParams } from "~/schemas/search";
import { casesIndexName, createSearchClient, MEILI_REQUEST_HEADERS } from "../search/client.server";
import { portFile } from "../search/process.server";
import { buildSearchQueries } from "../search/query.server";
import { startStack, type Stack } from "../tests/support/stack";
import { MUNICIPALITIES, syntheticCase } from "./lib/synthetic-cases";

function arg(name: string, fallback: string) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const SIZES = arg("sizes", "10000,100000").split(",").map(Number);
const DURATION_S = Number(arg("duration", "15"));
const CONCURRENCY = Number(arg("concurrency", "20"));
const SAVES = Number(arg("saves", "40"));
const SEQUENTIAL_S = Number(arg("sequential", "5"));
/** Seconds of reduced search (PostgreSQL fallback) per size; the query in flight finishes. */
const REDUCED_S = Number(arg("reduced", "15"));
const SEED = Number(arg("seed", "42"));
const INSERT_BATCH = 2000;
const DRAIN_TIMEOUT_MS = 8 * 60_000;
/** Up to this many new cases go through the outbox worker; more are bulk-indexed with search:reindex's code. */
const OUTBOX_LIMIT = Number(arg("outbox-limit", "20000"));
const OUTBOX_SAMPLE = 2000;
const INDEX = casesIndexName("lb_");
/** --cpu-prof DIR: the server writes a V8 CPU profile there when it stops (open it in Chrome DevTools). */
const CPU_PROF_DIR = arg("cpu-prof", "");
/** --server-node-args "...": extra node flags for the server (experiments, e.g. GC settings). */
const SERVER_NODE_ARGS = arg("server-node-args", "").split(" ").filter(Boolean);

/** The fixed query mix: what people type, with and without filters (URL query strings). */
const QUERY_MIX = [
  "q=sykefravær+hjemmetjeneste",
  "q=rekrutering+sykepleiere",
  "q=heltidskultur",
  "q=klimatiltak",
  "q=fraværsoppfølging",
  "q=kultur+heltid",
  "q=tiltak+klima",
  "q=sick+leave",
  "q=co-creation",
  "q=samskaping+lag+og+foreninger",
  "q=sjukefråvær",
  "q=bustad+for+unge",
  "q=Frøya",
  "q=Tromsø+velferdsteknologi",
  "q=hverdagsrehabilitering",
  "q=startlån+barnefamilier",
  "q=omdømme+ambassadører",
  "q=frivilligsentral+eldre",
  "q=innbyggerdialog",
  "q=ønsketurnus+langvakter",
  "q=oppfølging&area=sykefravaer",
  "q=rekruttering&fylke=Trøndelag",
  "q=klima&status=PILOTING&year=2020",
  "q=bolig&kind=KOMMUNE",
  "area=helse-og-velferd",
  "q=sykefravær&sort=newest",
  "q=heltid&page=3",
  "q=digitalt+tilsyn+natt",
  "q=utslipp+transport",
  "q=lærlinger+helsefag",
];
/** The engine parameters the app derives from each mix entry (as its loader does). */
const MIX_PARAMS = QUERY_MIX.map((qs) => toEngineParams(parseSearchState(new URLSearchParams(qs))));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

// On a terminal the progress line is rewritten in place; in a log (CI, `> file`) it is printed
// at most every 5 s, and its final state once, so a 100k run does not fill the log.
let pendingProgress: string | null = null;
let progressPrintedAt = 0;
function progress(line: string) {
  if (process.stdout.isTTY) return void process.stdout.write(`\r${line.padEnd(100)}`);
  pendingProgress = line;
  if (Date.now() - progressPrintedAt >= 5000) {
    console.log(line);
    progressPrintedAt = Date.now();
    pendingProgress = null;
  }
}
function progressDone() {
  if (process.stdout.isTTY) process.stdout.write("\n");
  else if (pendingProgress !== null) console.log(pendingProgress);
  pendingProgress = null;
  progressPrintedAt = 0;
}

// ------------------------------------------------------------------ memory

function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The server process = the parent of the Meilisearch it started (pid in DATA_DIR/meilisearch.json). */
function stackPids(stack: Stack): { server?: number; meili?: number } {
  try {
    const meili = (JSON.parse(fs.readFileSync(portFile(stack.dataDir), "utf8")) as { pid: number }).pid;
    const stat = procStat(meili);
    return stat ? { server: stat.ppid, meili } : {};
  } catch {
    return {};
  }
}

/**
 * /proc/PID/stat of a process: its name, parent and CPU time (user + system) so far in ms;
 * null when it is gone. Fields after the name: state, ppid, ... utime (14th), stime (15th),
 * in clock ticks of 100 per second.
 */
function procStat(pid: number | string): { name: string; ppid: number; cpuMs: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return {
      name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
      ppid: Number(fields[1]),
      cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / 100,
    };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms; null when it cannot be read. */
function cpuMs(pid: number | undefined): number | null {
  return pid ? (procStat(pid)?.cpuMs ?? null) : null;
}

/** CPU time (ms) used so far by each PostgreSQL process (the embedded server and its backends). */
function postgresCpu(): Map<string, number> | null {
  try {
    const out = new Map<string, number>();
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = procStat(entry);
      if (stat?.name === "postgres") out.set(entry, stat.cpuMs);
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * PostgreSQL CPU used between two postgresCpu() readings: per process, so a backend that
 * exits in between (its time is gone) is left out instead of making the sum negative, and
 * one that started in between counts in full. An under-count, never below zero.
 */
function postgresCpuSince(before: Map<string, number> | null): number | null {
  const after = postgresCpu();
  if (!before || !after) return null;
  let sum = 0;
  for (const [pid, ms] of after) sum += Math.max(0, ms - (before.get(pid) ?? 0));
  return sum;
}

/** Busy CPU time of the whole machine so far (all cores, everything but idle and iowait), in ms. */
function machineCpuMs(): number | null {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0];
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return ((user + nice + system + irq + softirq + steal) * 1000) / 100;
  } catch {
    return null;
  }
}

class MemorySampler {
  peakServer = 0;
  peakMeili = 0;
  private timer: NodeJS.Timeout;
  constructor(private pids: { server?: number; meili?: number }) {
    this.timer = setInterval(() => this.sample(), 500);
  }
  sample() {
    this.peakServer = Math.max(this.peakServer, rssMb(this.pids.server) ?? 0);
    this.peakMeili = Math.max(this.peakMeili, rssMb(this.pids.meili) ?? 0);
  }
  now() {
    return { server: rssMb(this.pids.server), meili: rssMb(this.pids.meili) };
  }
  stop() {
    clearInterval(this.timer);
  }
}

// ------------------------------------------------------------------ data

interface Refs {
  owners: Array<{ id: string; name: string; fylke: string | null }>;
  areas: Array<{ id: string; slug: string }>;
}

async function prepareReferences(db: pg.Client): Promise<Refs> {
  // Synthetic municipalities next to the demo organisations.
  const ids = MUNICIPALITIES.map(([name]) => `benchorg-${name.toLowerCase().replace(/[^a-zæøå]+/g, "-")}`);
  await db.query(
    `INSERT INTO "Organisation" (id, slug, name, kind, fylke, "updatedAt")
     SELECT id, id, name, 'KOMMUNE', fylke, now() FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, name, fylke)
     ON CONFLICT (id) DO NOTHING`,
    [ids, MUNICIPALITIES.map(([n]) => `${n} kommune`), MUNICIPALITIES.map(([, f]) => f)],
  );
  const owners = (
    await db.query<{ id: string; name: string; fylke: string | null }>(`SELECT id, name, fylke FROM "Organisation" ORDER BY id`)
  ).rows;
  const areas = (await db.query<{ id: string; slug: string }>(`SELECT id, slug FROM "ChallengeArea" ORDER BY "sortOrder", slug`)).rows;
  if (!areas.length) throw new Error("No challenge areas: the stack should have been seeded with demo data.");
  return { owners, areas };
}

/** Inserts cases [from, to) with their relations; no outbox rows (see indexAll). */
async function insertCases(db: pg.Client, refs: Refs, from: number, to: number) {
  const ownerPairs = refs.owners.map((o) => [o.name, o.fylke] as [string, string | null]);
  const areaId = new Map(refs.areas.map((a) => [a.slug, a.id]));
  const slugs = refs.areas.map((a) => a.slug);
  const started = Date.now();
  for (let start = from; start < to; start += INSERT_BATCH) {
    const end = Math.min(to, start + INSERT_BATCH);
    const c = {
      id: [] as string[],
      slug: [] as string[],
      title: [] as string[],
      summary: [] as string[],
      sections: [] as string[],
      plain: [] as string[],
      status: [] as string[],
      vis: [] as string[],
      period: [] as string[],
      owner: [] as string[],
      at: [] as string[],
    };
    const co = { caseId: [] as string[], orgId: [] as string[] };
    const ca = { caseId: [] as string[], areaId: [] as string[] };
    const rr = {
      id: [] as string[],
      caseId: [] as string[],
      indicator: [] as string[],
      unit: [] as string[],
      baseline: [] as number[],
      result: [] as number[],
      period: [] as string[],
    };
    for (let n = start; n < end; n++) {
      const s = syntheticCase(SEED, n, ownerPairs, slugs);
      const owner = refs.owners[s.ownerIndex];
      c.id.push(s.id);
      c.slug.push(s.slug);
      c.title.push(s.title);
      c.summary.push(s.summary);
      c.sections.push(JSON.stringify(s.sections));
      c.plain.push(s.plainText);
      c.status.push(s.status);
      c.vis.push(s.visibility);
      c.period.push(s.periodStart);
      c.owner.push(owner.id);
      // Spread over the last two years so "newest" has something to sort.
      c.at.push(new Date(Date.UTC(2024, 0, 1) + ((n * 7919) % (730 * 86400)) * 1000).toISOString());
      if (s.coOwnerIndex !== null && refs.owners[s.coOwnerIndex].id !== owner.id) {
        co.caseId.push(s.id);
        co.orgId.push(refs.owners[s.coOwnerIndex].id);
      }
      for (const slug of s.areaSlugs) {
        ca.caseId.push(s.id);
        ca.areaId.push(areaId.get(slug)!);
      }
      s.results.forEach((r, i) => {
        rr.id.push(`${s.id}-r${i}`);
        rr.caseId.push(s.id);
        rr.indicator.push(r.indicator);
        rr.unit.push(r.unit);
        rr.baseline.push(r.baseline);
        rr.result.push(r.result);
        rr.period.push(r.period);
      });
    }
    await db.query("BEGIN");
    await db.query(
      `INSERT INTO "Case" (id, slug, title, summary, sections, "plainText", status, visibility, "periodStart", "ownerOrganisationId", "createdAt", "updatedAt")
       SELECT id, slug, title, summary, sections, plain, status, vis, period, owner, at, at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::"CaseStatus"[], $8::"Visibility"[], $9::date[], $10::text[], $11::timestamp[])
         AS t(id, slug, title, summary, sections, plain, status, vis, period, owner, at)`,
      [c.id, c.slug, c.title, c.summary, c.sections, c.plain, c.status, c.vis, c.period, c.owner, c.at],
    );
    await db.query(`INSERT INTO "CaseCoOwner" ("caseId", "organisationId") SELECT * FROM unnest($1::text[], $2::text[])`, [
      co.caseId,
      co.orgId,
    ]);
    await db.query(`INSERT INTO "CaseChallengeArea" ("caseId", "challengeAreaId") SELECT * FROM unnest($1::text[], $2::text[])`, [
      ca.caseId,
      ca.areaId,
    ]);
    await db.query(
      `INSERT INTO "CaseResult" (id, "caseId", position, indicator, unit, baseline, result, period)
       SELECT id, "caseId", 0, indicator, unit, baseline, result, period
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::text[]) AS t(id, "caseId", indicator, unit, baseline, result, period)`,
      [rr.id, rr.caseId, rr.indicator, rr.unit, rr.baseline, rr.result, rr.period],
    );
    await db.query("COMMIT");
    const secs = (Date.now() - started) / 1000;
    progress(`  inserting cases: ${end - from}/${to - from} (${Math.round((end - from) / secs)} cases/s)`);
  }
  progressDone();
  return (Date.now() - started) / 1000;
}

async function meili(stack: Stack, method: string, p: string, body?: unknown) {
  const res = await fetch(stack.meiliUrl + p, {
    method,
    headers: { ...MEILI_REQUEST_HEADERS, Authorization: `Bearer ${stack.meiliKey}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`Meilisearch ${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

async function documentCount(stack: Stack): Promise<number> {
  const stats = await meili(stack, "GET", `/indexes/${INDEX}/stats`).catch(() => ({ numberOfDocuments: 0 }));
  return Number(stats.numberOfDocuments ?? 0);
}

async function waitForDrain(db: pg.Client) {
  for (let i = 0; i < 600; i++) {
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM "EventDelivery" WHERE consumer = 'search' AND "processedAt" IS NULL`,
    );
    if (rows[0].n === "0") return;
    await sleep(100);
  }
}

/**
 * Writes one event with its search delivery per case in [from, to) (what a save writes) and waits until the
 * server's worker has drained them. Returns docs/s.
 */
async function indexThroughOutbox(db: pg.Client, stack: Stack, from: number, to: number) {
  const before = await documentCount(stack);
  const started = Date.now();
  await db.query(
    `WITH e AS (
       INSERT INTO "DomainEvent" (type, entity, "entityId")
       SELECT 'case.updated', 'case', 'bench' || lpad(n::text, 7, '0') FROM generate_series($1::int, $2::int) AS n
       RETURNING id, entity, "entityId"
     )
     INSERT INTO "EventDelivery" (consumer, "eventId", entity, "entityId") SELECT 'search', id, entity, "entityId" FROM e`,
    [from, to - 1],
  );
  const total = to - from;
  for (;;) {
    const { rows } = await db.query<{ pending: string; failing: string }>(
      `SELECT count(*) AS pending, count(*) FILTER (WHERE "lastError" IS NOT NULL) AS failing FROM "EventDelivery" WHERE consumer = 'search' AND "processedAt" IS NULL`,
    );
    const pending = Number(rows[0].pending);
    const secs = (Date.now() - started) / 1000;
    progress(
      `  indexing through the outbox: ${total - pending}/${total} (${Math.round((total - pending) / secs)} docs/s${Number(rows[0].failing) ? `, ${rows[0].failing} failing` : ""})`,
    );
    if (pending === 0) break;
    if (Date.now() - started > DRAIN_TIMEOUT_MS)
      throw new Error(`The outbox was not drained within ${DRAIN_TIMEOUT_MS / 1000} s (${pending} pending).`);
    await sleep(500);
  }
  progressDone();
  const secs = (Date.now() - started) / 1000;
  const after = await documentCount(stack);
  return { secs, docsPerSec: total / secs, indexed: after - before, documents: after };
}

/**
 * The bulk path (`npm run search:reindex`: fresh index, batches of 1000, two in flight,
 * atomic swap) over every live case. Returns docs/s.
 */
async function indexThroughReindex(stack: Stack) {
  process.env.DATABASE_URL = stack.databaseUrl;
  const { reindexCases } = await import("../search/maintenance.server");
  const started = Date.now();
  const result = await reindexCases({
    client: createSearchClient(stack.meiliUrl, stack.meiliKey, { timeoutMs: 120_000 }),
    indexName: INDEX,
    onProgress: (done, total) =>
      progress(
        `  indexing with search:reindex: ${done}/${total} (${Math.round(done / Math.max(0.001, (Date.now() - started) / 1000))} docs/s)`,
      ),
  });
  progressDone();
  const secs = (Date.now() - started) / 1000;
  return { secs, docsPerSec: result.indexed / secs, indexed: result.indexed, documents: await documentCount(stack) };
}

/** Re-saves (outbox rows for) `count` existing cases and measures the worker at the current index size. */
async function outboxSample(db: pg.Client, stack: Stack, count: number) {
  return indexThroughOutbox(db, stack, 0, count);
}

// ------------------------------------------------------------------ load

interface LoadResult {
  /** CPU ms per request used by the web process / Meilisearch / this benchmark process during the run. */
  cpu?: { server: number | null; meili: number | null; postgres: number | null; client: number; machine: number | null };
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

/** `concurrency` loops, each sending the next request of the mix until the time is up. */
async function load(send: (i: number) => Promise<void>, seconds: number, concurrency = CONCURRENCY): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let firstError: unknown;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const i = next++;
        const t0 = performance.now();
        try {
          await send(i);
          latencies.push(performance.now() - t0);
        } catch (error) {
          errors++;
          firstError ??= error;
        }
      }
    }),
  );
  if (errors) console.log(`    ${errors} failed requests, first: ${String(firstError)}`);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: latencies.length / ((performance.now() - started) / 1000),
  };
}

/** load() plus the CPU time each process spent per request during the run. */
async function measured(
  pids: { server?: number; meili?: number },
  send: (i: number) => Promise<void>,
  seconds: number,
  concurrency = CONCURRENCY,
) {
  const before = {
    server: cpuMs(pids.server),
    meili: cpuMs(pids.meili),
    postgres: postgresCpu(),
    client: process.cpuUsage(),
    machine: machineCpuMs(),
  };
  const result = await load(send, seconds, concurrency);
  const per = (a: number | null, b: number | null) => (a === null || b === null || !result.requests ? null : (b - a) / result.requests);
  const client = process.cpuUsage(before.client);
  result.cpu = {
    server: per(before.server, cpuMs(pids.server)),
    meili: per(before.meili, cpuMs(pids.meili)),
    postgres: per(0, postgresCpuSince(before.postgres)),
    client: (client.user + client.system) / 1000 / Math.max(1, result.requests),
    machine: per(before.machine, machineCpuMs()),
  };
  return result;
}

const cpuText = (r: LoadResult) =>
  r.cpu
    ? `; CPU per request: web process ${fmt(r.cpu.server ?? NaN, 2)} ms, Meilisearch ${fmt(r.cpu.meili ?? NaN, 2)} ms, PostgreSQL ${fmt(r.cpu.postgres ?? NaN, 2)} ms, benchmark client ${fmt(r.cpu.client, 2)} ms, whole machine ${fmt(r.cpu.machine ?? NaN, 2)} ms (${os.cpus().length} cores)`
    : "";

/**
 * A search through the app as a visitor. "html" = the whole server-rendered page; "data" =
 * the same route's loader data (what the page fetches for results as you type).
 */
function appRequest(stack: Stack, kind: "html" | "data" = "html") {
  const suffix = kind === "data" ? "&_data=routes%2Fsearch" : "";
  return async (i: number) => {
    const res = await fetch(`${stack.baseUrl}/search?${QUERY_MIX[i % QUERY_MIX.length]}${suffix}`, { redirect: "manual" });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET /search?${QUERY_MIX[i % QUERY_MIX.length]}: ${res.status}`);
    if (body.includes("data-degraded") && i < 1) console.log("    warning: the page says search is degraded");
  };
}

/**
 * The exact multi-search the app sends for each mix entry, as a visitor - same body and same
 * headers (MEILI_REQUEST_HEADERS: without `Accept-Encoding: identity` every response would
 * carry a ~40 ms delayed-ACK stall that the app does not pay, and "direct" would look slow).
 */
function directBodies() {
  return MIX_PARAMS.map((params) => JSON.stringify({ queries: buildSearchQueries(INDEX, caseVisibilityScope(null), params) }));
}

function directRequest(stack: Stack) {
  const bodies = directBodies();
  return async (i: number) => {
    const res = await fetch(`${stack.meiliUrl}/multi-search`, {
      method: "POST",
      headers: { ...MEILI_REQUEST_HEADERS, Authorization: `Bearer ${stack.meiliKey}`, "Content-Type": "application/json" },
      body: bodies[i % bodies.length],
    });
    await res.text();
    if (res.status !== 200) throw new Error(`multi-search: ${res.status}`);
  };
}

// ------------------------------------------------------------------ save-to-searchable

function token(i: number) {
  if (i < 0) return "zyqxwarmupbenchsave";
  // A word no generated case contains: letters only (digits would be split off).
  const letters = "bcdfghjklmnpqrstvwxz";
  let s = "";
  let n = i + 1000;
  while (n > 0) {
    s += letters[n % letters.length];
    n = Math.floor(n / letters.length);
  }
  return `zyqx${s}benchsave`;
}

async function saveToSearchable(stack: Stack, refs: Refs, count: number) {
  process.env.DATABASE_URL = stack.databaseUrl;
  const { createCase } = await import("~/models/case.server");
  const { disconnectDb } = await import("~/utils/db.server");
  const owner = refs.owners.find((o) => o.id.startsWith("benchorg-")) ?? refs.owners[0];
  const latencies: number[] = [];
  try {
    // i = -1: a warm-up save (Prisma connects, first-call costs); not measured.
    for (let i = -1; i < count; i++) {
      const word = token(i);
      const sections = Object.fromEntries(
        SECTION_KEYS.map((k) => [k, textToDoc(k === "challenge" ? `Vi testet hvor fort en lagret case blir søkbar (${word}).` : "")]),
      );
      const t0 = performance.now();
      const saved = await createCase(
        {
          title: `Lagret og søkbar ${i}: sykefraværsoppfølging ${word}`,
          summary: `En case lagret av ytelsestesten for å måle tiden fra lagring til søkbar (${word}).`,
          sections: sections as never,
          status: "PILOTING",
          visibility: "PUBLIC",
          contentLanguage: "nb",
          periodStart: null,
          periodEnd: null,
          ownerOrganisationId: owner.id,
          coOwnerIds: [],
          challengeAreaIds: [refs.areas[(i + refs.areas.length) % refs.areas.length].id],
          contactName: null,
          contactRole: null,
          contactEmail: null,
          results: [],
        },
        null,
      );
      const id = saved.id;
      for (;;) {
        const res = await meili(stack, "POST", `/indexes/${INDEX}/search`, {
          q: word,
          filter: 'visibility = "PUBLIC"',
          attributesToRetrieve: ["id"],
          limit: 1,
        });
        const hits = res.hits as Array<{ id: string }>;
        if (hits.length && (!id || hits[0].id === id)) break;
        if (performance.now() - t0 > 30_000) throw new Error(`case ${i} (${word}) was not searchable after 30 s`);
        await sleep(20);
      }
      if (i >= 0) {
        latencies.push(performance.now() - t0);
        progress(`  save-to-searchable: ${i + 1}/${count} (last ${Math.round(latencies[latencies.length - 1])} ms)`);
      }
      await sleep(100 + ((i + 5) % 5) * 37); // not in lock-step with the worker's idle pause
    }
    progressDone();
  } finally {
    await disconnectDb();
  }
  latencies.sort((a, b) => a - b);
  return { count, p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies[latencies.length - 1] };
}

// ------------------------------------------------------------------ main

/**
 * Reduced search (the PostgreSQL fallback the page uses while Meilisearch is down), one query
 * at a time in this process, through the query mix until `seconds` have passed: how long a
 * search takes during an outage at this size. No target; the figures are for planning.
 */
async function reducedSearch(stack: Stack, seconds: number) {
  process.env.DATABASE_URL = stack.databaseUrl;
  const { searchCasesWithDatabase } = await import("~/models/search.server");
  const visitor = caseVisibilityScope(null);
  const latencies: number[] = [];
  // One untimed call first (Prisma connects).
  await searchCasesWithDatabase(visitor, MIX_PARAMS[0]);
  const postgresBefore = postgresCpu();
  const deadline = performance.now() + seconds * 1000;
  for (let i = 0; i < MIX_PARAMS.length && performance.now() < deadline; i++) {
    const t0 = performance.now();
    const result = await searchCasesWithDatabase(visitor, MIX_PARAMS[i]);
    latencies.push(performance.now() - t0);
    if (!result.degraded) throw new Error("the fallback did not say it was degraded");
    progress(`  reduced search: ${i + 1}/${QUERY_MIX.length} (last ${Math.round(latencies[latencies.length - 1])} ms)`);
  }
  progressDone();
  const postgresMs = postgresCpuSince(postgresBefore);
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    p50: percentile(latencies, 50),
    max: latencies[latencies.length - 1] ?? NaN,
    postgresCpuPerSearch: postgresMs === null || !latencies.length ? NaN : postgresMs / latencies.length,
  };
}

interface SizeRow {
  size: number;
  insertSecs: number;
  index: { secs: number; docsPerSec: number; documents: number; path: string };
  outboxAtSize: number | null;
  app: LoadResult;
  appData: LoadResult;
  direct: LoadResult;
  appSeq: LoadResult;
  directSeq: LoadResult;
  reduced: Awaited<ReturnType<typeof reducedSearch>>;
  rss: { server: number | null; meili: number | null };
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "-");

async function main() {
  const benchStarted = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-bench-search-"));
  fs.chmodSync(dataDir, 0o755);
  console.log(`Starting a throwaway stack in ${dataDir} …`);
  const stack = await startStack({
    dataDir,
    seed: true,
    nodeArgs: [...SERVER_NODE_ARGS, ...(CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(CPU_PROF_DIR)}`] : [])],
  });
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  let sampler: MemorySampler | undefined;
  const rows: SizeRow[] = [];
  let saves: Awaited<ReturnType<typeof saveToSearchable>> | undefined;
  try {
    if (!stack.meiliUrl) throw new Error(`The server did not start Meilisearch:\n${stack.output().slice(-2000)}`);
    await db.connect();
    const pids = stackPids(stack);
    console.log(
      `App ${stack.baseUrl} (pid ${pids.server ?? "?"}), Meilisearch ${stack.meiliUrl} (pid ${pids.meili ?? "?"}); ${os.cpus().length} cores, node ${process.version}.`,
    );
    sampler = new MemorySampler(pids);
    const refs = await prepareReferences(db);
    // Let the demo data's own outbox rows drain first.
    await waitForDrain(db);

    let have = 0;
    for (const size of SIZES) {
      console.log(`\n== ${size.toLocaleString("en")} cases ==`);
      const insertSecs = await insertCases(db, refs, have, size);
      let index: SizeRow["index"];
      let outboxAtSize: number | null = null;
      if (size - have <= OUTBOX_LIMIT) {
        const r = await indexThroughOutbox(db, stack, have, size);
        index = { ...r, path: "outbox worker" };
        console.log(
          `  indexed ${(size - have).toLocaleString("en")} new cases through the outbox in ${fmt(r.secs)} s = ${Math.round(r.docsPerSec)} docs/s (index: ${r.documents.toLocaleString("en")} documents)`,
        );
        outboxAtSize = r.docsPerSec;
      } else {
        const r = await indexThroughReindex(stack);
        index = { ...r, path: "search:reindex (bulk)" };
        console.log(
          `  reindexed all ${r.indexed.toLocaleString("en")} cases in ${fmt(r.secs)} s = ${Math.round(r.docsPerSec)} docs/s (index: ${r.documents.toLocaleString("en")} documents)`,
        );
        const sample = await outboxSample(db, stack, OUTBOX_SAMPLE);
        outboxAtSize = sample.docsPerSec;
        console.log(
          `  outbox worker at this size: ${OUTBOX_SAMPLE} re-saved cases in ${fmt(sample.secs)} s = ${Math.round(sample.docsPerSec)} docs/s`,
        );
      }
      have = size;
      // Otherwise autovacuum/analyze of the rows just written runs during the load runs below and
      // takes CPU from whichever run it lands in.
      await db.query("VACUUM ANALYZE");

      console.log(`  warm-up …`);
      await load(appRequest(stack), 3);
      await load(directRequest(stack), 2);
      console.log(`  app: GET /search (HTML, visitor), ${CONCURRENCY} concurrent, ${DURATION_S} s …`);
      const app = await measured(pids, appRequest(stack), DURATION_S);
      console.log(`    ${app.requests} requests, ${fmt(app.rps, 0)} req/s, p50 ${fmt(app.p50)} ms, p95 ${fmt(app.p95)} ms${cpuText(app)}`);
      console.log(`  app: GET /search loader data (as-you-type JSON, visitor), ${CONCURRENCY} concurrent, ${DURATION_S} s …`);
      const appData = await measured(pids, appRequest(stack, "data"), DURATION_S);
      console.log(
        `    ${appData.requests} requests, ${fmt(appData.rps, 0)} req/s, p50 ${fmt(appData.p50)} ms, p95 ${fmt(appData.p95)} ms${cpuText(appData)}`,
      );
      console.log(`  direct: Meilisearch /multi-search (same requests), ${CONCURRENCY} concurrent, ${DURATION_S} s …`);
      const direct = await measured(pids, directRequest(stack), DURATION_S);
      console.log(
        `    ${direct.requests} requests, ${fmt(direct.rps, 0)} req/s, p50 ${fmt(direct.p50)} ms, p95 ${fmt(direct.p95)} ms${cpuText(direct)}`,
      );
      // One request at a time: the cost of a single search without queueing.
      const appSeq = await measured(pids, appRequest(stack), SEQUENTIAL_S, 1);
      const directSeq = await measured(pids, directRequest(stack), SEQUENTIAL_S, 1);
      console.log(
        `  one at a time (${SEQUENTIAL_S} s each): app p50 ${fmt(appSeq.p50)} ms / p95 ${fmt(appSeq.p95)} ms, direct p50 ${fmt(directSeq.p50)} ms / p95 ${fmt(directSeq.p95)} ms`,
      );
      console.log(`    app${cpuText(appSeq)}`);
      console.log(`    direct${cpuText(directSeq)}`);
      const reduced = await reducedSearch(stack, REDUCED_S);
      console.log(
        `  reduced search (PostgreSQL fallback, one at a time): ${reduced.count} queries, p50 ${fmt(reduced.p50, 0)} ms, max ${fmt(reduced.max, 0)} ms; PostgreSQL CPU ${fmt(reduced.postgresCpuPerSearch, 0)} ms per search`,
      );
      rows.push({ size, insertSecs, index, outboxAtSize, app, appData, direct, appSeq, directSeq, reduced, rss: sampler.now() });
    }

    console.log(`\n== save-to-searchable (${SAVES} saves through createCase, at ${have.toLocaleString("en")} cases) ==`);
    saves = await saveToSearchable(stack, refs, SAVES);
  } finally {
    sampler?.stop();
    await db.end().catch(() => {});
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  console.log("\nResults");
  console.table(
    rows.map((r) => ({
      cases: r.size,
      "insert s": fmt(r.insertSecs),
      "index path": r.index.path,
      "index docs/s": Math.round(r.index.docsPerSec),
      "outbox docs/s": r.outboxAtSize === null ? "-" : Math.round(r.outboxAtSize),
      "app p50": fmt(r.app.p50),
      "app p95": fmt(r.app.p95),
      "direct p50": fmt(r.direct.p50),
      "direct p95": fmt(r.direct.p95),
      "p95 ratio": fmt(r.app.p95 / r.direct.p95, 2),
      "app p50 @1": fmt(r.appSeq.p50),
      "direct p50 @1": fmt(r.directSeq.p50),
      "app req/s": Math.round(r.app.rps),
      "direct req/s": Math.round(r.direct.rps),
      "target app p95 <= 1.5x+10": `${fmt(1.5 * r.direct.p95 + 10)} ${r.app.p95 <= 1.5 * r.direct.p95 + 10 ? "OK" : "MISSED"}`,
      "app JSON p50": fmt(r.appData.p50),
      "app JSON p95": fmt(r.appData.p95),
      "JSON target": r.appData.p95 <= 1.5 * r.direct.p95 + 10 ? "OK" : "MISSED",
      "reduced p50 @1": `${fmt(r.reduced.p50, 0)} (${r.reduced.count} q)`,
      "server RSS MB": r.rss.server === null ? "-" : Math.round(r.rss.server),
      "meili RSS MB": r.rss.meili === null ? "-" : Math.round(r.rss.meili),
    })),
  );
  if (saves) {
    console.log(
      `Save-to-searchable (${saves.count} saves): p50 ${fmt(saves.p50, 0)} ms, p95 ${fmt(saves.p95, 0)} ms, max ${fmt(saves.max, 0)} ms; target p95 <= 2000 ms: ${saves.p95 <= 2000 ? "OK" : "MISSED"}`,
    );
  }
  if (sampler) console.log(`Peak RSS: server ${Math.round(sampler.peakServer)} MB, Meilisearch ${Math.round(sampler.peakMeili)} MB.`);
  console.log(
    `Query mix: ${QUERY_MIX.length} searches (typos, compounds, synonyms, facets, sort, paging), latencies measured by this process with ${CONCURRENCY} requests in flight ("@1": one at a time).`,
  );
  console.log(`Whole benchmark: ${fmt((Date.now() - benchStarted) / 1000, 0)} s.`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
