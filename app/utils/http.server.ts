/**
 * Reading a form inside Remix. The transport (http-guard.server.ts) has already refused bodies
 * of other types, too large or with NUL; what can still be wrong is the body itself (a
 * multipart body with a broken boundary, a truncated part): that is the client's fault too,
 * so it becomes a 400 page instead of an unexpected error.
 */
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/** The media type of a Content-Type an HTML form sends (lower case), else undefined. */
export function formMediaType(contentType: string | null | undefined): string | undefined {
  return FORM_TYPES.exec(contentType ?? "")?.[1]!.toLowerCase();
}

export async function readFormData(request: Request): Promise<FormData> {
  if (!formMediaType(request.headers.get("Content-Type"))) {
    throw new Response("Unsupported Media Type", { status: 415, statusText: "Unsupported Media Type" });
  }
  try {
    return await request.formData();
  } catch {
    if (request.signal.aborted) throw new Response("Client Closed Request", { status: 400 });
    throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  }
}

/** A byte limit as people read it: "64 kB", "1 MB", "1,5 MB" (nb) / "1.5 MB" (en). */
export function formatBytes(bytes: number, locale: "nb" | "en") {
  const mib = bytes / (1024 * 1024);
  const n = mib >= 1 ? mib : bytes / 1024;
  const text = new Intl.NumberFormat(locale === "nb" ? "nb-NO" : "en-GB", { maximumFractionDigits: 1 }).format(n);
  return `${text} ${mib >= 1 ? "MB" : "kB"}`;
}

/**
 * The cookies of a Cookie header by name (the first of a repeated name wins, values
 * percent-decoded where they decode). The pages (auth.server.ts) and the transport
 * (http-guard.server.ts) both read cookies through this.
 */
export function parseCookieHeader(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    if (!k || k in out) continue;
    try {
      out[k] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      out[k] = part.slice(i + 1).trim();
    }
  }
  return out;
}
