// Lets `npm start` / `npm test` work on a fresh clone: checks the Node.js version (package.json
// "engines"), then installs dependencies when node_modules is missing or older than package-lock.json.
import { execSync } from "node:child_process";
import fs from "node:fs";

const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split(".")[0]);
if (major < REQUIRED_MAJOR) {
  console.error(
    `[løsningsbanken] Node.js ${REQUIRED_MAJOR} or newer is required (this is ${process.version}): install Node.js ${REQUIRED_MAJOR} LTS, or run \`source scripts/node24.sh\` to put it (from the npm registry) first on this shell's PATH.`,
  );
  process.exit(1);
}

const marker = "node_modules/.package-lock.json";
const stale =
  !fs.existsSync(marker) ||
  !fs.existsSync("app/generated/prisma/client.ts") ||
  fs.statSync(marker).mtimeMs < fs.statSync("package-lock.json").mtimeMs - 1000;
// A node_modules that is a symlink is shared with another checkout (git worktrees): npm ci
// would empty the shared folder under everyone else's feet. Regenerate the Prisma client
// (per checkout) if it is missing, and leave installing to the owner of the folder.
const shared = fs.existsSync("node_modules") && fs.lstatSync("node_modules").isSymbolicLink();
if (stale && shared) {
  if (!fs.existsSync("app/generated/prisma/client.ts")) execSync("npm run db:generate --silent", { stdio: "inherit" });
  console.log("[løsningsbanken] node_modules is a symlink (shared): not running npm ci here.");
} else if (stale) {
  console.log("[løsningsbanken] Installing dependencies (npm ci) …");
  execSync("npm ci --no-audit --no-fund", { stdio: "inherit" });
}
