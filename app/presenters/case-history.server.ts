/**
 * Revisions -> what the history pages show, formatted for the reader's language: the list
 * of revisions, one revision rendered like the case page, and what changed between that
 * revision and the case as it is now (word diffs of the texts, old -> new for the rest).
 */
import { renderDocToHtml } from "~/editor/render.server";
import { docToText, isDocEmpty, SECTION_KEYS, type SectionKey, type TipTapNode } from "~/editor/sections";
import type { CaseRevisionDetail, listCaseHistory, namesForSnapshots, RevisionKind, RevisionSnapshot } from "~/models/case-history.server";
import { areaName } from "~/models/challenge-area.server";
import { formatDate, formatNumber, getFixedT, type AppLocale } from "~/utils/i18n";
import { condense, hasChanges, wordDiff, type DiffPart } from "~/utils/word-diff";
import { REUSE_META_KEYS, reuseFactTexts } from "./reuse-facts.server";

const DATE_TIME = { dateStyle: "long", timeStyle: "short" } as const;

type Names = Awaited<ReturnType<typeof namesForSnapshots>>;

function when(d: Date, locale: AppLocale) {
  return { at: formatDate(d, locale, DATE_TIME), iso: d.toISOString() };
}

interface RevisionHead {
  id: string;
  number: number;
  kind: RevisionKind;
  createdAt: Date;
  people: Array<{ id: string; name: string }>;
  restoredFrom: { id: string; createdAt: Date | null } | null;
}

function revisionHead(r: RevisionHead, locale: AppLocale) {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    ...when(r.createdAt, locale),
    people: r.people.map((p) => p.name),
    restoredFrom: r.restoredFrom
      ? { id: r.restoredFrom.id, at: r.restoredFrom.createdAt ? formatDate(r.restoredFrom.createdAt, locale, DATE_TIME) : null }
      : null,
  };
}

export type RevisionHeadView = ReturnType<typeof revisionHead>;

/** One page of the history list: who changed what, when. */
export function presentRevisionList(page: Awaited<ReturnType<typeof listCaseHistory>>, locale: AppLocale) {
  return page.items.map((r) => revisionHead(r, locale));
}

// ---------------------------------------------------------------- facts of a snapshot

export const META_KEYS = [
  "status",
  "visibility",
  "contentLanguage",
  "period",
  "owner",
  "coOwners",
  "challengeAreas",
  "contactName",
  "contactRole",
  "contactEmail",
  "results",
  ...REUSE_META_KEYS,
  "whatWeChanged",
] as const;
export type MetaKey = (typeof META_KEYS)[number];

function monthLabel(iso: string, locale: AppLocale) {
  return formatDate(iso, locale, { month: "long", year: "numeric", timeZone: "UTC" });
}

function decimal(value: string | null, locale: AppLocale) {
  return value === null || value === "" ? "–" : formatNumber(Number(value), locale, { maximumFractionDigits: 4 });
}

/** Every fact of a snapshot as display text (lists as one entry per item); empty = not set. */
function factsOf(s: RevisionSnapshot, names: Names, locale: AppLocale): Record<MetaKey, string[]> {
  const t = getFixedT(locale, "cases");
  const th = getFixedT(locale, "history");
  const collator = new Intl.Collator(locale === "nb" ? "nb-NO" : "en-GB");
  const orgName = (id: string) => names.organisations.get(id) ?? th("unknownOrganisation");
  const areas = s.challengeAreaIds.map((id) => {
    const area = names.areas.get(id);
    return area ? areaName(area, locale) : th("unknownArea");
  });
  const period =
    s.periodStart && s.periodEnd
      ? `${monthLabel(s.periodStart, locale)} – ${monthLabel(s.periodEnd, locale)}`
      : s.periodStart
        ? t("view.periodFrom", { start: monthLabel(s.periodStart, locale) })
        : s.periodEnd
          ? t("view.periodUntil", { end: monthLabel(s.periodEnd, locale) })
          : "";
  const nonEmpty = (v: string | null | undefined) => (v ? [v] : []);
  return {
    status: [t(`status.${s.status}`)],
    visibility: [t(`visibility.${s.visibility}`)],
    // Snapshots from before content languages existed: the case was bokmål.
    contentLanguage: [t(`contentLanguage.${s.contentLanguage ?? "nb"}`)],
    period: nonEmpty(period),
    owner: [orgName(s.ownerOrganisationId)],
    // Order of organisations and areas carries no meaning: sorted, so only real changes show.
    coOwners: s.coOwnerIds.map(orgName).sort(collator.compare),
    challengeAreas: areas.sort(collator.compare),
    contactName: nonEmpty(s.contactName),
    contactRole: nonEmpty(s.contactRole),
    contactEmail: nonEmpty(s.contactEmail),
    results: s.results.map((r) =>
      th("resultRow", {
        indicator: r.indicator,
        unit: r.unit ? ` (${r.unit})` : "",
        baseline: decimal(r.baseline, locale),
        result: decimal(r.result, locale),
        period: r.period ? `, ${r.period}` : "",
      }),
    ),
    ...reuseFactTexts(s, locale),
    // Revisions written before adaptations existed have no such field.
    whatWeChanged: nonEmpty(s.whatWeChanged),
  };
}

type Sections = Partial<Record<SectionKey, TipTapNode>>;

const TEXT_KEYS = ["title", "summary", ...SECTION_KEYS] as const;
export type TextKey = (typeof TEXT_KEYS)[number];

function textsOf(s: RevisionSnapshot): Record<TextKey, string> {
  const sections = (s.sections ?? {}) as Sections;
  return {
    title: s.title,
    summary: s.summary,
    ...(Object.fromEntries(SECTION_KEYS.map((k) => [k, docToText(sections[k])])) as Record<SectionKey, string>),
  };
}

/**
 * The revision as the case page would show it, and what changed from it to `now` (a
 * snapshot of the case as it is now, see snapshotOf): "added" is text the case has now
 * but the revision has not, "removed" text the revision had that is gone now.
 */
export function presentRevision(revision: CaseRevisionDetail, now: RevisionSnapshot, names: Names, locale: AppLocale) {
  const snap = revision.snapshot;
  const sections = (snap.sections ?? {}) as Sections;
  const facts = factsOf(snap, names, locale);
  const factsNow = factsOf(now, names, locale);
  const texts = textsOf(snap);
  const textsNow = textsOf(now);

  const textChanges: Array<{ key: TextKey; parts: DiffPart[] }> = [];
  for (const key of TEXT_KEYS) {
    const parts = wordDiff(texts[key], textsNow[key]);
    if (hasChanges(parts)) textChanges.push({ key, parts: condense(parts) });
  }
  const metaChanges = META_KEYS.filter((key) => facts[key].join("\n") !== factsNow[key].join("\n")).map((key) => ({
    key,
    before: facts[key],
    after: factsNow[key],
  }));

  return {
    revision: revisionHead(revision, locale),
    title: snap.title,
    summary: snap.summary,
    sections: SECTION_KEYS.filter((k) => !isDocEmpty(sections[k]))
      .map((key) => ({ key, html: renderDocToHtml(sections[key]) }))
      .filter((s) => s.html.trim() !== ""),
    facts: META_KEYS.filter((key) => facts[key].length).map((key) => ({ key, values: facts[key] })),
    changes: { text: textChanges, meta: metaChanges },
    identical: textChanges.length === 0 && metaChanges.length === 0,
  };
}

export type RevisionView = ReturnType<typeof presentRevision>;
