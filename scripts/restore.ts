/**
 * `npm run restore -- <backup file>`: restores a backup made by `npm run backup` into an EMPTY
 * target - DATABASE_URL's database, else DATA_DIR (which must be empty or not exist; the
 * embedded PostgreSQL is created there). Exit code 2 (one sentence) when the target is not
 * empty or the backup comes from a newer version; 1 when the file is damaged (nothing is
 * written then). Afterwards the search index is rebuilt. See docs/backup.md.
 */
import fs from "node:fs";
import path from "node:path";
import { applyMigrations } from "../server/migrate";
import { postgresDataDir } from "../server/postgres";
import {
  assertEmptyDatabase,
  BackupFileError,
  checkMigrations,
  conflictingDataFiles,
  formatBytes,
  loadDatabase,
  makeScratchDir,
  readBackup,
  RefusedError,
  restoreDataFiles,
} from "./lib/backup";
import { loadEnvOrExit, openCommandDatabase, parseArgsOrExit, type CommandDatabase } from "./lib/cli";
import { redactUrl } from "./lib/schema-engine";
import { withSearch } from "./lib/search";

const USAGE = `Usage: npm run restore -- <backup file>

Restores a backup into an empty DATA_DIR (embedded PostgreSQL) or an empty DATABASE_URL database,
then rebuilds the search index.`;

const log = (line: string) => process.stderr.write(`${line}\n`);
const { values, positionals } = parseArgsOrExit({ options: { help: { type: "boolean", short: "h" } }, allowPositionals: true }, USAGE);
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (positionals.length !== 1) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const file = path.resolve(positionals[0]);

const env = loadEnvOrExit(log);
const dataDir = env.DATA_DIR;

/** Rebuilds the search index from the restored database; false (with a hint) when it cannot. */
async function rebuildSearchIndex(url: string): Promise<boolean> {
  process.env.DATABASE_URL = url;
  try {
    await withSearch(
      async () => {
        const { casesIndexName, getSearchClient } = await import("../search/client.server");
        const { applyCasesIndexSettings } = await import("../search/settings");
        const { reindexCases } = await import("../search/maintenance.server");
        const indexName = casesIndexName();
        const client = getSearchClient();
        await applyCasesIndexSettings(client, indexName);
        const result = await reindexCases({ client, indexName, log });
        log(`Search index ${indexName} rebuilt: ${result.indexed} case(s).`);
      },
      { log },
    );
    return true;
  } catch (error) {
    log(
      `WARNING: the search index could not be rebuilt now (${(error as Error).message.split("\n")[0]}). ` +
        "The data is restored; run `npm run search:reindex` once Meilisearch is available (until then search runs in reduced mode).",
    );
    return false;
  } finally {
    const { disconnectDb } = await import("../app/utils/db.server");
    await disconnectDb().catch(() => {});
  }
}

const scratch = makeScratchDir();
let db: CommandDatabase | undefined;
let code = 0;
// Embedded target: what this command created, removed again if the restore fails before commit.
const created = { embedded: !env.DATABASE_URL, touched: false, dataDir: false, cluster: null as string | null, committed: false };
let cleaning: Promise<void> | undefined;
/** Closes the database; after a failure before commit, leaves an embedded target as empty as it was. */
function cleanUp(failed: boolean): Promise<void> {
  cleaning ??= (async () => {
    await db?.close().catch(() => {});
    fs.rmSync(scratch, { recursive: true, force: true });
    if (failed && created.embedded && !created.committed) {
      // So the restore can simply be run again.
      if (created.cluster) fs.rmSync(created.cluster, { recursive: true, force: true });
      if (created.cluster && path.basename(path.dirname(created.cluster)).startsWith("losningsbanken-")) {
        fs.rmSync(path.dirname(created.cluster), { recursive: true, force: true });
      }
      if (created.touched && fs.existsSync(dataDir)) {
        for (const entry of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
      }
      if (created.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  })();
  return cleaning;
}

// Ctrl-C / SIGTERM: the open transaction is rolled back by PostgreSQL when the connection goes;
// an embedded PostgreSQL created for the restore is stopped and removed again.
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal} received: ${created.committed ? "the database is restored; stopping." : "stopping; nothing is restored."}`);
    void cleanUp(!created.committed).finally(() => process.exit(130));
  });
}

try {
  const started = Date.now();
  log(`Reading ${file} …`);
  const backup = await readBackup(file, scratch);
  const { manifest } = backup;
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  log(
    `Backup of ${manifest.createdAt} (Løsningsbanken ${manifest.app.version}, PostgreSQL ${manifest.source.postgresVersion}): ` +
      `${manifest.tables.length} tables, ${rows} rows, ${manifest.files.length} file(s); checksums verified.`,
  );
  const { newer } = checkMigrations(manifest, log);

  if (env.DATABASE_URL) {
    const conflicts = conflictingDataFiles(backup, dataDir);
    if (conflicts.length) {
      throw new RefusedError(
        `${conflicts[0]} already exists with other content; move it away (or use an empty DATA_DIR) and restore again.`,
      );
    }
    db = await openCommandDatabase(log);
    await assertEmptyDatabase(db.url, `DATABASE_URL ${redactUrl(db.url)}`);
  } else {
    const entries = fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : [];
    if (entries.length) {
      throw new RefusedError(
        `The data directory ${dataDir} is not empty (it holds ${entries[0]}); restore only into an empty or new DATA_DIR, or set DATABASE_URL to an empty database.`,
      );
    }
    created.touched = true;
    created.dataDir = !fs.existsSync(dataDir);
    fs.mkdirSync(dataDir, { recursive: true });
    const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
    const cluster = postgresDataDir(dataDir, isRoot);
    if (!fs.existsSync(cluster)) created.cluster = cluster;
    db = await openCommandDatabase(log);
    await assertEmptyDatabase(db.url, `embedded PostgreSQL in ${dataDir}`);
  }

  log(`Restoring into ${db.description} (one transaction) …`);
  const loaded = await loadDatabase({ url: db.url, backup, log });
  created.committed = true;
  if (newer.length) {
    log(`The backup predates ${newer.length} migration(s) of this version: applying them …`);
    await applyMigrations(db.url, { log: (line) => log(`  ${line}`) });
  }
  if (manifest.files.length) {
    log(`Restoring ${manifest.files.length} data-directory file(s) into ${dataDir} …`);
    restoreDataFiles(backup, dataDir, log);
  }
  log(
    `Database restored: ${loaded.rows} rows (${formatBytes(manifest.tables.reduce((n, t) => n + t.bytes, 0))}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  log("Rebuilding the search index …");
  const indexed = await rebuildSearchIndex(db.url);
  process.stdout.write(
    `Restored ${file} into ${db.description}${indexed ? " and rebuilt the search index" : " (search index NOT rebuilt yet, see above)"}.\n`,
  );
} catch (error) {
  if (interrupted) {
    code = 130;
  } else if (error instanceof RefusedError) {
    log(error.message);
    code = 2;
  } else if (error instanceof BackupFileError) {
    log(error.message);
    code = 1;
  } else {
    log(`Restore failed: ${(error as Error).message}${created.committed ? "" : " Nothing was restored."}`);
    code = 1;
  }
} finally {
  await cleanUp(code !== 0);
}
process.exit(interrupted ? 130 : code);
