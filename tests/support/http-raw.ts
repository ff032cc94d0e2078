/**
 * Raw HTTP/1.1 over a loopback socket, for requests no well-behaved client would send
 * (malformed request lines, NUL in headers, a Host of "[", trickled headers), plus a seeded
 * PRNG and the checks every hostile-input test makes on an answer.
 */
import fs from "node:fs";
import net from "node:net";
import enCommon from "~/locales/en/common";
import nbCommon from "~/locales/nb/common";

export interface RawAnswer {
  /** null: the server closed the connection without an HTTP answer. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds until the server closed the connection (or the timeout). */
  ms: number;
  timedOut: boolean;
}

/**
 * Sends `request` as is and reads until the server closes the connection (every request
 * here says `Connection: close` or is refused, which closes it) or `timeoutMs` passes.
 * `trickle` writes the request in pieces with a pause between them (slowloris).
 */
export function rawRequest(
  baseUrl: string,
  request: Buffer | string,
  options: { timeoutMs?: number; trickle?: { pieces: Array<Buffer | string>; everyMs: number } } = {},
): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(url.port), "127.0.0.1");
    let trickleTimer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const finish = () => {
      clearTimeout(timer);
      clearInterval(trickleTimer);
      resolve(parseAnswer(Buffer.concat(chunks), Date.now() - started, timedOut));
    };
    const timer = setTimeout(() => {
      timedOut = true;
      socket.destroy();
    }, options.timeoutMs ?? 5000);
    socket.on("data", (d) => chunks.push(d));
    socket.on("error", () => undefined);
    socket.on("close", finish);
    socket.on("connect", () => {
      if (request.length) socket.write(request);
      if (options.trickle) {
        const pieces = [...options.trickle.pieces];
        trickleTimer = setInterval(() => {
          const next = pieces.shift();
          if (next === undefined || socket.destroyed) return clearInterval(trickleTimer);
          socket.write(next);
        }, options.trickle.everyMs);
      }
    });
  });
}

function parseAnswer(raw: Buffer, ms: number, timedOut: boolean): RawAnswer {
  let text = raw.toString("utf8");
  // Interim answers (100 Continue) come before the real one.
  while (/^HTTP\/1\.[01] 1\d\d/.test(text) && text.includes("\r\n\r\n")) text = text.slice(text.indexOf("\r\n\r\n") + 4);
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  const headerEnd = text.indexOf("\r\n\r\n");
  const headers: Record<string, string> = {};
  if (headerEnd > 0) {
    for (const line of text.slice(0, headerEnd).split("\r\n").slice(1)) {
      const i = line.indexOf(":");
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
  }
  let body = headerEnd > 0 ? text.slice(headerEnd + 4) : "";
  if (headers["transfer-encoding"]?.includes("chunked")) body = dechunk(body);
  return { status: m ? Number(m[1]) : null, headers, body, ms, timedOut };
}

function dechunk(body: string) {
  let out = "";
  let rest = body;
  for (;;) {
    const nl = rest.indexOf("\r\n");
    if (nl < 0) break;
    const size = parseInt(rest.slice(0, nl), 16);
    if (!size) break;
    out += rest.slice(nl + 2, nl + 2 + size);
    rest = rest.slice(nl + 2 + size + 2);
  }
  return out;
}

export { prng } from "../../scripts/lib/prng";

/** The translated error page: bokmål by default, English first with the lb_lang=en cookie. Each status has its own title. */
const errorTitles = (errors: Record<string, string>) =>
  Object.entries(errors)
    .filter(([key]) => key.startsWith("title"))
    .map(([, value]) => value);
const NB_TITLES = errorTitles(nbCommon.errors);
const EN_TITLES = errorTitles(enCommon.errors);
const FOREIGN_ORIGIN_NB = "Skjemaet kom fra et annet nettsted";

/**
 * True when a 4xx page is in the expected language: `<html lang>` is that language and, for
 * an error page, its heading is in that language too. A request too broken to read its cookies
 * gets the bilingual page (bokmål first, English marked lang="en"), which also counts for en.
 */
export function isTranslatedPage(body: string, locale: "nb" | "en") {
  if (body.includes(FOREIGN_ORIGIN_NB)) return true; // the bilingual 403 for a foreign Origin
  const own = locale === "nb" ? NB_TITLES : EN_TITLES;
  const other = locale === "nb" ? EN_TITLES : NB_TITLES;
  if (new RegExp(`<html lang="${locale}"`).test(body)) {
    const title = /<title>([^<]*)<\/title>/.exec(body)?.[1] ?? "";
    return own.some((t) => title.includes(t)) || !other.some((t) => title.includes(t));
  }
  const englishPart = /lang="en"[^>]*>([^]*)/.exec(body)?.[1] ?? "";
  return locale === "en" && NB_TITLES.some((t) => body.includes(t)) && EN_TITLES.some((t) => englishPart.includes(t));
}

/**
 * The pid of the process listening on `port` on this machine (Linux /proc), or null where
 * that cannot be found out. Used to prove the server was never restarted.
 */
export function pidListeningOn(port: number): number | null {
  try {
    const inodes = new Set<string>();
    for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
      if (!fs.existsSync(file)) continue;
      for (const line of fs.readFileSync(file, "utf8").split("\n").slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols.length < 10) continue;
        const localPort = parseInt(cols[1]!.split(":")[1]!, 16);
        if (localPort === port && cols[3] === "0A") inodes.add(cols[9]!);
      }
    }
    if (!inodes.size) return null;
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      let fds: string[];
      try {
        fds = fs.readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue;
      }
      for (const fd of fds) {
        try {
          const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
          const m = /^socket:\[(\d+)\]$/.exec(link);
          if (m && inodes.has(m[1]!)) return Number(pid);
        } catch {
          /* gone */
        }
      }
    }
  } catch {
    return null;
  }
  return null;
}
