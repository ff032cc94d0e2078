/**
 * `npm run backup [-- --out <file or directory>]`: one consistent backup of the database
 * (DATABASE_URL, else the embedded PostgreSQL in DATA_DIR - attached to when the app runs, else
 * started for the command) plus the files of DATA_DIR the database does not hold, as one
 * .tar.gz (mode 0600: it contains password hashes). Default: ./backups/losningsbanken-backup-<UTC time>.tar.gz.
 * See docs/backup.md.
 */
import fs from "node:fs";
import path from "node:path";
import { postgresDataDir } from "../server/postgres";
import { createBackup, defaultBackupName, formatBytes, RefusedError } from "./lib/backup";
import { loadEnvOrExit, openCommandDatabase, parseArgsOrExit, type CommandDatabase } from "./lib/cli";

const USAGE = `Usage: npm run backup [-- --out <file or directory>]

Writes a backup of the database and DATA_DIR's own files to one .tar.gz
(default: backups/losningsbanken-backup-<UTC time>.tar.gz). Restore with npm run restore -- <file>.`;

const log = (line: string) => process.stderr.write(`${line}\n`);
const { values } = parseArgsOrExit({ options: { out: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } } }, USAGE);
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const env = loadEnvOrExit(log);

let out = path.resolve(values.out ?? path.join("backups", defaultBackupName()));
if (values.out && (values.out.endsWith("/") || (fs.existsSync(out) && fs.statSync(out).isDirectory())))
  out = path.join(out, defaultBackupName());

let db: CommandDatabase | undefined;
let code = 0;
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal} received: stopping; no backup file is written.`);
    // The partial archive and scratch files are removed by createBackup's cleanup when its
    // database connection ends; an embedded PostgreSQL we started is stopped.
    void (async () => {
      await db?.close().catch(() => {});
      for (const name of fs.existsSync(path.dirname(out)) ? fs.readdirSync(path.dirname(out)) : []) {
        if (name.startsWith(".losningsbanken-backup-") || name === `.${path.basename(out)}.${process.pid}.partial`) {
          fs.rmSync(path.join(path.dirname(out), name), { recursive: true, force: true });
        }
      }
      process.exit(130);
    })();
  });
}

try {
  if (!env.DATABASE_URL) {
    const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
    const cluster = postgresDataDir(env.DATA_DIR, isRoot);
    if (!fs.existsSync(path.join(cluster, "PG_VERSION"))) {
      throw new RefusedError(
        `There is no database in ${env.DATA_DIR} (no PostgreSQL cluster at ${cluster}): nothing to back up. Set DATA_DIR or DATABASE_URL.`,
      );
    }
  }
  db = await openCommandDatabase(log);
  log(`Database: ${db.description}`);
  const summary = await createBackup({
    databaseUrl: db.url,
    sourceKind: env.DATABASE_URL ? "database-url" : "embedded",
    dataDir: env.DATA_DIR,
    out,
    excludeFiles: [env.MAIL_LOG],
    log,
  });
  process.stdout.write(
    `Backup written to ${summary.file.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), summary.file) : summary.file}: ${summary.tables} tables, ${summary.rows} rows ` +
      `(${formatBytes(summary.dataBytes)} of table data), ${summary.files} data-directory file(s); ` +
      `${formatBytes(summary.bytes)} compressed, in ${(summary.tookMs / 1000).toFixed(1)} s.\n`,
  );
} catch (error) {
  if (!interrupted) log(error instanceof RefusedError ? error.message : `Backup failed: ${(error as Error).message}`);
  code = error instanceof RefusedError ? 2 : 1;
} finally {
  await db?.close().catch(() => {});
}
if (!interrupted) process.exit(code);
