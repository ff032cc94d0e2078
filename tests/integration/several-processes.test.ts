/**
 * Several web processes on one database (docs/decisions/013, docs/deploy.md): three app
 * processes started together on an empty database, one PostgreSQL, one Meilisearch, one
 * Redis, nginx in front with the config docs/deploy ships. Editors on different processes
 * converge; kill -9 of a process loses nothing stored and its editors carry on through nginx
 * on another process; a case created through one process is found through another; Redis
 * going away and coming back; form saves and revocations made through one process reach
 * documents open on another.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { createSession } from "~/models/session.server";
import { db } from "~/utils/db.server";
import { restoreModelDatabase, useModelDatabase } from "../support/model-database";
import { prng } from "../../scripts/lib/prng";
import { getChallengeAreaById, updateChallengeArea } from "~/models/challenge-area.server";
import { removeMember } from "~/models/membership.server";
import { caseFormFields, createFullCase, createTestArea, editFormFields } from "../support/case-factories";
import { connectCollab, until, type CollabClient } from "../support/collab-client";
import { convergedAndStored, expectedTokens, randomEdit, sleep, storedCase, tokenProblems, type Typist } from "../support/collab-fuzz";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { Client } from "../support/http";
import { multiStackTools, startMultiStack, type MultiStack } from "../support/multi-stack";

// redis-server and nginx are Debian packages .ci/run installs; in CI their absence is a failure.
const tools = multiStackTools();
const available = !!tools.redis && !!tools.nginx;
if (!available && process.env.CI)
  throw new Error("several-processes tests need redis-server and nginx (apt-get install redis-server nginx)");
const describeStack = available ? describe : describe.skip;

let stack: MultiStack;
let dir: string;
let org: { id: string };
let area: { id: string };
let cookies: string[];
const clients = new Set<CollabClient>();

/** A live client on process `on` (0-based index) directly, or through nginx ("nginx"). */
function connect(caseId: string, who: number, on: number | "nginx") {
  const baseUrl = on === "nginx" ? stack.baseUrl : stack.processes[on].url;
  const c = connectCollab({ baseUrl, caseId, cookie: cookies[who], origin: stack.baseUrl });
  clients.add(c);
  return c;
}

function newCase(visibility: "DRAFT" | "MEMBERS" = "MEMBERS") {
  return createFullCase({ ownerOrganisationId: org.id, challengeAreaIds: [area.id], visibility });
}

/** A browser talking to one process directly (its forms carry the public Origin, as through nginx). */
class ProcessClient extends Client {
  constructor(direct: string) {
    super();
    (this as { baseUrl: string }).baseUrl = direct;
  }
  override post(
    p: string,
    fields: Record<string, string | string[]> | URLSearchParams,
    options: { csrf?: boolean | string; origin?: string | null } = {},
  ) {
    return super.post(p, fields, { origin: stack.baseUrl, ...options });
  }
  /** The Cookie header its session gives a live-editing socket. */
  liveCookie() {
    return `lb_session=${encodeURIComponent(this.cookie("lb_session")!)}`;
  }
}

async function loginOn(processIndex: number, user: { email: string; password: string }) {
  const c = new ProcessClient(stack.processes[processIndex].url);
  await c.login(user.email, user.password);
  return c;
}

/** Resolves with the time the client's socket closed (after `since`). */
function closedAfter(c: CollabClient, since: number) {
  return new Promise<number>((resolve) => {
    c.provider.on("close", () => {
      const now = Date.now();
      if (now >= since) resolve(now);
    });
  });
}

/** Figures for the final report, printed once at the end. */
const figures: string[] = [];

describeStack("several web processes", () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-multi-"));
    stack = await startMultiStack({ dir, processes: 3, env: { SEED_DEMO_DATA: "true" } });
    await useModelDatabase(stack.databaseUrl);
    org = await createOrganisation();
    area = await createTestArea();
    const users = await Promise.all([0, 1, 2].map(() => createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] })));
    cookies = await Promise.all(users.map(async (u) => `lb_session=${await createSession(u.id)}`));
  }, 240_000);

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await restoreModelDatabase();
    if (stack) {
      const log = stack.output() + `\n===== nginx =====\n${stack.nginxOutput()}\n===== redis =====\n${stack.redisOutput()}`;
      await stack.stop();
      fs.mkdirSync(path.resolve("tests/.artifacts"), { recursive: true });
      fs.writeFileSync(path.resolve("tests/.artifacts", `several-processes-${Date.now()}.log`), log);
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (figures.length) process.stdout.write(`[several-processes] ${figures.join("; ")}\n`);
  }, 120_000);

  afterEach(() => {
    for (const c of clients) c.destroy();
    clients.clear();
  });

  it("three processes started together on an empty database: migrated once, seeded once, all serving through nginx", async () => {
    const outputs = stack.processes.map((p) => p.output());
    expect(outputs.filter((o) => /Applied \d+ migration\(s\)/.test(o))).toHaveLength(1);
    expect(outputs.filter((o) => /Database schema is up to date/.test(o))).toHaveLength(2);
    expect(outputs.filter((o) => /Seeded demo data/.test(o))).toHaveLength(1);
    for (const o of outputs) expect(o).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ connected/);
    const applied = await db().$queryRaw<
      Array<{ n: bigint; names: bigint }>
    >`SELECT count(*) AS n, count(DISTINCT migration_name) AS names FROM _prisma_migrations`;
    expect(applied[0].n).toBe(applied[0].names);
    const byProcess = await Promise.all(stack.processes.map((p) => fetch(`${p.url}/healthz`).then((r) => r.status)));
    expect(byProcess).toEqual([200, 200, 200]);
    expect((await fetch(`${stack.baseUrl}/`)).status).toBe(200);
  });

  it("nginx replaces a client's X-Forwarded-For (the address the app trusts is the one nginx saw)", async () => {
    const forged = "203.0.113.77";
    // A refused upgrade logs the client address the app settled on (TRUST_PROXY=true: the left-most entry).
    const refusedFrom = (url: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url.replace(/^http/, "ws") + "/collab", {
          headers: { Origin: "http://elsewhere.example", "X-Forwarded-For": forged },
        });
        ws.on("unexpected-response", (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on("error", () => {});
      });
    // What the processes logged since `marks` (per process: outputs are not in time order).
    const marks = () => stack.processes.map((p) => p.output().length);
    const refusalsSince = (from: number[]) =>
      stack.processes.flatMap(
        (p, i) =>
          p
            .output()
            .slice(from[i])
            .match(/upgrade refused \(403 origin\): \S+/g) ?? [],
      );
    let from = marks();
    expect(await refusedFrom(stack.baseUrl)).toBe(403);
    await until(() => refusalsSince(from).length > 0, "the refusal is logged", 5000);
    expect(refusalsSince(from)).toEqual(["upgrade refused (403 origin): 127.0.0.1"]);
    // Control: straight to a process (which nginx would never allow in production), the forged header wins.
    from = marks();
    expect(await refusedFrom(stack.processes[0].url)).toBe(403);
    await until(() => refusalsSince(from).length > 0, "the second refusal is logged", 5000);
    expect(refusalsSince(from)).toEqual([`upgrade refused (403 origin): ${forged}`]);
  });

  it("two editors on different processes converge (one character at a time, and seeded random editing with disconnects)", async () => {
    const c = await newCase();
    const a = connect(c.id, 0, 0);
    const b = connect(c.id, 1, 1);
    await Promise.all([a.synced(), b.synced()]);
    // One edit each way, timed (a figure for the report, not an assertion on speed).
    const marker = `FRA-A-${uniqueSuffix()}`;
    let started = Date.now();
    a.appendParagraph("results", marker);
    await until(() => b.text().includes(marker), "b (process 2) sees a's edit (process 1)", 10_000);
    const aToB = Date.now() - started;
    const reply = `FRA-B-${uniqueSuffix()}`;
    started = Date.now();
    b.appendParagraph("lessons", reply);
    await until(() => a.text().includes(reply), "a sees b's edit", 10_000);
    figures.push(`edit propagation process 1 -> 2: ${aToB} ms, 2 -> 1: ${Date.now() - started} ms`);

    // Three processes, three editors, random edits and disconnects.
    const random = prng(1313);
    const d = connect(c.id, 2, 2);
    await d.synced();
    const typists: Typist[] = [a, b, d].map((client) => ({ client, typed: [], deleted: new Set() }));
    for (let step = 0; step < 150; step++) {
      const typist = random.pick(typists);
      randomEdit(typist, `m${typists.indexOf(typist)}x`, random);
      if (step === 60) typists[1].client.disconnect();
      if (step === 90) typists[1].client.reconnect();
      await sleep(random.int(12));
    }
    started = Date.now();
    const { expected } = await convergedAndStored(typists, c.id);
    figures.push(`3 editors on 3 processes, 150 random edits: converged and stored ${Date.now() - started} ms after the last edit`);
    expect(expected.present.length).toBeGreaterThan(60);
    expect((await storedCase(c.id)).plainText).toContain(marker);
  }, 90_000);

  it("kill -9 of one process loses nothing that was stored; its editors reconnect through nginx to another process and keep editing", async () => {
    const c = await newCase();
    // Three consecutive WebSocket upgrades through nginx go to three different processes (round robin).
    const typists: Typist[] = [0, 1, 2].map((who) => ({ client: connect(c.id, who, "nginx"), typed: [], deleted: new Set() }));
    await Promise.all(typists.map((t) => t.client.synced()));
    const closedAt = new Map<CollabClient, number>();
    for (const t of typists) t.client.provider.on("close", () => closedAt.has(t.client) || closedAt.set(t.client, Date.now()));
    const random = prng(99);
    for (let step = 0; step < 50; step++) {
      const typist = random.pick(typists);
      randomEdit(typist, `k${typists.indexOf(typist)}x`, random);
      await sleep(random.int(12));
    }
    const storedTokens = (text: string) => text.match(/k\dxt\d+/g) ?? [];
    await until(async () => storedTokens((await storedCase(c.id)).plainText).length >= 10, "some typing is stored", 15_000);
    const before = await storedCase(c.id);
    const storedBefore = storedTokens(before.plainText);
    const victim = stack.processes[1];
    const killedAt = Date.now();
    await victim.kill("SIGKILL");
    // Keep typing through the crash.
    for (let step = 0; step < 80; step++) {
      const typist = random.pick(typists);
      randomEdit(typist, `k${typists.indexOf(typist)}x`, random);
      await sleep(random.int(15));
    }
    const dropped = typists.filter((t) => (closedAt.get(t.client) ?? 0) >= killedAt);
    expect(dropped.length).toBeGreaterThanOrEqual(1);
    const { row } = await convergedAndStored(typists, c.id, 40_000);
    // Everything stored before the crash is still there.
    expect(storedBefore.length).toBeGreaterThanOrEqual(10);
    for (const token of storedBefore) {
      if (typists.some((t) => t.deleted.has(token))) continue;
      expect(row.plainText).toContain(token);
    }
    // The dropped editors are connected again (to a living process: the victim is dead) and typing still arrives.
    expect(victim.running()).toBe(false);
    const after = `ETTER-KRASJ-${uniqueSuffix()}`;
    dropped[0].client.appendParagraph("partners", after);
    await until(async () => (await storedCase(c.id)).plainText.includes(after), "an edit after the crash is stored", 15_000);
    figures.push(`kill -9: ${dropped.length} of 3 editors dropped, all converged through nginx`);
    await victim.restart();
  }, 120_000);

  it("a case created through one process is found by search through another", async () => {
    const word = `flerprosess${uniqueSuffix()}`;
    const user = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
    const onA = new ProcessClient(stack.processes[0].url);
    await onA.login(user.email, user.password);
    const res = await onA.post(
      "/cases/new",
      caseFormFields({ title: `Saken om ${word}`, ownerOrganisationId: org.id, challengeAreaIds: area.id, visibility: "PUBLIC" }),
    );
    expect(res.status).toBe(302);
    // Indexed by whichever process's search worker claimed the outbox row ...
    await until(
      async () => {
        const r = await fetch(`${stack.meiliUrl}/indexes/lb_cases/search`, {
          method: "POST",
          headers: { Authorization: `Bearer ${stack.meiliKey}`, "Content-Type": "application/json" },
          body: JSON.stringify({ q: word }),
        });
        return r.ok && ((await r.json()) as { hits: unknown[] }).hits.length === 1;
      },
      "the case is in Meilisearch",
      20_000,
    );
    // ... and found through another process.
    const page = await fetch(`${stack.processes[2].url}/search?q=${word}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`href="/cases/saken-om-${word}"`);
  }, 60_000);

  it("Redis going away stops nothing: pages are served, a process even starts without it, and editors converge again once it is back", async () => {
    const c = await newCase();
    const a = connect(c.id, 0, 0);
    const b = connect(c.id, 1, 1);
    await Promise.all([a.synced(), b.synced()]);
    const unreachable = /WARNING: Redis at redis:\/\/127\.0\.0\.1:\d+ is unreachable .*: pages are served/;
    const seen = stack.processes.map((p) => (p.output().match(new RegExp(unreachable, "g")) ?? []).length);
    await stack.stopRedis();
    await until(
      () => stack.processes.slice(0, 2).every((p, i) => (p.output().match(new RegExp(unreachable, "g")) ?? []).length > seen[i]),
      "each process logs that Redis is unreachable",
      10_000,
    );
    // Pages through nginx, and a process (re)started while Redis is away.
    expect((await fetch(`${stack.baseUrl}/`)).status).toBe(200);
    // The readiness check reports it (docs/operations.md decides what that means for the status).
    const redisCheck = async (p: { url: string }) =>
      ((await (await fetch(`${p.url}/readyz`)).json()) as { checks: { redis?: string } }).checks.redis;
    await until(async () => (await redisCheck(stack.processes[0])) !== "ok", "/readyz reports Redis as not ok", 5000);
    const third = stack.processes[2];
    // A clean stop does not hang on the unreachable Redis.
    expect((await third.kill("SIGTERM")).code).toBe(0);
    const from = third.output().length;
    await third.restart();
    await until(() => unreachable.test(third.output().slice(from)), "the restarted process says Redis is unreachable", 10_000);
    expect((await fetch(`${third.url}/healthz`)).status).toBe(200);
    // Live editing goes on within each process; each stores its own editors' changes (merged in the database).
    const d = connect(c.id, 2, 2);
    await d.synced();
    const typists: Typist[] = [a, b, d].map((client) => ({ client, typed: [], deleted: new Set() }));
    const random = prng(4242);
    // b (process 2) only reads while Redis is away: it must catch up without typing itself.
    const writers = [typists[0], typists[2]];
    for (let step = 0; step < 60; step++) {
      const typist = random.pick(writers);
      randomEdit(typist, `r${typists.indexOf(typist)}x`, random);
      await sleep(random.int(12));
    }
    // Every process stored its own editors' typing; each store merged what the others had stored.
    await until(
      async () => tokenProblems((await storedCase(c.id)).plainText, expectedTokens(typists)).length === 0,
      "all typing is stored while Redis is away",
      20_000,
    );
    const reachable = stack.processes.map((p) => (p.output().match(/Redis at \S+ (is reachable again|connected)/g) ?? []).length);
    await stack.startRedis();
    await until(
      () => stack.processes.every((p, i) => (p.output().match(/Redis at \S+ (is reachable again|connected)/g) ?? []).length > reachable[i]),
      "each process reconnects to Redis",
      15_000,
    );
    await until(async () => (await redisCheck(stack.processes[0])) === "ok", "/readyz reports Redis as ok again", 5000);
    // Without a further keystroke, the processes exchange what they missed (well before the
    // 30 s safety-net sweep could bring it from the database).
    const { expected } = await convergedAndStored(typists, c.id, 12_000);
    expect(expected.present.length).toBeGreaterThan(20);
  }, 120_000);

  describe("changes made through one process reach documents open on another (domain events over LISTEN/NOTIFY)", () => {
    it("a form save through process 1 reaches the open document on process 2 (long before the 30 s sweep)", async () => {
      const c = await newCase();
      const user = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
      const onA = await loginOn(0, user);
      const b = connect(c.id, 1, 1);
      await b.synced();
      const typing = `SKRIVER-PAA-B-${uniqueSuffix()}`;
      b.appendParagraph("partners", typing);
      await until(async () => (await storedCase(c.id)).plainText.includes(typing), "b's typing is stored");
      const formText = `Skjemaet på prosess 1 ${uniqueSuffix()}`;
      const row = await db().case.findUniqueOrThrow({ where: { id: c.id }, select: { version: true } });
      const started = Date.now();
      // The form as the page shows it now (b's typing included), with a new challenge text.
      const res = await onA.post(
        `/cases/${c.slug}/edit`,
        editFormFields(c, {
          version: String(row.version),
          "sections.challenge": formText,
          "sections.partners": b.text("partners"),
          contentVersion: "",
        }),
      );
      expect(res.status).toBe(302);
      await until(() => b.text("challenge") === formText, "the form's text reaches the editor on process 2", 5000);
      figures.push(`form save on process 1 -> open document on process 2: ${Date.now() - started} ms`);
      // Nothing lost or doubled: the form's text and b's typing, each once.
      const after = `ETTERPAA-${uniqueSuffix()}`;
      b.appendParagraph("lessons", after);
      await until(async () => (await storedCase(c.id)).plainText.includes(after), "b's next edit is stored");
      const final = await storedCase(c.id);
      expect(final.plainText.split(formText).length - 1).toBe(1);
      expect(final.plainText.split(typing).length - 1).toBe(1);
      expect(final.plainText).not.toContain("Utfordringen");
    }, 60_000);

    it("a logout through process 1 closes the same session's socket on process 2 within a second", async () => {
      const c = await newCase();
      const user = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
      const onA = await loginOn(0, user);
      const live = connectCollab({
        baseUrl: stack.processes[1].url,
        caseId: c.id,
        cookie: onA.liveCookie(),
        origin: stack.baseUrl,
        fastReconnect: false,
      });
      clients.add(live);
      await live.synced();
      const sent = Date.now();
      const closed = closedAfter(live, sent);
      const res = await onA.post("/logout", {});
      const answered = Date.now();
      expect(res.status).toBe(302);
      const closedAt = await Promise.race([closed, sleep(5000).then(() => Number.NaN)]);
      // The commit happened between sending the form and its answer: measured from the send
      // (an upper bound of commit -> close), the socket on the other process closed within 1 s.
      expect(closedAt - sent).toBeLessThan(1000);
      await until(() => live.closedReason() === "access-revoked" || !!live.denied(), "the close says why", 2000);
      figures.push(
        `logout on process 1 -> socket closed on process 2: ${closedAt - sent} ms after sending the logout (${closedAt - answered} ms after its answer)`,
      );
    }, 30_000);

    it("removing a membership (committed by yet another process) closes the member's socket on process 3 within a second", async () => {
      // A draft: only the owner organisation's members may see it.
      const c = await newCase("DRAFT");
      const user = await createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] });
      const live = connectCollab({
        baseUrl: stack.processes[2].url,
        caseId: c.id,
        cookie: `lb_session=${await createSession(user.id)}`,
        origin: stack.baseUrl,
        fastReconnect: false,
      });
      clients.add(live);
      await live.synced();
      // Another editor of the same case on process 1 keeps access.
      const stays = connect(c.id, 0, 0);
      await stays.synced();
      const closed = closedAfter(live, Date.now());
      const result = await removeMember(org.id, user.memberships[0].id);
      const committed = Date.now();
      expect(result.ok).toBe(true);
      const closedAt = await Promise.race([closed, sleep(5000).then(() => Number.NaN)]);
      expect(closedAt - committed).toBeLessThan(1000);
      await until(() => live.closedReason() === "access-revoked" || !!live.denied(), "the close says why", 2000);
      figures.push(`membership removal committed -> socket closed on process 3: ${closedAt - committed} ms`);
      // ... while the editor who kept access goes on editing on process 1.
      const still = `FORTSATT-${uniqueSuffix()}`;
      stays.appendParagraph("results", still);
      await until(async () => (await storedCase(c.id)).plainText.includes(still), "the remaining editor's edit is stored");
      expect(stays.closedReason()).toBeNull();
    }, 30_000);

    it("renaming a challenge area (committed elsewhere) reaches every process's cached area list at once", async () => {
      const current = await getChallengeAreaById(area.id);
      if (!current) throw new Error("the test area is gone");
      // Each process has the area list cached for its search page (at most 30 s old).
      const searchPage = async (p: { url: string }) => (await fetch(`${p.url}/search?q=x`)).text();
      for (const html of await Promise.all(stack.processes.map(searchPage))) expect(html).toContain(current.nameNb);
      const renamed = `Omdøpt område ${uniqueSuffix()}`;
      const { slug, nameEn, descriptionNb, descriptionEn, sortOrder } = current;
      await updateChallengeArea(area.id, { slug, nameNb: renamed, nameEn, descriptionNb, descriptionEn, sortOrder });
      // Well inside the cache's 30 s age limit: the event dropped each copy.
      await until(
        async () => (await Promise.all(stack.processes.map(searchPage))).every((html) => html.includes(renamed)),
        "every process shows the new name",
        5000,
      );
    }, 30_000);
  });
});
