/**
 * `npm run backup` / `npm run restore` (docs/backup.md, docs/decisions/015-backups.md).
 *
 * A backup is one .tar.gz: manifest.json (format version, app version, applied migrations,
 * tables with columns, row counts and sha256, sequence positions, data-directory files), one
 * file per table in PostgreSQL's COPY text format (tables/<n>-<name>.tsv), and the files of
 * DATA_DIR that the database does not hold (files/<path>, e.g. session-secret).
 *
 * The database is read with COPY inside ONE `REPEATABLE READ READ ONLY` transaction: one
 * consistent snapshot of every table, writers never wait. No pg_dump: the embedded server is
 * newer than the distribution's client tools, and COPY needs nothing but the `pg` driver.
 *
 * Restore reads and verifies the whole file first (nothing is touched when it is damaged),
 * then in ONE transaction: creates the schema by running the migrations the backup names (this
 * code's files), loads every table (parents before children; user triggers off while loading),
 * sets the sequences; then applies the migrations newer than the backup, writes the data
 * directory files and rebuilds the search index.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import pgCopy from "pg-copy-streams";
import { listMigrations, LOCK_ID, MIGRATIONS_TABLE_DDL } from "../../server/migrate";
import { ArchiveError, extractArchive, writeArchive, type ArchiveEntrySource, type ExtractedEntry } from "./backup-archive";

export const BACKUP_FORMAT = "losningsbanken-backup";
export const BACKUP_FORMAT_VERSION = 1;

/** The command refused to run (target not empty, backup from a newer version): exit code 2. */
export class RefusedError extends Error {}
/** The backup file is damaged, truncated or not a backup: exit code 1, nothing written. */
export class BackupFileError extends Error {}

export interface ManifestTable {
  name: string;
  /** Archive path of its COPY data. */
  file: string;
  columns: string[];
  rows: number;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  app: { name: string; version: string };
  createdAt: string;
  source: { kind: "embedded" | "database-url"; postgresVersion: string; database: string };
  /** Migrations applied in the backed-up database, in the order they were applied. */
  migrations: Array<{ name: string; checksum: string }>;
  copyFormat: "text";
  tables: ManifestTable[];
  sequences: Array<{ name: string; lastValue: string; isCalled: boolean }>;
  files: Array<{ path: string; file: string; bytes: number; sha256: string; mode: number }>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function appInfo(): { name: string; version: string } {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

/** A client whose connection loss (the server stopping, Ctrl-C) fails the running query instead of crashing the process. */
function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  return client;
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

export function defaultBackupName(now = new Date()) {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `losningsbanken-backup-${stamp}.tar.gz`;
}

// ---------------------------------------------------------------------------------------------
// What of DATA_DIR goes into a backup

/**
 * Top-level entries of DATA_DIR that are NOT backed up: the databases' own folders (PostgreSQL
 * is in the backup as data; the search index is rebuilt from it), Meilisearch's runtime file and
 * master key (a new key is generated; the index is rebuilt anyway), the development mail log
 * (it holds sign-in links and private mail; it is a log, not state) and backups themselves.
 */
const NOT_BACKED_UP = new Set([
  "postgres",
  "meilisearch",
  "meilisearch-dumps",
  "meilisearch-snapshots",
  "meilisearch.json",
  "meilisearch.key",
  "mail.log",
  "backups",
]);

function skipName(name: string) {
  return (
    name.startsWith("losningsbanken-backup-") ||
    name.startsWith(".losningsbanken-backup-") ||
    // readOrCreate's temporary file (app/utils/secret.server.ts) while a secret is being created
    /^session-secret\.\d+\.[0-9a-f]+$/.test(name)
  );
}

/** Regular files of DATA_DIR worth keeping (relative paths), minus `exclude` (absolute paths). */
export function collectDataFiles(dataDir: string, exclude: string[] = []): Array<{ rel: string; abs: string; mode: number }> {
  const out: Array<{ rel: string; abs: string; mode: number }> = [];
  const excluded = new Set(exclude.map((p) => path.resolve(p)));
  const walk = (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const abs = path.join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if ((!rel && NOT_BACKED_UP.has(entry.name)) || skipName(entry.name) || excluded.has(abs)) continue;
      if (entry.isDirectory()) walk(abs, relPath);
      else if (entry.isFile()) out.push({ rel: relPath, abs, mode: fs.statSync(abs).mode & 0o777 });
      // sockets, symlinks, fifos: not data
    }
  };
  walk(path.resolve(dataDir), "");
  return out;
}

// ---------------------------------------------------------------------------------------------
// Catalog helpers

async function publicTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
  );
  return rows.map((r) => r.name);
}

/** Columns COPY can write back: not dropped, not generated (PostgreSQL computes those). */
async function copyColumns(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_attribute a
     WHERE a.attrelid = format('%I.%I', 'public', $1::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY a.attnum`,
    [table],
  );
  return rows.map((r) => r.name);
}

async function publicSequences(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );
  return rows.map((r) => r.name);
}

/** What makes a database "not empty" for a restore: any relation or type of our schema. */
async function nonEmptyReason(client: pg.Client): Promise<string | null> {
  const { rows } = await client.query<{ name: string; kind: string }>(
    `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') ORDER BY c.relname`,
  );
  for (const r of rows) {
    if (r.name === "_prisma_migrations" && r.kind === "r") {
      const { rows: count } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      if (count[0].n === 0) continue;
      return `it has ${count[0].n} applied migration(s)`;
    }
    return `it has tables (e.g. ${r.name})`;
  }
  const { rows: types } = await client.query<{ name: string }>(
    `SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') LIMIT 1`,
  );
  if (types.length) return `it has types (e.g. ${types[0].name})`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Backup

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  dataBytes: number;
  files: number;
  tookMs: number;
  manifest: Manifest;
}

/** Counts rows (one line each in COPY text format) and hashes what passes through. */
function meter() {
  const hash = crypto.createHash("sha256");
  let rows = 0;
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ rows, bytes, sha256: hash.digest("hex") }) };
}

function sha256File(file: string): { bytes: number; sha256: string } {
  const data = fs.readFileSync(file);
  return { bytes: data.length, sha256: crypto.createHash("sha256").update(data).digest("hex") };
}

export async function createBackup(options: {
  databaseUrl: string;
  sourceKind: Manifest["source"]["kind"];
  dataDir: string;
  out: string;
  /** Files never to include (absolute), e.g. MAIL_LOG when it lives in DATA_DIR. */
  excludeFiles?: string[];
  log: (line: string) => void;
}): Promise<BackupSummary> {
  const started = Date.now();
  const { log } = options;
  const out = path.resolve(options.out);
  const outDir = path.dirname(out);
  fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
  if (fs.existsSync(out)) throw new RefusedError(`${out} already exists: choose another --out.`);
  // Scratch space next to the target (same file system; rename is atomic there).
  const spool = fs.mkdtempSync(path.join(outDir, ".losningsbanken-backup-"));
  const partial = path.join(outDir, `.${path.basename(out)}.${process.pid}.partial`);
  const client = connect(options.databaseUrl);
  try {
    await client.connect();
    // One snapshot for everything below; READ ONLY: a backup never writes, nobody waits for it.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows: info } = await client.query<{ version: string; database: string; now: Date }>(
      `SELECT current_setting('server_version') AS version, current_database() AS database, now() AS now`,
    );
    const tableNames = await publicTables(client);
    if (!tableNames.includes("_prisma_migrations")) {
      throw new RefusedError(`The database ${info[0].database} holds no Løsningsbanken tables: nothing to back up.`);
    }
    const { rows: migrations } = await client.query<{ name: string; checksum: string }>(
      `SELECT migration_name AS name, checksum FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    log(`Backing up ${tableNames.length} table(s) from PostgreSQL ${info[0].version} (${migrations.length} migration(s) applied) …`);
    const tables: ManifestTable[] = [];
    let index = 0;
    for (const name of tableNames) {
      const columns = await copyColumns(client, name);
      const file = `tables/${String(++index).padStart(3, "0")}-${name.replace(/[^A-Za-z0-9_.-]/g, "_")}.tsv`;
      const target = path.join(spool, `table-${index}.tsv`);
      const m = meter();
      const copy = client.query(pgCopy.to(`COPY public.${quoteIdent(name)} (${columns.map(quoteIdent).join(", ")}) TO STDOUT`));
      await pipeline(copy, m.stream, fs.createWriteStream(target, { mode: 0o600 }));
      const { rows, bytes, sha256 } = m.result();
      tables.push({ name, file, columns, rows, bytes, sha256 });
      log(`  ${name.padEnd(24)} ${String(rows).padStart(9)} rows  ${formatBytes(bytes)}`);
    }
    const sequences: Manifest["sequences"] = [];
    for (const name of await publicSequences(client)) {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text, is_called FROM public.${quoteIdent(name)}`,
      );
      sequences.push({ name, lastValue: rows[0].last_value, isCalled: rows[0].is_called });
    }
    await client.query("COMMIT");

    const dataFiles = collectDataFiles(options.dataDir, [out, partial, spool, ...(options.excludeFiles ?? [])]);
    const files: Manifest["files"] = dataFiles.map((f) => ({ path: f.rel, file: `files/${f.rel}`, mode: f.mode, ...sha256File(f.abs) }));
    for (const f of files) log(`  file ${f.path} (${formatBytes(f.bytes)})`);

    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      app: appInfo(),
      createdAt: info[0].now.toISOString(),
      source: { kind: options.sourceKind, postgresVersion: info[0].version, database: info[0].database },
      migrations,
      copyFormat: "text",
      tables,
      sequences,
      files,
    };
    const manifestFile = path.join(spool, "manifest.json");
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });

    const entries: ArchiveEntrySource[] = [
      { name: "manifest.json", file: manifestFile },
      ...tables.map((t, i) => ({ name: t.file, file: path.join(spool, `table-${i + 1}.tsv`) })),
      ...files.map((f, i) => ({ name: f.file, file: dataFiles[i].abs, mode: f.mode })),
    ];
    await writeArchive(partial, entries);
    // The data directory's files are read a second time for the archive: check they stayed put.
    for (const [i, f] of files.entries()) {
      if (sha256File(dataFiles[i].abs).sha256 !== f.sha256) throw new Error(`${dataFiles[i].abs} changed during the backup; run it again.`);
    }
    const fd = fs.openSync(partial, "r");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, out);
    const bytes = fs.statSync(out).size;
    return {
      file: out,
      bytes,
      tables: tables.length,
      rows: tables.reduce((n, t) => n + t.rows, 0),
      dataBytes: tables.reduce((n, t) => n + t.bytes, 0),
      files: files.length,
      tookMs: Date.now() - started,
      manifest,
    };
  } finally {
    await client.end().catch(() => {});
    fs.rmSync(spool, { recursive: true, force: true });
    fs.rmSync(partial, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a backup

export interface OpenedBackup {
  manifest: Manifest;
  /** Extracted content by archive path. */
  entries: Map<string, ExtractedEntry>;
}

/** Extracts and verifies the whole backup into `scratchDir`. Throws BackupFileError / RefusedError. */
export async function readBackup(file: string, scratchDir: string): Promise<OpenedBackup> {
  const damaged = (why: string) => new BackupFileError(`The backup file ${file} is damaged or incomplete: ${why}. Nothing was restored.`);
  if (!fs.existsSync(file)) throw new BackupFileError(`The backup file ${file} does not exist.`);
  let entries: Map<string, ExtractedEntry>;
  try {
    entries = await extractArchive(file, scratchDir);
  } catch (error) {
    if (error instanceof ArchiveError) throw damaged(error.message);
    throw error;
  }
  const manifestEntry = entries.get("manifest.json");
  if (!manifestEntry) throw damaged("it has no manifest.json (is it a Løsningsbanken backup?)");
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestEntry.file, "utf8")) as Manifest;
  } catch {
    throw damaged("its manifest.json is not valid JSON");
  }
  if (manifest.format !== BACKUP_FORMAT || !Number.isInteger(manifest.formatVersion))
    throw damaged("its manifest.json is not a Løsningsbanken backup manifest");
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new RefusedError(
      `The backup was made by a newer Løsningsbanken (${manifest.app?.version}, backup format ${manifest.formatVersion}); update this installation first.`,
    );
  }
  for (const item of [...manifest.tables, ...manifest.files]) {
    const entry = entries.get(item.file);
    if (!entry) throw damaged(`${item.file} is missing`);
    if (entry.size !== item.bytes || entry.sha256 !== item.sha256) throw damaged(`${item.file} does not match its checksum`);
  }
  for (const f of manifest.files) {
    if (path.isAbsolute(f.path) || f.path.split("/").some((part) => part === ".." || part === ""))
      throw damaged(`unsafe file path ${f.path}`);
  }
  return { manifest, entries };
}

/** Refuses a backup whose database ran migrations this code does not know (a newer version). */
export function checkMigrations(manifest: Manifest, log: (line: string) => void) {
  const known = new Map(listMigrations().map((m) => [m.name, m]));
  const unknown = manifest.migrations.filter((m) => !known.has(m.name));
  if (unknown.length) {
    throw new RefusedError(
      `The backup comes from a newer version of Løsningsbanken (${manifest.app.version}; migration ${unknown[0].name} is unknown here): update this installation first, then restore.`,
    );
  }
  for (const m of manifest.migrations) {
    if (known.get(m.name)!.checksum !== m.checksum)
      log(`Note: migration ${m.name} was changed since the backed-up database applied it; restoring with today's file.`);
  }
  const newer = [...known.keys()].filter((name) => !manifest.migrations.some((m) => m.name === name));
  return { known, newer };
}

// ---------------------------------------------------------------------------------------------
// Restore

export async function assertEmptyDatabase(url: string, description: string) {
  const client = connect(url);
  await client.connect();
  try {
    const reason = await nonEmptyReason(client);
    if (reason)
      throw new RefusedError(
        `The target database (${description}) is not empty (${reason}); restore only into an empty database or data directory.`,
      );
  } finally {
    await client.end();
  }
}

/** A migration run inside the restore's transaction: its own top-level BEGIN/COMMIT go. */
function withoutOwnTransaction(sql: string) {
  return sql.replace(/^\s*BEGIN\s*;\s*$/gim, "").replace(/^\s*COMMIT\s*;\s*$/gim, "");
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function loadOrder(client: pg.Client, tables: string[]): Promise<{ order: string[]; cyclic: boolean }> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint c
     JOIN pg_class ch ON ch.oid = c.conrelid JOIN pg_class pa ON pa.oid = c.confrelid
     JOIN pg_namespace n ON n.oid = ch.relnamespace
     WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const wanted = new Set(tables);
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const r of rows) if (wanted.has(r.child) && wanted.has(r.parent) && r.child !== r.parent) parents.get(r.child)!.add(r.parent);
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t) && [...parents.get(t)!].every((p) => done.has(p)));
    if (!ready.length) {
      // A cycle of foreign keys: load the rest in name order with foreign-key checks off.
      for (const t of tables) if (!done.has(t)) order.push(t);
      return { order, cyclic: true };
    }
    for (const t of ready) {
      order.push(t);
      done.add(t);
    }
  }
  return { order, cyclic: false };
}

export async function loadDatabase(options: { url: string; backup: OpenedBackup; log: (line: string) => void }): Promise<{ rows: number }> {
  const { manifest, entries } = options.backup;
  const { log } = options;
  const known = new Map(listMigrations().map((m) => [m.name, m]));
  const client = connect(options.url);
  await client.connect();
  try {
    await client.query("BEGIN");
    // The app (or db:migrate) starting meanwhile waits instead of migrating under us.
    await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_ID]);
    const reason = await nonEmptyReason(client);
    if (reason)
      throw new RefusedError(`The target database is not empty (${reason}); restore only into an empty database or data directory.`);

    // 1. The schema exactly as the backed-up database had it: its migrations, from this code.
    await client.query(MIGRATIONS_TABLE_DDL);
    log(`Creating the schema (${manifest.migrations.length} migration(s) of the backup) …`);
    for (const m of manifest.migrations) {
      try {
        await client.query(withoutOwnTransaction(known.get(m.name)!.sql));
      } catch (error) {
        throw new Error(`Migration ${m.name} failed during the restore: ${(error as Error).message}`, { cause: error });
      }
    }

    // 2. The data. _prisma_migrations comes from the backup too (its ids and timestamps).
    const present = new Set(await publicTables(client));
    const missing = manifest.tables.find((t) => !present.has(t.name));
    if (missing)
      throw new Error(`Table ${missing.name} of the backup does not exist after its migrations; the backup does not fit this code.`);
    const { order, cyclic } = await loadOrder(
      client,
      manifest.tables.map((t) => t.name),
    );
    if (cyclic) {
      try {
        await client.query("SET LOCAL session_replication_role = replica");
      } catch (error) {
        throw new Error(
          `The tables' foreign keys form a cycle and foreign-key checks cannot be switched off for this user: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
    }
    // Triggers (e.g. NOTIFY on new outbox rows) must not react to restored rows; the tables
    // are ours (just created in this transaction), so no superuser is needed for this.
    const { rows: triggers } = await client.query<{ table: string; name: string; enabled: string }>(
      `SELECT c.relname AS table, t.tgname AS name, t.tgenabled::text AS enabled FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND NOT t.tgisinternal AND t.tgenabled <> 'D'`,
    );
    for (const t of triggers) await client.query(`ALTER TABLE public.${quoteIdent(t.table)} DISABLE TRIGGER ${quoteIdent(t.name)}`);

    const byName = new Map(manifest.tables.map((t) => [t.name, t]));
    let total = 0;
    for (const name of order) {
      const table = byName.get(name)!;
      const copy = client.query(pgCopy.from(`COPY public.${quoteIdent(name)} (${table.columns.map(quoteIdent).join(", ")}) FROM STDIN`));
      await pipeline(fs.createReadStream(entries.get(table.file)!.file), copy);
      if (copy.rowCount !== table.rows) throw new Error(`Table ${name}: loaded ${copy.rowCount} rows, the backup lists ${table.rows}.`);
      total += table.rows;
      log(`  ${name.padEnd(24)} ${String(table.rows).padStart(9)} rows`);
    }
    const enable: Record<string, string> = { O: "ENABLE TRIGGER", A: "ENABLE ALWAYS TRIGGER", R: "ENABLE REPLICA TRIGGER" };
    for (const t of triggers)
      await client.query(`ALTER TABLE public.${quoteIdent(t.table)} ${enable[t.enabled] ?? "ENABLE TRIGGER"} ${quoteIdent(t.name)}`);

    // 3. Sequences where the backed-up database left them, and never behind their column.
    const sequences = new Set(await publicSequences(client));
    for (const s of manifest.sequences) {
      if (sequences.has(s.name))
        await client.query(`SELECT setval(format('%I.%I', 'public', $1::text)::regclass, $2::bigint, $3)`, [
          s.name,
          s.lastValue,
          s.isCalled,
        ]);
    }
    const { rows: owned } = await client.query<{ seq: string; table: string; column: string }>(
      `SELECT s.relname AS seq, t.relname AS table, a.attname AS column FROM pg_depend d
       JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
       JOIN pg_namespace n ON n.oid = s.relnamespace
       WHERE n.nspname = 'public' AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')`,
    );
    for (const o of owned) {
      await client.query(
        `SELECT setval(format('%I.%I', 'public', $1::text)::regclass, m) FROM (SELECT max(${quoteIdent(o.column)})::bigint AS m FROM public.${quoteIdent(o.table)}) AS x
         WHERE m IS NOT NULL AND m > (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM public.${quoteIdent(o.seq)})`,
        [o.seq],
      );
    }
    await client.query("COMMIT");
    return { rows: total };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Files the backup would write into DATA_DIR that already exist with other content. */
export function conflictingDataFiles(backup: OpenedBackup, dataDir: string): string[] {
  return backup.manifest.files
    .filter((f) => {
      const target = path.join(dataDir, f.path);
      return fs.existsSync(target) && sha256File(target).sha256 !== f.sha256;
    })
    .map((f) => path.join(dataDir, f.path));
}

/** Writes the backup's data-directory files (each atomically: temporary file + rename). */
export function restoreDataFiles(backup: OpenedBackup, dataDir: string, log: (line: string) => void) {
  for (const f of backup.manifest.files) {
    const target = path.join(dataDir, f.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.restore`;
    fs.copyFileSync(backup.entries.get(f.file)!.file, tmp);
    fs.chmodSync(tmp, f.mode & 0o777);
    fs.renameSync(tmp, target);
    log(`  file ${f.path}`);
  }
}

export function makeScratchDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "losningsbanken-restore-"));
}
