// Lets `npm start` / `npm test` work on a fresh clone: installs dependencies when
// node_modules is missing or older than package-lock.json.
import { execSync } from "node:child_process";
import fs from "node:fs";
const marker = "node_modules/.package-lock.json";
const stale =
  !fs.existsSync(marker) ||
  !fs.existsSync("app/generated/prisma/client.ts") ||
  fs.statSync(marker).mtimeMs < fs.statSync("package-lock.json").mtimeMs - 1000;
if (stale) {
  console.log("[løsningsbanken] Installing dependencies (npm ci) …");
  execSync("npm ci --no-audit --no-fund", { stdio: "inherit" });
}
