/**
 * "Spør kommunen" from the outside, over HTTP against the running server: asking, answering,
 * editing, deleting, marking answered and hiding; who may do what (visitor, another
 * organisation, someone else's post, forged posts, unknown ids); hostile bodies (huge, garbage,
 * headings/images, javascript: links, <script>), the rate limit, and the unanswered lists.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createCaseWorld, createFullCase, loggedIn, type Visibility } from "../support/case-factories";
import { createUser, uniqueSuffix } from "../support/factories";
import { Client } from "../support/http";
import { followDirect, notificationsSettled } from "../support/notifications";

let world: Awaited<ReturnType<typeof createCaseWorld>>;
const cases = {} as Record<Visibility, { slug: string; id: string }>;

beforeAll(async () => {
  world = await createCaseWorld();
  for (const visibility of ["DRAFT", "MEMBERS", "PUBLIC"] as const) {
    const c = await createFullCase({
      ownerOrganisationId: world.owner.id,
      coOwnerIds: [world.coOwner.id],
      challengeAreaIds: [world.area.id],
      visibility,
      actorId: world.users.ownerEditor.id,
    });
    cases[visibility] = { slug: c.slug, id: c.id };
  }
});

/** A fresh logged-in user of the "other" organisation (each has their own rate-limit budget). */
async function freshOtherMember(role: "MEMBER" | "EDITOR" = "MEMBER") {
  const user = await createUser({ memberships: [{ organisationId: world.other.id, role }] });
  return { user, client: await loggedIn(user) };
}

async function freshOwnerEditor() {
  const user = await createUser({ memberships: [{ organisationId: world.owner.id, role: "EDITOR" }] });
  return { user, client: await loggedIn(user) };
}

async function ask(client: Client, slug: string, body: string) {
  const res = await client.post(`/cases/${slug}/questions`, { body });
  const id = /#question-([a-z0-9]+)$/.exec(res.headers.get("location") ?? "")?.[1];
  return { res, id };
}

async function latestQuestion(caseId: string) {
  return db().question.findFirstOrThrow({ where: { caseId }, orderBy: { createdAt: "desc" }, include: { answers: true } });
}

describe("asking and answering", () => {
  it("a member of another organisation asks; the owner answers as the organisation; the asker marks it answered", async () => {
    const asker = await freshOtherMember();
    const text = `Hvor mange ansatte var med? Se https://example.no/rapport. ${uniqueSuffix()}`;
    const { res, id } = await ask(asker.client, cases.MEMBERS.slug, text);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/cases/${cases.MEMBERS.slug}?qa=asked#question-${id}`);

    const q = await db().question.findUniqueOrThrow({ where: { id } });
    expect(q.authorId).toBe(asker.user.id);
    expect(q.bodyText).toBe(text);
    const event = await db().domainEvent.findFirstOrThrow({ where: { type: "question.asked", entityId: id } });
    expect(event).toMatchObject({ entity: "question", actorUserId: asker.user.id, payload: { caseId: cases.MEMBERS.id } });

    // The page shows it, the address as a user-content link, and the success is announced.
    const page = await asker.client.page(`/cases/${cases.MEMBERS.slug}?qa=asked`);
    expect(page.html).toContain("Hvor mange ansatte var med?");
    expect(page.html).toContain('<a href="https://example.no/rapport" rel="nofollow ugc noopener">https://example.no/rapport</a>');
    expect(page.html).toMatch(/role="status"[^>]*>(?:(?!<\/div>)[\s\S])*Spørsmålet ditt er sendt\./);

    // The owner's editor answers: marked as the organisation's answer.
    const owner = await freshOwnerEditor();
    const answer = await owner.client.post(`/questions/${id}`, { intent: "answer", body: "Tolv ansatte, fordelt på to team." });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toMatch(new RegExp(`^/cases/${cases.MEMBERS.slug}\\?qa=answered#answer-`));
    const a = await db().answer.findFirstOrThrow({ where: { questionId: id } });
    expect(a.authorOrganisationId).toBe(world.owner.id);
    const answered = await db().domainEvent.findFirstOrThrow({ where: { type: "answer.posted", entityId: a.id } });
    expect(answered).toMatchObject({ entity: "answer", payload: { caseId: cases.MEMBERS.id, questionId: id } });
    const after = await asker.client.page(`/cases/${cases.MEMBERS.slug}`);
    expect(after.html).toContain(`Svar fra ${world.owner.name}`);
    expect(after.html).toContain("Tolv ansatte, fordelt på to team.");

    // Someone from another organisation answers too: no "Svar fra".
    const other = await freshOtherMember();
    expect((await other.client.post(`/questions/${id}`, { intent: "answer", body: "Vi gjorde det samme." })).status).toBe(302);
    const otherAnswer = await db().answer.findFirstOrThrow({ where: { questionId: id, authorId: other.user.id } });
    expect(otherAnswer.authorOrganisationId).toBeNull();

    // Marking answered: not for a bystander, yes for the asker.
    expect((await other.client.post(`/questions/${id}`, { intent: "mark", answered: "1" })).status).toBe(403);
    const mark = await asker.client.post(`/questions/${id}`, { intent: "mark", answered: "1" });
    expect(mark.status).toBe(302);
    expect(mark.headers.get("location")).toContain("qa=marked");
    expect((await db().question.findUniqueOrThrow({ where: { id } })).answeredById).toBe(asker.user.id);
    // ... and an owner's editor may unmark it.
    expect((await owner.client.post(`/questions/${id}`, { intent: "mark", answered: "0" })).status).toBe(302);
    expect((await db().question.findUniqueOrThrow({ where: { id } })).answeredAt).toBeNull();
  });

  it("visitors see how many questions were asked and answered, never the text, and are invited to log in", async () => {
    const asker = await freshOtherMember();
    const secret = `Hemmelig spørsmål ${uniqueSuffix()}`;
    const { id } = await ask(asker.client, cases.PUBLIC.slug, secret);
    await ask(asker.client, cases.PUBLIC.slug, `Enda et ${uniqueSuffix()}`);
    const owner = await freshOwnerEditor();
    await owner.client.post(`/questions/${id}`, { intent: "answer", body: "Svar." });
    const total = await db().question.count({ where: { caseId: cases.PUBLIC.id, deletedAt: null, hiddenAt: null } });
    const answeredCount = await db().question.count({
      where: {
        caseId: cases.PUBLIC.id,
        deletedAt: null,
        hiddenAt: null,
        OR: [{ answeredAt: { not: null } }, { answers: { some: { deletedAt: null, hiddenAt: null } } }],
      },
    });
    const visitor = new Client();
    const { status, html } = await visitor.page(`/cases/${cases.PUBLIC.slug}`);
    expect(status).toBe(200);
    expect(html).not.toContain(secret);
    expect(html).toContain(`${total} spørsmål, ${answeredCount} besvart`);
    expect(html).toContain(`href="/login?redirectTo=${encodeURIComponent(`/cases/${cases.PUBLIC.slug}#questions`)}"`);
    expect(html).toContain("logg inn for å lese og spørre");
    // And the question page itself is for logged-in users.
    const direct = await visitor.get(`/questions/${id}`);
    expect(direct.status).toBe(302);
    expect(direct.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("in English too", async () => {
    const visitor = new Client();
    visitor.setCookie("lb_lang", "en");
    const { html } = await visitor.page(`/cases/${cases.PUBLIC.slug}`);
    expect(html).toMatch(/\d+ questions?, \d+ answered/);
    expect(html).toContain("log in to read and ask");
  });
});

describe("editing, deleting, hiding", () => {
  it("the author edits (the old text is kept) and deletes (soft); others may not", async () => {
    const asker = await freshOtherMember();
    const { id } = await ask(asker.client, cases.MEMBERS.slug, "Første versjon");
    const other = await freshOtherMember();
    expect((await other.client.post(`/questions/${id}`, { intent: "edit", kind: "question", postId: id!, body: "Kapret" })).status).toBe(
      403,
    );
    expect((await other.client.post(`/questions/${id}`, { intent: "delete", kind: "question", postId: id! })).status).toBe(403);

    const edit = await asker.client.post(`/questions/${id}`, { intent: "edit", kind: "question", postId: id!, body: "Andre versjon" });
    expect(edit.status).toBe(302);
    const edited = await db().question.findUniqueOrThrow({ where: { id } });
    expect(edited.bodyText).toBe("Andre versjon");
    expect(edited.editedAt).not.toBeNull();
    expect(edited.previousBodies).toEqual([expect.objectContaining({ bodyText: "Første versjon" })]);

    // The edit form (GET ?edit=) is prefilled with the current text.
    const form = await asker.client.page(`/questions/${id}?edit=${id}`);
    expect(form.status).toBe(200);
    expect(form.html).toMatch(/<textarea[^>]*>Andre versjon<\/textarea>/);

    // Answers: someone else's answer is not yours to edit.
    const owner = await freshOwnerEditor();
    await owner.client.post(`/questions/${id}`, { intent: "answer", body: "Et svar" });
    const answer = await db().answer.findFirstOrThrow({ where: { questionId: id } });
    expect((await asker.client.post(`/questions/${id}`, { intent: "edit", kind: "answer", postId: answer.id, body: "x" })).status).toBe(
      403,
    );
    expect(
      (await owner.client.post(`/questions/${id}`, { intent: "edit", kind: "answer", postId: answer.id, body: "Et bedre svar" })).status,
    ).toBe(302);
    expect((await owner.client.post(`/questions/${id}`, { intent: "delete", kind: "answer", postId: answer.id })).status).toBe(302);
    const deletedAnswer = await db().answer.findUniqueOrThrow({ where: { id: answer.id } });
    expect(deletedAnswer.deletedAt).not.toBeNull();
    expect(deletedAnswer.bodyText).toBe("Et bedre svar");

    const del = await asker.client.post(`/questions/${id}`, { intent: "delete", kind: "question", postId: id! });
    expect(del.status).toBe(302);
    expect((await db().question.findUniqueOrThrow({ where: { id } })).deletedAt).not.toBeNull();
    const page = await other.client.page(`/cases/${cases.MEMBERS.slug}`);
    expect(page.html).not.toContain("Andre versjon");
    expect(page.html).not.toContain("Et bedre svar");
    // A deleted post cannot be edited, answered or deleted again.
    expect((await asker.client.post(`/questions/${id}`, { intent: "edit", kind: "question", postId: id!, body: "Igjen" })).status).toBe(
      404,
    );
    expect((await owner.client.post(`/questions/${id}`, { intent: "answer", body: "Sent svar" })).status).toBe(404);
  });

  it("a facilitator hides a post with a visible reason; its text is gone for others; nobody else may hide", async () => {
    const asker = await freshOtherMember();
    const text = `Upassende innhold ${uniqueSuffix()}`;
    const { id } = await ask(asker.client, cases.MEMBERS.slug, text);
    const ownerEditor = await freshOwnerEditor();
    expect(
      (await ownerEditor.client.post(`/questions/${id}`, { intent: "hide", kind: "question", postId: id!, reason: "Nei" })).status,
    ).toBe(403);
    const facilitator = await loggedIn(world.users.facilitator);
    const empty = await facilitator.post(`/questions/${id}`, { intent: "hide", kind: "question", postId: id!, reason: "  " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Skriv hvorfor innlegget skjules.");
    const hide = await facilitator.post(`/questions/${id}`, {
      intent: "hide",
      kind: "question",
      postId: id!,
      reason: "Personopplysninger",
    });
    expect(hide.status).toBe(302);

    const bystander = await freshOtherMember();
    const seen = await bystander.client.page(`/cases/${cases.MEMBERS.slug}`);
    expect(seen.html).toContain("Skjult av en fasilitator: Personopplysninger");
    expect(seen.html).not.toContain(text);
    expect((await bystander.client.page(`/questions/${id}`)).html).not.toContain(text);
    // The author still sees their own text (and cannot edit it while hidden).
    expect((await asker.client.page(`/cases/${cases.MEMBERS.slug}`)).html).toContain(text);
    expect(
      (await asker.client.post(`/questions/${id}`, { intent: "edit", kind: "question", postId: id!, body: "Sneket inn" })).status,
    ).toBe(403);
    // A hidden question does not count for visitors and takes no new answers from members.
    expect((await bystander.client.post(`/questions/${id}`, { intent: "answer", body: "Svar" })).status).toBe(403);
    // Shown again.
    expect((await facilitator.post(`/questions/${id}`, { intent: "unhide", kind: "question", postId: id! })).status).toBe(302);
    expect((await bystander.client.page(`/cases/${cases.MEMBERS.slug}`)).html).toContain(text);
  });
});

describe("permissions from the outside", () => {
  it("a visitor cannot ask or answer (sent to log in, nothing stored)", async () => {
    const before = await db().question.count({ where: { caseId: cases.PUBLIC.id } });
    const visitor = new Client();
    const res = await visitor.post(`/cases/${cases.PUBLIC.slug}/questions`, { body: "Anonymt spørsmål" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    expect(await db().question.count({ where: { caseId: cases.PUBLIC.id } })).toBe(before);
    const q = await latestQuestion(cases.PUBLIC.id);
    const answer = await visitor.post(`/questions/${q.id}`, { intent: "answer", body: "Anonymt svar" });
    expect(answer.status).toBe(302);
    expect(await db().answer.count({ where: { questionId: q.id, bodyText: "Anonymt svar" } })).toBe(0);
  });

  it("another organisation's member gets 404 for everything on a DRAFT case, like a missing one", async () => {
    const insider = await createUser({ memberships: [{ organisationId: world.owner.id, role: "MEMBER" }] });
    const insiderClient = await loggedIn(insider);
    const { id } = await ask(insiderClient, cases.DRAFT.slug, "Internt spørsmål");
    expect(id).toBeTruthy();
    const outsider = await freshOtherMember("EDITOR");
    expect((await outsider.client.get(`/cases/${cases.DRAFT.slug}/questions`)).status).toBe(404);
    expect((await outsider.client.post(`/cases/${cases.DRAFT.slug}/questions`, { body: "Hei" })).status).toBe(404);
    expect((await outsider.client.get(`/questions/${id}`)).status).toBe(404);
    const intents: Array<Record<string, string>> = [
      { intent: "answer", body: "Hei" },
      { intent: "mark", answered: "1" },
      { intent: "edit", kind: "question", postId: id!, body: "x" },
      { intent: "delete", kind: "question", postId: id! },
    ];
    for (const fields of intents) {
      expect((await outsider.client.post(`/questions/${id}`, fields)).status, fields.intent).toBe(404);
    }
    // The same 404 as an id that does not exist.
    expect((await outsider.client.get(`/questions/finnes-ikke-${uniqueSuffix()}`)).status).toBe(404);
    expect((await outsider.client.post(`/cases/finnes-ikke-${uniqueSuffix()}/questions`, { body: "Hei" })).status).toBe(404);
    expect(await db().question.count({ where: { caseId: cases.DRAFT.id } })).toBe(1);
  });

  it("forged posts (no or wrong CSRF token, foreign origin) are refused with 403 and store nothing", async () => {
    const { client, user } = await freshOtherMember();
    const q = await latestQuestion(cases.MEMBERS.id);
    for (const options of [{ csrf: false }, { csrf: "forfalsket" }, { origin: "https://evil.example" }] as const) {
      expect((await client.post(`/cases/${cases.MEMBERS.slug}/questions`, { body: "Forfalsket" }, options)).status).toBe(403);
      expect((await client.post(`/questions/${q.id}`, { intent: "answer", body: "Forfalsket" }, options)).status).toBe(403);
    }
    expect(await db().question.count({ where: { authorId: user.id } })).toBe(0);
    expect(await db().answer.count({ where: { authorId: user.id } })).toBe(0);
  });

  it("unknown ids, answer ids of another question and garbage intents are 404/400, never 500", async () => {
    const { client } = await freshOtherMember();
    const q1 = (await ask(client, cases.MEMBERS.slug, "Spørsmål en")).id!;
    const q2 = (await ask(client, cases.MEMBERS.slug, "Spørsmål to")).id!;
    await client.post(`/questions/${q2}`, { intent: "answer", body: "Svar på to" });
    const a2 = (await db().answer.findFirstOrThrow({ where: { questionId: q2 } })).id;
    expect((await client.post(`/questions/${q1}`, { intent: "edit", kind: "answer", postId: a2, body: "x" })).status).toBe(404);
    expect((await client.post(`/questions/${q1}`, { intent: "edit", kind: "question", postId: q2, body: "x" })).status).toBe(404);
    expect((await client.post(`/questions/${q1}`, { intent: "delete", kind: "answer", postId: "finnes-ikke" })).status).toBe(404);
    expect((await client.post(`/questions/finnes-ikke`, { intent: "answer", body: "x" })).status).toBe(404);
    expect((await client.post(`/questions/${"x".repeat(500)}`, { intent: "answer", body: "x" })).status).toBe(404);
    const garbage: Array<Record<string, string>> = [
      {},
      { intent: "slett-alt" },
      { intent: "mark", answered: "kanskje" },
      { intent: "edit", kind: "bilde", postId: q1 },
    ];
    for (const fields of garbage) {
      const res = await client.post(`/questions/${q1}`, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
    }
  });
});

describe("hostile and oversized bodies", () => {
  it("empty is 400, over 5 000 characters is 413 - and the text typed is kept in the form", async () => {
    const { client, user } = await freshOtherMember();
    const empty = await client.post(`/cases/${cases.MEMBERS.slug}/questions`, { body: "   \n  " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Skriv noe før du sender.");
    const long = `Start-${uniqueSuffix()} ${"lang tekst ".repeat(600)}`;
    const res = await client.post(`/cases/${cases.MEMBERS.slug}/questions`, { body: long });
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toContain("Teksten er for lang");
    expect(html).toContain(long.slice(0, 40));
    expect(html).toMatch(/aria-invalid="true"/);
    const q = await latestQuestion(cases.MEMBERS.id);
    const answer = await client.post(`/questions/${q.id}`, { intent: "answer", body: long });
    expect(answer.status).toBe(413);
    expect(await answer.text()).toContain(long.slice(0, 40));
    expect(await db().question.count({ where: { authorId: user.id } })).toBe(0);
  });

  it("documents from an editor must be the reduced schema: headings, images, lists and garbage are 400", async () => {
    const { client, user } = await freshOtherMember();
    const docs = [
      { type: "doc", content: [{ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Overskrift" }] }] },
      { type: "doc", content: [{ type: "image", attrs: { src: "https://evil.example/x.png" } }] },
      { type: "doc", content: [{ type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph" }] }] }] },
      { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "code" }] }] }] },
      "ikke json",
      [1, 2, 3],
    ];
    for (const doc of docs) {
      const res = await client.post(`/cases/${cases.MEMBERS.slug}/questions`, {
        bodyDoc: typeof doc === "string" ? doc : JSON.stringify(doc),
      });
      expect(res.status, JSON.stringify(doc)).toBe(400);
    }
    // Nested far deeper than the stack allows: still a 400.
    let deep = '{"type":"text","text":"x"}';
    for (let i = 0; i < 1000; i++) deep = `{"type":"paragraph","content":[${deep}]}`;
    expect((await client.post(`/cases/${cases.MEMBERS.slug}/questions`, { bodyDoc: `{"type":"doc","content":[${deep}]}` })).status).toBe(
      400,
    );
    expect(await db().question.count({ where: { authorId: user.id } })).toBe(0);
  });

  it("javascript: links and <script> never reach the page", async () => {
    const { client } = await freshOtherMember();
    const marker = uniqueSuffix();
    const doc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: `klikk ${marker}`,
              marks: [{ type: "link", attrs: { href: "javascript:alert(1)", onclick: "alert(2)" } }],
            },
            { type: "hardBreak" },
            { type: "text", text: "<script>alert(3)</script>", marks: [{ type: "bold" }] },
            { type: "text", text: " trygg", marks: [{ type: "link", attrs: { href: "https://example.no/ok" } }] },
          ],
        },
      ],
    };
    const res = await client.post(`/cases/${cases.MEMBERS.slug}/questions`, { bodyDoc: JSON.stringify(doc) });
    expect(res.status).toBe(302);
    const text = await client.post(`/cases/${cases.MEMBERS.slug}/questions`, {
      body: `Se javascript:alert(4) og <img src=x onerror=alert(5)> ${marker}`,
    });
    expect(text.status).toBe(302);
    const { html } = await client.page(`/cases/${cases.MEMBERS.slug}`);
    const section = html.slice(html.indexOf('id="questions"'));
    expect(section).toContain(`klikk ${marker}`);
    expect(section).not.toMatch(/href="javascript:/i);
    expect(section).not.toContain("<script>alert(3)");
    expect(section).toContain("&lt;script&gt;alert(3)&lt;/script&gt;");
    expect(section).not.toContain("<img");
    expect(section).not.toContain("onclick");
    expect(section).toContain('<a href="https://example.no/ok" rel="nofollow ugc noopener"> trygg</a>');
  });
});

describe("rate limit", () => {
  it("the sixth question or answer within ten minutes is 429 with when to try again, text kept", async () => {
    const { client, user } = await freshOtherMember();
    for (let i = 0; i < 3; i++) expect((await ask(client, cases.MEMBERS.slug, `Spørsmål ${i}`)).res.status).toBe(302);
    const q = await latestQuestion(cases.MEMBERS.id);
    for (let i = 0; i < 2; i++) expect((await client.post(`/questions/${q.id}`, { intent: "answer", body: `Svar ${i}` })).status).toBe(302);
    const sixth = await client.post(`/cases/${cases.MEMBERS.slug}/questions`, { body: "Det sjette spørsmålet" });
    expect(sixth.status).toBe(429);
    const retryAfter = Number(sixth.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    const html = await sixth.text();
    expect(html).toContain("Du kan sende igjen etter kl.");
    expect(html).toContain("Det sjette spørsmålet");
    expect((await client.post(`/questions/${q.id}`, { intent: "answer", body: "Sjette svar" })).status).toBe(429);
    expect(await db().question.count({ where: { authorId: user.id } })).toBe(3);
    // Ten minutes later it works again (move the rows back in time instead of waiting).
    const earlier = new Date(Date.now() - 11 * 60 * 1000);
    await db().question.updateMany({ where: { authorId: user.id }, data: { createdAt: earlier } });
    await db().answer.updateMany({ where: { authorId: user.id }, data: { createdAt: earlier } });
    expect((await ask(client, cases.MEMBERS.slug, "Nå går det")).res.status).toBe(302);
  });

  it("edits keep every previous text, so they are limited too: the sixth edit within ten minutes is 429", async () => {
    const { client } = await freshOtherMember();
    const { id } = await ask(client, cases.MEMBERS.slug, "Versjon 0");
    const edits = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => client.post(`/questions/${id}`, { intent: "edit", kind: "question", postId: id!, body: `Versjon ${i}` })),
    );
    expect(edits.map((r) => r.status)).toEqual([302, 302, 302, 302, 302]);
    const q = await db().question.findUniqueOrThrow({ where: { id } });
    // Parallel edits were serialised: every text is there, once, the current one included.
    const texts = [...(q.previousBodies as Array<{ bodyText: string }>).map((p) => p.bodyText), q.bodyText].sort();
    expect(texts).toEqual(["Versjon 0", "Versjon 1", "Versjon 2", "Versjon 3", "Versjon 4", "Versjon 5"]);
    const sixth = await client.post(`/questions/${id}`, { intent: "edit", kind: "question", postId: id!, body: "Versjon 6" });
    expect(sixth.status).toBe(429);
    expect(await sixth.text()).toContain("Versjon 6");
  });
});

describe("unanswered questions older than 7 days", () => {
  it("facilitators see them across visible cases; owners see theirs; others see none of a draft's", async () => {
    const insider = await createUser({ memberships: [{ organisationId: world.owner.id, role: "MEMBER" }] });
    const insiderClient = await loggedIn(insider);
    const marker = uniqueSuffix();
    const old = (await ask(insiderClient, cases.DRAFT.slug, `Gammelt ubesvart ${marker}`)).id!;
    const answeredOld = (await ask(insiderClient, cases.DRAFT.slug, `Gammelt besvart ${marker}`)).id!;
    const fresh = (await ask(insiderClient, cases.DRAFT.slug, `Ferskt ${marker}`)).id!;
    await insiderClient.post(`/questions/${answeredOld}`, { intent: "answer", body: "Svar" });
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    await db().question.updateMany({ where: { id: { in: [old, answeredOld] } }, data: { createdAt: eightDaysAgo } });
    void fresh;

    const facilitator = await loggedIn(world.users.facilitator);
    const list = await facilitator.page("/questions/unanswered");
    expect(list.status).toBe(200);
    expect(list.html).toContain(`Gammelt ubesvart ${marker}`);
    expect(list.html).not.toContain(`Gammelt besvart ${marker}`);
    expect(list.html).not.toContain(`Ferskt ${marker}`);

    const ownerEditor = await loggedIn(world.users.ownerEditor);
    expect((await ownerEditor.page("/questions/unanswered")).html).toContain(`Gammelt ubesvart ${marker}`);
    const outsider = await freshOtherMember("EDITOR");
    expect((await outsider.client.page("/questions/unanswered")).html).not.toContain(marker);
    expect((await new Client().get("/questions/unanswered")).status).toBe(302);
  });
});

describe("who is told (the notifications consumer's resolvers)", () => {
  it("a question reaches the contact person, the owners' editors and followers; an answer the asker and followers - never the actor or someone who cannot see the case", async () => {
    const contact = await createUser({ email: `kontakt-${uniqueSuffix()}@example.test` });
    const c = await createFullCase({
      ownerOrganisationId: world.owner.id,
      coOwnerIds: [world.coOwner.id],
      challengeAreaIds: [world.area.id],
      visibility: "MEMBERS",
      contactEmail: contact.email.toUpperCase(),
    });
    const follower = await createUser({ memberships: [{ organisationId: world.other.id, role: "MEMBER" }] });
    await followDirect(follower.id, "case", c.id);
    const asker = await freshOtherMember();
    await followDirect(asker.user.id, "case", c.id);
    const { id } = await ask(asker.client, c.slug, "Hvem kan jeg ringe?");
    await notificationsSettled([id!]);
    const told = await db().notification.findMany({ where: { questionId: id, kind: "question" }, select: { userId: true, data: true } });
    const who = new Set(told.map((n) => n.userId));
    expect(who.has(contact.id)).toBe(true);
    expect(who.has(world.users.ownerEditor.id)).toBe(true);
    expect(who.has(world.users.ownerAdmin.id)).toBe(true);
    expect(who.has(world.users.coOwnerEditor.id)).toBe(true);
    expect(who.has(follower.id)).toBe(true);
    expect(who.has(world.users.ownerMember.id)).toBe(false); // a member, not an editor
    expect(who.has(asker.user.id)).toBe(false); // the actor

    const owner = await freshOwnerEditor();
    await owner.client.post(`/questions/${id}`, { intent: "answer", body: "Ring Kari." });
    const answer = await db().answer.findFirstOrThrow({ where: { questionId: id } });
    await notificationsSettled([answer.id]);
    const answerTold = new Set(
      (await db().notification.findMany({ where: { questionId: id, kind: "answer" }, select: { userId: true } })).map((n) => n.userId),
    );
    expect(answerTold).toEqual(new Set([asker.user.id, follower.id]));
  });

  it("a question on a DRAFT case never reaches a follower who cannot see the draft", async () => {
    const c = await createFullCase({ ownerOrganisationId: world.owner.id, challengeAreaIds: [world.area.id], visibility: "DRAFT" });
    const outsider = await createUser({ memberships: [{ organisationId: world.other.id, role: "EDITOR" }] });
    await followDirect(outsider.id, "case", c.id);
    const insider = await loggedIn(await createUser({ memberships: [{ organisationId: world.owner.id, role: "MEMBER" }] }));
    const { id } = await ask(insider, c.slug, "Internt");
    await notificationsSettled([id!]);
    expect(await db().notification.count({ where: { questionId: id, userId: outsider.id } })).toBe(0);
    expect(await db().notification.count({ where: { questionId: id, userId: world.users.ownerEditor.id } })).toBe(1);
  });
});

describe("Mine sider", () => {
  it("lists my questions with their answers, and the unanswered ones on our cases for the owners", async () => {
    const asker = await freshOtherMember();
    const marker = uniqueSuffix();
    const { id } = await ask(asker.client, cases.MEMBERS.slug, `Mitt spørsmål ${marker}`);
    const owner = await freshOwnerEditor();
    await owner.client.post(`/questions/${id}`, { intent: "answer", body: `Svaret ${marker}` });
    const mine = await asker.client.page("/me");
    expect(mine.status).toBe(200);
    expect(mine.html).toContain("Mine spørsmål");
    expect(mine.html).toContain(`Mitt spørsmål ${marker}`);
    expect(mine.html).toContain(`Svaret ${marker}`);
    expect(mine.html).toContain(`Svar fra ${world.owner.name}`);

    const open = (await ask(asker.client, cases.MEMBERS.slug, `Venter på svar ${marker}`)).id!;
    await db().question.update({ where: { id: open }, data: { createdAt: new Date(Date.now() - 8 * 24 * 60 * 60 * 1000) } });
    const ours = await owner.client.page("/me");
    expect(ours.html).toContain("Ubesvarte spørsmål på våre saker (eldre enn 7 dager)");
    expect(ours.html).toContain(`Venter på svar ${marker}`);
    // Not the asker's organisation's case: their "our cases" list does not have it.
    const askerPage = (await asker.client.page("/me")).html;
    const start = askerPage.indexOf('id="our-unanswered-title"');
    expect(start).toBeGreaterThan(0);
    expect(askerPage.slice(start, askerPage.indexOf("</section>", start))).not.toContain(`Venter på svar ${marker}`);
    const ownersList = ours.html.slice(ours.html.indexOf('id="our-unanswered-title"'));
    expect(ownersList.slice(0, ownersList.indexOf("</section>"))).toContain(`Venter på svar ${marker}`);
  });
});
