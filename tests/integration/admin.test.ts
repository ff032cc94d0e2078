/**
 * The admin area from the outside: who gets in, creating and editing organisations and
 * challenge areas, and that an organisation rename re-indexes its cases atomically.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { Client } from "../support/http";
import { createArea, createTestCase, loggedInClient } from "../support/home-factories";

type Org = Awaited<ReturnType<typeof createOrganisation>>;

let org: Org;
let facilitator: { email: string; password: string };
let platformAdmin: { email: string; password: string };

/** A 9-digit organisation number nobody else uses. */
function orgNumber() {
  return String(100_000_000 + Math.floor(Math.random() * 899_999_999));
}

beforeAll(async () => {
  org = await createOrganisation();
  facilitator = await createUser({ platformRole: "FACILITATOR" });
  platformAdmin = await createUser({ platformRole: "ADMIN" });
});

const ADMIN_PAGES = () => [
  "/admin",
  "/admin/organisations",
  "/admin/organisations/new",
  `/admin/organisations/${org.id}`,
  "/admin/challenge-areas",
  "/admin/challenge-areas/new",
];

describe("access", () => {
  it("sends visitors to the login page, also when they post", async () => {
    const c = new Client();
    for (const path of ADMIN_PAGES()) {
      const res = await c.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
    const res = await c.post("/admin/organisations/new", { name: `Snik ${uniqueSuffix()}`, kind: "KOMMUNE" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  for (const role of ["MEMBER", "EDITOR", "ADMIN"] as const) {
    it(`answers 403 to an organisation ${role} on every admin page and on forged posts`, async () => {
      const user = await createUser({ memberships: [{ organisationId: org.id, role }] });
      const c = await loggedInClient(user);
      for (const path of ADMIN_PAGES()) {
        const res = await c.get(path);
        expect(res.status, path).toBe(403);
        expect(await res.text()).toContain("Du har ikke tilgang til denne siden.");
      }
      const name = `Forfalsket ${uniqueSuffix()}`;
      expect((await c.post("/admin/organisations/new", { name, kind: "KOMMUNE" })).status).toBe(403);
      expect((await c.post(`/admin/organisations/${org.id}`, { name, kind: "KOMMUNE" })).status).toBe(403);
      const slug = `forfalsket-${uniqueSuffix()}`;
      expect((await c.post("/admin/challenge-areas/new", { slug, nameNb: name, nameEn: name })).status).toBe(403);
      expect(await db().organisation.count({ where: { name } })).toBe(0);
      expect(await db().challengeArea.count({ where: { slug } })).toBe(0);
      expect((await db().organisation.findUniqueOrThrow({ where: { id: org.id } })).name).toBe(org.name);
    });
  }

  it("does not show the admin link in the menu to people without the role", async () => {
    const user = await createUser({ memberships: [{ organisationId: org.id, role: "ADMIN" }] });
    const { html } = await (await loggedInClient(user)).page("/");
    expect(html).not.toContain('href="/admin"');
    const fac = await (await loggedInClient(facilitator)).page("/");
    expect(fac.html).toContain('href="/admin"');
  });

  it("rejects a facilitator's post without the CSRF token", async () => {
    const c = await loggedInClient(facilitator);
    const name = `Uten token ${uniqueSuffix()}`;
    const res = await c.post("/admin/organisations/new", { name, kind: "KOMMUNE" }, { csrf: "forged-token-forged-token-xx" });
    expect(res.status).toBe(403);
    expect(await db().organisation.count({ where: { name } })).toBe(0);
  });
});

describe("overview", () => {
  it("shows facilitators counts and the search outbox backlog", async () => {
    const c = await loggedInClient(facilitator);
    const { status, html } = await c.page("/admin");
    expect(status).toBe(200);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain("Caser etter synlighet");
    expect(html).toMatch(/<th scope="row">[^<]*<\/th><td class="num" data-visibility="DRAFT">/);
    // Creating a case writes an outbox row that nothing processes in this test run.
    const area = await createArea();
    await createTestCase({ ownerOrganisationId: org.id, challengeAreaIds: [area.id], visibility: "DRAFT" });
    const after = await c.page("/admin");
    const pending = Number(/data-backlog-consumer="search" data-backlog-pending="(\d+)"/.exec(after.html)?.[1]);
    expect(pending).toBeGreaterThan(0);
    expect(after.html).toContain("Søkeindeksering");
    expect(after.html.replaceAll("<!-- -->", "")).toMatch(/venter på behandling\. Den eldste ble lagret [^<.]+\./);
  });

  it("hides the challenge-area link from facilitators and shows it to platform admins", async () => {
    const fac = await (await loggedInClient(facilitator)).page("/admin");
    expect(fac.html).not.toContain('href="/admin/challenge-areas"');
    const adm = await (await loggedInClient(platformAdmin)).page("/admin");
    expect(adm.html).toContain('href="/admin/challenge-areas"');
  });
});

describe("organisations", () => {
  it("lets a facilitator create an organisation and says so", async () => {
    const c = await loggedInClient(facilitator);
    const name = `Nye Åsnes kommune ${uniqueSuffix()}`;
    const number = orgNumber();
    const res = await c.post("/admin/organisations/new", {
      name,
      kind: "KOMMUNE",
      orgNumber: `${number.slice(0, 3)} ${number.slice(3, 6)} ${number.slice(6)}`,
      kommunenummer: "3418",
      fylke: "Innlandet",
      isActiveMember: "on",
    });
    expect(res.status).toBe(302);
    const created = await db().organisation.findFirstOrThrow({ where: { name } });
    expect(created).toMatchObject({ kind: "KOMMUNE", orgNumber: number, kommunenummer: "3418", fylke: "Innlandet", isActiveMember: true });
    expect(created.slug).toMatch(/^nye-asnes-kommune-[a-z0-9]+$/);
    expect(res.headers.get("location")).toBe(`/admin/organisations?status=created&id=${created.id}`);

    const list = await c.page(res.headers.get("location")!);
    expect(list.html).toMatch(/role="status"[^>]*>«Nye Åsnes kommune [a-z0-9]+» er opprettet\./);
    expect(list.html).toContain(`href="/admin/organisations/${created.id}"`);
  });

  it("numbers the slug when two organisations share a name", async () => {
    const c = await loggedInClient(facilitator);
    const name = `Tvilling ${uniqueSuffix()}`;
    expect((await c.post("/admin/organisations/new", { name, kind: "BYDEL" })).status).toBe(302);
    expect((await c.post("/admin/organisations/new", { name, kind: "BYDEL" })).status).toBe(302);
    const slugs = (await db().organisation.findMany({ where: { name }, orderBy: { createdAt: "asc" } })).map((o) => o.slug);
    expect(slugs).toEqual([slugs[0], `${slugs[0]}-2`]);
  });

  it("returns 400 with field errors and everything typed when the input is invalid", async () => {
    const c = await loggedInClient(facilitator);
    const res = await c.post("/admin/organisations/new", {
      name: "",
      kind: "FYLKESKOMMUNE",
      orgNumber: "12345",
      kommunenummer: "0301",
      fylke: "Oslo",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Skjemaet har 2 feil.");
    expect(html).toContain('href="#f-name"');
    expect(html).toContain("Fyll ut dette feltet.");
    expect(html).toContain("Organisasjonsnummeret må være 9 siffer");
    expect(html).toMatch(/id="f-orgNumber"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-orgNumber"/);
    expect(html).toContain('value="12345"');
    expect(html).toContain('value="0301"');
    expect(html).toMatch(/<option value="Oslo" selected="">Oslo<\/option>/);
    expect(html).toMatch(/<option value="FYLKESKOMMUNE" selected="">/);
    // Unticked stays unticked.
    expect(html).not.toMatch(/name="isActiveMember"[^>]*checked/);
  });

  it("refuses an organisation number that another organisation has", async () => {
    const number = orgNumber();
    await createOrganisation({ orgNumber: number });
    const c = await loggedInClient(facilitator);
    const name = `Duplikat ${uniqueSuffix()}`;
    const res = await c.post("/admin/organisations/new", { name, kind: "KOMMUNE", orgNumber: number });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("En annen organisasjon har allerede dette organisasjonsnummeret.");
    expect(html).toContain(`value="${name}"`);
    expect(await db().organisation.count({ where: { name } })).toBe(0);
  });

  it("rejects a county that is not on the list and an unknown kind", async () => {
    const c = await loggedInClient(facilitator);
    const res = await c.post("/admin/organisations/new", { name: `Feil ${uniqueSuffix()}`, kind: "KONGERIKE", fylke: "Sogn og Fjordane" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Velg et fylke fra listen.");
    expect(html).toContain("Velg hva slags organisasjon dette er.");
  });

  it("re-indexes every case the organisation owns or co-owns, in the rename's own transaction", async () => {
    const renamed = await createOrganisation();
    const partner = await createOrganisation();
    const bystander = await createOrganisation();
    const area = await createArea();
    const owned = await createTestCase({ ownerOrganisationId: renamed.id, challengeAreaIds: [area.id], visibility: "DRAFT" });
    const coOwned = await createTestCase({
      ownerOrganisationId: partner.id,
      coOwnerIds: [renamed.id],
      challengeAreaIds: [area.id],
      visibility: "PUBLIC",
    });
    const unrelated = await createTestCase({ ownerOrganisationId: bystander.id, challengeAreaIds: [area.id], visibility: "PUBLIC" });
    const before = (await db().eventDelivery.aggregate({ _max: { id: true } }))._max.id ?? 0n;

    const c = await loggedInClient(facilitator);
    const newName = `Nytt navn ${uniqueSuffix()}`;
    const res = await c.post(`/admin/organisations/${renamed.id}`, { name: newName, kind: renamed.kind, isActiveMember: "on" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/admin/organisations?status=saved&id=${renamed.id}`);

    const after = await db().organisation.findUniqueOrThrow({ where: { id: renamed.id } });
    expect(after.name).toBe(newName);
    expect(after.slug).toBe(renamed.slug); // links keep working

    // One event for the organisation, delivered to search, which re-indexes its cases.
    const rows = await db().eventDelivery.findMany({
      where: { id: { gt: before }, entity: "organisation", entityId: renamed.id },
      include: { event: true },
    });
    expect(rows.map((r) => [r.consumer, r.event.type])).toEqual([["search", "organisation.updated"]]);
    expect((rows[0].event.payload as { changed: string[] }).changed).toContain("name");
    expect(await db().eventDelivery.count({ where: { id: { gt: before }, entityId: { in: [owned.id, coOwned.id, unrelated.id] } } })).toBe(
      0,
    );

    // Same transaction: PostgreSQL stamps every row a transaction writes with its id (xmin).
    const [orgTx] = await db().$queryRaw<Array<{ xid: string }>>`SELECT xmin::text AS xid FROM "Organisation" WHERE id = ${renamed.id}`;
    const outboxTx = await db().$queryRaw<Array<{ xid: string }>>`
      SELECT DISTINCT xmin::text AS xid FROM "EventDelivery" WHERE id = ANY(${rows.map((r) => r.id)}::bigint[])
      UNION SELECT DISTINCT xmin::text FROM "DomainEvent" WHERE id = ANY(${rows.map((r) => r.eventId)}::bigint[])`;
    expect(outboxTx).toEqual([orgTx]);

    const list = await c.page(res.headers.get("location")!);
    expect(list.html).toContain(`Endringene i «${newName}» er lagret.`);
  });

  it("does not re-index anything when only the active-member flag changes", async () => {
    const quiet = await createOrganisation();
    const area = await createArea();
    const owned = await createTestCase({ ownerOrganisationId: quiet.id, challengeAreaIds: [area.id], visibility: "PUBLIC" });
    const before = (await db().eventDelivery.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    const c = await loggedInClient(facilitator);
    const res = await c.post(`/admin/organisations/${quiet.id}`, { name: quiet.name, kind: quiet.kind });
    expect(res.status).toBe(302);
    expect((await db().organisation.findUniqueOrThrow({ where: { id: quiet.id } })).isActiveMember).toBe(false);
    expect(await db().eventDelivery.count({ where: { id: { gt: before }, entityId: { in: [owned.id, quiet.id] } } })).toBe(0);
  });

  it("shows the edit form filled in, and 404 for an unknown organisation", async () => {
    const numbered = await createOrganisation({ orgNumber: orgNumber(), kommunenummer: "4601", fylke: "Vestland" });
    const c = await loggedInClient(facilitator);
    const { status, html } = await c.page(`/admin/organisations/${numbered.id}`);
    expect(status).toBe(200);
    expect(html).toContain(`value="${numbered.name}"`);
    expect(html).toContain(`value="${numbered.orgNumber}"`);
    expect(html).toMatch(/<option value="Vestland" selected="">/);
    expect((await c.get(`/admin/organisations/finnes-ikke-${uniqueSuffix()}`)).status).toBe(404);
  });
});

describe("challenge areas", () => {
  it("are for platform admins only: facilitators get 403 on pages and posts", async () => {
    const area = await createArea();
    const c = await loggedInClient(facilitator);
    for (const path of ["/admin/challenge-areas", "/admin/challenge-areas/new", `/admin/challenge-areas/${area.id}`]) {
      expect((await c.get(path)).status, path).toBe(403);
    }
    const res = await c.post(`/admin/challenge-areas/${area.id}`, {
      slug: area.slug,
      nameNb: "Kapret",
      nameEn: "Hijacked",
      sortOrder: "1",
    });
    expect(res.status).toBe(403);
    expect((await db().challengeArea.findUniqueOrThrow({ where: { id: area.id } })).nameNb).toBe(area.nameNb);
  });

  it("lets a platform admin create one, refuses a taken slug, and edit it with outbox rows for its cases", async () => {
    const c = await loggedInClient(platformAdmin);
    const suffix = uniqueSuffix();
    const slug = `gronn-omstilling-${suffix}`;
    const fields = {
      slug,
      nameNb: `Grønn omstilling ${suffix}`,
      nameEn: `Green transition ${suffix}`,
      descriptionNb: "Klima og miljø i praksis.",
      descriptionEn: "Climate and environment in practice.",
      sortOrder: "15",
    };
    const created = await c.post("/admin/challenge-areas/new", fields);
    expect(created.status).toBe(302);
    const area = await db().challengeArea.findUniqueOrThrow({ where: { slug } });
    expect(area).toMatchObject({ nameNb: fields.nameNb, nameEn: fields.nameEn, sortOrder: 15 });
    const list = await c.page(created.headers.get("location")!);
    expect(list.html).toContain(`«${fields.nameNb}» er opprettet.`);

    const dup = await c.post("/admin/challenge-areas/new", { ...fields, nameNb: "Annet navn" });
    expect(dup.status).toBe(400);
    const dupHtml = await dup.text();
    expect(dupHtml).toContain("Et annet utfordringsområde bruker allerede denne adressen.");
    expect(dupHtml).toContain('value="Annet navn"');

    const bad = await c.post("/admin/challenge-areas/new", { slug: "Store Bokstaver!", nameNb: "", nameEn: "x", sortOrder: "ti" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Bruk bare små bokstaver");
    expect(badHtml).toContain("Skriv et helt tall");
    expect(badHtml).toContain('value="Store Bokstaver!"');

    const org2 = await createOrganisation();
    const tagged = await createTestCase({ ownerOrganisationId: org2.id, challengeAreaIds: [area.id], visibility: "PUBLIC" });
    const before = (await db().eventDelivery.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    const edited = await c.post(`/admin/challenge-areas/${area.id}`, { ...fields, nameNb: `Grønn omstilling og klima ${suffix}` });
    expect(edited.status).toBe(302);
    expect((await db().challengeArea.findUniqueOrThrow({ where: { id: area.id } })).nameNb).toBe(`Grønn omstilling og klima ${suffix}`);
    expect(
      await db().eventDelivery.count({ where: { id: { gt: before }, consumer: "search", entity: "challenge_area", entityId: area.id } }),
    ).toBe(1);
    expect(tagged.id).toBeTruthy();

    const page = await new Client().page(`/areas/${slug}`);
    expect(page.html).toContain(`Grønn omstilling og klima ${suffix}`);
  });
});
