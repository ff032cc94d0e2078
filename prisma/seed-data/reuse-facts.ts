/**
 * Facts for reuse of some demo cases (docs/decisions/018-reuse-facts.md), keyed by title.
 * Inhabitants: rounded figures for the municipality (SSB, 2024). Costs, effort and duration
 * are plausible demo values, not figures the municipalities published. Report links point
 * only at pages that exist (the project pages named in ../shared/reference).
 */
import type { SeedReuseFacts } from "./types";

export const reuseFacts: Record<string, SeedReuseFacts> = {
  "Heiltidskultur på sjukeheimen i Grong: ønsketurnus og langvakter i helg": {
    costOneOffNok: 180_000,
    costYearlyNok: 40_000,
    effortPersonMonths: 4.5,
    durationMonths: 14,
    inhabitants: 2_400,
    targetGroup: "Tilsette i turnus på sjukeheimen",
    prerequisites:
      "Tillitsvalde og verneombod med frå første møte.\n\nEin turnusplanleggar som kan bruke ønsketurnus i fagsystemet, og ei leiing som tolar ein prøveperiode med meir arbeid.",
  },
  "Sommerjobb i helse og omsorg som rekrutteringsstrategi i Kristiansund": {
    costOneOffNok: 60_000,
    costYearlyNok: 450_000,
    effortPersonMonths: 3,
    durationMonths: 6,
    inhabitants: 24_300,
    targetGroup: "Elever i videregående skole (16–19 år)",
    prerequisites: "Faddere på hver avdeling og en fast kontaktperson i HR.\n\nBudsjett til sommerlønn og en enkel opplæringspakke.",
  },
  "Fadderordning og velkomstpakke for nytilsette på Frøya": {
    costOneOffNok: 35_000,
    costYearlyNok: 20_000,
    effortPersonMonths: 1.5,
    durationMonths: 8,
    inhabitants: 5_400,
    targetGroup: "Nytilsette i helse og omsorg, også tilflyttere fra utlandet",
  },
  "Nærværsarbeid i Hamar-barnehagene: tidlig dialog i sykefraværsoppfølgingen": {
    costOneOffNok: 250_000,
    effortPersonMonths: 6,
    durationMonths: 18,
    inhabitants: 32_000,
    targetGroup: "Ansatte og ledere i kommunale barnehager",
    prerequisites: "Ledere som får tid til tidlige samtaler, og et avtalt samarbeid med NAV Arbeidslivssenter og bedriftshelsetjenesten.",
  },
  "Heltidskultur i Sarpsborg: bemanningsenhet som gir hele stillinger": {
    costOneOffNok: 1_200_000,
    costYearlyNok: 350_000,
    effortPersonMonths: 24,
    durationMonths: 30,
    inhabitants: 59_000,
    targetGroup: "Deltidsansatte i helse og omsorg",
    prerequisites:
      "Politisk vedtak om heltidskultur og en partssammensatt styringsgruppe.\n\nEn bemanningsenhet med egen leder og et lønnsbudsjett som flytter vakter dit behovet er.",
  },
  "Den samskapande kommunen: Stad prøver nye arbeidsmåtar saman med lag og innbyggjarar": {
    effortPersonMonths: 12,
    durationMonths: 24,
    inhabitants: 9_500,
    targetGroup: "Lag, organisasjonar og innbyggjarar i bygdene",
    reportLinks: [
      {
        title: "Den samskapande kommunen – pilot (Stad kommune)",
        url: "https://stad.kommune.no/tenester/samfunnsutvikling/den-samskapande-kommunen-pilot/",
      },
      {
        title: "Den samskapende kommune (Telemarksforsking)",
        url: "https://www.telemarksforsking.no/prosjekter/den-samskapende-kommune/20200730/",
      },
    ],
  },
  "Samskaping i nærmiljøet: Nordre Follo bygger arbeidsmåten inn i organisasjonen": {
    costYearlyNok: 800_000,
    effortPersonMonths: 18,
    durationMonths: 36,
    inhabitants: 63_000,
    targetGroup: "Frivillige, nærmiljøer og kommunens egne tjenester",
    reportLinks: [
      {
        title: "Den samskapende kommune (Nordre Follo kommune)",
        url: "https://www.nordrefollo.kommune.no/tjenester/frivillighet-og-innbyggersamarbeid/den-samskapende-kommune/",
      },
    ],
  },
  "Drangedal: fagdag om sosial innovasjon og samskaping for fremtidens tjenester": {
    costOneOffNok: 45_000,
    effortPersonMonths: 1,
    durationMonths: 3,
    inhabitants: 4_100,
    targetGroup: "Ledere og ansatte i kommunen, frivillige og næringsliv",
  },
  "Innbyggerinitiativ for et enklere miljøvennlig liv i Trondheim": {
    costYearlyNok: 600_000,
    durationMonths: 12,
    inhabitants: 214_000,
    targetGroup: "Innbyggere som vil leve mer miljøvennlig",
  },
};
