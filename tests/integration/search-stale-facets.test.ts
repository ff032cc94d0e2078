/**
 * Facet counts obey the same visibility as hits (issue 10, fault 8). Right after a change -
 * before the outbox worker has updated Meilisearch - the index still holds the old document:
 * a case just made a draft or members-only must count nowhere for a visitor (not in hits, not
 * in the total, not in any facet), and a changed organisation's new fylke must count instead
 * of the old one. The test holds the worker's per-case locks while it looks, so the window is
 * not a race: the outbox row is pending and Meilisearch demonstrably still has the old state.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getCaseById, updateCase } from "~/models/case.server";
import { updateOrganisation } from "~/models/organisation.server";
import { searchCases, searchCasesWithMeilisearch } from "~/models/search.server";
import { withCaseSearchLocks } from "~/models/search-outbox.server";
import { caseVisibilityScope } from "~/policies/case";
import { db } from "~/utils/db.server";
import type { SearchResult } from "../../search/types";
import { createFullCase, createTestArea, inputFor, viewerOf } from "../support/case-factories";
import { createOrganisation, createUser, uniqueSuffix } from "../support/factories";
import { Client } from "../support/http";
import { searchParams, waitForIndexed } from "../support/search";

const sum = (counts: Record<string, number> | undefined) => Object.values(counts ?? {}).reduce((a, b) => a + b, 0);

/** Everything a visitor could learn about how many cases match, from every part of the answer. */
function counts(result: SearchResult, areaSlug: string) {
  return {
    hits: result.hits.length,
    total: result.total,
    status: sum(result.facets.status),
    area: result.facets.challengeAreas?.[areaSlug] ?? 0,
    kinds: sum(result.facets.organisationKinds),
    years: sum(result.facets.year),
  };
}

async function world() {
  const suffix = uniqueSuffix();
  const word = `stalefacet${suffix}`;
  const org = await createOrganisation({ fylke: "Vestland" });
  const area = await createTestArea();
  const [member, outsider] = await Promise.all([
    createUser({ memberships: [{ organisationId: org.id, role: "EDITOR" }] }),
    createUser({ memberships: [{ organisationId: (await createOrganisation()).id, role: "MEMBER" }] }),
  ]);
  const cases = [];
  for (let i = 0; i < 3; i++) {
    cases.push(
      await createFullCase({
        ownerOrganisationId: org.id,
        challengeAreaIds: [area.id],
        visibility: "PUBLIC",
        title: `${word} nummer ${i + 1}`,
        actorId: member.id,
      }),
    );
  }
  await waitForIndexed(cases);
  return { word, org, area, cases, member: viewerOf(member), outsider: viewerOf(outsider) };
}

async function pendingRows(caseId: string) {
  return db().eventDelivery.count({ where: { consumer: "search", entity: "case", entityId: caseId, processedAt: null } });
}

describe("facet counts right after a case is hidden", () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world();
  });

  it("PUBLIC -> DRAFT and PUBLIC -> MEMBERS: a visitor sees no hit, no count, no total for them; members see what they may", async () => {
    const q = searchParams({ q: w.word });
    expect(counts(await searchCases(null, q), w.area.slug)).toEqual({ hits: 3, total: 3, status: 3, area: 3, kinds: 3, years: 3 });

    const [draft, membersOnly] = w.cases;
    await withCaseSearchLocks([draft.id, membersOnly.id], async () => {
      const d = (await getCaseById(draft.id))!;
      await updateCase(d.id, inputFor(d, { visibility: "DRAFT" }), w.member.id, d.version);
      const m = (await getCaseById(membersOnly.id))!;
      await updateCase(m.id, inputFor(m, { visibility: "MEMBERS" }), w.member.id, m.version);

      // The window is real: the worker has not indexed the change, Meilisearch still counts both as public.
      expect(await pendingRows(draft.id)).toBeGreaterThan(0);
      expect(await pendingRows(membersOnly.id)).toBeGreaterThan(0);
      const raw = await searchCasesWithMeilisearch(caseVisibilityScope(null), q);
      expect(raw.total).toBe(3);
      expect(sum(raw.facets.status)).toBe(3);

      const visitor = await searchCases(null, q);
      expect(counts(visitor, w.area.slug)).toEqual({ hits: 1, total: 1, status: 1, area: 1, kinds: 1, years: 1 });
      expect(visitor.hits.map((h) => h.id)).toEqual([w.cases[2].id]);
      expect(visitor.degraded).toBe(false);

      // With a facet filter active (its own counts come from a separate request) - the same.
      const filtered = await searchCases(null, searchParams({ q: w.word, filters: { status: ["PILOTING"] } }));
      expect(counts(filtered, w.area.slug)).toEqual({ hits: 1, total: 1, status: 1, area: 1, kinds: 1, years: 1 });

      // A member of another organisation sees the members-only case, not the draft.
      const outsider = await searchCases(w.outsider, q);
      expect(counts(outsider, w.area.slug)).toEqual({ hits: 2, total: 2, status: 2, area: 2, kinds: 2, years: 2 });
      expect(outsider.hits.map((h) => h.id).sort()).toEqual([membersOnly.id, w.cases[2].id].sort());

      // The owner's member sees all three; paging over the merged answer loses and repeats nothing.
      const page1 = await searchCases(w.member, searchParams({ q: w.word, pageSize: 2 }));
      const page2 = await searchCases(w.member, searchParams({ q: w.word, pageSize: 2, page: 2 }));
      expect(counts(page1, w.area.slug)).toEqual({ hits: 2, total: 3, status: 3, area: 3, kinds: 3, years: 3 });
      expect(page1.totalPages).toBe(2);
      expect(page2.hits).toHaveLength(1);
      expect(new Set([...page1.hits, ...page2.hits].map((h) => h.id))).toEqual(new Set(w.cases.map((c) => c.id)));

      // And the search page a visitor gets over HTTP.
      const html = await (await new Client().get(`/search?q=${w.word}`)).text();
      expect(html).toContain(`href="/cases/${w.cases[2].slug}"`);
      expect(html).not.toContain(`/cases/${draft.slug}"`);
      expect(html).not.toContain(`/cases/${membersOnly.slug}"`);
    });
  });
});

describe("facet counts right after an organisation changes", () => {
  it("count the organisation's new fylke, not the old one, before the worker has reindexed its cases", async () => {
    const w = await world();
    const q = searchParams({ q: w.word });
    expect((await searchCases(null, q)).facets.fylker).toEqual({ Vestland: 3 });
    await withCaseSearchLocks(
      w.cases.map((c) => c.id),
      async () => {
        await updateOrganisation(w.org.id, {
          name: w.org.name,
          kind: w.org.kind,
          orgNumber: null,
          kommunenummer: null,
          fylke: "Nordland",
          isActiveMember: true,
        });
        const raw = await searchCasesWithMeilisearch(caseVisibilityScope(null), q);
        expect(raw.facets.fylker).toEqual({ Vestland: 3 });
        const result = await searchCases(null, q);
        expect(result.facets.fylker).toEqual({ Nordland: 3 });
        expect(result.total).toBe(3);
        // Filtering by the new fylke finds them; by the old one, nothing.
        expect((await searchCases(null, searchParams({ q: w.word, filters: { fylker: ["Nordland"] } }))).total).toBe(3);
        expect((await searchCases(null, searchParams({ q: w.word, filters: { fylker: ["Vestland"] } }))).total).toBe(0);
      },
    );
  });
});
