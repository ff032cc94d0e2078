import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup.ts"],
    globals: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests and server tests share one app server and database; keep parallelism modest (2 cores).
    maxWorkers: 2,
    fileParallelism: true,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: "tests/.artifacts/results.json" }]],
  },
});
