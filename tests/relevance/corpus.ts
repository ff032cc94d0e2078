/**
 * A FIXED corpus for the relevance suite: short, realistic cases from Norwegian
 * municipalities (bokmål, some nynorsk, some English), written for this test. Changing a
 * case changes what the queries in queries.ts test: keep them in step.
 *
 * Facts about the KS network, Stad/Nordre Follo and Drangedal follow the reference texts in
 * ../shared/reference; the local tryouts are invented.
 */
import type { CaseSearchDocument } from "../../search/types";

type Kind = "KOMMUNE" | "BYDEL" | "FYLKESKOMMUNE" | "PUBLIC_BODY" | "PARTNER";

export interface CorpusOrganisation {
  id: string;
  name: string;
  kind: Kind;
  fylke: string | null;
}

export interface CorpusCase {
  id: string;
  lang: "nb" | "nn" | "en";
  title: string;
  summary: string;
  challenge: string;
  whatWeDid: string;
  method?: string;
  lessons?: string;
  results: string;
  /** Results-as-numbers rows: indicator, unit, baseline, result, period. */
  numbers?: Array<[string, string, number | null, number | null, string]>;
  partners?: string;
  owner: string; // organisation id
  coOwners?: string[];
  areas: string[]; // challenge area slugs
  status: CaseSearchDocument["status"];
  year: number;
}

export const CORPUS_ORGANISATIONS: CorpusOrganisation[] = [
  { id: "grong", name: "Grong kommune", kind: "KOMMUNE", fylke: "Trøndelag" },
  { id: "kristiansund", name: "Kristiansund kommune", kind: "KOMMUNE", fylke: "Møre og Romsdal" },
  { id: "froya", name: "Frøya kommune", kind: "KOMMUNE", fylke: "Trøndelag" },
  { id: "hamar", name: "Hamar kommune", kind: "KOMMUNE", fylke: "Innlandet" },
  { id: "faerder", name: "Færder kommune", kind: "KOMMUNE", fylke: "Vestfold" },
  { id: "sarpsborg", name: "Sarpsborg kommune", kind: "KOMMUNE", fylke: "Østfold" },
  { id: "stad", name: "Stad kommune", kind: "KOMMUNE", fylke: "Vestland" },
  { id: "nordre-follo", name: "Nordre Follo kommune", kind: "KOMMUNE", fylke: "Akershus" },
  { id: "drangedal", name: "Drangedal kommune", kind: "KOMMUNE", fylke: "Telemark" },
  { id: "trondheim", name: "Trondheim kommune", kind: "KOMMUNE", fylke: "Trøndelag" },
  { id: "oslo", name: "Oslo kommune", kind: "KOMMUNE", fylke: "Oslo" },
  { id: "bydel-grorud", name: "Bydel Grorud", kind: "BYDEL", fylke: "Oslo" },
  { id: "bydel-bjerke", name: "Bydel Bjerke", kind: "BYDEL", fylke: "Oslo" },
  { id: "bydel-sondre-nordstrand", name: "Bydel Søndre Nordstrand", kind: "BYDEL", fylke: "Oslo" },
  { id: "bydel-gamle-oslo", name: "Bydel Gamle Oslo", kind: "BYDEL", fylke: "Oslo" },
  { id: "bydel-alna", name: "Bydel Alna", kind: "BYDEL", fylke: "Oslo" },
  { id: "ks", name: "KS (Kommunesektorens organisasjon)", kind: "PUBLIC_BODY", fylke: null },
  { id: "husbanken", name: "Husbanken", kind: "PUBLIC_BODY", fylke: null },
  { id: "padriv", name: "Pådriv", kind: "PARTNER", fylke: "Oslo" },
];

/** Challenge areas as the taxonomy has them (bokmål + English names). */
export const CORPUS_AREAS: Array<{ slug: string; nameNb: string; nameEn: string }> = [
  { slug: "sykefravaer", nameNb: "Sykefravær", nameEn: "Sick leave" },
  { slug: "rekruttering-og-kompetanse", nameNb: "Rekruttering og kompetanse", nameEn: "Recruitment and competence" },
  { slug: "heltid-deltid", nameNb: "Heltid/deltid", nameEn: "Full-time/part-time" },
  { slug: "omdomme", nameNb: "Omdømme", nameEn: "Reputation" },
  { slug: "klima-og-miljo", nameNb: "Klima og miljø", nameEn: "Climate and environment" },
  { slug: "bolig", nameNb: "Bolig", nameEn: "Housing" },
  { slug: "helse-og-velferd", nameNb: "Helse og velferd", nameEn: "Health and welfare" },
  { slug: "samskaping", nameNb: "Samskaping", nameEn: "Co-creation" },
  { slug: "byutvikling", nameNb: "Byutvikling", nameEn: "Urban development" },
  { slug: "innovasjon-og-tjenesteutvikling", nameNb: "Innovasjon og tjenesteutvikling", nameEn: "Innovation and service development" },
  { slug: "sosialt-entreprenorskap", nameNb: "Sosialt entreprenørskap", nameEn: "Social entrepreneurship" },
  { slug: "frivillighet-og-innbyggerdialog", nameNb: "Frivillighet og innbyggerdialog", nameEn: "Volunteering and citizen dialogue" },
];

export const CORPUS: CorpusCase[] = [
  {
    id: "grong-heiltid",
    lang: "nn",
    title: "Heiltidskultur på sjukeheimen i Grong: ønsketurnus og langvakter i helg",
    summary:
      "Grong kommune prøvde ut ønsketurnus og frivillige langvakter i helg på éi sjukeheimsavdeling. Målet var færre små stillingar og færre ulike tilsette rundt kvar bebuar.",
    challenge:
      "Helgane var flaskehalsen. For å dekkje alle helgevakter trong avdelinga mange tilsette i små stillingar, og det var tungt å rekruttere fagfolk som ville ha full stilling.",
    whatWeDid:
      "Dei tilsette sette opp sine eigne ønske til turnus innanfor faste rammer. Dei som ville, fekk gå langvakter annakvar helg mot å få større stilling. Tillitsvalde var med frå første dag.",
    lessons: "Ønsketurnus krev tydelege reglar og ein leiar som følgjer opp. Langvakter passar ikkje for alle.",
    results: "Delen heiltidsstillingar på avdelinga auka frå 28 til 41 prosent, og ordninga vart vidareført.",
    numbers: [["Del heiltidsstillingar", "prosent", 28, 41, "2013 → 2014"]],
    partners: "KS, Fagforbundet og Norsk Sykepleierforbund lokalt.",
    owner: "grong",
    coOwners: ["ks"],
    areas: ["heltid-deltid", "helse-og-velferd"],
    status: "IMPLEMENTED",
    year: 2013,
  },
  {
    id: "grong-trening",
    lang: "nn",
    title: "Trening i arbeidstida for tilsette i heimetenesta i Grong",
    summary:
      "Tilsette i heimetenesta fekk ein time fysisk trening i veka i arbeidstida, leidd av ein fysioterapeut. Sjukefråværet gjekk ned, og fleire sa dei kjende seg sterkare i kvardagen.",
    challenge:
      "Heimetenesta hadde høgt sjukefråvær, mykje på grunn av belastningsplager i rygg og skuldrer etter tunge løft og mange timar i bil.",
    whatWeDid:
      "Vi sette av ein time kvar veke til styrketrening i gymsalen på skulen. Fysioterapeuten laga eit enkelt program som kunne gjerast heime òg. Leiarane passa på at turnusen gav rom for det.",
    results: "Sjukefråværet i heimetenesta gjekk ned frå 11,2 til 8,4 prosent på eitt år.",
    numbers: [["Sjukefråvær heimetenesta", "prosent", 11.2, 8.4, "2019 → 2020"]],
    partners: "Frisklivssentralen og bedriftshelsetenesta.",
    owner: "grong",
    areas: ["sykefravaer", "helse-og-velferd"],
    status: "IMPLEMENTED",
    year: 2019,
  },
  {
    id: "grong-besoksvenn",
    lang: "nn",
    title: "Besøksvenner frå frivilligsentralen til einslege eldre i Grong",
    summary:
      "Frivilligsentralen i Grong koplar frivillige besøksvenner med eldre som bur åleine og kjenner seg einsame. Heimetenesta tipsar om kven som kan ha glede av ein fast besøkar.",
    challenge: "Mange eldre i spreiddbygde delar av kommunen har lite kontakt med andre, og einsemd aukar risikoen for sjukdom.",
    whatWeDid:
      "Frivilligsentralen rekrutterte besøksvenner gjennom lag og foreiningar, heldt eit kort kurs og følgde opp kvar venskapsavtale. Besøka er éin gong i veka, til kaffi, tur eller ein prat.",
    results: "32 faste besøksvenskap etter to år. Dei eldre seier dei ser fram til besøka.",
    partners: "Grong frivilligsentral, Sanitetsforeininga, heimetenesta.",
    owner: "grong",
    areas: ["frivillighet-og-innbyggerdialog", "helse-og-velferd"],
    status: "SCALED",
    year: 2021,
  },
  {
    id: "kristiansund-naervaer",
    lang: "nb",
    title: "Sykefraværsoppfølging i hjemmetjenesten i Kristiansund: tett dialog de første 14 dagene",
    summary:
      "Kristiansund kommune endret sykefraværsoppfølgingen i hjemmetjenesten: lederen tar kontakt innen tre dager, og sammen finner de ut hva som skal til for å komme tilbake. Nærværet økte.",
    challenge:
      "Hjemmetjenesten hadde høyt og langvarig sykefravær. Oppfølgingen var ofte et skjema som ble fylt ut for sent, og mange ansatte opplevde at ingen spurte hva som kunne gjøres.",
    whatWeDid:
      "Nærværssamtale innen tre dager, en enkel plan for gradert retur og faste avtaler med NAV arbeidslivssenter. Lederne fikk kurs i samtaler om helse og tilrettelegging.",
    results: "Sykefraværet i hjemmetjenesten falt fra 12,8 til 9,1 prosent på to år.",
    numbers: [["Sykefravær hjemmetjenesten", "prosent", 12.8, 9.1, "2013 → 2015"]],
    partners: "NAV arbeidslivssenter Møre og Romsdal, KS.",
    owner: "kristiansund",
    coOwners: ["ks"],
    areas: ["sykefravaer"],
    status: "IMPLEMENTED",
    year: 2013,
  },
  {
    id: "kristiansund-sentrum",
    lang: "nb",
    title: "Sentrumsutvikling på Piren i Kristiansund med innbyggerverksted",
    summary:
      "Før kommunen tegnet ny plan for sentrum og Piren, holdt den verksteder der innbyggere, næringsdrivende og ungdom skisserte hva byrommet skulle brukes til.",
    challenge:
      "Sentrum hadde tomme lokaler og lite liv etter butikkenes stengetid. Tidligere planer var laget uten at folk kjente seg igjen i dem.",
    whatWeDid:
      "Fem åpne verksteder, en midlertidig møbelering på kaia og en digital kartløsning der folk kunne legge inn forslag. Innspillene ble lagt til grunn for reguleringsplanen.",
    results: "Over 600 innspill. Midlertidige benker og scene på Piren ble gjort permanente.",
    partners: "Kristiansund sentrumsforening, arkitektstudenter fra NTNU.",
    owner: "kristiansund",
    areas: ["byutvikling", "frivillighet-og-innbyggerdialog"],
    status: "IMPLEMENTED",
    year: 2022,
  },
  {
    id: "kristiansund-laerere",
    lang: "nb",
    title: "Kristiansund vil beholde barnehagelærere og lærere: mentorordning for nyutdannede",
    summary:
      "En ny rekrutteringsstrategi for oppvekst gir alle nyutdannede barnehagelærere og lærere en mentor det første året, og en tydelig vei til fast stilling.",
    challenge:
      "Mange nyutdannede sluttet etter ett eller to år, og skolene og barnehagene brukte mye tid på å lyse ut de samme stillingene igjen.",
    whatWeDid:
      "Rekrutteringsstrategien ble laget sammen med rektorer, styrere og Utdanningsforbundet. Hver nyansatt fikk en erfaren kollega som mentor og tid til veiledning hver måned.",
    results: "Andelen nyutdannede som fortsatt jobbet i kommunen etter to år økte fra 61 til 83 prosent.",
    partners: "Utdanningsforbundet, Høgskolen i Molde.",
    owner: "kristiansund",
    areas: ["rekruttering-og-kompetanse"],
    status: "IMPLEMENTED",
    year: 2020,
  },
  {
    id: "froya-sjukepleiarar",
    lang: "nn",
    title: "Frøya rekrutterer sjukepleiarar med bustad, fadder og fleksibel turnus",
    summary:
      "Frøya kommune sette saman ein pakke for nye sjukepleiarar: mellombels bustad, ein fadder den første månaden og turnus som gjer det mogleg å pendle heim annakvar helg.",
    challenge:
      "Ledige stillingar for sjukepleiarar stod ubesette i månader, og vikarbyrå kosta mykje. Mange søkjarar takka nei fordi dei ikkje fann bustad på øya.",
    whatWeDid:
      "Kommunen leigde fire leilegheiter for nytilsette, laga ein fadderordning og tilbydde turnus med samla fri. Stillingsannonsane fortalde om livet i kystkommunen.",
    results: "Alle sju ledige sjukepleiarstillingar vart fylte på eitt år. Vikarbruken gjekk ned med 40 prosent.",
    partners: "Hitra kommune, Trøndelag fylkeskommune.",
    owner: "froya",
    areas: ["rekruttering-og-kompetanse", "bolig", "helse-og-velferd"],
    status: "IMPLEMENTED",
    year: 2018,
  },
  {
    id: "froya-energi",
    lang: "nn",
    title: "Klimatiltak i kommunale bygg på Frøya: styring av varme og lys etter bruk",
    summary:
      "Frøya kommune installerte sentral driftsstyring i skular og idrettshall, slik at temperatur og lys følgjer timeplanen. Straumforbruket og utsleppa gjekk ned.",
    challenge: "Mange bygg stod oppvarma og opplyste heile døgnet, også i feriar. Ingen hadde oversikt over kva bygga faktisk brukte.",
    whatWeDid: "Vi kartla energibruken, monterte målarar og koplar styringa til timeplanen og bookingsystemet for hallen.",
    results: "Energibruken i dei fem bygga gjekk ned med 22 prosent det første året.",
    numbers: [["Energibruk", "kWh per år", 1450000, 1130000, "2021 → 2022"]],
    partners: "Enova, lokale elektrikarar.",
    owner: "froya",
    areas: ["klima-og-miljo"],
    status: "PILOTING",
    year: 2021,
  },
  {
    id: "froya-norskopplaering",
    lang: "nn",
    title: "Norskopplæring på arbeidsplassen for arbeidsinnvandrarar i havbruk",
    summary:
      "Saman med havbruksselskapa tilbyr Frøya kommune norskkurs på arbeidsplassen etter skiftet. Fleire arbeidsinnvandrarar blir buande og tek del i lokalsamfunnet.",
    challenge:
      "Nesten ein tredjedel av innbyggjarane har innvandrarbakgrunn. Mange kunne lite norsk etter fleire år, og det gjorde det vanskeleg å delta i skule, lag og foreiningar.",
    whatWeDid:
      "Vaksenopplæringa flytta undervisninga ut til anlegga, tilpassa tidene til skiftordningane og brukte ord frå arbeidskvardagen.",
    results: "140 deltakarar på tre år; 70 prosent bestod norskprøve på A2-nivå eller betre.",
    partners: "Havbruksselskapa på øya, vaksenopplæringa.",
    owner: "froya",
    areas: ["rekruttering-og-kompetanse", "helse-og-velferd"],
    status: "SCALED",
    year: 2019,
  },
  {
    id: "hamar-omdomme",
    lang: "nb",
    title: "Stolt av jobben: ansatte som ambassadører for Hamar kommune",
    summary:
      "Hamar kommune snudde omdømmearbeidet innover: ansatte forteller selv om arbeidsdagen sin i sosiale medier og på skolebesøk, og stoltheten over jobben har økt.",
    challenge:
      "Medarbeiderundersøkelsen viste at få ansatte ville anbefale kommunen som arbeidsgiver, og kommunen slet med et kjedelig bilde hos unge jobbsøkere.",
    whatWeDid:
      "Tretti ansatte fra ulike tjenester ble ambassadører med opplæring i historiefortelling. De laget korte filmer og besøkte ungdomsskoler og videregående.",
    results: "Andelen som ville anbefale kommunen som arbeidsplass økte fra 52 til 71 prosent.",
    partners: "Høgskolen i Innlandet, lokale medier.",
    owner: "hamar",
    coOwners: ["ks"],
    areas: ["omdomme", "rekruttering-og-kompetanse"],
    status: "IMPLEMENTED",
    year: 2014,
  },
  {
    id: "hamar-sykkel",
    lang: "nb",
    title: "Sykkelbyen Hamar: færre bilturer og lavere klimagassutslipp fra transport",
    summary:
      "Hamar bygde sammenhengende sykkelveier til skolene og sentrum, og kommunens ansatte fikk tilgang på el-sykler for tjenestereiser. Utslippene fra transport i kommunen gikk ned.",
    challenge: "Veitrafikk var den største kilden til klimagassutslipp i kommunen, og mange korte turer ble kjørt med bil.",
    whatWeDid: "Nye sykkelfelt, sykkelparkering ved skoler, kampanjen «Sykle til jobben» og el-sykler i hjemmetjenesten og byggdrift.",
    results: "Sykkelandelen økte fra 9 til 14 prosent av reisene; 120 tonn CO2 mindre per år fra kommunens egne tjenestereiser.",
    partners: "Statens vegvesen, Innlandet fylkeskommune.",
    owner: "hamar",
    areas: ["klima-og-miljo", "byutvikling"],
    status: "SCALED",
    year: 2017,
  },
  {
    id: "hamar-tjenestedesign",
    lang: "nb",
    title: "Tjenestedesign i NAV Hamar: én vei inn for unge som trenger hjelp",
    summary:
      "NAV Hamar og kommunen brukte tjenestedesign for å forstå hvordan unge opplever møtet med hjelpeapparatet, og laget én felles inngang med en fast kontaktperson.",
    challenge: "Unge mellom 18 og 25 måtte forholde seg til mange ulike saksbehandlere og gjentok historien sin gang på gang.",
    whatWeDid:
      "Dybdeintervjuer med tjue unge, en brukerreise som ble hengt opp i gangen, og tre utprøvinger av en ny arbeidsform med fast kontaktperson.",
    results: "Tiden fra første kontakt til tiltak gikk ned fra sju til tre uker.",
    partners: "NAV Innlandet, DOGA.",
    owner: "hamar",
    areas: ["innovasjon-og-tjenesteutvikling", "helse-og-velferd"],
    status: "PILOTING",
    year: 2022,
  },
  {
    id: "hamar-housing-first",
    lang: "nb",
    title: "Housing First i Hamar: egen bolig først for bostedsløse med rusproblemer",
    summary:
      "Hamar kommune ga bostedsløse med rusavhengighet en egen leilighet uten krav om rusfrihet først, og bygde et tverrfaglig team rundt dem. De fleste bor fortsatt i boligen.",
    challenge:
      "De samme personene gikk ut og inn av midlertidige botilbud, og tjenestene rakk ikke å hjelpe når folk ikke hadde et sted å bo.",
    whatWeDid:
      "Kommunen kjøpte spredte leiligheter, og et ambulant team med rusomsorg, psykisk helse og NAV fulgte opp hjemme hos den enkelte.",
    results: "18 av 22 deltakere bodde fortsatt i egen bolig etter to år.",
    partners: "Husbanken, Kirkens Bymisjon.",
    owner: "hamar",
    coOwners: ["husbanken"],
    areas: ["bolig", "helse-og-velferd"],
    status: "IMPLEMENTED",
    year: 2016,
  },
  {
    id: "faerder-laerlinger",
    lang: "nb",
    title: "Flere lærlinger i helsearbeiderfaget i Færder",
    summary:
      "Færder kommune doblet antallet lærlinger i helsearbeiderfaget ved å gi dem faste veiledere og sommerjobb, og de fleste ble ansatt som helsefagarbeidere etter fagbrevet.",
    challenge: "Kommunen manglet helsefagarbeidere, men tok inn få lærlinger, og mange av dem fullførte ikke.",
    whatWeDid:
      "Hver lærling fikk en veileder med avsatt tid, en fast avdeling og tilbud om sommerjobb. Rekrutteringen skjedde i samarbeid med de videregående skolene.",
    results: "Fra 8 til 17 lærlinger per kull; 14 av de første 17 ble ansatt.",
    partners: "Vestfold fylkeskommune, opplæringskontoret.",
    owner: "faerder",
    areas: ["rekruttering-og-kompetanse", "helse-og-velferd"],
    status: "IMPLEMENTED",
    year: 2019,
  },
  {
    id: "faerder-overvann",
    lang: "nb",
    title: "Klimatilpasning i Færder: regnbed og åpne vannveier mot overvann",
    summary:
      "Etter flere flomepisoder laget Færder kommune en plan for overvann med regnbed, grønne tak og åpne bekker, slik at kraftig regn ikke fører til skader i boligområder.",
    challenge: "Kraftigere nedbør ga oversvømte kjellere og veier, og avløpsnettet klarte ikke de store vannmengdene.",
    whatWeDid: "Kartlegging av flomveier, regnbed ved skoler og i nye boligfelt, og krav om lokal overvannshåndtering i reguleringsplaner.",
    results: "Færre skademeldinger etter kraftig regn; 40 regnbed anlagt.",
    partners: "Statsforvalteren i Vestfold og Telemark, NIBIO.",
    owner: "faerder",
    areas: ["klima-og-miljo", "byutvikling"],
    status: "PILOTING",
    year: 2021,
  },
  {
    id: "faerder-sommerjobb",
    lang: "nb",
    title: "Sommerjobb for ungdom sammen med lokalt næringsliv i Færder",
    summary:
      "Kommunen og lokale bedrifter samarbeider om sommerjobber for ungdom som trenger en første jobberfaring. Bedriftene tar imot, kommunen betaler en del av lønnen.",
    challenge: "Ungdom uten nettverk fikk sjelden sommerjobb, og noen av dem var i ferd med å falle ut av skolen.",
    whatWeDid:
      "Oppfølgingstjenesten valgte ut ungdommene, bedrifter på Tjøme og Nøtterøy stilte plasser, og hver ungdom fikk en voksen kontaktperson.",
    results: "65 ungdommer fikk sommerjobb; 12 fikk fast deltidsjobb etterpå.",
    partners: "Næringsforeningen, oppfølgingstjenesten.",
    owner: "faerder",
    areas: ["sosialt-entreprenorskap", "samskaping"],
    status: "SCALED",
    year: 2018,
  },
  {
    id: "sarpsborg-barnehage",
    lang: "nb",
    title: "Nærvær i barnehagene: fysioterapeut og bedre arbeidsstillinger i Sarpsborg",
    summary:
      "Sarpsborg kommune satte inn fysioterapeut og nytt utstyr i de kommunale barnehagene for å redusere sykefraværet blant de ansatte. Fraværet gikk ned.",
    challenge: "Ansatte i barnehagene hadde høyt sykefravær, mye knyttet til tunge løft, lave stoler og støy.",
    whatWeDid:
      "Fysioterapeuten veiledet på arbeidsplassen, barnehagene fikk stellebord med trapp og høyere stoler, og lederne fulgte opp fravær tidlig.",
    results: "Sykefraværet i barnehagene gikk ned fra 10,5 til 7,9 prosent.",
    partners: "Bedriftshelsetjenesten, Fagforbundet.",
    owner: "sarpsborg",
    coOwners: ["ks"],
    areas: ["sykefravaer"],
    status: "IMPLEMENTED",
    year: 2013,
  },
  {
    id: "sarpsborg-arsturnus",
    lang: "nb",
    title: "Årsturnus og større stillinger i omsorgstjenesten i Sarpsborg",
    summary:
      "Med årsturnus planlegger Sarpsborg bemanningen for hele året under ett, og kan tilby større stillinger. Færre jobber ufrivillig deltid.",
    challenge:
      "Mange ansatte i omsorgstjenesten hadde små stillinger og jobbet ekstravakter for å få nok inntekt; brukerne møtte mange ulike ansatte.",
    whatWeDid:
      "Bemanningsplaner for hele året, en felles vikarpool og avtale med tillitsvalgte om at ledige vakter først tilbys dem med små stillinger.",
    results: "Gjennomsnittlig stillingsstørrelse økte fra 62 til 78 prosent.",
    numbers: [["Gjennomsnittlig stillingsstørrelse", "prosent", 62, 78, "2016 → 2019"]],
    partners: "Fagforbundet, NSF.",
    owner: "sarpsborg",
    areas: ["heltid-deltid"],
    status: "SCALED",
    year: 2016,
  },
  {
    id: "sarpsborg-innbyggertorg",
    lang: "nb",
    title: "Innbyggertorget i Sarpsborg: klarspråk og ett sted å henvende seg",
    summary:
      "Sarpsborg samlet servicetorget, byggesak og kundesenter i et innbyggertorg og skrev om brevene til klarspråk. Innbyggerne gir bedre tilbakemeldinger på kommunen.",
    challenge: "Innbyggerne opplevde kommunen som vanskelig å nå og brevene som uforståelige; omdømmemålingene var svake.",
    whatWeDid: "Felles telefonnummer, ett skranke i rådhuset og et klarspråksprosjekt for de tjue mest brukte brevmalene.",
    results: "Andelen fornøyde innbyggere i innbyggerundersøkelsen økte fra 64 til 79 prosent.",
    partners: "Språkrådet.",
    owner: "sarpsborg",
    areas: ["omdomme", "innovasjon-og-tjenesteutvikling"],
    status: "IMPLEMENTED",
    year: 2015,
  },
  {
    id: "stad-samskaping",
    lang: "nn",
    title: "Den samskapande kommunen: Stad prøver nye arbeidsmåtar saman med lag og innbyggjarar",
    summary:
      "Stad kommune var pilot i eit forskingsprosjekt om samskaping. Kommunen og lag, foreiningar og innbyggjarar utvikla nærmiljøtiltak saman, og arbeidsmåten vart ein del av planarbeidet.",
    challenge: "Kommunen har mange bygder, og tradisjonelle høyringar nådde få. Mange ønskte å bidra, men visste ikkje korleis.",
    whatWeDid:
      "Vi heldt opne bygdemøte, gav lag og foreiningar ein kontaktperson i kommunen og prøvde ut ein samskapingsplakat som forklarar kven som gjer kva.",
    results: "Sju nærmiljøprosjekt gjennomførte saman med lag; samskaping er skrive inn i kommuneplanen.",
    partners: "Telemarksforsking, TINKR, Forskingsrådet.",
    owner: "stad",
    areas: ["samskaping", "frivillighet-og-innbyggerdialog"],
    status: "IMPLEMENTED",
    year: 2020,
  },
  {
    id: "stad-bustad",
    lang: "nn",
    title: "Utleigebustader for unge i bygdene i Stad",
    summary:
      "For at unge skal kunne flytte heim, byggjer Stad kommune små utleigebustader i bygdene saman med lokale utbyggjarar, med mogleg kjøp etter nokre år.",
    challenge: "Det fanst nesten ingen bustader til leige utanfor sentrum, og unge som ville flytte tilbake fann ikkje noko å bu i.",
    whatWeDid: "Kommunen stilte tomter til disposisjon, Husbanken gav tilskot, og leigetakarane får kjøpe bustaden etter fem år.",
    results: "12 bustader ferdige i tre bygder; alle leigde ut til under 35 år.",
    partners: "Husbanken, lokale byggjefirma.",
    owner: "stad",
    areas: ["bolig"],
    status: "PILOTING",
    year: 2022,
  },
  {
    id: "stad-tilflytting",
    lang: "nn",
    title: "Omdøme og tilflytting: Stad fortel kvifor folk vel å bu her",
    summary:
      "Stad kommune laga ein tilflyttarkampanje med ekte forteljingar frå folk som har flytta til kommunen, og ein vertskapsteneste som tek imot nye innbyggjarar.",
    challenge: "Folketalet gjekk ned, og kommunen var lite kjend utanfor regionen.",
    whatWeDid:
      "Filmar og artiklar om tilflyttarar, ein kontaktperson som hjelper med jobb til partnar, bustad og barnehage, og velkomstfest kvart år.",
    results: "Netto tilflytting var positiv to år på rad.",
    partners: "Næringsforeininga, lokale bedrifter.",
    owner: "stad",
    areas: ["omdomme"],
    status: "IMPLEMENTED",
    year: 2021,
  },
  {
    id: "nordre-follo-frivillighet",
    lang: "nb",
    title: "Nordre Follo lager frivillighetspolitikk sammen med lag og foreninger",
    summary:
      "Etter kommunesammenslåingen laget Nordre Follo en felles frivillighetspolitikk sammen med frivillige organisasjoner, og en enkel ordning for tilskudd og lokaler.",
    challenge: "To kommuner hadde ulike ordninger for frivilligheten, og lagene visste ikke hvem i kommunen de skulle snakke med.",
    whatWeDid: "Dialogmøter med over 100 lag, en frivillighetskoordinator og en digital oversikt over lokaler som kan lånes gratis.",
    results: "Frivillighetspolitikken ble vedtatt i kommunestyret; antall utlån av lokaler doblet seg.",
    partners: "Frivillighet Norge, Follo idrettsråd.",
    owner: "nordre-follo",
    areas: ["frivillighet-og-innbyggerdialog", "samskaping"],
    status: "IMPLEMENTED",
    year: 2020,
  },
  {
    id: "nordre-follo-chatbot",
    lang: "nb",
    title: "Chatbot og selvbetjening på nettsidene til Nordre Follo",
    summary:
      "Nordre Follo innførte en chatbot som svarer på vanlige spørsmål om renovasjon, eiendomsskatt og barnehageplass døgnet rundt, slik at kundesenteret får tid til de vanskelige sakene.",
    challenge: "Kundesenteret fikk tusenvis av like spørsmål hver måned, og ventetiden på telefon var lang.",
    whatWeDid: "Vi analyserte henvendelsene, skrev svar i klarspråk og koblet chatboten til fagsystemene for renovasjon og byggesak.",
    results: "30 prosent færre telefoner til kundesenteret.",
    partners: "Digi Viken, leverandøren av chatboten.",
    owner: "nordre-follo",
    areas: ["innovasjon-og-tjenesteutvikling"],
    status: "IMPLEMENTED",
    year: 2021,
  },
  {
    id: "nordre-follo-nurses",
    lang: "en",
    title: "Recruiting nurses through a student programme in Nordre Follo",
    summary:
      "Nordre Follo offers nursing students paid summer jobs, a mentor and a guaranteed interview for a permanent position. Most of them now start their career in the municipality.",
    challenge: "Home care and nursing homes struggled to fill nurse positions, and many newly qualified nurses chose the hospital instead.",
    whatWeDid:
      "Summer jobs with supervision, evening seminars with experienced nurses, and a contract that offers a permanent job after graduation.",
    results: "Twenty-one of thirty students accepted a permanent position after graduating.",
    partners: "OsloMet, the local nursing association.",
    owner: "nordre-follo",
    areas: ["rekruttering-og-kompetanse", "helse-og-velferd"],
    status: "IMPLEMENTED",
    year: 2022,
  },
  {
    id: "drangedal-sosent",
    lang: "nb",
    title: "Drangedal: sosialt entreprenørskap gir arbeidstrening for unge",
    summary:
      "Drangedal kommune inngikk et samarbeid med en lokal sosial entreprenør som driver kafé og verksted, der unge med psykiske lidelser får arbeidstrening og en vei tilbake til skole eller jobb.",
    challenge: "Flere unge med psykiske plager sto utenfor arbeid og skole, og kommunen manglet arbeidsplasser tilpasset dem lokalt.",
    whatWeDid:
      "Etter en fagdag om sosial innovasjon og samskaping kjøpte kommunen arbeidstreningsplasser fra gründeren, og NAV og psykisk helsetjeneste fulgte opp.",
    results: "Ni av fjorten deltakere gikk videre til skole eller jobb.",
    partners: "Senter for sosialt entreprenørskap og innovasjon, NAV.",
    owner: "drangedal",
    areas: ["sosialt-entreprenorskap", "helse-og-velferd"],
    status: "PILOTING",
    year: 2018,
  },
  {
    id: "drangedal-eldre",
    lang: "nb",
    title: "Drangedal planlegger for en aldrende befolkning: hjemme så lenge som mulig",
    summary:
      "Med stadig flere eldre innbyggere la Drangedal om eldreomsorgen: mer hjelp hjemme, dagtilbud i bygdene og trygghetsteknologi, og færre plasser på institusjon.",
    challenge: "Andelen over 80 år vil dobles, og kommunen har ikke råd til å bygge flere sykehjemsplasser.",
    whatWeDid:
      "En helhetlig plan for eldre i tråd med «Leve hele livet», dagsenter i to grender, og samarbeid med pensjonistforeningen om aktiviteter.",
    results: "Flere bor hjemme lenger; ventelisten for sykehjem forsvant.",
    partners: "Pensjonistforeningen, frivilligsentralen.",
    owner: "drangedal",
    areas: ["helse-og-velferd"],
    status: "PILOTING",
    year: 2020,
  },
  {
    id: "drangedal-friskliv",
    lang: "nb",
    title: "Frisklivssentralen i Drangedal: folkehelse sammen med idrettslag",
    summary:
      "Frisklivssentralen og idrettslagene tilbyr felles turgrupper og styrketrening for innbyggere som vil endre levevaner, med lav terskel og uten henvisning.",
    challenge: "Mange innbyggere er lite fysisk aktive, og kommunens tilbud nådde få.",
    whatWeDid: "Ukentlige turgrupper ledet av frivillige, styrketrening i samfunnshuset og et kurs i sunt kosthold.",
    results: "Over 200 deltakere første år.",
    partners: "Drangedal idrettslag, Telemark fylkeskommune.",
    owner: "drangedal",
    areas: ["helse-og-velferd", "frivillighet-og-innbyggerdialog"],
    status: "IMPLEMENTED",
    year: 2019,
  },
  {
    id: "trondheim-klimabudsjett",
    lang: "nb",
    title: "Klimabudsjett i Trondheim: klimatiltak styres som kroner og øre",
    summary:
      "Trondheim kommune fører klimabudsjett side om side med det økonomiske budsjettet. Hver sektor får et utslippsmål, og klimatiltakene følges opp i tertialrapportene.",
    challenge: "Klimaplanen hadde ambisiøse mål, men ingen visste hvem som hadde ansvaret for å kutte hvilke utslipp.",
    whatWeDid: "Vi beregnet utslippene per sektor, prioriterte klimatiltak etter kostnad per tonn og la dem inn i budsjettprosessen.",
    results: "Utslippene fra kommunens egen drift gikk ned 18 prosent på tre år.",
    partners: "Miljødirektoratet, NTNU.",
    owner: "trondheim",
    areas: ["klima-og-miljo"],
    status: "SCALED",
    year: 2019,
  },
  {
    id: "trondheim-velferdsteknologi",
    lang: "nb",
    title: "Digitalt tilsyn om natten i hjemmetjenesten i Trondheim",
    summary:
      "Med sensorer og digitalt tilsyn kan hjemmetjenesten følge med på brukere om natten uten å vekke dem. Nattbesøkene gikk ned, og brukerne sov bedre.",
    challenge: "Mange brukere fikk fysiske tilsyn flere ganger hver natt, noe som forstyrret søvnen og krevde mange ansatte.",
    whatWeDid: "Bevegelsessensorer og digitalt tilsyn etter samtykke, en responssentral og klare rutiner for når noen skal rykke ut.",
    results: "40 prosent færre nattbesøk; ingen alvorlige hendelser.",
    partners: "Velferdsteknologiprogrammet, leverandør av sensorer.",
    owner: "trondheim",
    areas: ["helse-og-velferd", "innovasjon-og-tjenesteutvikling"],
    status: "SCALED",
    year: 2020,
  },
  {
    id: "trondheim-fagbrev",
    lang: "nb",
    title: "Fagbrev på jobb for assistenter i helse og omsorg i Trondheim",
    summary:
      "Assistenter uten formell utdanning tar fagbrev som helsefagarbeider mens de jobber, med lønn under opplæringen. Kompetansen i tjenestene øker, og flere får faste stillinger.",
    challenge: "En stor del av de ansatte i helse og omsorg var ufaglærte, og kommunen trengte flere med fagbrev.",
    whatWeDid: "Praksiskandidatordning med teori på kveldstid, veileder på arbeidsplassen og betalt tid til eksamen.",
    results: "95 assistenter har tatt fagbrev.",
    partners: "Trøndelag fylkeskommune, Fagforbundet.",
    owner: "trondheim",
    areas: ["rekruttering-og-kompetanse"],
    status: "SCALED",
    year: 2017,
  },
  {
    id: "trondheim-fulltime",
    lang: "en",
    title: "Full-time culture in home care: a Trondheim pilot with long shifts",
    summary:
      "A Trondheim home care unit tried twelve-hour weekend shifts so that more staff could work full time. Staff got fewer weekends at work and users saw fewer different faces.",
    challenge: "Most positions were small part-time jobs because every weekend needed many people on short shifts.",
    whatWeDid: "Voluntary long shifts every third weekend, a rota planned with the union, and a survey of staff health before and after.",
    results: "The share of full-time positions rose from 30 to 52 percent.",
    partners: "The local union and the occupational health service.",
    owner: "trondheim",
    areas: ["heltid-deltid", "helse-og-velferd"],
    status: "PILOTING",
    year: 2023,
  },
  {
    id: "padriv-hovinbyen",
    lang: "nb",
    title: "Pådriv: samfunnsdugnad for bærekraftig byutvikling i Hovinbyen",
    summary:
      "Pådriv er et nettverk av virksomheter og personer som sammen med Oslo kommune prøver ut løsninger for en grønn og inkluderende byutvikling i Hovinbyen.",
    challenge: "Hovinbyen skal bli en ny bydel med titusenvis av boliger, og kommunen alene kan ikke skape levende nabolag.",
    whatWeDid:
      "Åpne verksteder, midlertidige byrom på tomter som venter på utbygging, og prosjekter om grønn mobilitet og gjenbruk av byggematerialer.",
    results: "38 partnere og over 140 pådrivere; flere midlertidige byrom er videreført.",
    partners: "Oslo kommune, SoCentral, eiendomsutviklere.",
    owner: "padriv",
    coOwners: ["oslo"],
    areas: ["byutvikling", "samskaping", "klima-og-miljo"],
    status: "SCALED",
    year: 2017,
  },
  {
    id: "grorud-startlan",
    lang: "nb",
    title: "Fra leie til eie: startlån og tett oppfølging for barnefamilier i Bydel Grorud",
    summary:
      "Bydel Grorud hjelper barnefamilier som leier kommunal bolig med å kjøpe egen bolig med startlån, med økonomisk rådgivning gjennom hele prosessen.",
    challenge:
      "Mange barnefamilier ble boende i kommunale utleieboliger i mange år, med usikre kontrakter og hyppige flyttinger for barna.",
    whatWeDid: "Veiledere kartla økonomien, hjalp med sparing og søknad om startlån og fulgte opp det første året etter kjøpet.",
    results: "46 familier kjøpte egen bolig på tre år.",
    partners: "Husbanken, NAV Grorud.",
    owner: "bydel-grorud",
    coOwners: ["husbanken"],
    areas: ["bolig"],
    status: "IMPLEMENTED",
    year: 2019,
  },
  {
    id: "bjerke-ungdomsrad",
    lang: "nb",
    title: "Ungdomsrådet i Bydel Bjerke bestemmer over fritidsklubbens budsjett",
    summary:
      "Ungdom i Bydel Bjerke styrer selv en del av budsjettet til fritidsklubben gjennom et valgt ungdomsråd, og har fått gjennomslag for lengre åpningstider og et musikkstudio.",
    challenge: "Få ungdommer brukte klubben, og de opplevde at voksne bestemte alt.",
    whatWeDid: "Valg av ungdomsråd på skolene, opplæring i budsjett og møter med bydelsutvalget to ganger i året.",
    results: "Besøket på klubben økte med 60 prosent.",
    partners: "Ungdomsskolene i bydelen.",
    owner: "bydel-bjerke",
    areas: ["frivillighet-og-innbyggerdialog", "samskaping"],
    status: "IMPLEMENTED",
    year: 2021,
  },
  {
    id: "bjerke-nabolagshager",
    lang: "nb",
    title: "Nabolagshager på Årvoll og Linderud",
    summary:
      "Beboere dyrker grønnsaker sammen i nabolagshager på ubrukte grøntarealer. Hagene er blitt møteplasser på tvers av alder og bakgrunn.",
    challenge: "Borettslagene hadde store gressplener som ingen brukte, og mange beboere kjente ikke naboene sine.",
    whatWeDid: "Bydelen ga startstøtte og jord, borettslagene stilte arealer, og en hagekoordinator holdt kurs.",
    results: "Seks hager med til sammen 180 dyrkere.",
    partners: "Borettslagene, Oslo kommune.",
    owner: "bydel-bjerke",
    areas: ["klima-og-miljo", "byutvikling"],
    status: "IMPLEMENTED",
    year: 2020,
  },
  {
    id: "sondre-nordstrand-rehab",
    lang: "nb",
    title: "Hverdagsrehabilitering i Bydel Søndre Nordstrand",
    summary:
      "Et tverrfaglig team trener eldre hjemme i hverdagens aktiviteter i noen intensive uker, slik at de klarer seg selv og trenger mindre hjemmehjelp etterpå.",
    challenge: "Mange eldre fikk hjemmetjenester som gjorde ting for dem, ikke med dem, og ble gradvis mindre selvhjulpne.",
    whatWeDid:
      "Ergoterapeut, fysioterapeut og hjemmetrenere lager mål sammen med brukeren: å dusje selv, lage frokost eller gå til butikken.",
    results: "To av tre brukere trengte mindre hjelp etter tre måneder.",
    partners: "Helseetaten, OsloMet.",
    owner: "bydel-sondre-nordstrand",
    areas: ["helse-og-velferd"],
    status: "SCALED",
    year: 2016,
  },
  {
    id: "gamle-oslo-colab",
    lang: "en",
    title: "A co-creation lab with residents for greener streets in Gamle Oslo",
    summary:
      "Bydel Gamle Oslo invited residents, local businesses and schools into a co-creation lab to redesign two streets with trees, benches and space for bicycles.",
    challenge: "The streets were dominated by parking and through traffic, and earlier hearings reached only a few residents.",
    whatWeDid:
      "Street labs on the pavement, temporary planters and benches for a summer, and a final design chosen together with the residents.",
    results: "Both streets were rebuilt with 30 new trees; resident satisfaction rose sharply.",
    partners: "Bymiljøetaten, local schools.",
    owner: "bydel-gamle-oslo",
    areas: ["samskaping", "klima-og-miljo", "byutvikling"],
    status: "IMPLEMENTED",
    year: 2022,
  },
  {
    id: "alna-volunteers",
    lang: "en",
    title: "An app that matches volunteers with small tasks in Bydel Alna",
    summary:
      "A simple app lets volunteering organisations post small tasks, such as shopping for an elderly neighbour or helping at a homework café, and lets residents sign up for one task at a time.",
    challenge: "Many residents wanted to help now and then but could not commit to a regular role in an association.",
    whatWeDid:
      "We built the app with the local volunteer centre and three associations, tested it for six months and translated it into five languages.",
    results: "Around 400 tasks were done by 170 different people in the first year.",
    partners: "The volunteer centre, the Red Cross.",
    owner: "bydel-alna",
    areas: ["frivillighet-og-innbyggerdialog"],
    status: "PILOTING",
    year: 2023,
  },
  {
    id: "ks-nettverk",
    lang: "nb",
    title: "Innovasjonsnettverket i «Saman om ein betre kommune»: seks kommuner, ett innovasjonsløp",
    summary:
      "KS fulgte seks kommuner gjennom et innovasjonsløp på sykefravær, kompetanse og rekruttering, heltid/deltid og omdømme. Her er fellesmetoden og det nettverket lærte.",
    challenge: "De vanlige virkemidlene – nye rutiner, kampanjer og handlingsplaner – hadde ikke flyttet tallene mye i kommunesektoren.",
    whatWeDid: "Nettverkssamlinger, lokale oppstartsdager og tett prosesshjelp fra nettverkslederne i KS mellom samlingene.",
    method: "Forstå utfordringen, utvikle ideer sammen med de berørte, prøve ut i liten skala og vurdere.",
    results: "Alle seks kommunene gjennomførte en lokal utprøving.",
    partners: "KS, LO Kommune, YS Kommune, Unio, Akademikerne, SoCentral.",
    owner: "ks",
    coOwners: ["grong", "kristiansund", "froya", "hamar", "faerder", "sarpsborg"],
    areas: ["innovasjon-og-tjenesteutvikling"],
    status: "DISCONTINUED",
    year: 2013,
  },
  {
    id: "oslo-klimagass-bygg",
    lang: "nb",
    title: "Utslippsfrie byggeplasser i Oslo kommune",
    summary:
      "Oslo kommune krever at byggeplassene i egne prosjekter bruker elektriske eller biogassdrevne anleggsmaskiner, og har dermed kuttet utslipp av klimagasser og lokal luftforurensning.",
    challenge: "Anleggsmaskiner på byggeplasser sto for en stor andel av direkte utslipp i byen.",
    whatWeDid: "Krav om utslippsfrie maskiner i anskaffelser, dialog med leverandørmarkedet og lading på byggeplass.",
    results: "Over 50 utslippsfrie byggeplasser; leverandørene har bygd opp en elektrisk maskinpark.",
    partners: "Klimaetaten, Omsorgsbygg, entreprenører.",
    owner: "oslo",
    areas: ["klima-og-miljo"],
    status: "SCALED",
    year: 2019,
  },
];
