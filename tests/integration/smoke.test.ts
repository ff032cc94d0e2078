import { describe, expect, inject, it } from "vitest";
import { Client } from "../support/http";

describe("the running app", () => {
  it("serves the front page in bokmål by default with a skip link", async () => {
    const { status, html } = await new Client().page("/");
    expect(status).toBe(200);
    expect(html.startsWith('<!DOCTYPE html><html lang="nb"')).toBe(true);
    expect(html).toContain("Hopp til hovedinnhold");
  });

  it("switches to English and remembers it", async () => {
    const c = new Client();
    await c.ensureCsrf();
    const res = await c.post("/language", { locale: "en", redirectTo: "/" });
    expect(res.status).toBe(302);
    const { html } = await c.page("/");
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Skip to main content");
  });

  it("rejects a forged form post without the CSRF token", async () => {
    const c = new Client();
    const res = await c.post("/language", { locale: "en", redirectTo: "/" }, { csrf: "forged-token-forged-token" });
    expect(res.status).toBe(403);
  });

  it("rejects a post from another origin even with a token", async () => {
    const c = new Client();
    await c.ensureCsrf();
    const res = await c.post("/language", { locale: "en" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });

  it("serves public/ files and the built assets, and leaves every other path to the app", async () => {
    const base = inject("baseUrl");
    const icon = await fetch(`${base}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toMatch(/svg/);
    expect(icon.headers.get("cache-control")).toContain("max-age=3600");
    const { html } = await new Client().page("/");
    const script = /"(\/build\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    // Not in public/: the app answers (its own 404 page), not the static handler.
    const missing = await fetch(`${base}/favicon-missing.svg`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<html lang="nb"');
    // A malformed escape is a bad request, not a crash.
    expect((await fetch(`${base}/%E0%A4%A`)).status).toBe(400);
  });
});
