/**
 * The "mail" consumer and the digest scheduler (docs/decisions/021-mail-and-digests.md).
 *
 * - Consumer: handles "notifications.created" (entity "user"): per user, the immediate mails
 *   (app/models/notification-mail.server.ts mailImmediateNotifications) inside the claiming
 *   transaction, under a savepoint per user so one user's database error rolls back only that
 *   user. Delivery is at-least-once: a process that dies after a mail went out but before the
 *   transaction committed sends that mail again on redelivery.
 * - Scheduler: every minute (and at start) sends the due daily and weekly digests
 *   (sendDigest: claimed once per user and period through the DigestRun row). Its clock is
 *   injectable, so tests run a tick "at 07:00 tomorrow" without waiting.
 *
 * Mail is sent only here - never inside a request (except the password-reset and invitation
 * mails, whose one-time tokens exist only in the request that creates them).
 */
import { startConsumerWorker, type ConsumerWorker } from "~/events/consumer.server";
import { groupKey, type DeliveryGroup, type DeliveryHandler, type DeliveryOutcome } from "~/models/events.server";
import { digestCandidates, mailImmediateNotifications, sendDigest, type SendMail } from "~/models/notification-mail.server";
import { currentPeriod, type DigestFrequency } from "~/notifications/digest-periods";
import { env } from "~/utils/env.server";
import { withoutEmailAddresses } from "~/utils/logger.server";

type Tx = Parameters<DeliveryHandler>[1];
type Log = (line: string) => void;

export const MAIL_CONSUMER = "mail";

/** The consumer's handler: one outcome per user group; other entities are acknowledged. */
export async function handleMailDeliveries(
  groups: DeliveryGroup[],
  tx: Tx,
  options: { now?: () => Date; send?: SendMail; log?: Log } = {},
): Promise<Map<string, DeliveryOutcome>> {
  const outcomes = new Map<string, DeliveryOutcome>();
  for (const group of groups) {
    const key = groupKey(group.entity, group.entityId);
    if (group.entity !== "user") {
      outcomes.set(key, { ok: true });
      continue;
    }
    await tx.$executeRawUnsafe("SAVEPOINT mail_user");
    try {
      const result = await mailImmediateNotifications(tx, group.entityId, { now: options.now?.(), send: options.send });
      await tx.$executeRawUnsafe("RELEASE SAVEPOINT mail_user");
      if (result.sent || result.deferred || result.hidden) {
        options.log?.(
          `Mail: user ${group.entityId}: ${result.sent} immediate mail(s), ${result.deferred} deferred to the daily digest, ${result.hidden} skipped (not visible any more).`,
        );
      }
      // A send failure keeps what went out before it (recorded above) and retries the rest with backoff.
      outcomes.set(key, result.error ? { ok: false, error: `sending failed: ${withoutEmailAddresses(result.error)}` } : { ok: true });
    } catch (error) {
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT mail_user");
      outcomes.set(key, { ok: false, error: withoutEmailAddresses(error instanceof Error ? error.message : String(error)) });
    }
  }
  return outcomes;
}

export interface DigestTickResult {
  sent: number;
  empty: number;
  already: number;
  failed: number;
}

/**
 * Sends every digest due at `now` (the current daily and weekly period of each user who has
 * something waiting). Safe to run from several processes at once: each (user, period) is
 * claimed once.
 */
export async function runDigestTick(
  options: {
    now?: Date;
    send?: SendMail;
    log?: Log;
    hour?: number;
    /** Tests: only these users' digests (other test files' users are left alone). */
    onlyUserIds?: string[];
  } = {},
): Promise<DigestTickResult> {
  const now = options.now ?? new Date();
  const hour = options.hour ?? env().DIGEST_HOUR;
  const result: DigestTickResult = { sent: 0, empty: 0, already: 0, failed: 0 };
  for (const frequency of ["DAILY", "WEEKLY"] as DigestFrequency[]) {
    const period = currentPeriod(frequency, now, hour);
    const failedUsers = new Set<string>();
    for (;;) {
      const users = (await digestCandidates(period, now, { onlyUserIds: options.onlyUserIds })).filter((u) => !failedUsers.has(u));
      if (!users.length) break;
      for (const userId of users) {
        try {
          const { outcome } = await sendDigest(userId, period, { now, send: options.send });
          if (outcome === "sent") result.sent++;
          else if (outcome === "already") result.already++;
          else result.empty++;
        } catch (error) {
          // Rolled back (no DigestRun row): the next tick tries again.
          failedUsers.add(userId);
          result.failed++;
          options.log?.(
            `Mail: ${frequency.toLowerCase()} digest ${period.key} for user ${userId} failed (${withoutEmailAddresses(error instanceof Error ? error.message : String(error))}); trying again next tick.`,
          );
        }
      }
    }
  }
  if (result.sent || result.failed) options.log?.(`Mail: digests sent ${result.sent}, failed ${result.failed}.`);
  return result;
}

export interface MailWorker {
  consumer: ConsumerWorker;
  /** Runs one scheduler tick now (also what the timer does). */
  tick(now?: Date): Promise<DigestTickResult>;
  stop(): Promise<void>;
}

/** The consumer loop plus the digest timer (every `tickMs`, default one minute, first right away). */
export function startMailWorker(options: { log?: Log; tickMs?: number; now?: () => Date } = {}): MailWorker {
  const log = options.log ?? (() => {});
  const now = options.now ?? (() => new Date());
  // Small batches: the claiming transaction stays open while the mails go out.
  const consumer = startConsumerWorker({
    name: MAIL_CONSUMER,
    batchSize: 10,
    log,
    handle: (groups, tx) => handleMailDeliveries(groups, tx, { now, log }),
  });
  let running: Promise<DigestTickResult> | null = null;
  const tick = (at?: Date) => {
    running ??= runDigestTick({ now: at ?? now(), log })
      .catch((error: unknown) => {
        log(`Mail: digest tick failed (${error instanceof Error ? error.message : String(error)}); trying again next tick.`);
        return { sent: 0, empty: 0, already: 0, failed: 1 };
      })
      .finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? 60_000);
  timer.unref();
  void tick();
  return {
    consumer,
    tick,
    async stop() {
      clearInterval(timer);
      await consumer.stop();
      await running;
    },
  };
}
