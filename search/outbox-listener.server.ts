/**
 * LISTENs on PostgreSQL channel "search_outbox" (a trigger on SearchOutbox notifies when a
 * transaction that wrote outbox rows commits; prisma/migrations/*_search_outbox_notify) and
 * calls `onRows`, so the worker indexes a save at once instead of at its next poll. Saves made
 * by other processes (the importer, a second web process) wake it too.
 *
 * A dedicated connection, reconnected with backoff (1 s doubling to 30 s) when it fails or
 * drops; once it listens again `onRows` is called once, for rows written while nobody listened. The worker keeps
 * polling, so this only shortens the wait; nothing depends on it.
 */
import pg from "pg";

export const OUTBOX_CHANNEL = "search_outbox";
/** application_name of the listening connection (visible in pg_stat_activity). */
export const OUTBOX_LISTENER_NAME = "losningsbanken-outbox-listener";

export interface OutboxListener {
  /** Resolves once the first LISTEN is in place (or the first attempt failed). */
  ready: Promise<boolean>;
  stop(): Promise<void>;
}

export function listenForOutboxRows(options: {
  databaseUrl: string;
  /** `txid`: the writing transaction's id (undefined for the call after a reconnect). */
  onRows: (txid?: string) => void;
  log?: (line: string) => void;
  applicationName?: string;
}): OutboxListener {
  const log = options.log ?? (() => {});
  let stopped = false;
  let client: pg.Client | null = null;
  let retryMs = 1000;
  let timer: NodeJS.Timeout | undefined;
  // Set once a connection failed or was lost: the next LISTEN says so and asks the worker to look.
  let interrupted = false;
  let markReady!: (ok: boolean) => void;
  const ready = new Promise<boolean>((resolve) => (markReady = resolve));

  async function connect() {
    if (stopped) return;
    const c = new pg.Client({ connectionString: options.databaseUrl, application_name: options.applicationName ?? OUTBOX_LISTENER_NAME });
    client = c;
    let lost = false;
    const onLost = (reason: string) => {
      if (lost || stopped) return;
      lost = true;
      interrupted = true;
      client = null;
      c.removeAllListeners("notification");
      void c.end().catch(() => {});
      log(`Search worker: lost the outbox notifications (${reason}); reconnecting in ${retryMs / 1000} s (polling meanwhile).`);
      schedule();
    };
    c.on("error", (error) => onLost(error.message));
    c.on("end", () => onLost("connection closed"));
    c.on("notification", (message) => {
      if (message.channel === OUTBOX_CHANNEL) options.onRows(message.payload || undefined);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      markReady(false);
      onLost((error as Error).message);
      return;
    }
    if (stopped) return void c.end().catch(() => {});
    retryMs = 1000;
    if (interrupted) {
      interrupted = false;
      log("Search worker: outbox notifications are back.");
      options.onRows();
    }
    markReady(true);
  }

  function schedule() {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void connect(), retryMs);
    retryMs = Math.min(retryMs * 2, 30_000);
  }

  void connect();
  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners();
        c.on("error", () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
