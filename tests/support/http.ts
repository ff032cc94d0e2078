/**
 * A tiny browser-like HTTP client for "from the outside" tests: keeps cookies, does not
 * follow redirects (so tests can assert them), and sends the CSRF token like a real form.
 */
import { inject } from "vitest";

export class Client {
  readonly baseUrl = inject("baseUrl");
  private jar = new Map<string, string>();

  cookie(name: string) {
    return this.jar.get(name);
  }

  setCookie(name: string, value: string) {
    this.jar.set(name, value);
  }

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = decodeURIComponent(pair.slice(i + 1).trim());
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()));
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  private headers(extra: Record<string, string> = {}) {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
    return { ...(cookie ? { Cookie: cookie } : {}), ...extra };
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(this.baseUrl + path, { redirect: "manual", headers: this.headers(headers) });
    this.store(res);
    return res;
  }

  /** GET and return the body text, asserting nothing about the status. */
  async page(path: string) {
    const res = await this.get(path);
    return { status: res.status, html: await res.text(), res };
  }

  /** Makes sure this client has a CSRF cookie, as a browser would after viewing any page. */
  async ensureCsrf() {
    if (!this.jar.get("lb_csrf")) await this.get("/healthz").then(() => this.get("/"));
    return this.jar.get("lb_csrf")!;
  }

  /**
   * POST a form. By default includes this browser's CSRF token and our Origin;
   * pass { csrf: false } or { origin } to forge.
   */
  async post(
    path: string,
    fields: Record<string, string | string[]> | URLSearchParams,
    options: { csrf?: boolean | string; origin?: string | null } = {},
  ) {
    const body = fields instanceof URLSearchParams ? fields : new URLSearchParams();
    if (!(fields instanceof URLSearchParams)) {
      for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    if (options.csrf !== false && !body.has("csrf")) {
      body.set("csrf", typeof options.csrf === "string" ? options.csrf : await this.ensureCsrf());
    }
    const extra: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
    if (options.origin !== null) extra.Origin = options.origin ?? this.baseUrl;
    const res = await fetch(this.baseUrl + path, { method: "POST", redirect: "manual", headers: this.headers(extra), body });
    this.store(res);
    return res;
  }

  async login(email: string, password: string) {
    const res = await this.post("/login", { email, password, redirectTo: "/" });
    if (res.status !== 302 || !this.jar.get("lb_session")) {
      throw new Error(`Login failed for ${email}: ${res.status} ${await res.text().catch(() => "")}`);
    }
    return res;
  }
}
