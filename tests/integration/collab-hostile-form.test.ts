/**
 * Fault 6, the form side: "a 5 MB section makes a 10 MB page". The form (no JavaScript, or the
 * fallback when live editing cannot connect) applies the same section limits as live editing
 * (app/editor/limits.ts): an over-long or over-deep section is a field error in the reader's
 * language, nothing is stored, and what was typed comes back.
 */
import { MAX_SECTION_CHARS } from "~/editor/limits";
import { db } from "~/utils/db.server";
import { caseFormFields, createCaseWorld, loggedIn } from "../support/case-factories";
import type { Client } from "../support/http";

let world: Awaited<ReturnType<typeof createCaseWorld>>;
let editor: Client;

beforeAll(async () => {
  world = await createCaseWorld();
  editor = await loggedIn(world.users.ownerEditor);
});

function deepJson(depth: number) {
  let node: Record<string, unknown> = { type: "paragraph", content: [{ type: "text", text: "bunn" }] };
  for (let i = 0; i < depth; i++) node = { type: "blockquote", content: [node] };
  return JSON.stringify({ type: "doc", content: [node] });
}

describe("the case form applies the live editing limits", () => {
  it("a section over the limit is a field error on that section (nb), nothing is stored, the other fields come back", async () => {
    const fields = caseFormFields({
      ownerOrganisationId: world.owner.id,
      challengeAreaIds: world.area.id,
      "sections.results": "å".repeat(MAX_SECTION_CHARS + 1),
    });
    const res = await editor.post("/cases/new", fields);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Teksten er for lang (høyst 20 000 tegn per del)");
    expect(html).toContain(fields.title as string);
    expect(await db().case.count({ where: { title: fields.title as string } })).toBe(0);
  });

  it("1,500 nested blockquotes posted as rich text are refused as too complex; exactly the limit is saved", async () => {
    const deep = caseFormFields({
      ownerOrganisationId: world.owner.id,
      challengeAreaIds: world.area.id,
      "sections.method": deepJson(1500),
    });
    const res = await editor.post("/cases/new", deep);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Teksten har for mange avsnitt eller lenker, eller er nøstet for dypt");
    const ok = caseFormFields({
      ownerOrganisationId: world.owner.id,
      challengeAreaIds: world.area.id,
      "sections.results": "x".repeat(MAX_SECTION_CHARS),
    });
    expect((await editor.post("/cases/new", ok)).status).toBe(302);
    expect(await db().case.count({ where: { title: ok.title as string } })).toBe(1);
  });
});
