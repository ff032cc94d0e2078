/**
 * `npm run search:check [-- --fix]`: compares the database with the search index and reports
 * missing, stale (document differs from what the case gives now) and extra documents, with
 * counts and ids. `--fix` repairs them (under the search worker's per-case locks). Exit code: 0 in sync (or repaired), 1 drift found without --fix or an error.
 */
import { parseArgs } from "node:util";
import { ScriptError, withDatabase } from "./lib/database";
import { withSearch } from "./lib/search";

const USAGE = `Usage: npm run search:check [-- --fix]

Compares the database with the search index: missing, stale and extra documents.
  --fix    repair the differences (writes the current state of each case)
  --json   print the result as one JSON object (ids of every difference)`;

const log = (line: string) => process.stderr.write(`${line}\n`);
const out = (line: string) => process.stdout.write(`${line}\n`);

let args;
try {
  args = parseArgs({ options: { fix: { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (args.values.help) {
  out(USAGE);
  process.exit(0);
}
const fix = !!args.values.fix;
const json = !!args.values.json;

function list(label: string, ids: string[]) {
  if (!ids.length) return;
  const shown = ids.slice(0, 50);
  out(`${label} (${ids.length}): ${shown.join(", ")}${ids.length > shown.length ? `, … ${ids.length - shown.length} more` : ""}`);
}

let code = 0;
try {
  await withDatabase(
    () =>
      withSearch(
        async () => {
          const { casesIndexName, getSearchClient } = await import("../search/client.server");
          const { checkIndex } = await import("../search/maintenance.server");
          const indexName = casesIndexName();
          const r = await checkIndex({ client: getSearchClient(), indexName, fix });
          if (json) {
            out(JSON.stringify({ index: indexName, ...r }));
            if (!r.fixed && r.missing.length + r.stale.length + r.extra.length) code = 1;
            return;
          }
          const drift = r.missing.length + r.stale.length + r.extra.length;
          out(`Search index ${indexName}: ${r.cases} case(s) in the database, ${r.documents} document(s) in the index.`);
          out(`missing: ${r.missing.length}, stale: ${r.stale.length}, extra: ${r.extra.length}`);
          list("missing", r.missing);
          list("stale", r.stale);
          list("extra", r.extra);
          if (r.pending.length)
            out(`${r.pending.length} of these still have unprocessed outbox rows (the search worker may simply not have got to them yet).`);
          if (!drift) out("In sync.");
          else if (r.fixed) out(`Repaired ${drift} difference(s).`);
          else {
            out("Run `npm run search:check -- --fix` to repair.");
            code = 1;
          }
        },
        { log },
      ),
    { log },
  );
} catch (error) {
  process.stderr.write(`${error instanceof ScriptError ? error.message : `Check failed: ${(error as Error).message}`}\n`);
  code = 1;
}
process.exit(code);
