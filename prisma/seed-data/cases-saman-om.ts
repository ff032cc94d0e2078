/**
 * Cases from KS' innovation network in «Saman om ein betre kommune» (2013-2014). The
 * facts about the network are public; every local tryout below is invented for the
 * demo and deliberately modest. Grong and Frøya are written in nynorsk.
 */
import { ol, p, sections, ul } from "./doc";
import type { SeedCase } from "./types";

const KS_NETWORK = "innovasjonsnettverket i «Saman om ein betre kommune»";

export const samanOmCases: SeedCase[] = [
  {
    title: "Innovasjonsnettverket i «Saman om ein betre kommune»: seks kommuner, ett felles innovasjonsløp",
    summary:
      "Fra januar 2013 til sommeren 2014 fulgte KS seks kommuner gjennom et innovasjonsløp på sykefravær, rekruttering og kompetanse, heltid/deltid og omdømme. Hver kommune valgte sin egen utfordring og prøvde ut en lokal løsning. Her er fellesmetoden og det nettverket lærte på tvers.",
    status: "DISCONTINUED",
    visibility: "MEMBERS",
    periodStart: "2013-01",
    periodEnd: "2014-06",
    owner: "ks",
    coOwners: ["grong", "kristiansund", "froya", "hamar", "faerder", "sarpsborg"],
    areas: ["innovasjon-og-tjenesteutvikling", "sykefravaer", "heltid-deltid"],
    createdBy: "redaktor@ks.demo.losningsbanken.no",
    contact: { name: "Kristoffer Nordmann", role: "Nettverksleder, KS", email: "redaktor@ks.demo.losningsbanken.no" },
    results: [{ indicator: "Kommuner som gjennomførte en lokal utprøving", unit: "antall", baseline: 0, result: 6, period: "2013–2014" }],
    sections: sections({
      challenge: [
        p(
          "«Saman om ein betre kommune» var et samarbeid mellom departementet, KS og arbeidstakerorganisasjonene i kommunesektoren. Programmet pekte ut fire områder der mange kommuner sliter med de samme problemene år etter år: ",
          { b: "sykefravær, kompetanse og rekruttering, heltid/deltid og omdømme" },
          ".",
        ),
        p(
          "Mange kommuner hadde allerede prøvd de vanlige virkemidlene – nye rutiner, kampanjer, handlingsplaner – uten at tallene flyttet seg mye. KS ønsket å teste om en strukturert innovasjonsprosess, med tid til innsikt og utprøving, kunne gi bedre resultater og samtidig lære kommunene en arbeidsmåte de kunne bruke på andre utfordringer.",
        ),
      ],
      whatWeDid: [
        p(
          `Seks kommuner ble med i ${KS_NETWORK}: Grong, Kristiansund, Frøya, Hamar, Nøtterøy (nå Færder) og Sarpsborg. Hver kommune definerte selv en utfordring innenfor programmets fire områder.`,
        ),
        ul(
          "To felles nettverkssamlinger der kommunene presenterte arbeidet og ga hverandre råd",
          "En egen samling for prosjektlederne om å drive innovasjonsarbeid i egen organisasjon",
          "Lokale oppstartsdager («kick-off») i hver kommune, med ledere, tillitsvalgte og ansatte",
          "Nettverkslederne i KS fulgte hver kommune tett og hjalp til med prosessen mellom samlingene",
        ),
      ],
      method: [
        p("Innovasjonsløpet fulgte de samme stegene i alle kommunene, men tempo og verktøy ble tilpasset underveis:"),
        ol(
          "Forstå utfordringen: intervjuer, observasjon og tall fra egen organisasjon",
          "Utvikle ideer sammen med dem det gjelder, ikke bare for dem",
          "Prøve ut i liten skala, med en tydelig plan for hva som skal måles",
          "Vurdere, justere og bestemme om løsningen skal videreføres eller spres",
        ),
        p("SoCentral var med i bakgrunnen og ga nettverkslederne faglige innspill om metoder, verktøy og opplegg for samlingene."),
      ],
      partners: [
        ul(
          "KS (ledet nettverket)",
          "Partene i «Saman om ein betre kommune»: departementet, LO Kommune, YS Kommune, Unio og Akademikerne",
          "SoCentral (faglig sparring for nettverkslederne)",
          "De seks deltakerkommunene",
        ),
      ],
      results: [
        p(
          "Alle seks kommunene gjennomførte en lokal utprøving. Flere av løsningene ble videreført etter nettverksperioden, og minst én ble spredt til hele kommunen. Se de enkelte kommunenes caser for detaljer og egne tall.",
        ),
      ],
      lessons: [
        ul(
          "Den viktigste gevinsten var ofte arbeidsmåten, ikke selve løsningen",
          "Tillitsvalgte må være med fra første dag når utfordringen handler om turnus og stillinger",
          "Hold fast på målet, men la opplegget endre seg når kommunene trenger noe annet enn planlagt",
          "Kommunene lærte mest av hverandre når de delte det som ikke virket",
        ),
      ],
    }),
  },
  {
    title: "Heiltidskultur på sjukeheimen i Grong: ønsketurnus og langvakter i helg",
    language: "nn",
    summary:
      "Grong kommune prøvde ut ønsketurnus og frivillige langvakter i helg på éi sjukeheimsavdeling som ein del av KS sitt innovasjonsnettverk. Målet var færre små stillingar og færre ulike tilsette rundt kvar bebuar. Delen heiltidsstillingar på avdelinga auka, og ordninga vart vidareført.",
    status: "IMPLEMENTED",
    visibility: "PUBLIC",
    periodStart: "2013-02",
    periodEnd: "2014-06",
    owner: "grong",
    coOwners: ["ks"],
    areas: ["heltid-deltid", "helse-og-velferd"],
    createdBy: null,
    contact: { name: "Ragnhild Aune", role: "Einingsleiar, pleie og omsorg", email: "ragnhild.aune@grong.demo.losningsbanken.no" },
    results: [
      { indicator: "Del heiltidsstillingar på avdelinga", unit: "prosent", baseline: 28, result: 41, period: "2013 → 2014" },
      { indicator: "Gjennomsnittleg stillingsstorleik", unit: "prosent", baseline: 58, result: 69, period: "2013 → 2014" },
    ],
    sections: sections({
      challenge: [
        p(
          "Som i mange små kommunar var helgane den store flaskehalsen. For å dekkje alle helgevakter trong avdelinga mange tilsette i små stillingar, og fleire av dei ønskte seg meir arbeid. Bebuarane møtte mange ulike andlet i løpet av ei veke, og det var tungt å rekruttere sjukepleiarar som ville ha full stilling.",
        ),
        ul(
          "Mykje uønskt deltid, særleg blant helsefagarbeidarar",
          "Mange ulike tilsette rundt same bebuar",
          "Lite føreseielege vakter for dei tilsette",
        ),
      ],
      whatWeDid: [
        p(
          "Kommunen valde å prøve ut to grep på éi avdeling i eitt år: ",
          { b: "ønsketurnus" },
          ", der dei tilsette sjølve set opp vaktene dei ønskjer før leiaren justerer, og ",
          { b: "frivillige langvakter i helg" },
          " for dei som ville ha færre, men lengre helgevakter.",
        ),
        p("Utprøvinga starta med ein lokal oppstartsdag der tilsette, tillitsvalde og leiarar saman laga reglane for turnusen."),
      ],
      method: [
        p("Grong følgde innovasjonsløpet i nettverket: først innsikt, så idear, så utprøving i liten skala og til slutt vurdering."),
        ol(
          "Intervju med tilsette, bebuarar og pårørande om kva som gjer ei vakt god",
          "Arbeidsgruppe med leiar, tillitsvalde og verneombod som laga reglane for ønsketurnusen",
          "Utprøving på éi avdeling med avtalt evaluering etter seks og tolv månader",
        ),
      ],
      partners: [
        ul(
          "KS, som leidde innovasjonsnettverket og gav prosesshjelp",
          "Tillitsvalde frå dei største fagforeiningane i helse og omsorg",
          "Dei tilsette på avdelinga, som sette opp sin eigen turnus",
        ),
      ],
      results: [
        p(
          "Delen heiltidsstillingar på avdelinga gjekk opp, og fleire tilsette fekk auka stillingsstorleik. Dei tilsette rapporterte at vaktene vart meir føreseielege.",
        ),
        p({ i: "Tala er eigne registreringar frå avdelinga og ikkje offisiell statistikk." }),
      ],
      lessons: [
        ul(
          "Heiltidskultur handlar like mykje om haldningar som om turnusteknikk",
          "Langvakter må vere frivillige for å fungere",
          "Start på éi avdeling og la dei tilsette sjølve fortelje om erfaringane til resten av kommunen",
        ),
      ],
    }),
  },
  {
    title: "Sommerjobb i helse og omsorg som rekrutteringsstrategi i Kristiansund",
    summary:
      "Kristiansund kommune ga ungdom mellom 16 og 18 år betalt sommerjobb med fast fadder i hjemmetjenesten og på sykehjem. Tiltaket skulle gi unge et bedre bilde av helse- og omsorgsyrkene og på sikt gi flere søkere. Ordningen ble gjentatt de påfølgende somrene.",
    status: "IMPLEMENTED",
    visibility: "PUBLIC",
    periodStart: "2013-03",
    periodEnd: "2014-09",
    owner: "kristiansund",
    coOwners: ["ks"],
    areas: ["rekruttering-og-kompetanse", "omdomme"],
    createdBy: null,
    contact: { name: "Jon Gjerde", role: "Rådgiver, personal og organisasjon", email: "jon.gjerde@kristiansund.demo.losningsbanken.no" },
    results: [
      { indicator: "Ungdommer med sommerjobb og fast fadder", unit: "antall", baseline: 0, result: 12, period: "sommeren 2013" },
      { indicator: "Av disse som søkte helse- og oppvekstfag året etter", unit: "antall", baseline: null, result: 5, period: "2014" },
    ],
    sections: sections({
      challenge: [
        p(
          "Kommunen så at behovet for helsefagarbeidere og sykepleiere ville vokse raskt, samtidig som få unge valgte helsefag. Mange ungdommer hadde et utdatert bilde av jobben, og kommunens rekrutteringsstrategi handlet mest om utlysninger – ikke om å skape interesse tidlig.",
        ),
      ],
      whatWeDid: [
        p("I innovasjonsnettverket til KS prøvde Kristiansund ut en enkel modell:"),
        ul(
          "Betalt sommerjobb på tre til fire uker for ungdom mellom 16 og 18 år",
          "En fast fadder blant de ansatte for hver ungdom",
          "Oppgaver som ikke krever helsefaglig utdanning: turer, samtaler, aktiviteter og måltider",
          "En avslutningssamling der ungdommene fortalte hva de hadde lært",
        ),
      ],
      method: [
        p(
          "Ideen kom fra samtaler med ansatte som selv hadde begynt i yrket etter en tilfeldig sommerjobb. Kommunen intervjuet elever på ungdomsskolen og i videregående før opplegget ble laget, og justerte oppgavene etter den første uka.",
        ),
      ],
      partners: [ul("KS (innovasjonsnettverket)", "Hjemmetjenesten og to sykehjem", "Rådgivere ved de videregående skolene i byen")],
      results: [
        p(
          "Tolv ungdommer deltok den første sommeren. Fem av dem søkte helse- og oppvekstfag året etter. Fadderne sa at de selv ble mer bevisste på hva som er bra med jobben.",
        ),
        p({ i: "Tallene er kommunens egne og gjelder ett kull; de sier lite om langtidseffekten." }),
      ],
      lessons: [
        ul(
          "Fadderne må få tid til oppgaven, ellers blir ungdommene gående alene",
          "Ungdommene er de beste ambassadørene – la dem fortelle videre",
          "Start rekrutteringsarbeidet år før behovet oppstår",
        ),
      ],
    }),
  },
  {
    title: "Fadderordning og velkomstpakke for nytilsette på Frøya",
    language: "nn",
    summary:
      "Frøya veks med havbruksnæringa, men mange nytilsette lærarar og sjukepleiarar flytta vidare etter kort tid. Kommunen prøvde ut fadder, velkomstpakke og hjelp med bustad for alle nytilsette i oppvekst og helse. Delen som slutta innan eitt år gjekk tydeleg ned.",
    status: "IMPLEMENTED",
    visibility: "PUBLIC",
    periodStart: "2013-04",
    periodEnd: "2014-06",
    owner: "froya",
    coOwners: ["ks"],
    areas: ["rekruttering-og-kompetanse", "omdomme"],
    createdBy: "redaktor@froya.demo.losningsbanken.no",
    contact: { name: "Fredrik Nordmann", role: "Rådgjevar, oppvekst", email: "redaktor@froya.demo.losningsbanken.no" },
    results: [{ indicator: "Nytilsette som slutta innan eitt år", unit: "prosent", baseline: 22, result: 12, period: "2012 → 2014" }],
    sections: sections({
      challenge: [
        p(
          "Frøya er ein øykommune med sterk vekst i havbruket. Det kjem mange nye innbyggjarar, også frå andre land, men kommunen mista for mange nytilsette i skule, barnehage og helse dei to første åra. Kvar gong nokon slutta, måtte ein starte rekrutteringa på nytt, og kompetansen forsvann med dei.",
        ),
        ul(
          "Vanskeleg å finne bustad for nytilsette",
          "Lite nettverk utanfor jobben dei første månadene",
          "Mykje tid brukt på å lyse ut dei same stillingane",
        ),
      ],
      whatWeDid: [
        p("Gjennom KS-nettverket prøvde kommunen ut ei samla ordning for alle nytilsette i oppvekst og helse:"),
        ul(
          "Ein fadder på arbeidsplassen det første halvåret",
          "Ei velkomstpakke med praktisk informasjon, kort til lokale tilbod og ein invitasjon til «bli kjent»-kveld",
          "Hjelp frå kommunen til å finne bustad, i samarbeid med lokale utleigarar",
        ),
      ],
      method: [
        p(
          "Kommunen intervjua tilsette som hadde slutta og tilsette som hadde blitt verande. Forskjellen handla mindre om lønn og meir om nettverk og bustad, og det styrte kva tiltak som vart prøvde ut.",
        ),
      ],
      partners: [ul("KS (innovasjonsnettverket)", "Lokale lag og foreiningar som inviterte nytilsette med", "Utleigarar på øya")],
      results: [
        p(
          "Delen nytilsette som slutta innan eitt år gjekk ned frå 22 til 12 prosent. Fadderordninga er no fast, og velkomstpakka blir oppdatert kvart år.",
        ),
        p({ i: "Eigne tal frå personalavdelinga, ikkje offisiell statistikk." }),
      ],
      lessons: [
        ul(
          "Rekruttering sluttar ikkje når kontrakten er underskriven",
          "Bustad er ein del av rekrutteringsstrategien i ein distriktskommune",
          "Lokalsamfunnet – ikkje berre arbeidsplassen – må ta imot nye folk",
        ),
      ],
    }),
  },
  {
    title: "Nærværsarbeid i Hamar-barnehagene: tidlig dialog i sykefraværsoppfølgingen",
    summary:
      "Hamar kommune snudde sykefraværsoppfølgingen i barnehagene fra kontroll til tidlig dialog om hva som skal til for å være på jobb. Etter en utprøving i to barnehager ble arbeidsmåten tatt i bruk i alle de kommunale barnehagene. Sykefraværet i barnehagene gikk ned fra 9,8 til 7,9 prosent.",
    status: "SCALED",
    visibility: "PUBLIC",
    periodStart: "2013-03",
    periodEnd: "2015-12",
    owner: "hamar",
    coOwners: ["ks"],
    areas: ["sykefravaer"],
    createdBy: "redaktor@hamar.demo.losningsbanken.no",
    contact: { name: "Henrik Nordmann", role: "HR-rådgiver", email: "redaktor@hamar.demo.losningsbanken.no" },
    results: [
      { indicator: "Sykefravær i de kommunale barnehagene", unit: "prosent", baseline: 9.8, result: 7.9, period: "2012 → 2015" },
      { indicator: "Barnehager som bruker nærværssamtaler", unit: "antall", baseline: 2, result: 14, period: "2013 → 2015" },
    ],
    sections: sections({
      challenge: [
        p(
          "Barnehagene hadde det høyeste sykefraværet i kommunen. Mye av fraværet var kortvarig og handlet om belastninger i hverdagen: tunge løft, lave stoler, støy og mange små barn. Den vanlige sykefraværsoppfølgingen kom først i gang etter flere uker, og opplevdes av mange ansatte som kontroll.",
        ),
      ],
      whatWeDid: [
        p("Som deltaker i innovasjonsnettverket til KS prøvde Hamar ut et nytt opplegg i to barnehager:"),
        ul(
          [{ b: "Nærværssamtale" }, " allerede de første dagene, med spørsmålet «hva trenger du for å være på jobb?»"],
          "Små tilrettelegginger som kunne gjøres samme uke: arbeidsstoler, stellebord, rolige pauserom",
          "Felles gjennomgang på personalmøter av hva som gjør dagen tung, uten å peke på enkeltpersoner",
        ),
        p("Etter ett år ble arbeidsmåten tatt i bruk i alle de kommunale barnehagene."),
      ],
      method: [
        ol(
          "Innsikt: samtaler med ansatte, styrere og verneombud om hva som fører til fravær",
          "Idéverksted der ansatte selv foreslo tiltak",
          "Utprøving i to barnehager i ett barnehageår",
          "Evaluering sammen med bedriftshelsetjenesten før spredning",
        ),
      ],
      partners: [ul("KS (innovasjonsnettverket)", "Bedriftshelsetjenesten", "Tillitsvalgte og verneombud i barnehagene")],
      results: [
        p(
          "Sykefraværet i de kommunale barnehagene gikk ned fra 9,8 prosent til 7,9 prosent i løpet av perioden. Nedgangen var størst i korttidsfraværet.",
        ),
        p({ i: "Tallene er fra kommunens eget personalsystem. Andre forhold kan også ha påvirket utviklingen." }),
      ],
      lessons: [
        ul(
          "Ordet «nærvær» endret samtalen mer enn vi trodde",
          "Raske, små tilrettelegginger betyr mer enn store planer",
          "Styrerne trenger støtte til de vanskelige samtalene",
        ),
      ],
    }),
  },
  {
    title: "«Stolt av jobben»: historier fra hjemmetjenesten på Nøtterøy",
    summary:
      "Nøtterøy kommune (nå Færder) lot ansatte i hjemmetjenesten fortelle korte historier fra arbeidshverdagen på intranett, i lokalavisen og i sosiale medier. Målet var å styrke omdømmet både internt og blant jobbsøkere. Tiltaket ble avsluttet før kommunesammenslåingen i 2018, men erfaringene ble tatt med videre.",
    status: "DISCONTINUED",
    visibility: "PUBLIC",
    periodStart: "2013-04",
    periodEnd: "2017-06",
    owner: "faerder",
    coOwners: ["ks"],
    areas: ["omdomme", "rekruttering-og-kompetanse"],
    createdBy: null,
    contact: { name: "Line Berg", role: "Kommunikasjonsrådgiver", email: "line.berg@faerder.demo.losningsbanken.no" },
    results: [
      {
        indicator: "Søkere per utlyst sykepleierstilling i hjemmetjenesten",
        unit: "antall",
        baseline: 2.1,
        result: 3.4,
        period: "2012 → 2014",
      },
    ],
    sections: sections({
      challenge: [
        p(
          "Hjemmetjenesten på Nøtterøy hadde få søkere til ledige stillinger, og mange ansatte opplevde at jobben deres ble lite sett. Det som ble skrevet om tjenesten, handlet som regel om mangler. Kommunen ville finne ut om et bedre omdømme kunne gjøre det lettere å rekruttere.",
        ),
      ],
      whatWeDid: [
        p("I innovasjonsnettverket til KS valgte Nøtterøy å la de ansatte selv fortelle:"),
        ul(
          "Korte historier med bilde, skrevet av ansatte med hjelp fra kommunikasjonsavdelingen",
          "Publisering på intranett, kommunens nettsider og i sosiale medier",
          "En fast spalte i lokalavisen i ett år",
          "Brukere og pårørende ble spurt om samtykke før de ble omtalt",
        ),
      ],
      method: [
        p(
          "Kommunen arrangerte skriveverksteder for ansatte og laget enkle regler for personvern og taushetsplikt. Historiene ble valgt ut av de ansatte selv, ikke av ledelsen.",
        ),
      ],
      partners: [ul("KS (innovasjonsnettverket)", "Kommunikasjonsavdelingen", "Lokalavisen")],
      results: [
        p(
          "Antall søkere per utlyst sykepleierstilling økte i perioden, og medarbeiderundersøkelsen viste større stolthet over jobben. Tiltaket ble avsluttet i 2017 fordi kapasiteten gikk til sammenslåingen av Nøtterøy og Tjøme til Færder kommune.",
        ),
        p({ i: "Egne tall fra rekrutteringssystemet; utviklingen kan også ha andre årsaker." }),
      ],
      lessons: [
        ul(
          "Et omdømmeprosjekt trenger en fast eier, ellers forsvinner det i store omstillinger",
          "Ansatte skriver de beste historiene når de får hjelp, ikke manus",
          "Tenk personvern fra starten",
        ),
      ],
    }),
  },
  {
    title: "Heltidskultur i Sarpsborg: bemanningsenhet som gir hele stillinger",
    summary:
      "Sarpsborg kommune opprettet en bemanningsenhet med ansatte i hele stillinger som dekker fravær og ledige vakter på tvers av sykehjemmene. Tidligere ble hullene fylt med små deltidsstillinger og tilkallingsvikarer. Modellen ble prøvd ut i KS-nettverket og senere utvidet til hjemmetjenesten.",
    status: "SCALED",
    visibility: "PUBLIC",
    periodStart: "2013-01",
    periodEnd: "2016-12",
    owner: "sarpsborg",
    coOwners: ["ks"],
    areas: ["heltid-deltid", "rekruttering-og-kompetanse", "helse-og-velferd"],
    createdBy: null,
    contact: { name: "Anne Lise Strand", role: "Leder, bemanningsenheten", email: "anne.lise.strand@sarpsborg.demo.losningsbanken.no" },
    results: [
      { indicator: "Ansatte i helse og omsorg med heltid", unit: "prosent", baseline: 31, result: 38, period: "2013 → 2015" },
      { indicator: "Gjennomsnittlig stillingsstørrelse i bemanningsenheten", unit: "prosent", baseline: null, result: 92, period: "2015" },
    ],
    sections: sections({
      challenge: [
        p(
          "Hvert sykehjem løste bemanningen hver for seg. Ledige vakter ble fylt med små deltidsstillinger og tilkallingsvikarer, og mange ansatte gikk i ufrivillig deltid. Det var vanskelig å rekruttere fagfolk til stillinger som ikke var hele.",
        ),
      ],
      whatWeDid: [
        p("Kommunen samlet en del av vikarbudsjettene i en felles bemanningsenhet:"),
        ul(
          "Ansatte i bemanningsenheten har hele stillinger og fast turnus",
          "De dekker sykefravær, permisjoner og ledige vakter på tvers av sykehjemmene",
          "Alle får en fast «hjemmebase» og opplæring på de stedene de jobber mest",
        ),
      ],
      method: [
        p(
          "Utprøvingen startet med fire stillinger og ble evaluert hvert halvår sammen med tillitsvalgte. Lederne på sykehjemmene meldte behov én uke fram i tid, og bemanningsenheten fordelte vaktene.",
        ),
      ],
      partners: [ul("KS (innovasjonsnettverket)", "Tillitsvalgte i helse og omsorg", "Lederne ved sykehjemmene")],
      results: [
        p(
          "Andelen ansatte i helse og omsorg med heltid økte, og bemanningsenheten ble utvidet både i antall stillinger og til hjemmetjenesten.",
        ),
        p({ i: "Kommunens egne tall, ikke offisiell statistikk." }),
      ],
      lessons: [
        ul(
          "Heltidskultur krever at noen har ansvar for helheten, ikke bare for egen enhet",
          "Ansatte i bemanningsenheten må få faglig tilhørighet",
          "Start lite, mål ofte og del tallene med tillitsvalgte",
        ),
      ],
    }),
  },
];
