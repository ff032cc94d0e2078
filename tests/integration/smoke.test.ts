import { describe, expect, it } from "vitest";
import { Client } from "../support/http";

describe("the running app", () => {
  it("serves the front page in bokmål by default with a skip link", async () => {
    const { status, html } = await new Client().page("/");
    expect(status).toBe(200);
    expect(html).toContain('<html lang="nb"');
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
});
