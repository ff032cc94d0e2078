// Runs after every install: generate the Prisma client without the native engine
// (see docs/decisions/002-offline-migrations.md).
import { execSync } from "node:child_process";
execSync("npx --no-install prisma generate --schema prisma/schema.prisma", {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
