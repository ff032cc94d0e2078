/**
 * Prisma's schema engine as WebAssembly (`@prisma/schema-engine-wasm`, the build that
 * @prisma/internals 7.10 pins), driven through `@prisma/adapter-pg`, so that diffs and
 * introspection work on machines that cannot download Prisma's native schema engine.
 * See docs/decisions/002-offline-migrations.md.
 *
 * Two adapter-pg quirks are worked around here, both without touching adapter-pg itself:
 * - The engine reads catalog columns of PostgreSQL type "char" (oid 18, e.g.
 *   pg_constraint.contype). adapter-pg rejects that type. A pg.Client subclass reports such
 *   columns as text and remembers their positions; the adapter wrapper then tells the engine
 *   they are `Character` columns, which is what the engine expects.
 * - adapter-pg's `executeScript` splits a script on every ";" (also inside strings and
 *   function bodies). The wrapper sends the script in one simple-protocol query instead, as
 *   Prisma's native engine does.
 * And `connectToShadowDb()` of a PrismaPg built from a connection string connects to the MAIN
 * database; our factory creates (and afterwards drops) its own throwaway database instead.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaContainer, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import pg from "pg";

export type { SchemaEngine } from "@prisma/schema-engine-wasm";

/** Our datamodel manages every table and enum in the schema. */
export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

// ---------------------------------------------------------------------------------------
// Throwaway databases
// ---------------------------------------------------------------------------------------

/** Databases created by this process and not dropped yet (dropped on Ctrl-C by the CLIs). */
const liveThrowaways = new Map<string, { serverUrl: string; name: string }>();
/** URL of each throwaway database -> the URL its CREATE/DROP statements run on. */
const adminUrls = new Map<string, string>();
/** CREATE / DROP DATABASE statements still running. */
const inFlight = new Set<Promise<unknown>>();
let aborted = false;

function track<T>(promise: Promise<T>): Promise<T> {
  inFlight.add(promise);
  promise.then(
    () => inFlight.delete(promise),
    () => inFlight.delete(promise),
  );
  return promise;
}

function withDatabaseName(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparseable DATABASE_URL>";
  }
}

async function withAdminClient<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

function dropDatabase(serverUrl: string, name: string) {
  // FORCE (PostgreSQL 13+) ends connections a pool may still hold.
  return track(withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
}

export interface ThrowawayDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database with a random name on the server that `serverUrl` points at
 * (any database on it; the user needs the CREATEDB privilege).
 */
async function createThrowawayDatabase(serverUrl: string, prefix = "lb_shadow"): Promise<ThrowawayDatabase> {
  if (aborted) throw new Error("Interrupted.");
  // A throwaway database made beside another one is created (and dropped) from the same
  // database as the first, which may be dropped before it.
  serverUrl = adminUrls.get(serverUrl) ?? serverUrl;
  const name = `${prefix}_${crypto.randomBytes(6).toString("hex")}`;
  const created = track(
    withAdminClient(serverUrl, async (client) => {
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } catch (error) {
        throw new Error(
          `Could not create the throwaway database "${name}" on ${redactUrl(serverUrl)}: ${(error as Error).message}` +
            ` (the database user needs the CREATEDB privilege).`,
          { cause: error },
        );
      }
    }),
  );
  await created;
  if (aborted) {
    await dropDatabase(serverUrl, name);
    throw new Error("Interrupted.");
  }
  const key = `${serverUrl}#${name}`;
  const url = withDatabaseName(serverUrl, name);
  liveThrowaways.set(key, { serverUrl, name });
  adminUrls.set(url, serverUrl);
  let dropped = false;
  return {
    name,
    url,
    async drop() {
      if (dropped) return;
      dropped = true;
      liveThrowaways.delete(key);
      await dropDatabase(serverUrl, name);
      adminUrls.delete(url);
    },
  };
}

export async function withThrowawayDatabase<T>(serverUrl: string, fn: (db: ThrowawayDatabase) => Promise<T>): Promise<T> {
  const db = await createThrowawayDatabase(serverUrl);
  try {
    return await fn(db);
  } finally {
    await db.drop();
  }
}

/**
 * For signal handlers and final clean-up: no new throwaway databases from now on; waits for
 * CREATE/DROP statements still running and drops every throwaway database still there.
 * Safe to call concurrently (each call returns when everything is gone).
 */
export async function abortThrowawayDatabases(): Promise<void> {
  aborted = true;
  while (inFlight.size || liveThrowaways.size) {
    await Promise.allSettled([...inFlight]);
    for (const [key, { serverUrl, name }] of [...liveThrowaways]) {
      liveThrowaways.delete(key);
      await dropDatabase(serverUrl, name).catch((error) =>
        process.stderr.write(
          `Could not drop the throwaway database ${name} (${(error as Error).message}); an embedded database ` +
            `drops it at the next db:* command, elsewhere drop it by hand.\n`,
        ),
      );
    }
  }
}

const PREFIXES = ["lb_shadow", "lb_engine_shadow"];

/**
 * Drops throwaway databases (by their name prefixes) that interrupted runs left behind.
 * Only for a server nobody else uses at the same time: another run's databases look alike.
 */
export async function dropLeftoverThrowawayDatabases(serverUrl: string): Promise<string[]> {
  const { rows } = await withAdminClient(serverUrl, (client) =>
    client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ $1`, [`^(${PREFIXES.join("|")})_[0-9a-f]{12}$`]),
  );
  for (const { datname } of rows) await dropDatabase(serverUrl, datname);
  return rows.map((r) => r.datname);
}

// ---------------------------------------------------------------------------------------
// Driver adapter for the engine
// ---------------------------------------------------------------------------------------

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const CHAR_COLUMNS = Symbol("pgCharColumns");

type FieldLike = { dataTypeID: number };
type ResultLike = { fields?: FieldLike[]; rows?: unknown[] };

function markCharColumns(result: unknown): unknown {
  for (const r of (Array.isArray(result) ? result : [result]) as Array<ResultLike | undefined>) {
    if (!r?.fields) continue;
    const positions: number[] = [];
    r.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID; // adapter-pg knows text; the values are 1-char strings
        positions.push(i);
      }
    });
    if (positions.length && r.rows) Object.defineProperty(r.rows, CHAR_COLUMNS, { value: positions });
  }
  return result;
}

/** pg.Client that reports "char" columns as text (see the file comment). */
class CatalogAwareClient extends pg.Client {
  // pg's query() has many overloads (promise or callback style); we only post-process results.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const cb = args.findIndex((a) => typeof a === "function");
    if (cb >= 0) {
      const original = args[cb] as (err: unknown, res: unknown) => void;
      args[cb] = (err: unknown, res: unknown) => original(err, err ? res : markCharColumns(res));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const ret = (super.query as (...a: any[]) => any)(...args);
    return ret && typeof ret.then === "function" ? ret.then(markCharColumns) : ret;
  }
}

function fixColumnTypes(result: SqlResultSet): SqlResultSet {
  const positions = (result.rows as unknown as Record<symbol, number[] | undefined>)[CHAR_COLUMNS];
  if (!positions) return result;
  const columnTypes = [...result.columnTypes];
  for (const i of positions) columnTypes[i] = ColumnTypeEnum.Character;
  return { ...result, columnTypes };
}

function wrapQueryable<T extends object>(target: T, extra: Record<string, unknown> = {}): T {
  return new Proxy(target, {
    get(t, prop) {
      if (prop in extra) return extra[prop as string];
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const value = Reflect.get(t, prop, t) as any;
      if (prop === "queryRaw") {
        return async (query: unknown) => fixColumnTypes(await value.call(t, query));
      }
      if (prop === "startTransaction") {
        return async (...args: unknown[]) => wrapQueryable(await value.apply(t, args));
      }
      return typeof value === "function" ? value.bind(t) : value;
    },
  });
}

async function connectAdapter(databaseUrl: string, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  // (adapter-pg brings its own copy of @types/pg, hence the casts)
  const config = { connectionString: databaseUrl, max: 4, Client: CatalogAwareClient };
  const factory = new PrismaPg(config as unknown as ConstructorParameters<typeof PrismaPg>[0]);
  const adapter = await factory.connect();
  const pool = adapter.underlyingDriver() as unknown as pg.Pool;
  let disposed = false;
  return wrapQueryable(adapter, {
    async executeScript(script: string) {
      await pool.query(script);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await adapter.dispose();
      await onDispose?.();
    },
  });
}

/**
 * Adapter factory for the engine: `connect()` opens `databaseUrl`; `connectToShadowDb()`
 * creates a fresh throwaway database on the same server, dropped when the engine lets go
 * of it (or by `close()`).
 */
function adapterFactory(databaseUrl: string) {
  const opened: SqlDriverAdapter[] = [];
  const shadows: ThrowawayDatabase[] = [];
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    async connect() {
      const adapter = await connectAdapter(databaseUrl);
      opened.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      const shadow = await createThrowawayDatabase(databaseUrl, "lb_engine_shadow");
      shadows.push(shadow);
      const adapter = await connectAdapter(shadow.url, () => shadow.drop());
      opened.push(adapter);
      return adapter;
    },
  };
  return {
    factory,
    async close() {
      for (const adapter of opened) await adapter.dispose().catch(() => {});
      for (const shadow of shadows) await shadow.drop().catch(() => {});
    },
  };
}

// ---------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------

type EngineModule = typeof import("@prisma/schema-engine-wasm");
let enginePromise: Promise<EngineModule> | undefined;
let lastPanic: string | undefined;
let poisoned = false;

function loadEngineModule(): Promise<EngineModule> {
  enginePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    // The package's entry imports the .wasm as an ES module, which Node 20 cannot do;
    // instantiate it ourselves beside the generated bindings.
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const bindings = (await import(pathToFileURL(path.join(dir, "schema_engine_bg.js")).href)) as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(path.join(dir, "schema_engine_bg.wasm")), {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message: string) {
        lastPanic = message;
        poisoned = true;
      },
    };
    return bindings;
  })();
  return enginePromise;
}

export type EngineLog = (line: string) => void;

/**
 * Runs `fn` with a schema engine whose main database is `databaseUrl` (used for
 * introspection: `{ tag: "schemaDatasource" }`) and whose shadow databases are throwaway
 * databases on the same server. Everything is released afterwards.
 */
export async function withSchemaEngine<T>(
  options: { databaseUrl: string; schemaFiles: SchemaContainer[]; log?: EngineLog },
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  if (poisoned) throw new Error(`The schema engine panicked earlier in this process: ${lastPanic}`);
  const mod = await loadEngineModule();
  const { factory, close } = adapterFactory(options.databaseUrl);
  const log = options.log;
  let engine: SchemaEngine | undefined;
  try {
    engine = await mod.SchemaEngine.new(
      { datamodels: options.schemaFiles.map((f) => [f.path, f.content] as [string, string]) },
      (line: string) => log?.(line),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return await fn(engine);
  } catch (error) {
    if (poisoned) throw new Error(`The schema engine panicked: ${lastPanic}`, { cause: error });
    throw error;
  } finally {
    try {
      engine?.free();
    } catch {
      // already freed or poisoned
    }
    await close();
  }
}

/** The migrations directory in the shape the engine wants (`migrationsList`). */
export function loadMigrationsList(dir: string): MigrationList {
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: path.resolve(dir),
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
      .map((d) => d.name)
      .sort()
      .map((name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: { tag: "ok" as const, value: fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8") },
        },
      })),
  };
}
