import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/utils/env.server";

describe("configuration", () => {
  it("works with no configuration at all", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SEED_DEMO_DATA).toBe(true);
    expect(env.COOKIE_SECURE).toBe(false);
    expect(env.MAIL_LOG.endsWith("data/mail.log")).toBe(true);
  });

  it("treats empty values as unset and derives secure cookies from an https APP_URL", () => {
    const env = parseEnv({ DATABASE_URL: "", APP_URL: "https://losningsbanken.no/", PORT: "8080" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.APP_URL).toBe("https://losningsbanken.no");
    expect(env.COOKIE_SECURE).toBe(true);
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ DATABASE_URL: "mysql://localhost/x" }, "DATABASE_URL"],
    [{ SEED_DEMO_DATA: "maybe" }, "SEED_DEMO_DATA"],
    [{ APP_URL: "localhost:3000" }, "APP_URL"],
    [{ SMTP_URL: "http://mail" }, "SMTP_URL"],
    [{ MEILI_URL: "localhost:7700", MEILI_MASTER_KEY: "k" }, "MEILI_URL"],
    [{ SEARCH_INDEX_PREFIX: "lb cases" }, "SEARCH_INDEX_PREFIX"],
  ])("rejects %o with one sentence naming %s", (source, name) => {
    expect(() => parseEnv(source)).toThrowError(new RegExp(`^Configuration error: ${name} `));
  });

  it("search: local Meilisearch by default; an external one needs its key", () => {
    const local = parseEnv({});
    expect(local.MEILI_URL).toBeUndefined();
    expect(local.SEARCH_INDEX_PREFIX).toBe("lb_");
    expect(() => parseEnv({ MEILI_URL: "https://search.example.no" })).toThrowError(
      "Configuration error: MEILI_MASTER_KEY is required when MEILI_URL is set (check your .env file or environment).",
    );
    const external = parseEnv({ MEILI_URL: "https://search.example.no/", MEILI_MASTER_KEY: "secret", SEARCH_INDEX_PREFIX: "" });
    expect(external.MEILI_URL).toBe("https://search.example.no");
    expect(external.SEARCH_INDEX_PREFIX).toBe("lb_");
  });

  it("stops the server at start-up with that sentence and exit code 1", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { ...process.env, DATABASE_URL: "mysql://nope", DATA_DIR: "/tmp/lb-env-test" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      "Configuration error: DATABASE_URL must be a postgresql:// connection URL (check your .env file or environment).",
    );
  });
});
