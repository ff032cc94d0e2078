/**
 * A stored case -> exactly what the case page shows, formatted for the reader's language.
 * Only what the viewer may see leaves the server: the contact person is not even in the
 * page data for visitors. The one shape of "a case to read": the case page uses it, and
 * exports and an API are meant to reuse it.
 */
import { renderDocToHtml } from "~/editor/render.server";
import { isDocEmpty, SECTION_KEYS, type SectionKey, type TipTapNode } from "~/editor/sections";
import { areaName } from "~/models/challenge-area.server";
import { accessInfo, type CaseWithRelations } from "~/models/case.server";
import { canDeleteCase, canEditCase, canSeeContact } from "~/policies/case";
import type { Viewer } from "~/policies/viewer";
import { formatDate, formatNumber, type AppLocale } from "~/utils/i18n";

function monthLabel(d: Date, locale: AppLocale) {
  return formatDate(d, locale, { month: "long", year: "numeric", timeZone: "UTC" });
}

function decimal(d: { toString(): string } | null) {
  return d === null ? null : Number(d.toString());
}

function change(baseline: number | null, result: number | null, locale: AppLocale) {
  if (baseline === null || result === null) return null;
  const diff = Math.round((result - baseline) * 1e4) / 1e4;
  const abs = formatNumber(diff, locale, { signDisplay: "exceptZero", maximumFractionDigits: 2 });
  if (baseline === 0) return abs;
  const pct = formatNumber(diff / Math.abs(baseline), locale, { style: "percent", signDisplay: "exceptZero", maximumFractionDigits: 1 });
  return `${abs} (${pct})`;
}

export function presentCase(c: CaseWithRelations, viewer: Viewer | null, locale: AppLocale) {
  const access = accessInfo(c);
  const sections = (c.sections ?? {}) as Partial<Record<SectionKey, TipTapNode>>;
  const period =
    c.periodStart && c.periodEnd
      ? { kind: "range" as const, start: monthLabel(c.periodStart, locale), end: monthLabel(c.periodEnd, locale) }
      : c.periodStart
        ? { kind: "from" as const, start: monthLabel(c.periodStart, locale), end: "" }
        : c.periodEnd
          ? { kind: "until" as const, start: "", end: monthLabel(c.periodEnd, locale) }
          : null;
  const contactAllowed = canSeeContact(viewer);
  const dateTime = { dateStyle: "long", timeStyle: "short" } as const;
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    status: c.status,
    visibility: c.visibility,
    contentLanguage: c.contentLanguage,
    period,
    areas: c.challengeAreas
      .map((a) => a.challengeArea)
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((a) => ({ slug: a.slug, name: areaName(a, locale) })),
    owner: { id: c.owner.id, name: c.owner.name, slug: c.owner.slug },
    coOwners: c.coOwners.map((o) => ({ id: o.organisation.id, name: o.organisation.name })),
    sections: SECTION_KEYS.filter((k) => !isDocEmpty(sections[k]))
      .map((key) => ({ key, html: renderDocToHtml(sections[key]) }))
      .filter((s) => s.html.trim() !== ""),
    results: c.results.map((r) => {
      const baseline = decimal(r.baseline);
      const result = decimal(r.result);
      return {
        id: r.id,
        indicator: r.indicator,
        unit: r.unit,
        baseline: baseline === null ? null : formatNumber(baseline, locale, { maximumFractionDigits: 4 }),
        result: result === null ? null : formatNumber(result, locale, { maximumFractionDigits: 4 }),
        change: change(baseline, result, locale),
        period: r.period,
      };
    }),
    // null for visitors: the details never reach their browser.
    contact: contactAllowed ? { name: c.contactName, role: c.contactRole, email: c.contactEmail } : null,
    contactHidden: !contactAllowed,
    created: { by: c.createdBy?.name ?? null, at: formatDate(c.createdAt, locale, dateTime), iso: c.createdAt.toISOString() },
    updated:
      c.version > 1
        ? { by: c.updatedBy?.name ?? null, at: formatDate(c.updatedAt, locale, dateTime), iso: c.updatedAt.toISOString() }
        : null,
    canEdit: canEditCase(viewer, access),
    canDelete: canDeleteCase(viewer, access),
  };
}

export type CaseView = ReturnType<typeof presentCase>;

/** How other editors see me next to my caret and in the list of who is here (case page, edit page). */
export function presentLiveEditor(user: { id: string; name: string; memberships: Array<{ organisation: { name: string } }> }) {
  return { id: user.id, name: user.name, organisation: user.memberships[0]?.organisation.name ?? null };
}
