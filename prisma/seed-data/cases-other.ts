/**
 * Cases built on public facts about Pådriv, SoCentral, the co-creation project in Stad
 * and Nordre Follo and Drangedal's day on social innovation. Local details, names of
 * contacts and every number are invented for the demo and kept modest.
 */
import { h3, ol, p, sections, ul } from "./doc";
import type { SeedCase } from "./types";

export const otherCases: SeedCase[] = [
  {
    title: "Pådriv: samfunnsdugnad for bærekraftig byutvikling i Hovinbyen",
    summary:
      "Pådriv er et åpent nettverk der virksomheter og enkeltpersoner fra alle sektorer jobber for at Hovinbyen i Oslo skal bli inkluderende, grønn og lønnsom. Nettverket startet i mars 2017 og ledes av SoCentral. Etter halvannet år hadde det 38 partnere og 142 pådrivere, og i 2019 skal det bli en egen juridisk enhet.",
    status: "SCALED",
    visibility: "PUBLIC",
    periodStart: "2017-03",
    periodEnd: null,
    owner: "socentral",
    coOwners: ["padriv", "oslo", "bydel-bjerke", "bydel-grorud"],
    areas: ["byutvikling", "samskaping", "klima-og-miljo"],
    createdBy: "editor@socentral.demo.losningsbanken.no",
    contact: { name: "Mona Vik", role: "Nettverksleder", email: "mona.vik@socentral.demo.losningsbanken.no" },
    results: [
      { indicator: "Partnere (virksomheter) i nettverket", unit: "antall", baseline: 0, result: 38, period: "mars 2017 → høsten 2018" },
      { indicator: "Pådrivere (enkeltpersoner)", unit: "antall", baseline: 0, result: 142, period: "mars 2017 → høsten 2018" },
    ],
    sections: sections({
      challenge: [
        p(
          "Hovinbyen er et av de største byutviklingsområdene i Oslo og strekker seg over flere bydeler, blant annet Bjerke og Grorud. Kommunen planlegger og regulerer, men mye av det som gjør et område godt å bo og jobbe i – møteplasser, lokale arbeidsplasser, grønne vaner – skapes av mange aktører sammen.",
        ),
        ul(
          "Utbyggere, gårdeiere, beboere, frivillige og etater har ulike mål og tidshorisonter",
          "Få arenaer der innbyggere og næringsliv kommer tidlig inn i utviklingen",
          "Risiko for at bærekraft blir et ord i planene i stedet for en praksis",
        ),
      ],
      whatWeDid: [
        p(
          "Pådriv ble startet i mars 2017 som en ",
          { b: "samfunnsdugnad" },
          ". Pådriv skal utfylle kommunens eget arbeid, ikke erstatte det. Alle kan være med, enkeltpersoner så vel som virksomheter, uansett sektor og bransje. Virksomheter blir partnere, enkeltpersoner blir pådrivere.",
        ),
        ul(
          "Faste samlinger der partnere og pådrivere jobber med konkrete steder i Hovinbyen",
          "Små eksperimenter som kan settes i gang raskt, som midlertidige møteplasser og felles arrangementer",
          "En juridisk veileder (2018) som grunnlag for en fastere og mer formell styringsform",
        ),
      ],
      method: [
        p(
          "Med bærekraftig byutvikling mener nettverket utvikling som er inkluderende, grønn og lønnsom på én gang. Arbeidet følger noen enkle steg:",
        ),
        ol(
          "Kartlegge hvem som allerede er i området og hva de kan bidra med",
          "Samle aktørene rundt konkrete steder og oppgaver, ikke rundt organisasjonskart",
          "Teste i liten skala og dele resultatene åpent",
          "Dokumentere metoden slik at andre byer kan ta den i bruk",
        ),
      ],
      partners: [
        ul(
          "SoCentral, som har ledet nettverket siden oppstarten",
          "Oslo kommune og bydelene i Hovinbyen",
          "38 partnervirksomheter fra offentlig, privat og frivillig sektor",
          "142 pådrivere som bidrar med tid og kompetanse",
        ),
      ],
      results: [
        p(
          "Etter halvannet år besto nettverket av 38 partnere og 142 pådrivere. Metoden er dokumentert, og flere byer og steder har vist interesse for å bruke Pådriv-metoden – den er også tatt i bruk i Trondheim.",
        ),
      ],
      lessons: [
        ul(
          "Et åpent nettverk trenger en tydelig og nøytral vert",
          "Når nettverket vokser, må styringsformen bli mer formell",
          "Start med steder og konkrete oppgaver",
          "Kommunen bør delta som likeverdig part, ikke bare som bestiller",
        ),
      ],
    }),
  },
  {
    title: "Den samskapande kommunen: Stad prøver nye arbeidsmåtar saman med lag og innbyggjarar",
    language: "nn",
    summary:
      "Frå 2020 til 2023 arbeidde Stad kommune for å bli ein meir samskapande kommune, saman med Nordre Follo, Telemarksforsking og TINKR. Prosjektet var finansiert av Noregs forskingsråd. Kommunen prøvde ut samskapingsverkstader i tre bygder og eit innføringskurs i samskaping for tilsette.",
    status: "IMPLEMENTED",
    visibility: "PUBLIC",
    periodStart: "2020-09",
    periodEnd: "2023-11",
    owner: "stad",
    coOwners: ["telemarksforsking", "tinkr"],
    areas: ["samskaping", "frivillighet-og-innbyggerdialog", "innovasjon-og-tjenesteutvikling"],
    createdBy: "redaktor@stad.demo.losningsbanken.no",
    contact: { name: "Sigrid Nordmann", role: "Samfunnsplanleggar", email: "redaktor@stad.demo.losningsbanken.no" },
    results: [
      { indicator: "Tilsette som har gått innføringskurs i samskaping", unit: "antall", baseline: 0, result: 38, period: "2021 → 2023" },
      { indicator: "Samskapingsverkstader i bygdene", unit: "antall", baseline: 0, result: 3, period: "2021 → 2022" },
    ],
    sections: sections({
      challenge: [
        p(
          "Stad vart skipa i 2020 av tidlegare Eid, Selje og delar av Vågsøy. Den nye kommunen skulle finne arbeidsformer som heldt bygdene samla, samstundes som tenestene møtte fleire eldre, stramme budsjett og store krav til berekraft. Mange lag og foreiningar ville bidra, men visste ikkje kvar dei skulle banke på.",
        ),
      ],
      whatWeDid: [
        p("Kommunen var pilot i forskingsprosjektet «Den samskapande kommunen» og prøvde ut:"),
        ul(
          "Samskapingsverkstader i tre bygder, der innbyggjarar, lag og kommunen saman valde ei oppgåve å løyse",
          "Ei fast kontaktperson i kommunen for lag og foreiningar",
          "Eit innføringskurs i samskaping for tilsette, utvikla saman med TINKR",
        ),
      ],
      method: [
        p(
          "Telemarksforsking leidde prosjektet og følgde prosessane med intervju og observasjon. Kommunen brukte funna undervegs til å justere arbeidet.",
        ),
        h3("Slik gjekk ein verkstad føre seg"),
        ol(
          "Open invitasjon til alle i bygda",
          "Kartlegging av kva bygda allereie har av ressursar",
          "Val av éi konkret oppgåve",
          "Avtale om kven som gjer kva, og når ein møtest att",
        ),
      ],
      partners: [
        ul(
          "Telemarksforsking (prosjektleiing og forsking)",
          "TINKR (metodar og innføringskurs)",
          "Nordre Follo kommune (den andre piloten)",
          "Noregs forskingsråd (finansiering)",
          "Lag, foreiningar og grendalag i bygdene",
        ),
      ],
      results: [
        p(
          "Tre bygder gjennomførte samskapingsverkstader, og to av oppgåvene – ein møtestad for ungdom og ein felles dugnadskalender – er i drift. 38 tilsette har gått innføringskurset. Erfaringane vart lagde fram på ein konferanse i Oslo i november 2023.",
        ),
      ],
      lessons: [
        ul(
          "Samskaping tek tid, og det må leiarane seie høgt",
          "Innbyggjarane må få bestemme noko på ordentleg, elles sluttar dei å kome",
          "Varige endringar krev at arbeidsmåten kjem inn i planar og budsjett",
        ),
      ],
    }),
  },
  {
    title: "Samskaping i nærmiljøet: Nordre Follo bygger arbeidsmåten inn i organisasjonen",
    summary:
      "Nordre Follo kommune var den andre piloten i forskningsprosjektet «Den samskapende kommune» fra 2020 til 2023. Kommunen gjennomførte samskapingsprosesser med innbyggere og lag i flere nærmiljøer og laget en intern veileder. Arbeidsmåten er nå en del av kommunens arbeid med frivillighet og innbyggersamarbeid.",
    status: "SCALED",
    visibility: "PUBLIC",
    periodStart: "2020-09",
    periodEnd: "2023-11",
    owner: "nordre-follo",
    coOwners: ["telemarksforsking", "tinkr"],
    areas: ["samskaping", "frivillighet-og-innbyggerdialog"],
    createdBy: null,
    contact: {
      name: "Martin Solheim",
      role: "Rådgiver, frivillighet og innbyggersamarbeid",
      email: "martin.solheim@nordre-follo.demo.losningsbanken.no",
    },
    results: [
      {
        indicator: "Samskapingsprosesser gjennomført med innbyggere og lag",
        unit: "antall",
        baseline: 0,
        result: 7,
        period: "2020 → 2023",
      },
    ],
    sections: sections({
      challenge: [
        p(
          "Nordre Follo ble etablert i 2020 da Ski og Oppegård ble slått sammen. Den nye kommunen ville bruke sammenslåingen til å arbeide på nye måter, men ansatte hadde lite erfaring med å dele makt og ansvar med innbyggere og frivillige. Samskaping ble ofte forvekslet med høring.",
        ),
      ],
      whatWeDid: [
        ul(
          "Samskapingsprosesser i flere nærmiljøer, blant annet om aktivitet på en skolegård etter skoletid",
          "Et internt nettverk for ansatte som leder samskapingsprosesser",
          "En kort veileder om når samskaping passer – og når den ikke gjør det",
        ),
      ],
      method: [
        p(
          "Kommunen skilte tydelig mellom informasjon, medvirkning og samskaping, og brukte samskaping bare der innbyggerne kunne påvirke både problemforståelsen og løsningen. Telemarksforsking fulgte arbeidet som forskningspartner.",
        ),
      ],
      partners: [ul("Telemarksforsking", "TINKR", "Stad kommune", "Norges forskningsråd", "Frivillige lag og foreninger i nærmiljøene")],
      results: [
        p(
          "Sju samskapingsprosesser ble gjennomført i prosjektperioden. Veilederen brukes nå i hele kommunen, og samskaping er tatt inn i arbeidet med frivillighet og innbyggersamarbeid.",
        ),
      ],
      lessons: [
        ul(
          "Avklar på forhånd hva innbyggerne faktisk kan bestemme",
          "Et internt nettverk gjør at erfaringene ikke blir sittende hos én person",
          "Samskapingsprosesser trenger et lite budsjett som kan brukes raskt",
        ),
      ],
    }),
  },
  {
    title: "Drangedal: fagdag om sosial innovasjon og samskaping for fremtidens tjenester",
    summary:
      "Ordfører og rådmann i Drangedal inviterte alle enhetsledere til en dag om sosial innovasjon, sosialt entreprenørskap og samskaping i Tokestua kultursal og kino. Bakgrunnen var en aldrende befolkning, flere unge med psykiske lidelser og behov for lokale arbeidsplasser. Dagen ga en liste med ideer som kommunen nå vurderer.",
    status: "IDEA",
    visibility: "PUBLIC",
    periodStart: "2017-11",
    periodEnd: "2017-11",
    owner: "drangedal",
    coOwners: [],
    areas: ["sosialt-entreprenorskap", "helse-og-velferd", "samskaping"],
    createdBy: null,
    contact: { name: "Eirik Haugen", role: "Kommunalsjef", email: "eirik.haugen@drangedal.demo.losningsbanken.no" },
    results: [],
    sections: sections({
      challenge: [
        p("Drangedal har de samme utfordringene som mange andre distriktskommuner:"),
        ul(
          "En aldrende befolkning og lav vekst i folketallet",
          "Flere unge med psykiske lidelser som trenger tjenester og en vei inn i arbeid",
          "Behov for lokale arbeidsplasser og kvalifisert arbeidskraft",
        ),
        p(
          "Innbyggerne skal få bedre tjenester uten at kostnadene vokser, og ledelsen ville undersøke om en mer samlet innsats på tvers av sektorene kunne gi kommunen mer å rutte med.",
        ),
      ],
      whatWeDid: [
        p(
          "En tirsdag i november 2017 samlet ordfører og rådmann alle enhetsledere i ",
          { link: "Tokestua kultursal og kino", href: "https://www.tokestua.no" },
          " til en fagdag sammen med Senter for sosialt entreprenørskap og innovasjon. Innledere fra forskning, NAV, en frisklivssentral og en ung sosial entreprenør delte erfaringer.",
        ),
        p("Dagen var bygget rundt fem spørsmål:"),
        ol(
          "Hva mener vi egentlig med innovasjon?",
          "Hva skiller en sosial entreprenør fra andre gründere?",
          "Hvordan kan hele kommuneorganisasjonen, ikke bare noen få ildsjeler, jobbe med nye løsninger?",
          "Hva har andre lært av å samskape med frivillige og næringsliv?",
          "Hvilke muligheter gir dette oss i Drangedal?",
        ),
      ],
      method: [
        p(
          "Etter innleggene jobbet enhetslederne i blandede grupper på tvers av sektorer. Hver gruppe valgte én lokal utfordring og skisserte hvem kommunen kunne samarbeide med.",
        ),
      ],
      partners: [
        ul(
          "Senter for sosialt entreprenørskap og innovasjon",
          "Innledere fra BI, NAV og en frisklivssentral",
          "Tokestua kultursal og kino (vertskap)",
        ),
      ],
      results: [
        p(
          "Dagen ga en felles forståelse av begrepene og en liste med ideer, blant annet et arbeidstreningstilbud for unge i samarbeid med en sosial entreprenør. Ingen av ideene er prøvd ut ennå.",
        ),
      ],
      lessons: [
        ul(
          "Når alle enhetsledere hører det samme samtidig, blir det lettere å samarbeide på tvers",
          "En fagdag må følges opp med konkrete oppgaver og en ansvarlig, ellers blir den med inspirasjonen",
        ),
      ],
    }),
  },
  {
    title: "Innbyggerinitiativ for et enklere miljøvennlig liv i Trondheim",
    summary:
      "Trondheim kommune og SoCentral samarbeidet i 2019 om hvordan kommunen kan hjelpe innbyggere som selv vil ta initiativ til prosjekter som gjør det lettere å leve miljøvennlig. Kommunen prøvde ut initiativverksteder, en kommunal los og små startbeløp. Arbeidet ble knyttet til EU-prosjektet +CityxChange.",
    status: "PILOTING",
    visibility: "PUBLIC",
    periodStart: "2019-01",
    periodEnd: "2019-12",
    owner: "trondheim",
    coOwners: ["socentral"],
    areas: ["klima-og-miljo", "frivillighet-og-innbyggerdialog", "byutvikling"],
    createdBy: "redaktor@trondheim.demo.losningsbanken.no",
    contact: { name: "Tone Nordmann", role: "Rådgiver, miljøenheten", email: "redaktor@trondheim.demo.losningsbanken.no" },
    results: [{ indicator: "Innbyggerinitiativ som fikk los og startstøtte", unit: "antall", baseline: 0, result: 9, period: "2019" }],
    sections: sections({
      challenge: [
        p(
          "Trondheim kommune er i gang med å finne ut hva den nye rollen som samfunnsutvikler betyr i praksis. Mange innbyggere hadde ideer til klimatiltak i eget nabolag – byttedager, delingsordninger, kompost – men stoppet opp i møte med regelverk, lokaler og forsikring. Kommunen manglet en enkel vei inn for slike initiativ.",
        ),
      ],
      whatWeDid: [
        p(
          "Samarbeidsavtalen mellom kommunen og SoCentral dekker flere tema, blant annet grønn byutvikling, mer demokratiske prosesser og nye måter å finansiere og samle ressurser på. Det første konkrete steget var en utprøving i 2019:",
        ),
        ul(
          "Initiativverksteder der innbyggere fikk hjelp til å gjøre en idé om til en plan",
          [{ b: "Kommunal los" }, ": én kontaktperson som finner fram i kommunen for initiativtakerne"],
          "Små startbeløp uten lange søknadsskjema",
        ),
      ],
      method: [
        p(
          "SoCentral bidro med metoder fra samfunnsinkubatoren sin. Arbeidet ble koblet til EU-prosjektet +CityxChange, der Trondheim er en av fyrtårnsbyene for klimavennlig byutvikling.",
        ),
      ],
      partners: [ul("SoCentral", "+CityxChange (EU-prosjekt)", "Velforeninger og nabolagsgrupper")],
      results: [
        p(
          "Ni innbyggerinitiativ fikk los og startstøtte, blant annet et verktøybibliotek og en nabolagskompost. Kommunen vurderer å gjøre losfunksjonen fast.",
        ),
      ],
      lessons: [
        ul(
          "Det er ofte regelverk og lokaler, ikke penger, som stopper initiativene",
          "Én kontaktperson sparer både innbyggere og kommunen for mye tid",
        ),
      ],
    }),
  },
  {
    title: "Kommunearena: et fast sted der kommuner deler erfaringer som samfunnsutviklere",
    summary:
      "Fra januar 2023 driver SoCentral en kommunearena for kommuner, bydeler og fylkeskommuner som vil styrke rollen som samfunnsutvikler. Deltakerne møtes fem ganger i året i samfunnsinkubatoren på Sentralen i Oslo og får oppfølging mellom samlingene. Arenaen er åpen for nye deltakere hele året.",
    status: "IMPLEMENTED",
    visibility: "MEMBERS",
    periodStart: "2023-01",
    periodEnd: null,
    owner: "socentral",
    coOwners: [],
    areas: ["innovasjon-og-tjenesteutvikling", "samskaping"],
    createdBy: "editor@socentral.demo.losningsbanken.no",
    contact: { name: "Mona Vik", role: "Partner", email: "mona.vik@socentral.demo.losningsbanken.no" },
    results: [],
    sections: sections({
      challenge: [
        p(
          "Klima- og naturkrisen er en viktig grunn til at kommunene i økende grad ventes å drive samfunnsutvikling, ikke bare levere tjenester. Mange kommuner strever med de samme spørsmålene, men har få steder å dele kunnskap og modeller fra praksis – og lite tid til å jobbe med egne prosjekter sammen med andre.",
        ),
      ],
      whatWeDid: [
        ul(
          "Fem faste samlinger i året i samfunnsinkubatoren på Sentralen i Oslo",
          "Oppfølging og sparring mellom samlingene, og en arbeidsplass i inkubatoren når deltakerne trenger det",
          "Møter med fagfolk fra forskning, frivillig sektor, sosialt entreprenørskap og næringsliv",
          "Kurs i å lede innovasjonsprosesser i praksis",
        ),
        p(
          "Det er ingen øvre grense for hvor mange fra hver organisasjon som kan være med, men det er lurt å ha minst tre som møter fast. Prisen er 120 000 kroner i året pluss mva.",
        ),
      ],
      method: [
        p(
          "Hver deltaker tar med en strategisk viktig utfordring fra egen kommune og jobber med den gjennom året. Samlingene veksler mellom faglige innspill, arbeid på egne prosjekter og erfaringsdeling på tvers.",
        ),
      ],
      partners: [ul("SoCentral (vertskap og faglig ledelse)", "Kommuner, bydeler, fylkeskommuner og andre offentlige aktører som deltar")],
      results: [
        p("Arenaen er i drift, og de første deltakerne har tatt med modeller hjem fra samlingene. Det er for tidlig å si noe om effekter."),
      ],
      lessons: [
        ul(
          "Det er verdifullt å ha et fast sted å samle seg rundt egne prosjekter",
          "Tre faste deltakere gjør at læringen ikke blir hos én person",
        ),
      ],
    }),
  },
  {
    title: "Fra leie til eie: startlån og tett oppfølging for barnefamilier i kommunal bolig",
    summary:
      "Bydel Grorud prøver ut en modell der barnefamilier som har leid kommunal bolig lenge, får hjelp til å kjøpe egen bolig med startlån fra Husbanken. En boligveileder følger familiene gjennom hele prosessen. Så langt har seks familier kjøpt egen bolig.",
    status: "PILOTING",
    visibility: "MEMBERS",
    periodStart: "2021-09",
    periodEnd: null,
    owner: "bydel-grorud",
    coOwners: ["husbanken", "oslo"],
    areas: ["bolig", "helse-og-velferd"],
    createdBy: null,
    contact: { name: "Samira Khan", role: "Boligveileder", email: "samira.khan@bydel-grorud.demo.losningsbanken.no" },
    results: [{ indicator: "Familier som har kjøpt egen bolig", unit: "antall", baseline: 0, result: 6, period: "2021 → 2023" }],
    sections: sections({
      challenge: [
        p(
          "Mange barnefamilier bor i kommunale utleieboliger i mange år, selv om de har stabil inntekt. Uten egenkapital kommer de ikke inn på boligmarkedet, og kommunale boliger blir ikke ledige for andre som trenger dem. Boligsosialt arbeid handlet mest om tildeling, ikke om veien videre.",
        ),
      ],
      whatWeDid: [
        ul(
          "Kartlegging av husstander i kommunal bolig med stabil inntekt og ønske om å eie",
          "Økonomisk rådgivning og sparemål sammen med NAV",
          [{ b: "Startlån" }, " fra Husbanken, formidlet av kommunen"],
          "En boligveileder som følger familien fra første samtale til overtakelse",
        ),
      ],
      method: [
        p(
          "Familiene ble fulgt i små grupper med faste samlinger om økonomi, boligkjøp og budrunder. Boligveilederen hadde korte, hyppige samtaler med hver familie.",
        ),
      ],
      partners: [ul("Husbanken", "NAV Grorud", "Oslo kommune, Velferdsetaten")],
      results: [
        p("Seks familier har kjøpt egen bolig, og fem kommunale boliger er blitt ledige for nye søkere."),
        p({ i: "Bydelens egne tall fra utprøvingen." }),
      ],
      lessons: [
        ul(
          "Startlån alene er ikke nok; oppfølgingen gjør forskjellen",
          "Velg familier som selv ønsker å eie, ikke dem kommunen vil flytte",
        ),
      ],
    }),
  },
  {
    title: "Klimatiltak i små kommuner: delt klimarådgiver og felles mal for klimabudsjett",
    summary:
      "Trøndelag fylkeskommune og flere mindre kommuner delte en klimarådgiver og laget en felles mal for klimabudsjett. Kommunene fikk hjelp til å beregne effekten av egne klimatiltak og ta dem inn i økonomiplanen. Fire av kommunene har nå klimabudsjett.",
    status: "IMPLEMENTED",
    visibility: "PUBLIC",
    periodStart: "2021-01",
    periodEnd: "2023-12",
    owner: "trondelag-fylkeskommune",
    coOwners: ["grong", "froya"],
    areas: ["klima-og-miljo", "innovasjon-og-tjenesteutvikling"],
    createdBy: null,
    contact: { name: "Per Ivar Moen", role: "Klimarådgiver", email: "per.ivar.moen@trondelag.demo.losningsbanken.no" },
    results: [
      { indicator: "Deltakende kommuner med klimabudsjett i økonomiplanen", unit: "antall", baseline: 1, result: 4, period: "2021 → 2023" },
      { indicator: "Klimatiltak med beregnet utslippskutt", unit: "antall", baseline: 3, result: 17, period: "2021 → 2023" },
    ],
    sections: sections({
      challenge: [
        p(
          "Små kommuner har sjelden en egen klimarådgiver. Klimaplanene var ofte generelle, og få av klimatiltakene hadde beregnet effekt eller plass i budsjettet. Kommunene ønsket å jobbe mer systematisk, men manglet kapasitet og verktøy.",
        ),
      ],
      whatWeDid: [
        ul(
          "En klimarådgiver ansatt i fylkeskommunen, med fast tid i hver deltakende kommune",
          "En felles mal for klimabudsjett som passer små kommuner",
          "Regnehjelp for å anslå utslippskutt fra hvert klimatiltak",
          "Samlinger for kommunedirektører og økonomisjefer to ganger i året",
        ),
      ],
      method: [
        p(
          "Kommunene startet med tiltak de allerede hadde vedtatt, som elbiler i hjemmetjenesten og energisparing i kommunale bygg, og beregnet effekten av dem før nye tiltak ble lagt til.",
        ),
      ],
      partners: [ul("Trøndelag fylkeskommune", "Grong kommune", "Frøya kommune", "To andre kommuner i regionen")],
      results: [
        p(
          "Fire kommuner har nå klimabudsjett som en del av økonomiplanen, og antallet klimatiltak med beregnet utslippskutt økte fra 3 til 17.",
        ),
        p({ i: "Tallene er hentet fra kommunenes egne planer og er ikke kontrollert av andre." }),
      ],
      lessons: [
        ul(
          "En delt rådgiver fungerer når tiden i hver kommune er fast",
          "Klimabudsjettet må eies av økonomiavdelingen, ikke bare av miljøfolkene",
        ),
      ],
    }),
  },
  {
    title: "Rekrutteringsstrategi for barnevernet (utkast)",
    summary:
      "Utkast: Hamar kommune vil lage en rekrutteringsstrategi for barnevernet sammen med ansatte og studenter. Teksten er under arbeid og ikke klar for deling.",
    status: "IDEA",
    visibility: "DRAFT",
    periodStart: "2024-01",
    periodEnd: null,
    owner: "hamar",
    coOwners: [],
    areas: ["rekruttering-og-kompetanse"],
    createdBy: "redaktor@hamar.demo.losningsbanken.no",
    contact: { name: "Henrik Nordmann", role: "HR-rådgiver", email: "redaktor@hamar.demo.losningsbanken.no" },
    results: [],
    sections: sections({
      challenge: [
        p("Barnevernet har høy turnover, og mange nyutdannede slutter de første to årene. Vi får få søkere til faste stillinger."),
      ],
      whatWeDid: [p("Ikke startet ennå. Planen er å intervjue ansatte som har sluttet og studenter i praksis.")],
    }),
  },
  {
    title: "Klimatiltak i kommunale bygg på Frøya: idéskisse for energisparing",
    summary:
      "Utkast: Frøya kommune vil prøve ut enkle klimatiltak i kommunale bygg, som styring av temperatur og lys etter bruk. Teksten er ei tidleg skisse.",
    status: "IDEA",
    visibility: "DRAFT",
    periodStart: null,
    periodEnd: null,
    owner: "froya",
    coOwners: [],
    areas: ["klima-og-miljo"],
    createdBy: "redaktor@froya.demo.losningsbanken.no",
    contact: null,
    results: [],
    sections: sections({
      challenge: [
        p("Straumforbruket i skular og idrettshallar er høgt også når bygga står tomme. Vi veit lite om kor mykje som kan sparast."),
      ],
      whatWeDid: [ul("Kartleggje forbruket i tre bygg", "Prøve tidsstyring av ventilasjon og lys", "Samanlikne med same periode året før")],
    }),
  },
];
