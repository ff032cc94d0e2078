/**
 * Reading a form inside Remix. The transport (http-guard.server.ts) has already refused bodies
 * of other types, too large or with NUL; what can still be wrong is the body itself (a
 * multipart body with a broken boundary, a truncated part): that is the client's fault too,
 * so it becomes a 400 page instead of an unexpected error.
 */
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

export async function readFormData(request: Request): Promise<FormData> {
  if (!FORM_TYPES.test(request.headers.get("Content-Type") ?? "")) {
    throw new Response("Unsupported Media Type", { status: 415, statusText: "Unsupported Media Type" });
  }
  try {
    return await request.formData();
  } catch {
    if (request.signal.aborted) throw new Response("Client Closed Request", { status: 400 });
    throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  }
}
