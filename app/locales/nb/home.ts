export default {
  meta: {
    title: "Løsningsbanken – løsninger kommuner faktisk har prøvd",
    areas: "Utfordringsområder – Løsningsbanken",
    area: "{{name}} – Løsningsbanken",
  },
  intro: {
    heading: "Løsninger kommuner faktisk har prøvd",
    lead: "Løsningsbanken samler erfaringer fra kommuner, bydeler og fylkeskommuner: hva de prøvde, hvordan de gjorde det, hva det ga – og hva de ville gjort annerledes. Finn en løsning, spør dem som laget den, og gjør den til deres egen.",
    visitor: "Logg inn med kontoen fra organisasjonen din for å se caser som bare er delt med medlemmer, og for å skrive egne.",
    editor: "Har dere prøvd noe andre kan lære av? Del det mens erfaringene er ferske – du kan lagre som utkast og dele når dere er klare.",
    member: "Vil du dele en løsning? Be en administrator i organisasjonen din om redaktørrolle.",
    noOrganisation:
      "Du er ikke med i noen organisasjon ennå. For å dele løsninger trenger du en invitasjon fra administratoren for organisasjonen din i Løsningsbanken – invitasjonen kommer på e-post. Er ikke organisasjonen din med i Løsningsbanken, ta kontakt med fasilitatorene for nettverket.",
    login: "Logg inn",
    writeCase: "Skriv en case",
    browseAreas: "Se alle utfordringsområder",
  },
  latest: {
    heading: "Sist oppdaterte caser",
    emptyTitle: "Ingen caser å vise ennå",
    emptyVisitor: "Det er ingen åpne caser her ennå. Caser som bare er delt med medlemmer, ser du når du logger inn.",
    emptyEditor: "Bli den første: skriv en case om noe organisasjonen din har prøvd. Beskriv utfordringen, hva dere gjorde og hva det ga.",
    emptyNoOrganisation:
      "Det er ingen caser du har tilgang til her ennå. Når du er invitert inn i en organisasjon, ser du også casene som bare er delt med medlemmer.",
    emptyMember:
      "Redaktører i medlemsorganisasjonene skriver casene. Be en administrator i organisasjonen din om redaktørrolle hvis du vil dele noe.",
  },
  areas: {
    heading: "Utfordringsområder",
    intro: "Finn caser etter hva dere strever med.",
    pageIntro: "Casene er sortert etter utfordringen de løser. Tallet viser hvor mange caser du har tilgang til.",
    count_one: "{{count}} case",
    count_other: "{{count}} caser",
    empty: "Ingen utfordringsområder er lagt inn ennå.",
    emptyAdmin: "Legg inn utfordringsområder",
  },
  area: {
    casesHeading: "Caser",
    total_one: "Én case du har tilgang til.",
    total_other: "{{count}} caser du har tilgang til.",
    showing: "Viser {{from}}–{{to}} av {{total}}.",
    empty: "Ingen caser i dette området ennå.",
    emptyVisitor: "Noen caser er bare delt med medlemmer av nettverket. Logg inn for å se dem.",
    emptyEditor: "Har dere prøvd noe innen {{name}}? Skriv en case, så kan andre lære av dere.",
    allAreas: "Alle utfordringsområder",
  },
  pagination: {
    label: "Sider",
    previous: "Forrige side",
    next: "Neste side",
    page: "Side {{page}}",
  },
  card: {
    owner: "Eier",
    areas: "Utfordringsområder",
    status: "Status",
    updated: "Oppdatert {{date}}",
  },
} as const;
