/**
 * Zero leaks, nothing missing: a randomized world (seeded, so a failure can be replayed with
 * SEARCH_LEAK_SEED=<seed>) of organisations, users of every kind and cases with random
 * visibility, owners, co-owners and some deletions, all containing one shared random word.
 * Every viewer searches for that word through Meilisearch (the index as the outbox worker
 * filled it, the filter alone - no database re-check), through the PostgreSQL fallback and
 * through searchCases; each must return exactly the cases canViewCase allows, and facet
 * counts must not count anything else either.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { deleteCase } from "~/models/case.server";
import { searchCases, searchCasesWithDatabase, searchCasesWithMeilisearch } from "~/models/search.server";
import { canViewCase, caseVisibilityScope, type CaseAccessInfo } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";
import type { SearchResult } from "../../search/types";
import { viewerOf } from "../support/case-factories";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { createArea, createTestCase } from "../support/home-factories";
import { searchParams } from "../support/search";
import { prng } from "../../scripts/lib/prng";

const SEED = Number(process.env.SEARCH_LEAK_SEED ?? 20261124);
const ORGS = 8;
const CASES = 80;
const STATUSES = ["IDEA", "PILOTING", "IMPLEMENTED", "SCALED", "DISCONTINUED"] as const;
const VISIBILITIES = ["DRAFT", "MEMBERS", "PUBLIC"] as const;

const random = prng(SEED).next;
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
const sample = <T>(list: readonly T[], n: number) => [...list].sort(() => random() - 0.5).slice(0, n);

const token = `lekk${uniqueSuffix()}`;
interface WorldCase extends CaseAccessInfo {
  id: string;
  status: (typeof STATUSES)[number];
}
const cases: WorldCase[] = [];
const viewers: Array<{ label: string; viewer: Viewer | null }> = [];

beforeAll(async () => {
  const area = await createArea();
  const orgs = await Promise.all(Array.from({ length: ORGS }, (_, i) => createOrganisation({ fylke: `Leakfylke ${i % 3}` })));
  const orgIds = orgs.map((o) => o.id);

  // ~30 users: visitors, users without organisation, members/editors/admins of one or two
  // organisations, facilitators and a platform admin.
  viewers.push({ label: "visitor 1", viewer: null }, { label: "visitor 2", viewer: null });
  const specs: Array<{ label: string; options: Parameters<typeof createUser>[0] }> = [];
  for (let i = 0; i < 2; i++) specs.push({ label: `no organisation ${i}`, options: {} });
  for (let i = 0; i < 20; i++) {
    const n = random() < 0.3 ? 2 : 1;
    const memberships = sample(orgIds, n).map((organisationId) => ({ organisationId, role: pick(["MEMBER", "EDITOR", "ADMIN"] as const) }));
    specs.push({
      label: `user ${i} (${memberships.map((m) => `${orgIds.indexOf(m.organisationId)}:${m.role}`).join(", ")})`,
      options: { memberships, password: null },
    });
  }
  specs.push({ label: "facilitator 1", options: { platformRole: "FACILITATOR", password: null } });
  specs.push({
    label: "facilitator 2 (member of org 0)",
    options: { platformRole: "FACILITATOR", password: null, memberships: [{ organisationId: orgIds[0] }] },
  });
  specs.push({ label: "platform admin", options: { platformRole: "ADMIN", password: null } });
  for (let i = 0; i < 3; i++)
    specs.push({ label: `member of org ${i}`, options: { memberships: [{ organisationId: orgIds[i] }], password: null } });
  const users = await Promise.all(specs.map((s) => createUser(s.options)));
  users.forEach((u, i) => viewers.push({ label: specs[i].label, viewer: viewerOf(u) }));

  for (let i = 0; i < CASES; i++) {
    const owner = pick(orgIds);
    const coOwnerIds = sample(
      orgIds.filter((id) => id !== owner),
      random() < 0.35 ? 1 + Math.floor(random() * 2) : 0,
    );
    const visibility = pick(VISIBILITIES);
    const status = pick(STATUSES);
    const c = await createTestCase({
      ownerOrganisationId: owner,
      coOwnerIds,
      challengeAreaIds: [area.id],
      visibility,
      status,
      title: `Lekkasjetest ${i} ${token}`,
    });
    const deleted = random() < 0.08;
    if (deleted) await deleteCase(c.id, null);
    cases.push({ id: c.id, visibility, ownerOrganisationId: owner, coOwnerIds, deleted, status });
  }

  // The outbox worker has caught up when the unrestricted index view holds exactly the
  // cases that exist (deleted ones removed).
  const everyone = { all: true, members: true, draftOrganisationIds: [] };
  const live = cases
    .filter((c) => !c.deleted)
    .map((c) => c.id)
    .sort();
  const deadline = Date.now() + 45_000;
  for (;;) {
    const indexed = await searchCasesWithMeilisearch(everyone, searchParams({ q: token, pageSize: 100 }), 5000).catch(() => null);
    const ids = indexed?.hits.map((h) => h.id).sort() ?? [];
    if (JSON.stringify(ids) === JSON.stringify(live)) break;
    if (Date.now() > deadline)
      throw new Error(`The index did not catch up within 45 s: ${ids.length} of ${live.length} documents (seed ${SEED})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 120_000);

function expectExactly(result: SearchResult, expected: string[], what: string) {
  const got = result.hits.map((h) => h.id).sort();
  const leaked = got.filter((id) => !expected.includes(id));
  const missing = expected.filter((id) => !got.includes(id));
  expect({ leaked, missing }, `${what} (seed ${SEED})`).toEqual({ leaked: [], missing: [] });
  expect(result.total, `${what}: total`).toBe(expected.length);
  // Facet counts may not count invisible cases either.
  const statusSum = Object.values(result.facets.status ?? {}).reduce((a, b) => a + b, 0);
  expect(statusSum, `${what}: status facet counts`).toBe(expected.length);
}

describe(`search visibility over a random world (seed ${SEED})`, () => {
  it("has viewers of every kind and cases of every visibility", () => {
    expect(viewers.length).toBeGreaterThanOrEqual(30);
    for (const v of VISIBILITIES) expect(cases.some((c) => c.visibility === v && !c.deleted)).toBe(true);
    expect(cases.some((c) => c.deleted)).toBe(true);
  });

  it("Meilisearch returns exactly what canViewCase allows, for every viewer", async () => {
    for (const { label, viewer } of viewers) {
      const expected = cases
        .filter((c) => canViewCase(viewer, c))
        .map((c) => c.id)
        .sort();
      const result = await searchCasesWithMeilisearch(caseVisibilityScope(viewer), searchParams({ q: token, pageSize: 100 }), 5000);
      expectExactly(result, expected, `Meilisearch, ${label}`);
      expect(result.degraded).toBe(false);
    }
  });

  it("the PostgreSQL fallback returns exactly what canViewCase allows, for every viewer", async () => {
    for (const { label, viewer } of viewers) {
      const expected = cases
        .filter((c) => canViewCase(viewer, c))
        .map((c) => c.id)
        .sort();
      const result = await searchCasesWithDatabase(caseVisibilityScope(viewer), searchParams({ q: token, pageSize: 100 }));
      expectExactly(result, expected, `PostgreSQL, ${label}`);
      expect(result.degraded).toBe(true);
    }
  });

  it("searchCases and a facet filter do not change that", async () => {
    for (const { label, viewer } of viewers) {
      const status = pick(STATUSES);
      const visible = cases.filter((c) => canViewCase(viewer, c));
      const all = await searchCases(viewer, searchParams({ q: token, pageSize: 100 }));
      expect(all.degraded, "answered by Meilisearch").toBe(false);
      expectExactly(all, visible.map((c) => c.id).sort(), `searchCases, ${label}`);

      const params = searchParams({ q: token, pageSize: 100, filters: { status: [status] } });
      const expected = visible
        .filter((c) => c.status === status)
        .map((c) => c.id)
        .sort();
      for (const [engine, result] of [
        ["Meilisearch", await searchCasesWithMeilisearch(caseVisibilityScope(viewer), params, 5000)],
        ["PostgreSQL", await searchCasesWithDatabase(caseVisibilityScope(viewer), params)],
      ] as const) {
        const got = result.hits.map((h) => h.id).sort();
        expect(got, `${engine}, ${label}, status ${status} (seed ${SEED})`).toEqual(expected);
        // The status facet ignores its own filter: it counts every visible case.
        const statusSum = Object.values(result.facets.status ?? {}).reduce((a, b) => a + b, 0);
        expect(statusSum, `${engine}, ${label}: disjunctive status counts`).toBe(visible.length);
      }
    }
  });
});
