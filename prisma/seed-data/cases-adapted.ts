/**
 * Demo adaptations ("Ta i bruk hos oss", docs/decisions/017-adaptations.md): cases that build
 * on an earlier seed case (by title), so the links both ways show right after `npm start`.
 */
import { p, sections, ul } from "./doc";
import type { SeedCase } from "./types";

export const adaptedCases: SeedCase[] = [
  {
    title: "Klimabudsjett i Hamar: felles mal og beregnet effekt av klimatiltak",
    summary:
      "Hamar kommune tok i bruk malen for klimabudsjett fra Trøndelag og gjorde den til en del av økonomiplanen. I stedet for en delt klimarådgiver fikk hver tjenesteleder ansvar for å beregne effekten av egne klimatiltak.",
    status: "PILOTING",
    visibility: "PUBLIC",
    periodStart: "2024-01",
    periodEnd: null,
    owner: "hamar",
    coOwners: [],
    areas: ["klima-og-miljo", "innovasjon-og-tjenesteutvikling"],
    createdBy: "redaktor@hamar.demo.losningsbanken.no",
    contact: { name: "Ingrid Haugen", role: "Økonomirådgiver", email: "ingrid.haugen@hamar.demo.losningsbanken.no" },
    results: [
      { indicator: "Deltakende kommuner med klimabudsjett i økonomiplanen", unit: "antall", baseline: 0, result: 1, period: "2024" },
      { indicator: "Klimatiltak med beregnet utslippskutt", unit: "antall", baseline: 2, result: 9, period: "2023 → 2024" },
    ],
    sections: sections({
      challenge: [
        p(
          "Hamar hadde en klimaplan, men klimatiltakene sto utenfor budsjettet, og ingen visste hvor mye hvert tiltak faktisk kuttet. Vi så hvordan kommunene i Trøndelag hadde løst det, og ville prøve det samme.",
        ),
      ],
      whatWeDid: [
        ul(
          "Tok i bruk den felles malen for klimabudsjett",
          "Ga hver tjenesteleder ansvar for å beregne effekten av egne tiltak",
          "Økonomiavdelingen samler tallene i økonomiplanen",
        ),
      ],
      lessons: [ul("Malen kunne brukes nesten som den var", "Tjenestelederne trengte en halv dags opplæring i regnehjelpen")],
    }),
    adaptedFrom: "Klimatiltak i små kommuner: delt klimarådgiver og felles mal for klimabudsjett",
    whatWeChanged:
      "Vi er én mellomstor kommune, ikke flere små, så vi delte ikke en klimarådgiver. I stedet fikk hver tjenesteleder ansvar for sine egne tiltak.\n\nØkonomiavdelingen eier klimabudsjettet fra første dag – det var den viktigste lærdommen fra Trøndelag.",
  },
];
