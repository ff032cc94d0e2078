/**
 * The backup file format (scripts/lib/backup-archive.ts): a standard .tar.gz that the system's
 * tar reads, that round-trips every byte, and whose damage or truncation is always detected.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArchiveError, extractArchive, writeArchive } from "../../scripts/lib/backup-archive";
import { collectDataFiles } from "../../scripts/lib/backup";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "lb-archive-unit-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function file(name: string, content: Buffer | string) {
  const p = path.join(work, name);
  fs.writeFileSync(p, content);
  return p;
}

const longName = `files/${"undermappe-".repeat(9)}/${"æøå-fil-".repeat(8)}.txt`; // > 100 bytes: ustar prefix
const sources = [
  { name: "manifest.json", content: '{"format":"losningsbanken-backup"}' },
  { name: "tables/001-Empty.tsv", content: "" },
  { name: "tables/002-Exactly512.tsv", content: "x".repeat(512) },
  { name: "tables/003-Big.tsv", content: crypto.randomBytes(300_000) },
  { name: "tables/004-Norsk.tsv", content: "1\tBlåbær på Ærøy\t\\N\n2\tØksnes «sitat»\\nny linje\n" },
  { name: longName, content: "lang sti" },
];

async function build(target: string) {
  await writeArchive(
    target,
    sources.map((s, i) => ({ name: s.name, file: file(`src-${i}`, s.content), mode: 0o600 })),
  );
}

describe("backup archive", () => {
  it("round-trips every entry byte for byte, with sha256, and is a real tar.gz", async () => {
    const archive = path.join(work, "ok.tar.gz");
    await build(archive);
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);
    const out = fs.mkdtempSync(path.join(work, "x-"));
    const entries = await extractArchive(archive, out);
    expect([...entries.keys()]).toEqual(sources.map((s) => s.name));
    for (const s of sources) {
      const e = entries.get(s.name)!;
      const content = Buffer.from(s.content);
      expect(fs.readFileSync(e.file).equals(content)).toBe(true);
      expect(e.size).toBe(content.length);
      expect(e.sha256).toBe(crypto.createHash("sha256").update(content).digest("hex"));
      expect(e.mode).toBe(0o600);
    }
    const listing = execFileSync("tar", ["-tzf", archive], { encoding: "utf8" }).trim().split("\n");
    expect(listing).toEqual(sources.map((s) => s.name));
    expect(execFileSync("tar", ["-xzOf", archive, "tables/004-Norsk.tsv"], { encoding: "utf8" })).toBe(sources[4].content);
  });

  it("refuses to overwrite an existing file", async () => {
    const archive = path.join(work, "exists.tar.gz");
    fs.writeFileSync(archive, "");
    await expect(build(archive)).rejects.toThrow(/EEXIST/);
  });

  it("detects truncation anywhere and damage in the compressed data", async () => {
    const archive = path.join(work, "cut.tar.gz");
    await build(archive);
    const bytes = fs.readFileSync(archive);
    for (const fraction of [0.1, 0.5, 0.9, 0.999]) {
      const cut = file(`cut-${fraction}.tar.gz`, bytes.subarray(0, Math.floor(bytes.length * fraction)));
      await expect(extractArchive(cut, fs.mkdtempSync(path.join(work, "c-")))).rejects.toBeInstanceOf(ArchiveError);
    }
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 3)] ^= 0x55;
    await expect(extractArchive(file("flipped.tar.gz", flipped), fs.mkdtempSync(path.join(work, "f-")))).rejects.toBeInstanceOf(
      ArchiveError,
    );
    await expect(extractArchive(file("plain.txt", "not a backup"), fs.mkdtempSync(path.join(work, "p-")))).rejects.toBeInstanceOf(
      ArchiveError,
    );
  });

  it("detects a tar without its end marker (e.g. a gzip of a cut tar)", async () => {
    const tar = execFileSync("tar", ["-cf", "-", "-C", work, "src-0"]);
    const cut = file("no-end.tar.gz", execFileSync("gzip", ["-c"], { input: tar.subarray(0, 1024) }));
    await expect(extractArchive(cut, fs.mkdtempSync(path.join(work, "n-")))).rejects.toThrow(/ends too early/);
  });
});

describe("what of DATA_DIR is backed up", () => {
  it("keeps the app's own files and leaves out services' data, runtime files, the mail log and backups", () => {
    const dataDir = fs.mkdtempSync(path.join(work, "data-"));
    for (const dir of ["postgres", "meilisearch", "meilisearch-dumps", "uploads/2026"])
      fs.mkdirSync(path.join(dataDir, dir), { recursive: true });
    for (const f of [
      "session-secret",
      "postgres/PG_VERSION",
      "meilisearch/data.mdb",
      "meilisearch.key",
      "meilisearch.json",
      "mail.log",
      "losningsbanken-backup-20261204T000000Z.tar.gz",
      "uploads/2026/bilde.png",
      "elsewhere.log",
    ]) {
      fs.writeFileSync(path.join(dataDir, f), "x");
    }
    const files = collectDataFiles(dataDir, [path.join(dataDir, "elsewhere.log")]).map((f) => f.rel);
    expect(files).toEqual(["session-secret", "uploads/2026/bilde.png"]);
  });
});
