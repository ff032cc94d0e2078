import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const alias = { "~": path.join(root, "app") };

/**
 * Two projects:
 * - "unit" (tests/unit): pure code, no services - `npm run test:unit` runs only these and
 *   starts no PostgreSQL, Meilisearch or server;
 * - "integration" (everything else): tests/support/global-setup.ts starts the real stack once.
 * `npm test` runs both.
 */
export default defineConfig({
  root,
  resolve: { alias },
  test: {
    // Browser tests and server tests share one app server and database; keep parallelism modest (2 cores).
    maxWorkers: 2,
    fileParallelism: true,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: "tests/.artifacts/results.json" }]],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx"],
          setupFiles: ["tests/support/console-guard.ts"],
          globals: true,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
          exclude: ["tests/unit/**", "**/node_modules/**"],
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/console-guard.ts", "tests/support/setup.ts"],
          globals: true,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
