/**
 * Norwegian language support for the search index (issue: search): synonyms and stop words
 * for the Meilisearch settings (search/settings.ts), and compound splitting for the
 * documents (search/documents.server.ts).
 *
 * Meilisearch does not split Norwegian compounds, so a case about "sykefraværsoppfølging"
 * would not be found by "fravær" or "oppfølging". At index time we therefore add the parts
 * of every compound in the text to the document's `compoundParts` field.
 *
 * Pure and synchronous; no I/O. Safe to import from the app bundle and from scripts.
 */
import { BOUND_PREFIXES, LEXICON_TEXT } from "./data/lexicon";

// ---------------------------------------------------------------------------------------
// Synonyms

/**
 * Groups of words that mean the same thing for someone searching this library. Every
 * member of a group is a synonym of every other member (expanded both ways below). Keep
 * the groups tight: a synonym that broadens a query too much pushes the right case down.
 * Multi-word entries ("sick leave") are matched as phrases by Meilisearch.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Challenge areas (taxonomy names in bokmål, nynorsk and English)
  [
    "sykefravær",
    "sjukefråvær",
    "sykefråvær",
    "fravær",
    "fråvær",
    "nærvær",
    "nærværsarbeid",
    "sick leave",
    "sickness absence",
    "absence",
    "absenteeism",
  ],
  ["sykemelding", "sjukemelding", "sykmelding", "sick note"],
  ["heltid", "heiltid", "full-time", "full time", "fulltime"],
  ["deltid", "part-time", "part time", "parttime"],
  ["heltidskultur", "heiltidskultur", "full-time culture"],
  ["rekruttering", "rekruttere", "rekrutteringsarbeid", "recruitment", "recruiting", "recruit"],
  ["kompetanse", "competence", "skills"],
  ["kompetanseheving", "kompetanseutvikling", "upskilling"],
  ["klima", "climate"],
  ["miljø", "environment"],
  ["utslipp", "klimagass", "klimagassutslipp", "emissions", "greenhouse gas"],
  ["klimatiltak", "climate measures", "climate action"],
  ["klimabudsjett", "climate budget"],
  ["samskaping", "samskapande", "samskapende", "samskape", "co-creation", "cocreation", "co creation"],
  ["medvirkning", "medverknad", "innbyggermedvirkning", "participation"],
  ["innbyggerdialog", "innbyggjardialog", "citizen dialogue"],
  ["frivillighet", "frivilligheit", "volunteering", "voluntary work"],
  ["frivillig", "frivillige", "volunteer", "volunteers"],
  ["omdømme", "omdøme", "reputation"],
  ["bolig", "bustad", "housing", "dwelling"],
  ["boligsosial", "bustadsosial", "social housing"],
  ["startlån", "start-up loan", "startup loan"],
  ["helse", "health"],
  ["velferd", "welfare"],
  ["folkehelse", "public health"],
  ["psykisk helse", "mental health"],
  ["byutvikling", "urban development", "city development"],
  ["stadutvikling", "tettstedsutvikling", "place development"],
  ["innovasjon", "innovation"],
  ["tjenesteutvikling", "tenesteutvikling", "service development"],
  ["tjenestedesign", "tenestedesign", "service design"],
  ["sosialt entreprenørskap", "social entrepreneurship"],
  ["sosial entreprenør", "social entrepreneur"],
  ["sosial innovasjon", "samfunnsinnovasjon", "social innovation"],
  ["bærekraft", "berekraft", "sustainability"],
  ["bærekraftig", "berekraftig", "sustainable"],
  // People and roles
  ["ansatt", "ansatte", "tilsett", "tilsette", "medarbeider", "medarbeidere", "medarbeidar", "employee", "employees", "staff"],
  ["kommune", "kommunen", "municipality", "municipal"],
  ["kommuner", "kommunar", "kommunane", "municipalities"],
  ["innbygger", "innbyggere", "innbyggar", "innbyggjar", "innbyggjarar", "citizen", "citizens", "resident", "residents"],
  ["eldre", "elderly", "older people"],
  ["eldreomsorg", "elderly care", "care for the elderly"],
  ["hjemmetjeneste", "hjemmetjenesten", "heimeteneste", "heimetenesta", "hjemmesykepleie", "heimesjukepleie", "home care", "home nursing"],
  ["sykepleier", "sykepleiere", "sjukepleiar", "sjukepleiarar", "nurse", "nurses"],
  ["helsefagarbeider", "helsefagarbeidere", "helsefagarbeidar", "healthcare worker", "health worker"],
  ["sykehjem", "sjukeheim", "nursing home", "care home"],
  ["ungdom", "unge", "youth", "young people"],
  ["barn", "born", "children"],
  ["leder", "leiar", "manager"],
  ["ledelse", "leiing", "leadership", "management"],
  ["tillitsvalgt", "tillitsvalde", "tillitsvalgte", "union representative", "shop steward"],
  ["lærling", "lærlingar", "lærlinger", "apprentice", "apprentices"],
  ["flyktning", "flyktningar", "flyktninger", "refugee", "refugees"],
  ["bydel", "borough", "district"],
  // Methods and things
  ["turnus", "rota", "shift schedule", "roster"],
  ["ønsketurnus", "self-rostering", "self rostering"],
  ["langvakt", "langvakter", "long shifts", "long shift"],
  ["bemanning", "staffing"],
  ["oppfølging", "follow-up", "follow up"],
  ["tilrettelegging", "tilrettelegge", "adjustments", "workplace adjustment"],
  ["arbeidsmiljø", "work environment", "working environment"],
  ["utprøving", "uttesting", "pilot", "piloting", "trial"],
  ["løsning", "løysing", "solution"],
  ["utfordring", "utfordringar", "utfordringer", "challenge", "challenges"],
  ["erfaring", "erfaringar", "erfaringer", "experience", "experiences"],
  ["kunnskap", "knowledge"],
  ["nettverk", "network"],
  ["samarbeid", "cooperation", "collaboration", "partnership"],
  ["avfall", "waste"],
  ["energi", "energy"],
  ["sykkel", "bicycle", "cycling"],
  ["velferdsteknologi", "welfare technology", "assistive technology"],
  ["demens", "dementia"],
  ["rehabilitering", "rehabilitation"],
  ["hverdagsrehabilitering", "kvardagsrehabilitering", "everyday rehabilitation", "reablement"],
  ["barnehage", "kindergarten", "nursery"],
  ["skole", "skule", "school"],
  ["barnevern", "child welfare", "child protection"],
  ["integrering", "integration"],
  ["inkludering", "inclusion"],
  ["dugnad", "samfunnsdugnad", "community effort"],
  ["fylkeskommune", "fylkeskommunen", "county council", "county municipality"],
];

function normaliseTerm(term: string): string {
  return term.normalize("NFC").toLowerCase().trim().replace(/\s+/g, " ");
}

function expandGroups(groups: readonly (readonly string[])[]): Record<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const group of groups) {
    const members = [...new Set(group.map(normaliseTerm))];
    for (const word of members) {
      const set = out.get(word) ?? new Set<string>();
      for (const other of members) if (other !== word) set.add(other);
      out.set(word, set);
    }
  }
  const result: Record<string, string[]> = {};
  for (const [word, set] of [...out].sort(([a], [b]) => a.localeCompare(b))) result[word] = [...set].sort();
  return result;
}

/** Meilisearch `synonyms`: every member of a group maps to all the others. */
export const SYNONYMS: Record<string, string[]> = expandGroups(SYNONYM_GROUPS);

/**
 * The query as it was typed (synonym null) plus the queries made by swapping one synonym (a
 * word or a phrase such as "sick leave") for another member of its group, each with the
 * synonym it put in; at most `max` in all. The PostgreSQL fallback (search/fallback.server.ts)
 * ORs them, so "sick leave" still finds "sykefraværsoppfølging" while Meilisearch is down, as
 * it does through `SYNONYMS` when up.
 */
export function synonymSwaps(q: string, max = 24): Array<{ text: string; synonym: string | null }> {
  const words = q.normalize("NFC").toLowerCase().split(/\s+/).filter(Boolean);
  const bare = words.map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
  const variants = new Map<string, string | null>([[words.join(" "), null]]);
  for (let start = 0; start < bare.length && variants.size < max;) {
    // Longest phrase first: "psykisk helse" rather than "helse".
    let matched = 1;
    for (let length = Math.min(3, bare.length - start); length >= 1; length--) {
      const others = SYNONYMS[bare.slice(start, start + length).join(" ")];
      if (!others) continue;
      for (const other of others.slice(0, max - variants.size)) {
        const text = [...words.slice(0, start), other, ...words.slice(start + length)].join(" ");
        if (!variants.has(text)) variants.set(text, other);
      }
      matched = length;
      break;
    }
    start += matched;
  }
  return [...variants].map(([text, synonym]) => ({ text, synonym }));
}

// ---------------------------------------------------------------------------------------
// Stop words

/**
 * Function words in bokmål, nynorsk and English. Ignored by Meilisearch in queries and
 * (for ranking) in documents. Only words that carry no meaning in this domain: no
 * "ikke/ikkje" (negation changes meaning in a title), no numbers, no "arbeid", "tid", "hjem".
 */
export const NORWEGIAN_STOP_WORDS: string[] = [
  ...new Set(
    `
    og i på for med som det den de dei en ei et ein eit av til er var vi me
    jeg eg du han hun ho vi dere de dei meg deg seg oss dykk dem
    å at om fra frå ved mot over under etter gjennom hos mellom uten utan
    hva kva hvem kven hvor kvar hvordan korleis hvorfor kvifor hvilke kva for når
    har hadde har vært vore vert blir ble vart bli verte
    kan kunne skal skulle vil ville må måtte
    sin sitt sine si hans hennes hennar deres dykkar vår vårt våre min mitt mine din ditt dine
    denne dette disse desse den det
    så men eller både enn også og óg nå no da då
    seg selv sjølv
    the and of in on at to a an for with from or is are was were be
    `
      .split(/\s+/)
      .filter(Boolean),
  ),
];

// ---------------------------------------------------------------------------------------
// Compounds

const MIN_PART = 3;
const MIN_WORD = 6;
const MAX_WORD = 64;
const LINKS = ["", "s", "e"] as const;
/** Inflection endings allowed on the last part of a compound (tiltak-ene, bustad-er, kommun-ane). */
const ENDINGS = [
  "",
  "s",
  "e",
  "t",
  "r",
  "n",
  "a",
  "en",
  "et",
  "er",
  "ar",
  "ne",
  "ene",
  "ane",
  "ens",
  "ets",
  "ers",
  "ars",
  "enes",
  "anes",
  "ere",
  "ast",
  "est",
];

const WORD_RE = /[\p{L}\p{M}]+/gu;

function words(text: string): string[] {
  return text.normalize("NFC").toLowerCase().match(WORD_RE) ?? [];
}

interface Lexicon {
  parts: Set<string>;
  bound: string[];
  maxPart: number;
  cache: Map<string, readonly string[]>;
}

const BASE_PARTS: readonly string[] = LEXICON_TEXT.split("\n")
  .map((line) => line.replace(/#.*/, ""))
  .flatMap((line) => words(line))
  .filter((w) => w.length >= MIN_PART);

const STOP_SET = new Set(NORWEGIAN_STOP_WORDS);
const CACHE_LIMIT = 200_000;
/** Taxonomy words learnt beyond the base lexicon before it is reset (names are admin-curated; this is a guard). */
const EXTRA_LIMIT = 5_000;

function newLexicon(extra: Iterable<string> = []): Lexicon {
  const parts = new Set([...BASE_PARTS, ...extra]);
  let maxPart = 0;
  for (const p of parts) maxPart = Math.max(maxPart, p.length);
  return { parts, bound: BOUND_PREFIXES.map((b) => b.toLowerCase()), maxPart, cache: new Map() };
}

let lexicon = newLexicon();

/**
 * The lexicon with the words of these taxonomy terms added. Taxonomy words accumulate (the
 * documents pass each case's own challenge-area names, and all of them are valid parts), so
 * the per-word cache survives from one case to the next and is only dropped when a new word
 * is learnt.
 */
function lexiconFor(taxonomyTerms: readonly string[]): Lexicon {
  const fresh: string[] = [];
  for (const term of taxonomyTerms) {
    for (const w of words(term)) if (w.length >= 5 && !STOP_SET.has(w) && !lexicon.parts.has(w)) fresh.push(w);
  }
  if (fresh.length) {
    if (lexicon.parts.size + fresh.length > BASE_PARTS.length + EXTRA_LIMIT) lexicon = newLexicon(fresh);
    else {
      for (const w of fresh) {
        lexicon.parts.add(w);
        lexicon.maxPart = Math.max(lexicon.maxPart, w.length);
      }
      lexicon.cache.clear();
    }
  }
  return lexicon;
}

interface Segment {
  start: number;
  end: number; // exclusive, without linking letter / ending
  lemma: string;
  bound: boolean;
}

interface Split {
  segments: Segment[];
  links: number;
  inflected: boolean;
}

function better(a: Split | null, b: Split | null): Split | null {
  if (!a) return b;
  if (!b) return a;
  // Finest split wins (so sub-compounds like "sykefravær" are found inside "sykefraværsoppfølging"),
  // then fewer linking letters, then no inflection ending.
  if (a.segments.length !== b.segments.length) return a.segments.length > b.segments.length ? a : b;
  if (a.links !== b.links) return a.links < b.links ? a : b;
  if (a.inflected !== b.inflected) return a.inflected ? b : a;
  return a;
}

/** Lemma of `w` when it is a known part with an inflection ending, else null. */
function finalLemma(w: string, lexicon: Lexicon): string | null {
  for (const ending of ENDINGS) {
    if (w.length - ending.length < MIN_PART || !w.endsWith(ending)) continue;
    const stem = w.slice(0, w.length - ending.length);
    if (lexicon.parts.has(stem)) return stem;
    if (!ending) continue;
    if (lexicon.parts.has(stem + "e")) return stem + "e"; // kommun-ar -> kommune
    // doubled final consonant before an ending: programm-et -> program, romm-a -> rom
    const last = stem.length - 1;
    if (stem.length > MIN_PART && stem[last] === stem[last - 1] && lexicon.parts.has(stem.slice(0, last))) return stem.slice(0, last);
  }
  return null;
}

/** Best segmentation of `word` into two or more parts, or null. */
function split(word: string, lexicon: Lexicon): Split | null {
  const n = word.length;
  // memo[i] = best split of word[i..] (at least one segment), undefined = not computed
  const memo: (Split | null | undefined)[] = new Array(n + 1);
  const solve = (i: number): Split | null => {
    const known = memo[i];
    if (known !== undefined) return known;
    let best: Split | null = null;
    // The rest is the final part (with an inflection ending).
    const rest = word.slice(i);
    const lemma = finalLemma(rest, lexicon);
    if (lemma)
      best = {
        segments: [{ start: i, end: i + Math.min(lemma.length, rest.length), lemma, bound: false }],
        links: 0,
        inflected: !rest.startsWith(lemma) || rest.length !== lemma.length,
      };
    // A non-final part (a known word or a bound prefix), a linking letter, then more parts.
    const limit = Math.min(n - MIN_PART, i + lexicon.maxPart);
    for (let j = i + 2; j <= limit; j++) {
      const piece = word.slice(i, j);
      const isPart = piece.length >= MIN_PART && lexicon.parts.has(piece);
      const isBound = !isPart && lexicon.bound.includes(piece);
      if (!isPart && !isBound) continue;
      for (const link of LINKS) {
        if (link && word[j] !== link) continue;
        const next = j + link.length;
        if (n - next < MIN_PART) continue;
        const tail = solve(next);
        if (!tail) continue;
        best = better(best, {
          segments: [{ start: i, end: j, lemma: piece, bound: isBound }, ...tail.segments],
          links: tail.links + (link ? 1 : 0),
          inflected: tail.inflected,
        });
      }
    }
    memo[i] = best;
    return best;
  };
  const result = solve(0);
  return result && result.segments.length >= 2 ? result : null;
}

/** The parts of one lowercase word (distinct, in order), or [] when it is not a known compound. */
function partsOfWord(word: string, lexicon: Lexicon): readonly string[] {
  if (word.length < MIN_WORD || word.length > MAX_WORD) return [];
  const cached = lexicon.cache.get(word);
  if (cached) return cached;
  const result: string[] = [];
  const s = split(word, lexicon);
  if (s) {
    const segs = s.segments;
    const last = segs.length - 1;
    // Every run of consecutive parts that ends in a real word: "sykefravær", "fravær",
    // "fraværsoppfølging", "oppfølging" for syk+e+fravær+s+oppfølging. The whole word only
    // when it was inflected (its base form: "klimatiltakene" -> "klimatiltak").
    for (let a = 0; a <= last; a++) {
      for (let b = a; b <= last; b++) {
        if (segs[b].bound) continue;
        if (a === 0 && b === last && !s.inflected) continue;
        const text = b === last ? word.slice(segs[a].start, segs[b].start) + segs[b].lemma : word.slice(segs[a].start, segs[b].end);
        if (!result.includes(text)) result.push(text);
      }
    }
  }
  if (lexicon.cache.size >= CACHE_LIMIT) lexicon.cache.clear();
  lexicon.cache.set(word, result);
  return result;
}

/**
 * The distinct lowercase parts of the Norwegian compounds in `text`, for the index:
 * "sykefraværsoppfølging" -> sykefravær, fravær, fraværsoppfølging, oppfølging;
 * "heltidskultur" -> heltid, kultur; "klimatiltak" -> klima, tiltak.
 * Parts come from a curated lexicon (search/data/lexicon.ts) plus the words of the
 * taxonomy terms (challenge area names); linking letters -s-/-e- and inflection endings
 * on the last part are understood. Words that are not compounds of known parts add nothing.
 */
export function compoundParts(text: string, taxonomyTerms: string[]): string[] {
  const lexicon = lexiconFor(taxonomyTerms);
  const out = new Set<string>();
  const seen = new Set<string>();
  for (const word of words(text)) {
    if (seen.has(word)) continue;
    seen.add(word);
    for (const part of partsOfWord(word, lexicon)) out.add(part);
  }
  return [...out];
}
