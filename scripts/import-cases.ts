/**
 * `npm run import:cases -- [--dry-run] [--as <e-mail>] [--allow-duplicates] <files or directories...>`
 *
 * Imports case write-ups (Markdown with front matter, or JSON; see docs/import-format.md).
 * Validates everything first and imports nothing if any file has an error; then writes
 * all cases in one transaction. Exit code 1 on any error.
 */
import fs from "node:fs";
import path from "node:path";
import { ScriptError, withDatabase } from "./lib/database";

const USAGE = `Usage: npm run import:cases -- [options] <files or directories...>

Imports case write-ups: Markdown files with YAML front matter (.md, .markdown) and JSON
files (.json, one case or an array). Directories are searched recursively.
Format: docs/import-format.md

Options:
  --dry-run            validate only; write nothing
  --as <e-mail>        record this user as the author of the imported cases
  --allow-duplicates   import even if the owner already has a case with the same title
  -h, --help           show this help`;

interface Args {
  paths: string[];
  dryRun: boolean;
  as: string | null;
  allowDuplicates: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { paths: [], dryRun: false, as: null, allowDuplicates: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a === "--dry-run") args.dryRun = true;
    else if (a === "--allow-duplicates") args.allowDuplicates = true;
    else if (a === "--as" || a.startsWith("--as=")) {
      const value = a === "--as" ? argv[++i] : a.slice("--as=".length);
      if (!value || value.startsWith("--")) throw new ScriptError("--as needs a user e-mail, e.g. --as redaktor@hamar.kommune.no");
      args.as = value;
    } else if (a.startsWith("-")) throw new ScriptError(`Unknown option ${a}\n\n${USAGE}`);
    else args.paths.push(a);
  }
  if (!args.paths.length) throw new ScriptError(`Give at least one file or directory.\n\n${USAGE}`);
  return args;
}

const CASE_FILE = /\.(md|markdown|json)$/i;

function collectFiles(paths: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (CASE_FILE.test(entry.name)) files.push(full);
    }
  };
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new ScriptError(`${p}: no such file or directory`);
    if (fs.statSync(p).isDirectory()) {
      const before = files.length;
      walk(p);
      if (files.length === before) throw new ScriptError(`${p}: no .md, .markdown or .json files in this directory`);
    } else {
      files.push(p); // named explicitly: the parser reports an unsupported extension
    }
  }
  return [...new Set(files)];
}

const out = (line = "") => process.stdout.write(`${line}\n`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const files = collectFiles(args.paths);
  const sources = files.map((file) => ({ file, text: fs.readFileSync(file, "utf8") }));

  const result = await withDatabase(
    async () => {
      const { importCases } = await import("../app/models/case-import.server");
      const { formatIssue } = await import("../app/schemas/case-import");
      const r = await importCases(sources, { dryRun: args.dryRun, actorEmail: args.as, allowDuplicates: args.allowDuplicates });
      for (const f of r.files) {
        if (f.issues.length) {
          out(`✗ ${f.file}: ${plural(f.issues.length, "error")}`);
          for (const issue of f.issues) out(`  ${formatIssue(issue)}`);
        } else {
          out(`✓ ${f.file}: ${plural(f.cases, "case")}${f.titles.length ? ` (${f.titles.map((t) => `«${t}»`).join(", ")})` : ""}`);
        }
      }
      for (const g of r.generalIssues) out(`✗ ${g}`);
      return r;
    },
    { log: () => {} },
  );

  out();
  const badFiles = result.files.filter((f) => f.issues.length).length;
  if (result.issueCount) {
    out(`${plural(result.issueCount, "error")} in ${badFiles} of ${plural(files.length, "file")}: nothing was imported.`);
    return 1;
  } else if (args.dryRun) {
    out(
      `Dry run: ${plural(result.validCases, "case")} in ${plural(files.length, "file")} ${result.validCases === 1 ? "is" : "are"} valid; nothing was imported.`,
    );
  } else {
    out(`Imported ${plural(result.imported.length, "case")} from ${plural(files.length, "file")}.`);
  }
  return 0;
}

// Explicit exit codes: the embedded PostgreSQL's exit hook would otherwise end the process with 0.
main()
  .then((code) => process.exit(code))
  .catch((error) => {
    if (error instanceof ScriptError) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  });
