/**
 * What a public servant types, and the corpus case (tests/relevance/corpus.ts) that must be
 * among the first three hits for a visitor. Every kind of query the issue names is here:
 * bokmål, nynorsk, English, typos, compound parts, synonyms and municipality names.
 */
export type QueryKind = "bokmål" | "nynorsk" | "english" | "typo" | "compound" | "synonym" | "place";

export interface RelevanceQuery {
  q: string;
  expect: string; // corpus case id
  kind: QueryKind;
}

export const QUERIES: RelevanceQuery[] = [
  // bokmål
  { q: "sykefravær hjemmetjeneste", expect: "kristiansund-naervaer", kind: "bokmål" },
  { q: "startlån barnefamilier", expect: "grorud-startlan", kind: "bokmål" },
  { q: "hverdagsrehabilitering", expect: "sondre-nordstrand-rehab", kind: "bokmål" },
  { q: "digitalt tilsyn natt", expect: "trondheim-velferdsteknologi", kind: "bokmål" },
  { q: "tjenestedesign NAV unge", expect: "hamar-tjenestedesign", kind: "bokmål" },
  { q: "chatbot kundesenter", expect: "nordre-follo-chatbot", kind: "bokmål" },
  { q: "regnbed overvann", expect: "faerder-overvann", kind: "bokmål" },
  { q: "lærlinger helsearbeiderfaget", expect: "faerder-laerlinger", kind: "bokmål" },
  { q: "fagbrev assistenter", expect: "trondheim-fagbrev", kind: "bokmål" },
  { q: "ungdomsråd fritidsklubb", expect: "bjerke-ungdomsrad", kind: "bokmål" },
  { q: "sommerjobb ungdom næringsliv", expect: "faerder-sommerjobb", kind: "bokmål" },
  { q: "årsturnus større stillinger", expect: "sarpsborg-arsturnus", kind: "bokmål" },
  { q: "klarspråk innbyggertorg", expect: "sarpsborg-innbyggertorg", kind: "bokmål" },
  { q: "bostedsløse rus egen bolig", expect: "hamar-housing-first", kind: "bokmål" },
  { q: "mentor nyutdannede lærere", expect: "kristiansund-laerere", kind: "bokmål" },
  { q: "utslippsfrie byggeplasser", expect: "oslo-klimagass-bygg", kind: "bokmål" },
  { q: "ansatte ambassadører omdømme", expect: "hamar-omdomme", kind: "bokmål" },
  { q: "eldre hjemme lenger dagsenter", expect: "drangedal-eldre", kind: "bokmål" },
  // nynorsk
  { q: "sjukefråvær heimeteneste", expect: "grong-trening", kind: "nynorsk" },
  { q: "heiltid sjukeheim", expect: "grong-heiltid", kind: "nynorsk" },
  { q: "besøksvenn einsame eldre", expect: "grong-besoksvenn", kind: "nynorsk" },
  { q: "utleigebustader for unge i bygdene", expect: "stad-bustad", kind: "nynorsk" },
  { q: "tilflyttarar omdøme", expect: "stad-tilflytting", kind: "nynorsk" },
  { q: "norskopplæring arbeidsinnvandrarar havbruk", expect: "froya-norskopplaering", kind: "nynorsk" },
  // English
  { q: "sick leave kindergarten", expect: "sarpsborg-barnehage", kind: "english" },
  { q: "co-creation", expect: "gamle-oslo-colab", kind: "english" },
  { q: "volunteering app", expect: "alna-volunteers", kind: "english" },
  { q: "housing first homeless", expect: "hamar-housing-first", kind: "english" },
  { q: "climate budget", expect: "trondheim-klimabudsjett", kind: "english" },
  { q: "reablement", expect: "sondre-nordstrand-rehab", kind: "english" },
  { q: "recruiting nurses students", expect: "nordre-follo-nurses", kind: "english" },
  { q: "full-time culture home care", expect: "trondheim-fulltime", kind: "english" },
  { q: "social entrepreneurship young people", expect: "drangedal-sosent", kind: "english" },
  // typos
  { q: "rekrutering sykepleiere", expect: "froya-sjukepleiarar", kind: "typo" },
  { q: "sykefravar barnehage", expect: "sarpsborg-barnehage", kind: "typo" },
  { q: "hverdagsrehabiliterin", expect: "sondre-nordstrand-rehab", kind: "typo" },
  { q: "klimabudjsett", expect: "trondheim-klimabudsjett", kind: "typo" },
  { q: "frisklivsentralen", expect: "drangedal-friskliv", kind: "typo" },
  // compound parts
  { q: "fraværsoppfølging", expect: "kristiansund-naervaer", kind: "compound" },
  { q: "kultur heltid", expect: "grong-heiltid", kind: "compound" },
  { q: "tiltak klima budsjett", expect: "trondheim-klimabudsjett", kind: "compound" },
  { q: "strategi rekruttering lærere", expect: "kristiansund-laerere", kind: "compound" },
  { q: "hager nabolag", expect: "bjerke-nabolagshager", kind: "compound" },
  { q: "teknologi velferd sensorer", expect: "trondheim-velferdsteknologi", kind: "compound" },
  { q: "sykkel utslipp transport", expect: "hamar-sykkel", kind: "compound" },
  // synonyms
  { q: "heltidskultur", expect: "grong-heiltid", kind: "synonym" },
  { q: "sjukefråvær barnehage", expect: "sarpsborg-barnehage", kind: "synonym" },
  { q: "samskaping lag og foreininger", expect: "stad-samskaping", kind: "synonym" },
  { q: "emissions cycling", expect: "hamar-sykkel", kind: "synonym" },
  { q: "urban development Hovinbyen", expect: "padriv-hovinbyen", kind: "synonym" },
  { q: "nurse housing", expect: "froya-sjukepleiarar", kind: "synonym" },
  { q: "frivillighet lokaler tilskudd", expect: "nordre-follo-frivillighet", kind: "synonym" },
  { q: "reputation new residents", expect: "stad-tilflytting", kind: "synonym" },
  // municipality and district names
  { q: "Frøya klimatiltak", expect: "froya-energi", kind: "place" },
  { q: "Drangedal sosialt entreprenørskap", expect: "drangedal-sosent", kind: "place" },
  { q: "Nordre Follo frivillighet", expect: "nordre-follo-frivillighet", kind: "place" },
  { q: "Kristiansund sentrum", expect: "kristiansund-sentrum", kind: "place" },
  { q: "Bydel Grorud", expect: "grorud-startlan", kind: "place" },
  { q: "Pådriv", expect: "padriv-hovinbyen", kind: "place" },
  { q: "Saman om ein betre kommune", expect: "ks-nettverk", kind: "place" },
  { q: "Grong frivilligsentral", expect: "grong-besoksvenn", kind: "place" },
];
