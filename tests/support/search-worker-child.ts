/**
 * A search worker in a process of its own, for the fault tests (kill -9 mid-batch).
 * Env: DATABASE_URL, MEILI_URL, MEILI_MASTER_KEY, SEARCH_INDEX; with HANG_AFTER_INDEX=1 it
 * prints "INDEXED <ids>" once Meilisearch accepted a batch and then hangs before the outbox
 * rows are marked processed - the moment the test kills it.
 */
import { createSearchClient } from "../../search/client.server";
import { createSearchWorker } from "../../search/worker.server";

const worker = createSearchWorker({
  client: () => createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!),
  indexName: () => process.env.SEARCH_INDEX!,
  idleMs: 50,
  afterIndex:
    process.env.HANG_AFTER_INDEX === "1"
      ? async (ids) => {
          process.stdout.write(`INDEXED ${ids.join(",")}\n`);
          await new Promise(() => {});
        }
      : undefined,
});
worker.start();
process.stdout.write("WORKER STARTED\n");
