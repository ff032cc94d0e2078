/**
 * Remix drops loaders, actions and what only they import from the browser bundle - but only
 * when a route module has no module-level side effects. `export const loader =
 * withDomainErrors(...)` (a call at module level) once kept every loader in the bundle, and
 * with the mapper in a `.server` module (emptied for the browser) no page hydrated. The
 * built bundle (npm run build, as the suite's global setup uses) must hold no server code.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function bundleFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? bundleFiles(full) : e.name.endsWith(".js") ? [full] : [];
  });
}

describe("browser bundle", () => {
  const files = bundleFiles(path.resolve("public/build"));
  const text = files.map((f) => fs.readFileSync(f, "utf8")).join("\n");

  it("exists", () => {
    expect(files.some((f) => /routes\/cases\.\$slug-[A-Z0-9]+\.js$/i.test(f))).toBe(true);
  });

  // Names that survive minification (property accesses on imported modules, error texts).
  it.each(["withDomainErrors", "domainErrorResponse", "presentSearchResults", "presentCase", "requireViewableCase", "listCaseFormChoices"])(
    "holds no server code: %s",
    (name) => {
      expect(text).not.toContain(name);
    },
  );
});
