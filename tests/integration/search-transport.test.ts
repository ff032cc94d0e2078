/**
 * The search page's own Meilisearch transport (search/client.server.ts createMultiSearcher:
 * node:http with keep-alive instead of the meilisearch client's fetch), against the test run's
 * real Meilisearch: answers, Meilisearch's errors with their codes, aborts and an unreachable
 * server all come back as results or MultiSearchError - never a hang or a raw socket error.
 */
import { describe, expect, inject, it } from "vitest";
import { createMultiSearcher, MultiSearchError } from "../../search/client.server";
import { casesIndexName } from "../../search/client.server";

const url = () => inject("meiliUrl");
const key = () => inject("meiliKey");
const indexUid = casesIndexName("lb_");

async function failure(promise: Promise<unknown>): Promise<MultiSearchError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the search to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MultiSearchError);
  return error as MultiSearchError;
}

describe("createMultiSearcher", () => {
  it("answers like Meilisearch's own /multi-search, one result per query, many requests on kept-alive sockets", async () => {
    const searcher = createMultiSearcher(url(), key());
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        searcher.multiSearch<{ hits: unknown[]; indexUid: string }>({
          queries: [
            { indexUid, q: i % 2 ? "sykefravær" : "", limit: 3 },
            { indexUid, q: "", limit: 0, facets: ["status"] },
          ],
        }),
      ),
    );
    for (const answer of answers) {
      expect(answer.results).toHaveLength(2);
      expect(answer.results[0].indexUid).toBe(indexUid);
      expect(Array.isArray(answer.results[0].hits)).toBe(true);
    }
  });

  it("turns Meilisearch's error answers into MultiSearchError with status and code", async () => {
    const searcher = createMultiSearcher(url(), key());
    const badFilter = await failure(searcher.multiSearch({ queries: [{ indexUid, q: "", filter: "nosuchattribute = 1" }] }));
    expect(badFilter.status).toBe(400);
    expect(badFilter.code).toBe("invalid_search_filter");
    expect(badFilter.message).toMatch(/nosuchattribute|filterable/i);

    const wrongKey = await failure(createMultiSearcher(url(), "not-the-key").multiSearch({ queries: [{ indexUid, q: "" }] }));
    expect(wrongKey.status).toBe(403);
    expect(wrongKey.code).toBe("invalid_api_key");

    const noIndex = await failure(searcher.multiSearch({ queries: [{ indexUid: "lb_no_such_index", q: "" }] }));
    // Meilisearch answers a multi-search naming a missing index with 400, not 404.
    expect(noIndex.status).toBe(400);
    expect(noIndex.code).toBe("index_not_found");
  });

  it("stops on the caller's signal: already aborted, or aborted while waiting", async () => {
    const searcher = createMultiSearcher(url(), key());
    const aborted = AbortSignal.abort(new Error("gave up"));
    const before = await failure(searcher.multiSearch({ queries: [{ indexUid, q: "" }] }, { signal: aborted }));
    expect(before.status).toBeUndefined();

    // A request to a server that accepts but never answers can only end through the signal.
    const net = await import("node:net");
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const port = (silent.address() as { port: number }).port;
      const started = Date.now();
      const hung = await failure(
        createMultiSearcher(`http://127.0.0.1:${port}`, "k").multiSearch({ queries: [] }, { signal: AbortSignal.timeout(200) }),
      );
      expect(hung.message).toMatch(/aborted/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.close();
    }
  });

  it("reports an unreachable server as MultiSearchError (the search page then answers from PostgreSQL)", async () => {
    const error = await failure(createMultiSearcher("http://127.0.0.1:9", "k").multiSearch({ queries: [] }));
    expect(error.status).toBeUndefined();
    expect(String((error.cause as Error | undefined)?.message)).toMatch(/ECONNREFUSED/);
  });
});
