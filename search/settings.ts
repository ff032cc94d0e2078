/**
 * The cases index settings, kept in code and applied idempotently at start-up (and by
 * search:reindex to a fresh index): read the current settings, update only what differs,
 * wait for the task.
 */
import type { Meilisearch, Settings } from "meilisearch";
import { NORWEGIAN_STOP_WORDS, SYNONYMS } from "./norwegian";

const CASES_PRIMARY_KEY = "id";

/**
 * Order matters: Meilisearch's "attribute" ranking rule prefers matches in earlier
 * attributes. A hit in the title or a challenge-area name says most about what a case is;
 * compound parts come right after the summary so "klimatiltak" in the body still ranks
 * a case for "klima" above one that names klima only among its partners.
 */
const SEARCHABLE_ATTRIBUTES = [
  "title",
  "challengeAreaNames",
  "summary",
  "compoundParts",
  "sections",
  "results",
  "organisationNames",
  "partners",
] as const;

const FILTERABLE_ATTRIBUTES = [
  // Cases whose document is stale (outbox row pending) are left out by id and answered from
  // the database instead (app/models/search.server.ts), so hits and facet counts agree.
  "id",
  "challengeAreas",
  "ownerOrganisationId",
  "organisationIds",
  "organisationKinds",
  "fylker",
  "status",
  "year",
  "visibility",
  // Adoption (docs/decisions/017-adaptations.md): "> 0" is the facet "tatt i bruk av andre".
  "adoptedPublic",
  "adoptedMembers",
  // Facts for reuse (docs/decisions/018-reuse-facts.md).
  "sizeBracket",
  "costFigures",
  "language",
] as const;

const SORTABLE_ATTRIBUTES = ["updatedAt", "createdAt", "year", "adoptedPublic", "adoptedMembers"] as const;

function casesIndexSettings(): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    filterableAttributes: [...FILTERABLE_ATTRIBUTES],
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    // The default rules; then, among equally relevant hits, cases more organisations took into
    // use (the public figure: a ranking must not depend on who asks, nor reveal MEMBERS-only
    // adaptations to visitors), then newer ones.
    rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "adoptedPublic:desc", "updatedAt:desc"],
    stopWords: [...NORWEGIAN_STOP_WORDS],
    synonyms: SYNONYMS,
    typoTolerance: {
      enabled: true,
      // Norwegian words are long (compounds): one typo from 5 letters ("rekrutering"), two
      // from 9; short words ("barn", "bolig" vs "bolik" is fine) stay exact below 5.
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      // Ids and numbers must match exactly ("2023" is not "2024").
      disableOnAttributes: [],
      disableOnNumbers: true,
    },
    faceting: { maxValuesPerFacet: 100 },
    pagination: { maxTotalHits: 10_000 },
  };
}

/** Meilisearch hands words back in another Unicode normal form ("óg"): compare them as NFC. */
const nfc = (v: unknown) => (typeof v === "string" ? v.normalize("NFC") : JSON.stringify(v));

/** Order-insensitive where Meilisearch treats a setting as a set. */
function normalise(key: keyof Settings, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (key === "filterableAttributes" || key === "sortableAttributes" || key === "stopWords") {
    return [...new Set((value as unknown[]).map(nfc))].sort();
  }
  if (key === "synonyms") {
    return Object.fromEntries(
      Object.entries(value as Record<string, string[]>)
        .map(([k, v]) => [nfc(k), [...new Set(v.map(nfc))].sort()] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  }
  return value;
}

/** Sub-objects compare only on the fields we set (Meilisearch fills in the rest). */
function matches(wanted: unknown, actual: unknown): boolean {
  if (wanted && typeof wanted === "object" && !Array.isArray(wanted)) {
    if (!actual || typeof actual !== "object" || Array.isArray(actual)) return false;
    return Object.entries(wanted).every(([k, v]) => matches(v, (actual as Record<string, unknown>)[k]));
  }
  return JSON.stringify(wanted) === JSON.stringify(actual);
}

/** Settings keys whose current value differs from what the code wants. */
function settingsDiff(current: Settings, wanted: Settings = casesIndexSettings()): Settings {
  const diff: Settings = {};
  for (const key of Object.keys(wanted) as Array<keyof Settings>) {
    if (!matches(normalise(key, wanted[key]), normalise(key, current[key]))) {
      (diff as Record<string, unknown>)[key] = wanted[key];
    }
  }
  return diff;
}

/**
 * Creates the index when missing and brings its settings to what the code says.
 * Returns the names of the settings it changed (empty when everything was up to date).
 */
export async function applyCasesIndexSettings(
  client: Meilisearch,
  indexUid: string,
  options: { timeoutMs?: number } = {},
): Promise<string[]> {
  const timeout = options.timeoutMs ?? 120_000;
  const index = client.index(indexUid);
  try {
    await index.getRawInfo();
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== "index_not_found") throw error;
    const task = await client.createIndex(indexUid, { primaryKey: CASES_PRIMARY_KEY }).waitTask({ timeout });
    // A concurrent start may have created it in between: that is fine.
    if (task.status !== "succeeded" && task.error?.code !== "index_already_exists") {
      // eslint-disable-next-line preserve-caught-error -- the caught error was the expected "not found"
      throw new Error(`Could not create the Meilisearch index ${indexUid}: ${task.error?.message ?? task.status}`);
    }
  }
  const diff = settingsDiff(await index.getSettings());
  const changed = Object.keys(diff);
  if (!changed.length) return [];
  const task = await index.updateSettings(diff).waitTask({ timeout });
  if (task.status !== "succeeded") {
    throw new Error(`Could not update the settings of the Meilisearch index ${indexUid}: ${task.error?.message ?? task.status}`);
  }
  return changed;
}
