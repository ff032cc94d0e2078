/**
 * npm run bench:notify [-- --events 300 --followers 50 --seed 42]
 *
 * Event-to-notification latency (docs/decisions/020-follows-and-notifications.md): starts the
 * real stack (embedded PostgreSQL + the built server, which runs the "notifications" consumer),
 * makes N users follow one challenge area, then publishes cases there one after another
 * through the model (createCase: case + "case.published" event in one transaction). For each
 * case it measures from the moment the committing transaction returned to the moment the
 * Notification rows are visible to another connection (polled every 2 ms; all rows of one
 * event appear in one commit). Prints p50/p95/max in ms. No assertions: numbers for the note.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startStack } from "../tests/support/stack";

function arg(name: string, fallback: string) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const EVENTS = Number(arg("events", "300"));
const FOLLOWERS = Number(arg("followers", "50"));
const POLL_MS = 2;
const TIMEOUT_MS = 30_000;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-bench-notify-"));
  const stack = await startStack({ dataDir, seed: false, search: false });
  try {
    process.env.DATABASE_URL = stack.databaseUrl;
    const { db, disconnectDb } = await import("~/utils/db.server");
    const { createCase } = await import("~/models/case.server");
    const { CaseInputSchema } = await import("~/schemas/case");
    const suffix = Date.now().toString(36);
    const org = await db().organisation.create({ data: { slug: `bench-${suffix}`, name: `Benchkommune ${suffix}`, kind: "KOMMUNE" } });
    const area = await db().challengeArea.create({ data: { slug: `bench-area-${suffix}`, nameNb: "Benchområde", nameEn: "Bench area" } });
    const editor = await db().user.create({
      data: {
        email: `editor-${suffix}@example.test`,
        name: "Bench Editor",
        memberships: { create: { organisationId: org.id, role: "EDITOR" } },
      },
    });
    for (let i = 0; i < FOLLOWERS; i++) {
      const u = await db().user.create({ data: { email: `follower-${i}-${suffix}@example.test`, name: `Follower ${i}` } });
      await db().follow.create({ data: { userId: u.id, targetType: "challenge_area", targetId: area.id } });
    }
    const latencies: number[] = [];
    const started = Date.now();
    for (let i = 0; i < EVENTS; i++) {
      const input = CaseInputSchema.parse({
        title: `Benchcase ${i} ${suffix}`,
        summary: "En case for å måle tiden fra hendelse til varsel.",
        sections: { challenge: "Utfordringen." },
        status: "PILOTING",
        visibility: "PUBLIC",
        ownerOrganisationId: org.id,
        challengeAreaIds: [area.id],
      });
      const c = await createCase(input, editor.id);
      const committed = performance.now();
      for (;;) {
        const n = await db().notification.count({ where: { caseId: c.id } });
        if (n >= FOLLOWERS) break;
        if (performance.now() - committed > TIMEOUT_MS) throw new Error(`no notifications for case ${i} after ${TIMEOUT_MS} ms`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      latencies.push(performance.now() - committed);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    console.log(`Event-to-notification latency: ${EVENTS} case.published events, ${FOLLOWERS} followers each (${FOLLOWERS * EVENTS} rows)`);
    console.log(
      `  p50 ${fmt(percentile(sorted, 50))}   p95 ${fmt(percentile(sorted, 95))}   max ${fmt(sorted[sorted.length - 1])}   min ${fmt(sorted[0])}`,
    );
    console.log(
      `  wall time ${((Date.now() - started) / 1000).toFixed(1)} s (sequential: one event at a time, polled every ${POLL_MS} ms)`,
    );
    await disconnectDb();
  } finally {
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
