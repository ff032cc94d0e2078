/**
 * Who may see, edit and delete a case - the rules behind every case page, list and search
 * filter. A table for every visibility x kind of viewer, then a randomised check that the
 * database/search filter (scope) and the page check (canViewCase) never disagree.
 */
import { describe, expect, it } from "vitest";
import {
  canCreateCase,
  canDeleteCase,
  canEditCase,
  canSeeContact,
  canSetCaseOwner,
  canViewCase,
  caseVisibilityScope,
  scopeAllows,
  type CaseAccessInfo,
  type CaseVisibility,
} from "~/policies/case";
import type { MembershipRole, PlatformRole, Viewer } from "~/policies/viewer";
import { prng } from "../../scripts/lib/prng";

const OWNER = "org-owner";
const CO_OWNER = "org-co-owner";
const OTHER = "org-other";

const viewer = (platformRole: PlatformRole, memberships: Array<[string, MembershipRole]> = []): Viewer => ({
  id: `u-${platformRole}-${memberships.map((m) => m.join(":")).join(",")}`,
  platformRole,
  memberships: memberships.map(([organisationId, role]) => ({ organisationId, role })),
});

const VIEWERS: Record<string, Viewer | null> = {
  visitor: null,
  "logged in, no organisation": viewer("USER"),
  "member of another org": viewer("USER", [[OTHER, "MEMBER"]]),
  "editor of another org": viewer("USER", [[OTHER, "EDITOR"]]),
  "admin of another org": viewer("USER", [[OTHER, "ADMIN"]]),
  "member of owner": viewer("USER", [[OWNER, "MEMBER"]]),
  "editor of owner": viewer("USER", [[OWNER, "EDITOR"]]),
  "admin of owner": viewer("USER", [[OWNER, "ADMIN"]]),
  "member of co-owner": viewer("USER", [[CO_OWNER, "MEMBER"]]),
  "editor of co-owner": viewer("USER", [[CO_OWNER, "EDITOR"]]),
  "admin of co-owner": viewer("USER", [[CO_OWNER, "ADMIN"]]),
  facilitator: viewer("FACILITATOR"),
  "platform admin": viewer("ADMIN"),
};

// Expected answers. view: per visibility. edit/delete do not depend on visibility.
const ALL_LOGGED_IN = Object.keys(VIEWERS).filter((k) => k !== "visitor");
const OWNING_SIDE = [
  "member of owner",
  "editor of owner",
  "admin of owner",
  "member of co-owner",
  "editor of co-owner",
  "admin of co-owner",
];
const CURATORS = ["facilitator", "platform admin"];
const CAN_VIEW: Record<CaseVisibility, string[]> = {
  PUBLIC: Object.keys(VIEWERS),
  MEMBERS: ALL_LOGGED_IN,
  DRAFT: [...OWNING_SIDE, ...CURATORS],
};
const CAN_EDIT = ["editor of owner", "admin of owner", "editor of co-owner", "admin of co-owner", ...CURATORS];
const CAN_DELETE = ["admin of owner", ...CURATORS];

const theCase = (visibility: CaseVisibility, deleted = false): CaseAccessInfo => ({
  visibility,
  ownerOrganisationId: OWNER,
  coOwnerIds: [CO_OWNER],
  deleted,
});

describe("case policies, visibility x viewer", () => {
  for (const visibility of ["DRAFT", "MEMBERS", "PUBLIC"] as const) {
    describe(visibility, () => {
      for (const [name, v] of Object.entries(VIEWERS)) {
        it(`${name}: view=${CAN_VIEW[visibility].includes(name)} edit=${CAN_EDIT.includes(name)} delete=${CAN_DELETE.includes(name)}`, () => {
          const c = theCase(visibility);
          expect(canViewCase(v, c)).toBe(CAN_VIEW[visibility].includes(name));
          expect(canEditCase(v, c)).toBe(CAN_EDIT.includes(name));
          expect(canDeleteCase(v, c)).toBe(CAN_DELETE.includes(name));
          // The page check and the list/search filter agree.
          expect(scopeAllows(caseVisibilityScope(v), c)).toBe(canViewCase(v, c));
        });
      }
    });
  }

  it("a deleted case is invisible and untouchable for everyone, admins included", () => {
    for (const visibility of ["DRAFT", "MEMBERS", "PUBLIC"] as const) {
      for (const v of Object.values(VIEWERS)) {
        const c = theCase(visibility, true);
        expect(canViewCase(v, c)).toBe(false);
        expect(canEditCase(v, c)).toBe(false);
        expect(canDeleteCase(v, c)).toBe(false);
        expect(scopeAllows(caseVisibilityScope(v), c)).toBe(false);
      }
    }
  });

  it("contact details are for logged-in users only", () => {
    expect(canSeeContact(null)).toBe(false);
    expect(canSeeContact(VIEWERS["logged in, no organisation"])).toBe(true);
  });

  it("creating a case needs editor or admin rights in the owning organisation", () => {
    expect(canCreateCase(null)).toBe(false);
    expect(canCreateCase(VIEWERS["member of owner"])).toBe(false);
    expect(canCreateCase(VIEWERS["editor of owner"])).toBe(true);
    expect(canCreateCase(VIEWERS["editor of owner"], OWNER)).toBe(true);
    expect(canCreateCase(VIEWERS["editor of owner"], OTHER)).toBe(false);
    expect(canCreateCase(VIEWERS.facilitator, OWNER)).toBe(false);
  });

  it("moving a case to another owner needs write access to both (or facilitator rights)", () => {
    const both = viewer("USER", [
      [OWNER, "EDITOR"],
      [OTHER, "EDITOR"],
    ]);
    expect(canSetCaseOwner(both, OTHER, OWNER)).toBe(true);
    // A co-owner's editor cannot take the case away from its owner ...
    const coEditorAlsoOther = viewer("USER", [
      [CO_OWNER, "EDITOR"],
      [OTHER, "EDITOR"],
    ]);
    expect(canSetCaseOwner(coEditorAlsoOther, OTHER, OWNER)).toBe(false);
    expect(canSetCaseOwner(coEditorAlsoOther, CO_OWNER, OWNER)).toBe(false);
    // ... but may keep the owner as it is while editing.
    expect(canSetCaseOwner(coEditorAlsoOther, OWNER, OWNER)).toBe(true);
    expect(canSetCaseOwner(VIEWERS["member of owner"], OTHER, OWNER)).toBe(false);
    expect(canSetCaseOwner(VIEWERS.facilitator, OWNER, OWNER)).toBe(true);
    expect(canSetCaseOwner(VIEWERS.facilitator, OTHER, OWNER)).toBe(false);
    expect(canSetCaseOwner(null, OWNER, OWNER)).toBe(false);
  });
});

describe("randomised: scope filter == canViewCase", () => {
  const SEED = 20261124;
  const ORGS = ["a", "b", "c", "d", "e", "f"];
  const rand = prng(SEED).next;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const subset = (xs: readonly string[], p: number) => xs.filter(() => rand() < p);

  function randomViewer(): Viewer | null {
    if (rand() < 0.15) return null;
    const platformRole = rand() < 0.8 ? "USER" : pick(["FACILITATOR", "ADMIN"] as const);
    return {
      id: `u${Math.floor(rand() * 1e9)}`,
      platformRole,
      memberships: subset(ORGS, 0.25).map((organisationId) => ({ organisationId, role: pick(["MEMBER", "EDITOR", "ADMIN"] as const) })),
    };
  }

  function randomCase(): CaseAccessInfo {
    const owner = pick(ORGS);
    return {
      visibility: pick(["DRAFT", "MEMBERS", "PUBLIC"] as const),
      ownerOrganisationId: owner,
      coOwnerIds: subset(
        ORGS.filter((o) => o !== owner),
        0.2,
      ),
      deleted: rand() < 0.1,
    };
  }

  it(`agrees on 400 random viewers x 10 random cases (seed ${SEED}), and edit/delete imply view`, () => {
    let visible = 0;
    let hidden = 0;
    for (let i = 0; i < 400; i++) {
      const v = randomViewer();
      const scope = caseVisibilityScope(v);
      for (let j = 0; j < 10; j++) {
        const c = randomCase();
        const can = canViewCase(v, c);
        expect(scopeAllows(scope, c), JSON.stringify({ v, c })).toBe(can);
        if (canEditCase(v, c)) expect(can, JSON.stringify({ v, c })).toBe(true);
        if (canDeleteCase(v, c)) expect(canEditCase(v, c), JSON.stringify({ v, c })).toBe(true);
        if (can) visible++;
        else hidden++;
      }
    }
    // The generator exercises both outcomes substantially (not a vacuous pass).
    expect(visible).toBeGreaterThan(500);
    expect(hidden).toBeGreaterThan(500);
  });
});
