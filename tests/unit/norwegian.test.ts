import { describe, expect, it } from "vitest";
import { NORWEGIAN_STOP_WORDS, SYNONYMS, SYNONYM_GROUPS, compoundParts, synonymSwaps } from "../../search/norwegian";

const TAXONOMY = [
  "Sykefravær",
  "Sick leave",
  "Rekruttering og kompetanse",
  "Recruitment and competence",
  "Heltid/deltid",
  "Full-time/part-time",
  "Omdømme",
  "Klima og miljø",
  "Bolig",
  "Helse og velferd",
  "Samskaping",
  "Byutvikling",
  "Innovasjon og tjenesteutvikling",
  "Frivillighet og innbyggerdialog",
];

const parts = (text: string) => compoundParts(text, TAXONOMY);

describe("compoundParts", () => {
  it.each([
    ["sykefraværsoppfølging", ["sykefravær", "fravær", "oppfølging"]],
    ["heltidskultur", ["heltid", "kultur"]],
    ["klimatiltak", ["klima", "tiltak"]],
    ["rekrutteringsstrategi", ["rekruttering", "strategi"]],
    ["helsetjeneste", ["helse", "tjeneste"]],
    ["innbyggerdialog", ["innbygger", "dialog"]],
    ["arbeidsgiverpolitikk", ["arbeidsgiver", "politikk"]],
    ["nærværsarbeid", ["nærvær", "arbeid"]],
    ["byutvikling", ["utvikling"]],
    // nynorsk
    ["sjukefråværsoppfølging", ["sjukefråvær", "fråvær", "oppfølging"]],
    ["heiltidskultur", ["heiltid", "kultur"]],
    ["sjukeheimsavdeling", ["sjukeheim", "avdeling"]],
    ["stillingsstorleik", ["stilling", "storleik"]],
  ])("%s -> %j", (word, expected) => {
    const got = parts(word);
    for (const e of expected) expect(got).toContain(e);
    expect(got).not.toContain(word);
  });

  it("gives the exact parts for the classic examples", () => {
    expect(parts("heltidskultur")).toEqual(["heltid", "kultur"]);
    expect(parts("klimatiltak")).toEqual(["klima", "tiltak"]);
    // the inner compound "fraværsoppfølging" is a part too, so that query finds the case
    expect(parts("sykefraværsoppfølging")).toEqual(["sykefravær", "fravær", "fraværsoppfølging", "oppfølging"]);
  });

  it("understands inflection on the last part and gives base forms", () => {
    expect(parts("klimatiltakene")).toEqual(["klima", "klimatiltak", "tiltak"]);
    expect(parts("hjemmetjenesten")).toEqual(["hjemmetjeneste", "tjeneste"]);
    expect(parts("heltidsstillingar")).toEqual(["heltid", "heltidsstilling", "stilling"]);
    expect(parts("omsorgsboliger")).toContain("bolig");
    expect(parts("kompetansehevinga")).toEqual(["kompetanse", "kompetanseheving", "heving"]);
  });

  it("does not split short or common words that are not compounds", () => {
    for (const word of [
      "kommunen",
      "kommunane",
      "samarbeid",
      "samfunnet",
      "tiltaket",
      "organisasjonen",
      "omsorg",
      "omdømme",
      "utvikling",
      "oppfølging",
      "rekruttering",
      "tjeneste",
      "tilrettelegging",
      "analyse",
      "parkering",
      "bygget",
      "legemiddel",
      "sykdom",
      "sykkel",
      "program",
      "status",
      "informasjon",
      "formidling",
      "planlegging",
      "navnet",
      "innbygger",
      "medarbeider",
      "tilsette",
      "eldre",
      "og",
      "i",
      "på",
      "frå",
      "kva",
    ]) {
      expect(parts(word), word).toEqual([]);
    }
  });

  it("collects distinct parts over a whole text, ignoring case and punctuation", () => {
    const got = parts("Sykefraværsoppfølging i HJEMMETJENESTEN, klimatiltak (klimatiltak!) og heltidskultur.");
    expect(new Set(got).size).toBe(got.length);
    expect(got).toEqual(expect.arrayContaining(["sykefravær", "fravær", "oppfølging", "tjeneste", "klima", "tiltak", "heltid", "kultur"]));
    expect(parts("")).toEqual([]);
  });

  it("learns parts from the taxonomy terms (and keeps them: every taxonomy word is a valid part)", () => {
    expect(compoundParts("fjordturisme", [])).toEqual([]);
    expect(compoundParts("fjordturisme", ["Fjord og turisme"])).toEqual(["fjord", "turisme"]);
    expect(compoundParts("fjordturismen", TAXONOMY)).toEqual(["fjord", "fjordturisme", "turisme"]);
    // short or function words from a taxonomy are not parts
    expect(compoundParts("ogmat", ["og"])).toEqual([]);
  });

  it("keeps its cache when the documents pass different challenge areas", () => {
    const text = "sykefraværsoppfølging heltidskultur klimatiltak ".repeat(200);
    const combos = [["Sykefravær"], ["Bolig", "Housing"], ["Klima og miljø"], ["Samskaping", "Co-creation"]];
    for (const c of combos) parts(text + c.join(" ")); // learn
    const started = performance.now();
    for (let i = 0; i < 4000; i++) compoundParts(`${text} x${i}`, combos[i % combos.length]);
    expect((performance.now() - started) / 4000).toBeLessThan(1);
  });

  it("is fast enough for indexing 100k cases", () => {
    const text =
      "Kommunen har arbeidd med sjukefråværsoppfølging, heltidskultur og klimatiltak i heimetenesta. " +
      "Innbyggjarane og tilsette var med i samskapingsprosessen, og rekrutteringsstrategien vart evaluert. ";
    const big = text.repeat(30);
    const started = performance.now();
    for (let i = 0; i < 2000; i++) parts(`${big} case${i} kommunestyrevedtak${i % 50}`);
    const perCase = (performance.now() - started) / 2000;
    expect(perCase).toBeLessThan(2);
  });
});

describe("synonyms", () => {
  it("are symmetric: every synonym of a word has that word as a synonym", () => {
    for (const [word, syns] of Object.entries(SYNONYMS)) {
      for (const s of syns) {
        expect(SYNONYMS[s], `${s} (from ${word})`).toBeDefined();
        expect(SYNONYMS[s]).toContain(word);
      }
      expect(syns).not.toContain(word);
    }
  });

  it("cover the required groups", () => {
    const syn = (a: string, b: string) => expect(SYNONYMS[a], a).toContain(b);
    syn("sykefravær", "sjukefråvær");
    syn("sykefravær", "sick leave");
    syn("sick leave", "nærvær");
    syn("heltid", "full-time");
    syn("deltid", "part-time");
    syn("heltidskultur", "heiltidskultur");
    syn("rekruttering", "recruitment");
    syn("kompetanse", "competence");
    syn("klima", "climate");
    syn("utslipp", "emissions");
    syn("samskaping", "co-creation");
    syn("samskapende", "samskapande");
    syn("medvirkning", "participation");
    syn("ansatt", "tilsett");
    syn("ansatt", "employee");
    syn("kommune", "municipality");
    syn("innbygger", "innbyggjar");
    syn("innbygger", "citizen");
    syn("bolig", "bustad");
    syn("bolig", "housing");
    syn("helse", "health");
    syn("velferd", "welfare");
    syn("eldreomsorg", "elderly care");
    syn("hjemmetjeneste", "heimeteneste");
    syn("hjemmetjeneste", "home care");
    syn("sykepleier", "sjukepleiar");
    syn("sykepleier", "nurse");
    syn("omdømme", "omdøme");
    syn("omdømme", "reputation");
    syn("frivillighet", "frivilligheit");
    syn("frivillighet", "volunteering");
    syn("byutvikling", "urban development");
    syn("ungdom", "youth");
    syn("innovasjon", "innovation");
  });

  it("keep groups tight: no word is in two groups, no group is huge", () => {
    const seen = new Map<string, number>();
    SYNONYM_GROUPS.forEach((group, i) => {
      expect(group.length).toBeLessThanOrEqual(12);
      for (const w of group) {
        const key = w.toLowerCase();
        expect(seen.get(key), `${w} is in groups ${seen.get(key)} and ${i}`).toBeUndefined();
        seen.set(key, i);
      }
    });
    // Broad words must not be pulled into a domain group.
    for (const broad of ["arbeid", "tjeneste", "kultur", "tiltak", "plan", "prosjekt"]) expect(SYNONYMS[broad], broad).toBeUndefined();
  });

  it("are lowercase and trimmed (Meilisearch normalises queries the same way)", () => {
    for (const [word, syns] of Object.entries(SYNONYMS)) {
      for (const w of [word, ...syns]) expect(w).toBe(w.toLowerCase().trim());
    }
  });
});

describe("stop words", () => {
  it("contain bokmål, nynorsk and English function words", () => {
    for (const w of [
      "og",
      "i",
      "på",
      "for",
      "med",
      "som",
      "det",
      "en",
      "ei",
      "eit",
      "ein",
      "av",
      "til",
      "er",
      "vi",
      "hva",
      "kva",
      "korleis",
      "the",
      "and",
    ]) {
      expect(NORWEGIAN_STOP_WORDS, w).toContain(w);
    }
  });

  it("never contain words that carry meaning here", () => {
    const meaningful = [
      "ikke",
      "ikkje",
      "kommune",
      "arbeid",
      "tid",
      "hjem",
      "heim",
      "eldre",
      "barn",
      "ung",
      "unge",
      "ny",
      "nye",
      "helse",
      "bolig",
      "klima",
      "miljø",
      "stad",
      "by",
      "bydel",
      "oslo",
      "sick",
      "leave",
      "care",
      "full",
      "time",
      "part",
      "heltid",
      "deltid",
      "nav",
      "ks",
    ];
    for (const w of meaningful) expect(NORWEGIAN_STOP_WORDS, w).not.toContain(w);
    expect(new Set(NORWEGIAN_STOP_WORDS).size).toBe(NORWEGIAN_STOP_WORDS.length);
  });
});

describe("synonymSwaps (the PostgreSQL fallback's synonyms)", () => {
  const synonymVariants = (q: string, max?: number) => synonymSwaps(q, max).map((v) => v.text);

  it("says which synonym each variant put in", () => {
    expect(synonymSwaps("sick leave hamar").slice(0, 2)).toEqual([
      { text: "sick leave hamar", synonym: null },
      { text: "absence hamar", synonym: "absence" },
    ]);
  });

  it("keeps the query first and swaps a word or a phrase for each member of its group", () => {
    const variants = synonymVariants("Sick leave i barnehagen");
    expect(variants[0]).toBe("sick leave i barnehagen");
    expect(variants).toContain("sykefravær i barnehagen");
    expect(variants).toContain("sjukefråvær i barnehagen");
    expect(variants).not.toContain("sick sykefravær i barnehagen");
    expect(variants.length).toBe(1 + SYNONYMS["sick leave"].length);
  });

  it("takes the longest phrase and does not swap inside it again", () => {
    const variants = synonymVariants("psykisk helse");
    expect(variants).toEqual(["psykisk helse", "mental health"]);
  });

  it("swaps one place at a time, for every place that has synonyms, within the limit", () => {
    const variants = synonymVariants("heltid rekruttering");
    expect(variants).toContain("heiltid rekruttering");
    expect(variants).toContain("heltid recruitment");
    expect(variants).not.toContain("heiltid recruitment");
    expect(synonymVariants("heltid rekruttering sykefravær", 5)).toHaveLength(5);
  });

  it("leaves a query without synonyms alone; a word in quotes or with a comma still counts", () => {
    expect(synonymVariants("zzqqxx  hamar")).toEqual(["zzqqxx hamar"]);
    expect(synonymVariants("«klima»")).toEqual(["«klima»", "climate"]);
  });
});
