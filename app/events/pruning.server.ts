/**
 * Keeps the event tables small: every `everyMs` (default 1 h, first run a minute after start)
 * deletes processed deliveries and events older than EVENT_RETENTION_DAYS (default 14) that
 * no waiting delivery still needs (app/models/events.server.ts pruneEvents), and login attempts
 * older than 7 days (pruneLoginAttempts: they hold e-mail and IP addresses and serve only the
 * login limits). Every process may run it; the deletes are idempotent.
 */
import { pruneEvents } from "~/models/events.server";
import { pruneLoginAttempts } from "~/models/login-attempt.server";

export function startEventPruning(options: { log?: (line: string) => void; everyMs?: number; firstAfterMs?: number } = {}) {
  const log = options.log ?? (() => {});
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= pruneEvents()
      .then(async ({ deliveries, events }) => {
        if (deliveries || events) log(`Domain events: pruned ${events} old event(s) and ${deliveries} processed deliver(y/ies).`);
        const attempts = await pruneLoginAttempts();
        if (attempts) log(`Login attempts: pruned ${attempts} older than 7 days.`);
      })
      .catch((error: unknown) =>
        log(`Domain events: pruning failed (${error instanceof Error ? error.message : String(error)}); trying again later.`),
      )
      .finally(() => (running = null));
  };
  const first = setTimeout(run, options.firstAfterMs ?? 60_000);
  const timer = setInterval(run, options.everyMs ?? 60 * 60_000);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
