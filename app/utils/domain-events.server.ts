/**
 * The in-process side of the domain events (docs/decisions/012-domain-events.md).
 *
 * Every process runs ONE listener (startDomainEventListener, from server/index.ts): a
 * dedicated PostgreSQL connection that LISTENs on "domain_events" (a trigger NOTIFYs one
 * {id,type,entity,entityId} per event row when its transaction commits) and on
 * "event_deliveries" (payload: a consumer with new rows). It feeds a fan-out that open live
 * documents (server/collab.ts), caches (challenge areas) and consumers' workers subscribe to.
 *
 * A notification is only a wake-up: handlers re-read the database. Notifications sent while
 * the connection was down are lost, so after every reconnect the resync handlers run
 * ("events may have been missed: re-check everything"); periodic checks remain as a net.
 *
 * The fan-out is kept on globalThis under Symbol.for("losningsbanken.domain-events") because
 * the Remix build and server/ are separate module graphs in one process: both must reach the
 * same handlers. Nothing else travels on globalThis; the fan-out is fed solely by PostgreSQL.
 */
import pg from "pg";
import { getLogger } from "~/utils/logger.server";

export interface DomainEventNotice {
  id: string;
  type: string;
  entity: string;
  entityId: string | null;
}

type EventHandler = (event: DomainEventNotice) => void;

interface FanOut {
  events: Set<EventHandler>;
  resync: Set<() => void>;
  deliveries: Set<(consumer: string) => void>;
}

const KEY = Symbol.for("losningsbanken.domain-events");
type WithFanOut = typeof globalThis & { [KEY]?: FanOut };

function fanOut(): FanOut {
  const g = globalThis as WithFanOut;
  g[KEY] ??= { events: new Set(), resync: new Set(), deliveries: new Set() };
  return g[KEY];
}

function subscribe<T>(set: Set<T>, handler: T): () => void {
  set.add(handler);
  return () => void set.delete(handler);
}

/** Called for every committed domain event (from any process). Returns an unsubscribe function. */
export function onDomainEvent(handler: EventHandler): () => void {
  return subscribe(fanOut().events, handler);
}

/** Called after the listener reconnected: events may have been missed, re-check everything. */
export function onEventStreamResync(handler: () => void): () => void {
  return subscribe(fanOut().resync, handler);
}

/** Called when delivery rows for `consumer` were committed (wakes that consumer's worker). */
export function onDeliveriesWaiting(handler: (consumer: string) => void): () => void {
  return subscribe(fanOut().deliveries, handler);
}

function each<T extends unknown[]>(handlers: Set<(...args: T) => void>, args: T, what: string) {
  for (const handler of [...handlers]) {
    try {
      handler(...args);
    } catch (error) {
      getLogger("events").error(`a ${what} handler failed: ${error instanceof Error ? error.message : String(error)}`, { err: error });
    }
  }
}

/** Hands a notification to the subscribers. */
function dispatch(channel: string, payload: string) {
  if (channel === DELIVERIES_CHANNEL) return each(fanOut().deliveries, [payload], "delivery");
  let event: DomainEventNotice;
  try {
    const raw = JSON.parse(payload) as Partial<DomainEventNotice>;
    if (typeof raw.id !== "string" || typeof raw.type !== "string" || typeof raw.entity !== "string") throw new Error("missing fields");
    event = { id: raw.id, type: raw.type, entity: raw.entity, entityId: typeof raw.entityId === "string" ? raw.entityId : null };
  } catch {
    getLogger("events").warn(`ignoring a malformed notification on ${channel}: ${JSON.stringify(payload.slice(0, 200))}`);
    return;
  }
  each(fanOut().events, [event], "domain event");
}

function resync() {
  each(fanOut().resync, [], "resync");
}

export const EVENTS_CHANNEL = "domain_events";
export const DELIVERIES_CHANNEL = "event_deliveries";
/** application_name of the listening connection (visible in pg_stat_activity). */
export const EVENT_LISTENER_NAME = "losningsbanken-events";

export interface DomainEventListener {
  /** Resolves once the first LISTEN is in place (true) or the first attempt failed (false; it keeps retrying). */
  ready: Promise<boolean>;
  /** True while LISTENing. */
  readonly listening: boolean;
  stop(): Promise<void>;
}

/**
 * Starts the process's listener. Reconnects with backoff (1 s doubling to 30 s) when the
 * connection fails or drops, and runs the resync handlers once it listens again.
 */
export function startDomainEventListener(options: {
  databaseUrl: string;
  log?: (line: string) => void;
  applicationName?: string;
}): DomainEventListener {
  const log = options.log ?? (() => {});
  let stopped = false;
  let client: pg.Client | null = null;
  let listening = false;
  let retryMs = 1000;
  let timer: NodeJS.Timeout | undefined;
  // Set once a connection failed or was lost: the next LISTEN runs the resync handlers.
  let interrupted = false;
  let markReady!: (ok: boolean) => void;
  const ready = new Promise<boolean>((resolve) => (markReady = resolve));

  async function connect() {
    if (stopped) return;
    const c = new pg.Client({ connectionString: options.databaseUrl, application_name: options.applicationName ?? EVENT_LISTENER_NAME });
    client = c;
    let lost = false;
    const onLost = (reason: string) => {
      if (lost || stopped) return;
      lost = true;
      listening = false;
      interrupted = true;
      client = null;
      c.removeAllListeners("notification");
      void c.end().catch(() => {});
      log(`Domain events: lost the event notifications (${reason}); reconnecting in ${retryMs / 1000} s.`);
      schedule();
    };
    c.on("error", (error) => onLost(error.message));
    c.on("end", () => onLost("connection closed"));
    c.on("notification", (message) => dispatch(message.channel, message.payload ?? ""));
    try {
      await c.connect();
      await c.query(`LISTEN ${EVENTS_CHANNEL}; LISTEN ${DELIVERIES_CHANNEL}`);
    } catch (error) {
      markReady(false);
      onLost((error as Error).message);
      return;
    }
    if (stopped) return void c.end().catch(() => {});
    retryMs = 1000;
    listening = true;
    if (interrupted) {
      interrupted = false;
      log("Domain events: notifications are back; re-checking everything that may have been missed.");
      resync();
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
    get listening() {
      return listening;
    },
    async stop() {
      stopped = true;
      listening = false;
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
