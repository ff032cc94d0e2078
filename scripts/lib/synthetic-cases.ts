/**
 * Deterministic synthetic Norwegian cases for the search benchmark (scripts/bench-search.ts).
 * Same seed -> same cases. The text is assembled from a vocabulary of municipalities,
 * services, measures and phrases per challenge area (bokmål, ~15 % nynorsk), so that
 * compounds, synonyms and typos behave like in real cases.
 */
import { textToDoc, type CaseSections } from "~/editor/sections";
import { casePlainText } from "~/models/case.server";
import { prng } from "./prng";

export type Rng = ReturnType<typeof prng>;

/** Real municipality names with their county (2024), used as synthetic owners. */
export const MUNICIPALITIES: Array<[string, string]> = [
  ["Bodø", "Nordland"],
  ["Tromsø", "Troms"],
  ["Alta", "Finnmark"],
  ["Vadsø", "Finnmark"],
  ["Narvik", "Nordland"],
  ["Rana", "Nordland"],
  ["Steinkjer", "Trøndelag"],
  ["Levanger", "Trøndelag"],
  ["Orkland", "Trøndelag"],
  ["Røros", "Trøndelag"],
  ["Molde", "Møre og Romsdal"],
  ["Ålesund", "Møre og Romsdal"],
  ["Volda", "Møre og Romsdal"],
  ["Sunndal", "Møre og Romsdal"],
  ["Bergen", "Vestland"],
  ["Voss", "Vestland"],
  ["Sogndal", "Vestland"],
  ["Sunnfjord", "Vestland"],
  ["Kinn", "Vestland"],
  ["Stavanger", "Rogaland"],
  ["Sandnes", "Rogaland"],
  ["Haugesund", "Rogaland"],
  ["Karmøy", "Rogaland"],
  ["Eigersund", "Rogaland"],
  ["Kristiansand", "Agder"],
  ["Arendal", "Agder"],
  ["Grimstad", "Agder"],
  ["Lindesnes", "Agder"],
  ["Vennesla", "Agder"],
  ["Skien", "Telemark"],
  ["Porsgrunn", "Telemark"],
  ["Notodden", "Telemark"],
  ["Vinje", "Telemark"],
  ["Bø", "Telemark"],
  ["Tønsberg", "Vestfold"],
  ["Larvik", "Vestfold"],
  ["Sandefjord", "Vestfold"],
  ["Holmestrand", "Vestfold"],
  ["Horten", "Vestfold"],
  ["Drammen", "Buskerud"],
  ["Kongsberg", "Buskerud"],
  ["Ringerike", "Buskerud"],
  ["Hol", "Buskerud"],
  ["Modum", "Buskerud"],
  ["Fredrikstad", "Østfold"],
  ["Halden", "Østfold"],
  ["Moss", "Østfold"],
  ["Indre Østfold", "Østfold"],
  ["Råde", "Østfold"],
  ["Bærum", "Akershus"],
  ["Asker", "Akershus"],
  ["Lillestrøm", "Akershus"],
  ["Ullensaker", "Akershus"],
  ["Lørenskog", "Akershus"],
  ["Lillehammer", "Innlandet"],
  ["Gjøvik", "Innlandet"],
  ["Elverum", "Innlandet"],
  ["Kongsvinger", "Innlandet"],
  ["Ringsaker", "Innlandet"],
  ["Nord-Fron", "Innlandet"],
  ["Tynset", "Innlandet"],
  ["Vågå", "Innlandet"],
  ["Lom", "Innlandet"],
  ["Vestre Toten", "Innlandet"],
];

const NYNORSK_COUNTIES = new Set(["Vestland", "Møre og Romsdal"]);

interface AreaVocabulary {
  topics: string[]; // noun phrases: what was tried
  problems: string[];
  results: string[];
  indicators: Array<[string, string]>;
}

/** Per challenge area slug (the seeded taxonomy). */
const AREAS: Record<string, AreaVocabulary> = {
  sykefravaer: {
    topics: [
      "sykefraværsoppfølging",
      "nærværsarbeid",
      "tett oppfølging de første dagene",
      "tilrettelegging på arbeidsplassen",
      "nærværssamtaler",
      "trening i arbeidstiden",
      "gradert sykemelding",
    ],
    problems: ["høyt sykefravær", "mange langtidssykemeldte", "belastningsplager etter tunge løft", "lite oppfølging av sykemeldte"],
    results: ["sykefraværet gikk ned", "nærværet økte", "færre langtidssykemeldte"],
    indicators: [
      ["Sykefravær", "prosent"],
      ["Nærvær", "prosent"],
    ],
  },
  "rekruttering-og-kompetanse": {
    topics: [
      "rekrutteringsstrategi",
      "mentorordning for nyansatte",
      "lærlingplasser i helsefag",
      "fagbrev på jobb",
      "kompetanseheving for assistenter",
      "sommerjobb for studenter",
      "rekruttering av sykepleiere",
    ],
    problems: [
      "ledige stillinger som ikke ble besatt",
      "mangel på sykepleiere",
      "for få søkere med fagbrev",
      "nyutdannede som sluttet etter kort tid",
    ],
    results: ["flere søkere per stilling", "alle ledige stillinger ble besatt", "flere fikk fagbrev"],
    indicators: [
      ["Søkere per stilling", "antall"],
      ["Ansatte med fagbrev", "prosent"],
    ],
  },
  "heltid-deltid": {
    topics: ["heltidskultur", "ønsketurnus", "langvakter i helg", "årsturnus", "bemanningsplan med større stillinger", "vikarpool"],
    problems: [
      "mange små deltidsstillinger",
      "ufrivillig deltid",
      "helgevakter som krevde mange ansatte",
      "mange ulike ansatte rundt hver bruker",
    ],
    results: ["flere heltidsstillinger", "større gjennomsnittlig stillingsstørrelse", "mindre bruk av vikarer"],
    indicators: [
      ["Andel heltidsstillinger", "prosent"],
      ["Gjennomsnittlig stillingsstørrelse", "prosent"],
    ],
  },
  omdomme: {
    topics: [
      "omdømmekampanje",
      "ansatte som ambassadører",
      "klarspråk i brev",
      "innbyggertorg",
      "tilflyttingskampanje",
      "stolthet over jobben",
    ],
    problems: ["et svakt omdømme", "få som ville anbefale kommunen som arbeidsgiver", "uforståelige brev", "fraflytting"],
    results: ["bedre omdømme i innbyggerundersøkelsen", "flere anbefaler kommunen som arbeidsplass", "netto tilflytting"],
    indicators: [
      ["Fornøyde innbyggere", "prosent"],
      ["Tilflyttere", "antall"],
    ],
  },
  "klima-og-miljo": {
    topics: [
      "klimatiltak i kommunale bygg",
      "klimabudsjett",
      "utslippsfrie byggeplasser",
      "energisparing",
      "sykkelveier til skolene",
      "klimatilpasning og overvann",
      "matsvinn i kantiner",
    ],
    problems: ["høye klimagassutslipp fra transport", "høyt energiforbruk", "flom og overvann", "mye avfall"],
    results: ["lavere klimagassutslipp", "energibruken gikk ned", "mindre avfall"],
    indicators: [
      ["Klimagassutslipp", "tonn CO2"],
      ["Energibruk", "kWh"],
    ],
  },
  bolig: {
    topics: [
      "startlån for barnefamilier",
      "Housing First",
      "utleieboliger for unge",
      "boligsosial handlingsplan",
      "fra leie til eie",
      "bostøtte og veiledning",
    ],
    problems: ["bostedsløshet", "mangel på utleieboliger", "barnefamilier i dårlige boforhold", "unge som ikke fant bolig"],
    results: ["flere eier egen bolig", "færre bostedsløse", "flere utleieboliger"],
    indicators: [
      ["Familier som kjøpte bolig", "antall"],
      ["Bostedsløse", "antall"],
    ],
  },
  "helse-og-velferd": {
    topics: [
      "hverdagsrehabilitering",
      "velferdsteknologi i hjemmetjenesten",
      "digitalt tilsyn",
      "dagtilbud for personer med demens",
      "frisklivssentral",
      "psykisk helse for unge",
      "eldreomsorg i bygdene",
    ],
    problems: ["flere eldre og færre ansatte", "lange ventelister til sykehjem", "ensomhet blant eldre", "unge med psykiske plager"],
    results: ["flere bor hjemme lenger", "færre nattbesøk", "kortere ventetid"],
    indicators: [
      ["Brukere som trenger mindre hjelp", "prosent"],
      ["Ventetid", "dager"],
    ],
  },
  samskaping: {
    topics: [
      "samskaping med lag og foreninger",
      "innbyggerverksted",
      "medvirkning i planarbeid",
      "samskapende nærmiljøprosjekt",
      "ungdomsråd med eget budsjett",
    ],
    problems: ["høringer som nådde få", "innbyggere som ikke følte seg hørt", "lite samarbeid med frivillige"],
    results: ["flere innbyggere deltok", "nye nærmiljøtiltak ble gjennomført", "samskaping ble en del av planarbeidet"],
    indicators: [
      ["Deltakere", "antall"],
      ["Gjennomførte prosjekter", "antall"],
    ],
  },
  byutvikling: {
    topics: ["sentrumsutvikling", "midlertidige byrom", "grønn mobilitet", "nabolagshager", "stedsutvikling i tettsteder", "gatetun"],
    problems: ["tomme lokaler i sentrum", "mye gjennomgangstrafikk", "få møteplasser"],
    results: ["mer liv i sentrum", "flere møteplasser", "færre biler i sentrum"],
    indicators: [
      ["Besøkende i sentrum", "antall per dag"],
      ["Nye møteplasser", "antall"],
    ],
  },
  "innovasjon-og-tjenesteutvikling": {
    topics: [
      "tjenestedesign",
      "chatbot på nettsidene",
      "innovasjonsnettverk",
      "gevinstrealisering",
      "digital selvbetjening",
      "innovasjonsprosess med brukerne",
    ],
    problems: ["lang ventetid på telefon", "tjenester som ikke var laget for brukerne", "mange like henvendelser"],
    results: ["færre henvendelser til kundesenteret", "kortere saksbehandlingstid", "mer fornøyde brukere"],
    indicators: [
      ["Saksbehandlingstid", "dager"],
      ["Henvendelser", "antall per måned"],
    ],
  },
  "sosialt-entreprenorskap": {
    topics: [
      "arbeidstrening hos en sosial entreprenør",
      "sosialt entreprenørskap",
      "samarbeid med gründere",
      "kafé med arbeidstrening",
      "sosiale innkjøp",
    ],
    problems: ["unge utenfor arbeid og skole", "få tilpassede arbeidsplasser", "lite samarbeid med lokale gründere"],
    results: ["flere gikk videre til jobb eller skole", "nye arbeidstreningsplasser", "varige samarbeidsavtaler"],
    indicators: [
      ["Deltakere i jobb eller skole", "antall"],
      ["Arbeidstreningsplasser", "antall"],
    ],
  },
  "frivillighet-og-innbyggerdialog": {
    topics: [
      "frivilligsentral",
      "besøksvenner for eldre",
      "frivillighetspolitikk",
      "innbyggerdialog",
      "app for frivillige oppdrag",
      "dialogmøter med lag og foreninger",
    ],
    problems: ["ensomme eldre", "frivillige som ikke fant oppgaver", "lag som ikke visste hvem de skulle kontakte"],
    results: ["flere frivillige", "faste besøksvenner", "bedre dialog med lagene"],
    indicators: [
      ["Frivillige", "antall"],
      ["Oppdrag", "antall"],
    ],
  },
};

const SERVICES = [
  "hjemmetjenesten",
  "sykehjemmet",
  "barnehagene",
  "skolene",
  "NAV-kontoret",
  "helsestasjonen",
  "byggdrift",
  "renholdstjenesten",
  "barnevernet",
  "kulturskolen",
  "bibliotekene",
  "tekniske tjenester",
  "rus og psykisk helse",
  "flyktningtjenesten",
];
const PARTNERS = [
  "KS",
  "Husbanken",
  "NAV",
  "Fagforbundet",
  "Norsk Sykepleierforbund",
  "fylkeskommunen",
  "høgskolen",
  "frivilligsentralen",
  "næringsforeningen",
  "Statsforvalteren",
  "idrettslaget",
  "pensjonistforeningen",
  "bedriftshelsetjenesten",
  "SoCentral",
  "Telemarksforsking",
];
const METHODS = [
  "en innsiktsfase med intervjuer",
  "en liten utprøving i én enhet",
  "workshops med ansatte og brukere",
  "en prosjektgruppe med tillitsvalgte",
  "månedlige evalueringer",
  "en tydelig plan for måling",
];
const LESSONS = [
  "Ledere må følge opp over tid",
  "Tillitsvalgte må være med fra starten",
  "Start i det små og skaler når det virker",
  "Mål det som betyr noe for brukerne",
  "Del det som ikke virket, også",
  "Sett av tid til opplæring",
];
const NYNORSK: Array<[RegExp, string]> = [
  [/\bikke\b/g, "ikkje"],
  [/\bhjemmetjenesten\b/g, "heimetenesta"],
  [/\bsykehjemmet\b/g, "sjukeheimen"],
  [/\bsykefravær/g, "sjukefråvær"],
  [/\bansatte\b/g, "tilsette"],
  [/\binnbyggere\b/g, "innbyggjarar"],
  [/\bsykepleiere\b/g, "sjukepleiarar"],
  [/\bflere\b/g, "fleire"],
  [/\bhvordan\b/g, "korleis"],
  [/\bhva\b/g, "kva"],
  [/\bbolig/g, "bustad"],
  [/\bgikk ned\b/g, "gjekk ned"],
  [/ økte\b/g, " auka"],
  [/\bbrukerne\b/g, "brukarane"],
];

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface SyntheticCase {
  id: string;
  slug: string;
  title: string;
  summary: string;
  sections: CaseSections;
  plainText: string;
  status: "IDEA" | "PILOTING" | "IMPLEMENTED" | "SCALED" | "DISCONTINUED";
  visibility: "DRAFT" | "MEMBERS" | "PUBLIC";
  periodStart: string; // YYYY-MM-01
  ownerIndex: number; // into the owners list the caller passes
  coOwnerIndex: number | null;
  areaSlugs: string[];
  results: Array<{ indicator: string; unit: string; baseline: number; result: number; period: string }>;
}

const STATUSES = ["IDEA", "PILOTING", "PILOTING", "IMPLEMENTED", "IMPLEMENTED", "IMPLEMENTED", "SCALED", "DISCONTINUED"] as const;

/** Case number `n` (stable for a given seed and n). `owners` = [name, fylke] of each owner. */
export function syntheticCase(seed: number, n: number, owners: Array<[string, string | null]>, areaSlugs: string[]): SyntheticCase {
  const r = prng(seed * 1_000_003 + n);
  const ownerIndex = r.int(owners.length);
  const [ownerName, fylke] = owners[ownerIndex];
  const place = ownerName.replace(/ kommune$/, "");
  const areas = [
    ...new Set([r.pick(areaSlugs), ...(r.chance(0.6) ? [r.pick(areaSlugs)] : []), ...(r.chance(0.2) ? [r.pick(areaSlugs)] : [])]),
  ];
  const main = AREAS[areas[0]] ?? AREAS.sykefravaer;
  const second = AREAS[areas[1] ?? areas[0]] ?? main;
  const topic = r.pick(main.topics);
  const service = r.pick(SERVICES);
  const problem = r.pick(main.problems);
  const result = r.pick(main.results);
  const year = 2012 + r.int(14);
  const before = 5 + r.int(60);
  const after = Math.max(1, before + (r.chance(0.5) ? -1 : 1) * (1 + r.int(20)));
  const nynorsk = fylke !== null && NYNORSK_COUNTIES.has(fylke) ? r.chance(0.6) : r.chance(0.08);

  let title = `${capitalise(topic)} i ${service} i ${place}`;
  if (r.chance(0.4)) title += `: ${r.pick(main.results)}`;
  let summary =
    `${ownerName} har prøvd ut ${topic} i ${service} for å møte ${problem}. ` +
    `Arbeidet ble gjort sammen med ${r.pick(PARTNERS)} og ${r.pick(PARTNERS)}, og ${result}. ` +
    (r.chance(0.5) ? `Tiltaket handler også om ${r.pick(second.topics)}.` : `Erfaringene kan brukes av andre kommuner.`);
  const challenge = [
    `I ${service} hadde vi ${problem}. ${capitalise(r.pick(second.problems))} gjorde det ikke enklere.`,
    `Mange ansatte og innbyggere opplevde at de vanlige virkemidlene ikke virket, og vi ville prøve noe nytt.`,
  ].join("\n\n");
  const whatWeDid = [
    `Vi startet med ${r.pick(METHODS)} og ${r.pick(METHODS)}. Deretter prøvde vi ut ${topic} i ${1 + r.int(6)} enheter.`,
    `Underveis la vi til ${r.pick(second.topics)}, og ${r.pick(PARTNERS)} bidro med faglig støtte.`,
  ].join("\n\n");
  const method = r.chance(0.6)
    ? `Vi fulgte stegene i en innovasjonsprosess: innsikt, idéutvikling, utprøving og evaluering, med ${r.pick(METHODS)}.`
    : "";
  const lessons = [r.pick(LESSONS), r.pick(LESSONS)].join(". ") + ".";
  const resultsText = `${capitalise(result)} i løpet av ${1 + r.int(3)} år. Tallene er hentet fra egne målinger.`;
  const partners = [...new Set([r.pick(PARTNERS), r.pick(PARTNERS), r.pick(PARTNERS)])].join(", ");

  const tr = (s: string) => (nynorsk ? NYNORSK.reduce((acc, [re, to]) => acc.replace(re, to), s) : s);
  title = tr(title).slice(0, 200);
  summary = tr(summary);
  const sections: CaseSections = {
    challenge: textToDoc(tr(challenge)),
    whatWeDid: textToDoc(tr(whatWeDid)),
    method: textToDoc(tr(method)),
    partners: textToDoc(partners),
    results: textToDoc(tr(resultsText)),
    lessons: textToDoc(tr(lessons)),
  };
  const [indicator, unit] = r.pick(main.indicators);
  const visibilityRoll = r.next();
  return {
    id: `bench${String(n).padStart(7, "0")}`,
    slug: `bench-${n}`,
    title,
    summary,
    sections,
    plainText: casePlainText({ title, summary, sections }),
    status: r.pick(STATUSES),
    visibility: visibilityRoll < 0.8 ? "PUBLIC" : visibilityRoll < 0.93 ? "MEMBERS" : "DRAFT",
    periodStart: `${year}-${String(1 + r.int(12)).padStart(2, "0")}-01`,
    ownerIndex,
    coOwnerIndex: r.chance(0.1) ? r.int(owners.length) : null,
    areaSlugs: areas,
    results: r.chance(0.5) ? [{ indicator, unit, baseline: before, result: after, period: `${year} → ${year + 1}` }] : [],
  };
}
