/**
 * `npm run search:reindex`: rebuilds the cases index from the database into a fresh index,
 * swaps it in atomically and deletes the old one. Searching keeps working throughout; changes
 * saved meanwhile are queued again for the search worker. Finds the database and Meilisearch
 * the way `npm start` does (DATABASE_URL / MEILI_URL, else the app's running embedded ones in
 * DATA_DIR, else started for the command).
 */
import { parseArgs } from "node:util";
import { ScriptError, withDatabase } from "./lib/database";
import { withSearch } from "./lib/search";

const USAGE = `Usage: npm run search:reindex [-- --batch-size <n>]

Rebuilds the search index from the database (fresh index, atomic swap, old one deleted).`;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** A progress bar on a terminal; a plain line every 10 % otherwise (logs, CI). */
function progress(label: string) {
  const out = process.stderr;
  const started = Date.now();
  let lastStep = -1;
  return {
    update(done: number, total: number) {
      const ratio = total ? Math.min(done / total, 1) : 1;
      const rate = Math.round(done / Math.max((Date.now() - started) / 1000, 0.001));
      if (out.isTTY) {
        const width = Math.max(10, Math.min(40, (out.columns ?? 80) - 50));
        const filled = Math.round(ratio * width);
        out.write(
          `\r${label} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${done}/${total} ${Math.round(ratio * 100)}% ${rate}/s `,
        );
      } else {
        const step = Math.floor(ratio * 10);
        if (step !== lastStep) {
          lastStep = step;
          out.write(`${label}: ${done}/${total} (${Math.round(ratio * 100)}%)\n`);
        }
      }
    },
    finish() {
      if (out.isTTY) out.write("\n");
    },
  };
}

let args;
try {
  args = parseArgs({ options: { "batch-size": { type: "string" }, help: { type: "boolean", short: "h" } } });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (args.values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const batchSize = Number(args.values["batch-size"] ?? 1000);
if (!Number.isInteger(batchSize) || batchSize < 1) {
  process.stderr.write(`--batch-size must be a positive whole number\n\n${USAGE}\n`);
  process.exit(2);
}

let code = 0;
try {
  await withDatabase(
    () =>
      withSearch(
        async () => {
          const { casesIndexName, getSearchClient } = await import("../search/client.server");
          const { reindexCases } = await import("../search/maintenance.server");
          const indexName = casesIndexName();
          const bar = progress(`Indexing ${indexName}`);
          const result = await reindexCases({ client: getSearchClient(), indexName, batchSize, onProgress: bar.update, log });
          bar.finish();
          process.stdout.write(
            `Reindexed ${result.indexed} case(s) into ${indexName} in ${(result.tookMs / 1000).toFixed(1)} s` +
              (result.requeued ? `; ${result.requeued} change(s) made meanwhile are queued for the search worker.\n` : ".\n"),
          );
        },
        { log },
      ),
    { log },
  );
} catch (error) {
  process.stderr.write(`\n${error instanceof ScriptError ? error.message : `Reindex failed: ${(error as Error).message}`}\n`);
  code = 1;
}
// The embedded PostgreSQL package's exit hooks would otherwise keep or end the process oddly.
process.exit(code);
