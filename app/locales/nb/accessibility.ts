/**
 * The accessibility statement (tilgjengelighetserklæring, Digdir's model). `gaps` is the one
 * place the known gaps are listed: update it (and `updated`) when a gap is fixed or found.
 */
export default {
  meta: { title: "Tilgjengelighetserklæring – Løsningsbanken" },
  // A soft hyphen (\u00ad): on a phone the long word breaks there, with a hyphen, not mid-syllable.
  heading: "Tilgjengelighets\u00aderklæring for Løsningsbanken",
  intro:
    "Løsningsbanken skal kunne brukes av alle. Her står det hvilke krav tjenesten skal oppfylle, hvordan vi har testet den, hva vi vet at ikke fungerer godt nok ennå, og hvordan du sier fra.",
  law: {
    heading: "Lovkrav",
    text: "Etter likestillings- og diskrimineringsloven og forskrift om universell utforming av informasjons- og kommunikasjonsteknologiske (IKT) løsninger skal nettløsninger i Norge oppfylle WCAG 2.1 på nivå AA. Løsningsbanken har dette som krav.",
  },
  testing: {
    heading: "Slik har vi testet",
    text: "Erklæringen bygger på vår egen vurdering (egenvurdering), sist gjort {{updated}}. Den er ikke kontrollert av Tilsynet for universell utforming av IKT.",
    methods: [
      "Automatiske tester med axe av alle sidemalene, på norsk og engelsk, som en del av testene som kjøres ved hver endring.",
      "Tester i nettleseren der tjenesten bare brukes med tastatur.",
      "Gjennomgang av sidene på en mobilskjerm som er 390 piksler bred.",
    ],
  },
  gaps: {
    heading: "Kjente mangler",
    intro: "Dette vet vi at ikke fungerer godt nok per {{updated}}:",
    items: [
      "Vi har ikke testet med skjermlesere (som NVDA, JAWS og VoiceOver) eller med forstørrelsesprogrammer, bare med automatiske tester og tastatur. Feil som bare viser seg der, kan finnes.",
      "Caser som ble lagt inn før 5. desember 2026, er merket som bokmål til noen endrer språket i skjemaet.",
    ],
  },
  updated: "5. desember 2026",
  feedback: {
    heading: "Si fra om noe ikke fungerer",
    text: "Hvis noe ikke fungerer for deg, ta kontakt med fasilitatorene i nettverket ditt. Fortell hvilken side det gjelder og hva som skjedde, så retter vi det.",
    authority:
      "Får du ikke svar, eller er du ikke fornøyd med svaret, kan du klage til Tilsynet for universell utforming av IKT (Digitaliseringsdirektoratet):",
    authorityLink: "uutilsynet.no",
  },
};
