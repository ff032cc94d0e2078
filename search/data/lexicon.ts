/**
 * Known parts of Norwegian compounds (bokmål and nynorsk), written for Løsningsbanken:
 * the nouns (and a few adjectives) that municipal case texts build their compounds from.
 * Base forms only, lowercase, one or more a line; `#` starts a comment. Inflected forms
 * are recognised by search/norwegian.ts when a part ends a compound (tiltak-ene, bustad-er).
 *
 * Deliberately absent: very short or ambiguous pieces that cause false splits
 * (tid, del, sam, inn, ut, om, funn, ...). Add words here, not special cases in code.
 */
export const LEXICON_TEXT = `
# --- work, staff and organisation
arbeid arbeider arbeidsgiver arbeidstaker arbeidstakar arbeidsliv arbeidsplass arbeidskraft
ansatt ansette tilsett medarbeider medarbeidar kollega leder leiar ledelse leiing ledergruppe
sjef direktør rådmann rådgiver rådgjevar konsulent koordinator veileder rettleiar mentor
tillitsvalgt verneombud fagforening organisasjon virksomhet verksemd enhet eining avdeling
seksjon stab team gruppe nettverk nettverkssamling samling møte møteplass arena
stilling stillingsstørrelse heltid deltid heiltid heltidskultur heiltidskultur kultur
turnus turnusordning ønsketurnus vakt langvakt nattevakt helgevakt helg bemanning vikar
lønn lønnstillegg tillegg pensjon permisjon ferie overtid sykemelding sjukemelding
sykefravær sjukefråvær fravær fråvær nærvær jobbnærvær oppfølging tilrettelegging
arbeidsmiljø arbeidsmiljo trivsel helsefremming belastning slitasje
rekruttering rekruttere kompetanse kompetanseheving heving kompetanseplan utdanning opplæring
opplæringsplan kurs etterutdanning videreutdanning vidareutdanning fagbrev lærling lærlingplass
student praksis praksisplass traineeordning trainee stipend studie studium skole skule
sommerjobb sommarjobb jobb jobbsøker jobbsøkar søker søkar intervju onboarding introduksjon
karriere karriereveg karrierevei utviklingssamtale medarbeidersamtale
omdømme omdøme stolthet stoltheit merkevare kommunikasjon kampanje annonse nettside
arbeidsgiverpolitikk politikk strategi plan handlingsplan tiltaksplan prosjekt prosjektleder
prosjektleiar prosjektgruppe styringsgruppe program mandat budsjett økonomi regnskap
rapport evaluering måling analyse kartlegging undersøkelse undersøking statistikk indikator
mål målgruppe resultat effekt gevinst gevinstrealisering kostnad utgift investering
# --- health, care and welfare
helse velferd omsorg pleie pleier pleiar sykepleier sjukepleiar helsefagarbeider
helsefagarbeidar fagarbeider fagarbeidar hjelpepleier hjelpepleiar assistent lege fastlege
fysioterapeut ergoterapeut helsesykepleier helsesjukepleiar helsesøster jordmor psykolog
tjeneste teneste tjenesteutvikling tenesteutvikling tjenestedesign tenestedesign
hjemmetjeneste heimeteneste hjemmesykepleie heimesjukepleie hjemmehjelp heimehjelp
sykehjem sjukeheim sykehus sjukehus institusjon bofellesskap bufellesskap omsorgsbolig
avlastning dagsenter dagtilbod dagtilbud aktivitetstilbud aktivitetstilbod tilbud tilbod
eldre eldreomsorg demens demensomsorg rehabilitering habilitering mestring hverdagsrehabilitering
kvardagsrehabilitering velferdsteknologi teknologi digitalisering sensor alarm trygghetsalarm
tryggleiksalarm medisin legemiddel ernæring måltid mat kjøkken
psykisk psykiatri rus rusomsorg avhengighet avhengigheit folkehelse friskliv frisklivssentral
forebygging førebygging behandling diagnose pasient brukar bruker beboer bebuar pårørende
pårørande familie familiar barn barnehage barnevern ungdom ungdommar ungdommer elev
oppvekst skolehelsetjeneste helsestasjon
nav sosialtjeneste sosialteneste sosialhjelp økonomisk gjeld introduksjonsprogram flyktning
innvandrer innvandrar integrering inkludering utenforskap utanforskap fattigdom levekår
# --- housing
bolig bustad hus husbank boligsosial bustadsosial leilighet leilegheit utleie leie eie eige
startlån lån bostøtte bustøtte husleie tomt byggefelt boligfelt bustadfelt eiendom eigedom
boligbygging bustadbygging boligmarked bustadmarknad bostedsløs
# --- climate, environment, energy, transport
klima miljø klimagass utslipp klimatiltak tiltak klimabudsjett klimaplan klimarådgiver
klimarådgjevar klimarekneskap klimaregnskap klimatilpasning klimatilpassing natur
naturmangfold naturmangfald mangfold mangfald krise energi strøm solenergi solcelle
varmepumpe oppvarming temperatur lys belysning ventilasjon isolering rehabilitering
avfall gjenbruk ombruk sirkulær kildesortering sortering matsvinn svinn forbruk
transport kollektiv kollektivtransport buss tog sykkel sykling sykkelveg sykkelvei gange
elbil bil bilbruk parkering lading ladestasjon drivstoff vei veg gate
bærekraft berekraft grønn omstilling
# --- city and place
byutvikling stadutvikling tettsted tettstad sentrum nabolag nærmiljø lokalsamfunn
område omrade byrom byplan områdeløft reguleringsplan arealplan arealbruk planarbeid
bygg bygning skolebygg formålsbygg park friområde uteområde lekeplass idrettsanlegg
møtested møtestad kulturhus bibliotek kino kultursal torg marked marknad
samfunn samfunnsutvikling samfunnsutvikler samfunnsutviklar samfunnsinnovasjon
samfunnsutfordring samfunnsdugnad dugnad inkubator kommuneinkubator
# --- participation, co-creation, volunteering
samskaping samskapar samarbeid samarbeidsform samarbeidsmodell partnerskap partner
medvirkning medverknad innbygger innbyggjar innbyggerdialog dialog involvering mobilisering
frivillighet frivilligheit frivillig frivillige frivilligsentral lag forening foreining
idrettslag idrett næringsliv næring bedrift verksemd entreprenør entreprenørskap gründer
sosialentreprenør innovasjon innovasjonsprosess innovasjonsnettverk nettverkssamling
utvikling utviklingsarbeid utprøving uttesting pilot piloten modell metode metodikk verktøy
prosess prosessleder prosessleiar workshop verksted verkstad innsikt idé ideer idear
erfaring kunnskap læring deling forskning forsking forskar forsker
# --- government
kommune kommunestyre kommunedirektør kommunalsjef ordfører ordførar bydel bydelsutvalg
fylke fylkeskommune region stat departement direktorat forvaltning saksbehandling
sakshandsaming vedtak søknad søknadsprosess tilskudd tilskot ordning regelverk
region regiondirektør kontor kontorplass lokale lokaler sektor siloer silo
# --- misc. frequent
hverdag kvardag handling helgearbeid arbeidstid tidsbruk kvalitet kapasitet behov ressurs
utfordring løsning løysing mulighet moglegheit handlingsrom rom ansvar rolle
oppgave oppgåve oppgavedeling oppgåvedeling
språk norsk norskopplæring digital nettsted portal app
# --- more frequent nouns and adjectives in case texts
problem problematikk størrelse storleik utvikler utviklar sosial sosiale faglig fagleg
fag fagfelt fagmiljø fagperson fagdag fagutvikling hage skolefravær skulefråvær
heim hjem hjelp hjelpemiddel omsorgsarbeid avdelingsleder avdelingsleiar
styre styring rutine system kvalitetssystem internkontroll beredskap krisehjelp
senter sentral kontakt kontaktperson samtale veiledning rettleiing rådgiving rådgivning
time timeplan kalender periode sesong år måned månad uke veke døgn
sted stad plass lokalitet grend bygd distrikt landsby
befolkning folketal folketall alder generasjon senior pensjonist
jente gutt kvinne mann mor far forelder foreldre familievern
tillit trygghet tryggleik ensomhet einsemd fellesskap møte aktivitet aktivitetar
kultursal kulturskule kulturskole idrettshall svømmehall basseng fritid fritidsklubb
frivilligsentral seniorsenter eldresenter helsehus legevakt
ambulanse akutt brann redning vann avløp renovasjon
digitalisering data dataverktøy nettløsning selvbetjening sjølvbetening chatbot
innkjøp anskaffelse anskaffing leverandør kontrakt avtale
kompetansesenter kunnskapsgrunnlag forskningsprosjekt forskingsprosjekt følgeforskning
følgjeforsking pilotprosjekt utviklingsprosjekt prosjektperiode
arbeidsmåte arbeidsform arbeidsprosess oppgåveløysing oppgaveløsning
gevinstrealisering måloppnåelse suksess suksessfaktor
`;

/**
 * Non-final compound pieces that are not words on their own (or would say too little):
 * "syke-fravær", "heime-teneste", "by-utvikling". Allowed only before another part, and
 * never emitted as a part themselves.
 */
export const BOUND_PREFIXES = ["syk", "sjuk", "hjemme", "heime", "by"];
