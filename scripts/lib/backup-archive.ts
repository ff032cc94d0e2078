/**
 * The backup file: a gzip-compressed POSIX (ustar) tar archive, readable with `tar xzf` on any
 * machine. Written and read here without dependencies (node:zlib only):
 * - writeArchive: entries from files on disk (sizes known), streamed through gzip into a file;
 * - extractArchive: streams a file through gunzip, checks every header checksum, and writes each
 *   entry to a scratch directory while hashing it (sha256). A truncated or damaged file fails
 *   with an ArchiveError (zlib's CRC/length checks catch damage inside the compressed data).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";

export class ArchiveError extends Error {}

const BLOCK = 512;

export interface ArchiveEntrySource {
  /** Path inside the archive ("manifest.json", "tables/Case.tsv"). */
  name: string;
  /** File on disk with the content. */
  file: string;
  mode?: number;
  mtime?: Date;
}

function writeOctal(buf: Buffer, value: number, offset: number, length: number) {
  buf.write(value.toString(8).padStart(length - 1, "0") + "\0", offset, length, "ascii");
}

/** Size field: octal up to 8 GiB, base-256 (GNU/star, understood by GNU tar and bsdtar) above. */
function writeSize(buf: Buffer, size: number) {
  if (size < 0o77777777777) return writeOctal(buf, size, 124, 12);
  buf[124] = 0x80;
  let v = BigInt(size);
  for (let i = 135; i > 124; i--) {
    buf[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

function readSize(buf: Buffer): number {
  if (buf[124] & 0x80) {
    let v = 0n;
    for (let i = 125; i < 136; i++) v = (v << 8n) | BigInt(buf[i]);
    return Number(v);
  }
  return readOctal(buf, 124, 12);
}

function readOctal(buf: Buffer, offset: number, length: number): number {
  const text = buf
    .toString("ascii", offset, offset + length)
    .replace(/[\0 ]+$/g, "")
    .trim();
  if (!/^[0-7]*$/.test(text)) throw new ArchiveError("a tar header field is not a number");
  return text ? parseInt(text, 8) : 0;
}

function readString(buf: Buffer, offset: number, length: number) {
  const slice = buf.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end === -1 ? length : end).toString("utf8");
}

export function tarHeader(name: string, size: number, mode: number, mtime: Date): Buffer {
  const buf = Buffer.alloc(BLOCK);
  let prefix = "";
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    // ustar: the part before a "/" goes into the 155-byte prefix field.
    const cut = name.lastIndexOf("/", 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100 || Buffer.byteLength(name.slice(0, cut)) > 155) {
      throw new ArchiveError(`path too long for the backup archive: ${name}`);
    }
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  buf.write(base, 0, 100, "utf8");
  writeOctal(buf, mode & 0o7777, 100, 8);
  writeOctal(buf, 0, 108, 8);
  writeOctal(buf, 0, 116, 8);
  writeSize(buf, size);
  writeOctal(buf, Math.floor(mtime.getTime() / 1000), 136, 12);
  buf.fill(" ", 148, 156);
  buf.write("0", 156, "ascii");
  buf.write("ustar\0", 257, "ascii");
  buf.write("00", 263, "ascii");
  buf.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of buf) sum += byte;
  buf.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, 8, "ascii");
  return buf;
}

function verifyChecksum(header: Buffer) {
  const stored = readOctal(header, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
  if (sum !== stored) throw new ArchiveError("a tar header is damaged (checksum mismatch)");
}

async function* archiveChunks(entries: ArchiveEntrySource[]): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    const stat = fs.statSync(entry.file);
    yield tarHeader(entry.name, stat.size, entry.mode ?? 0o600, entry.mtime ?? stat.mtime);
    let written = 0;
    for await (const chunk of fs.createReadStream(entry.file)) {
      written += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    if (written !== stat.size) throw new ArchiveError(`${entry.file} changed while it was archived`);
    const pad = (BLOCK - (stat.size % BLOCK)) % BLOCK;
    if (pad) yield Buffer.alloc(pad);
  }
  yield Buffer.alloc(BLOCK * 2);
}

/** Writes the entries as a .tar.gz to `target` (created with mode 0600; the caller renames it). */
export async function writeArchive(target: string, entries: ArchiveEntrySource[]): Promise<void> {
  await pipeline(
    Readable.from(archiveChunks(entries)),
    zlib.createGzip({ level: 6 }),
    fs.createWriteStream(target, { mode: 0o600, flags: "wx" }),
  );
}

export interface ExtractedEntry {
  name: string;
  /** Where its content was written. */
  file: string;
  size: number;
  sha256: string;
  mode: number;
}

/**
 * Extracts every regular file of the archive into `scratchDir` (as numbered files; names are
 * never used as paths) and returns them by archive name. Throws ArchiveError when the file is
 * not a complete gzip-compressed tar archive.
 */
export async function extractArchive(source: string, scratchDir: string): Promise<Map<string, ExtractedEntry>> {
  const entries = new Map<string, ExtractedEntry>();
  type Current = { entry: ExtractedEntry; remaining: number; padding: number; hash: crypto.Hash; fd: number | null };
  let pending: Buffer = Buffer.alloc(0);
  let current: Current | null = null;
  // (assigned inside the stream callback: TypeScript cannot see that)
  const open = () => current as Current | null;
  let ended = false;
  let counter = 0;

  const consume = (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let pos = 0;
    while (!ended) {
      if (current) {
        if (current.remaining > 0) {
          const take = Math.min(current.remaining, pending.length - pos);
          if (take === 0) break;
          const part = pending.subarray(pos, pos + take);
          current.hash.update(part);
          if (current.fd !== null) fs.writeSync(current.fd, part);
          current.remaining -= take;
          pos += take;
          continue;
        }
        if (current.padding > 0) {
          const skip = Math.min(current.padding, pending.length - pos);
          if (skip === 0) break;
          current.padding -= skip;
          pos += skip;
          continue;
        }
        if (current.fd !== null) {
          fs.closeSync(current.fd);
          current.entry.sha256 = current.hash.digest("hex");
          entries.set(current.entry.name, current.entry);
        }
        current = null;
        continue;
      }
      if (pending.length - pos < BLOCK) break;
      const header = pending.subarray(pos, pos + BLOCK);
      pos += BLOCK;
      if (header.every((b) => b === 0)) {
        ended = true;
        break;
      }
      verifyChecksum(header);
      const prefix = readString(header, 345, 155);
      const base = readString(header, 0, 100);
      const name = prefix ? `${prefix}/${base}` : base;
      const size = readSize(header);
      const type = String.fromCharCode(header[156] || 48);
      const regular = type === "0";
      if (regular && entries.has(name)) throw new ArchiveError(`the archive holds ${name} twice`);
      const file = path.join(scratchDir, `entry-${++counter}`);
      current = {
        entry: { name, file, size, sha256: "", mode: readOctal(header, 100, 8) },
        remaining: size,
        padding: (BLOCK - (size % BLOCK)) % BLOCK,
        hash: crypto.createHash("sha256"),
        // Anything but a regular file (directories, pax headers) is skipped.
        fd: regular ? fs.openSync(file, "wx", 0o600) : null,
      };
    }
    pending = pending.subarray(pos);
  };

  try {
    await pipeline(fs.createReadStream(source), zlib.createGunzip(), async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) consume(chunk);
    });
  } catch (error) {
    const last = open();
    if (last?.fd != null) fs.closeSync(last.fd);
    if (error instanceof ArchiveError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") throw error;
    // zlib: "unexpected end of file" (truncated), "incorrect header check" (not gzip), CRC errors.
    throw new ArchiveError(`it is not a complete gzip file (${(error as Error).message})`);
  }
  const last = open();
  if (last?.fd != null) fs.closeSync(last.fd);
  if (!ended || last) throw new ArchiveError("the archive ends too early (the file is truncated)");
  return entries;
}
