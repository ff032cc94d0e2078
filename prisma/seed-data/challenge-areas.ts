/** The taxonomy. Slugs are stable: URLs, the importer and tests refer to them. */
export interface SeedChallengeArea {
  slug: string;
  nameNb: string;
  nameEn: string;
  descriptionNb: string;
  descriptionEn: string;
}

export const challengeAreas: SeedChallengeArea[] = [
  {
    slug: "sykefravaer",
    nameNb: "Sykefravær",
    nameEn: "Sick leave",
    descriptionNb: "Nærværsarbeid, sykefraværsoppfølging og tilrettelegging som gjør at flere ansatte står i jobben.",
    descriptionEn: "Attendance work, sick-leave follow-up and adjustments that help more employees stay at work.",
  },
  {
    slug: "rekruttering-og-kompetanse",
    nameNb: "Rekruttering og kompetanse",
    nameEn: "Recruitment and competence",
    descriptionNb: "Hvordan kommuner tiltrekker seg, tar imot og beholder fagfolk, og bygger kompetanse hos dem de har.",
    descriptionEn: "How municipalities attract, welcome and keep skilled staff, and build the skills of the people they have.",
  },
  {
    slug: "heltid-deltid",
    nameNb: "Heltid/deltid",
    nameEn: "Full-time/part-time",
    descriptionNb: "Heltidskultur, turnusordninger og bemanning som gir flere hele stillinger og færre ufrivillige deltidsstillinger.",
    descriptionEn: "Full-time culture, rotas and staffing models that create more full-time jobs and less involuntary part-time work.",
  },
  {
    slug: "omdomme",
    nameNb: "Omdømme",
    nameEn: "Reputation",
    descriptionNb: "Tiltak som styrker stoltheten blant ansatte og bildet innbyggere og jobbsøkere har av kommunen.",
    descriptionEn: "Work that strengthens staff pride and how residents and job seekers see the municipality.",
  },
  {
    slug: "klima-og-miljo",
    nameNb: "Klima og miljø",
    nameEn: "Climate and environment",
    descriptionNb: "Klimatiltak, klimabudsjett og lokale initiativ som gjør det enklere å leve og drive miljøvennlig.",
    descriptionEn: "Climate measures, climate budgets and local initiatives that make sustainable living and operations easier.",
  },
  {
    slug: "bolig",
    nameNb: "Bolig",
    nameEn: "Housing",
    descriptionNb: "Boligsosialt arbeid, startlån og veier inn i en trygg og egnet bolig.",
    descriptionEn: "Social housing work, start-up loans and routes into safe and suitable housing.",
  },
  {
    slug: "helse-og-velferd",
    nameNb: "Helse og velferd",
    nameEn: "Health and welfare",
    descriptionNb: "Tjenester innen helse, omsorg og velferd, fra hjemmetjeneste og sykehjem til psykisk helse og folkehelse.",
    descriptionEn: "Health, care and welfare services, from home care and nursing homes to mental health and public health.",
  },
  {
    slug: "samskaping",
    nameNb: "Samskaping",
    nameEn: "Co-creation",
    descriptionNb: "Kommunen utvikler løsninger sammen med innbyggere, lag, foreninger, næringsliv og forskning.",
    descriptionEn: "The municipality develops solutions together with residents, associations, businesses and researchers.",
  },
  {
    slug: "byutvikling",
    nameNb: "Byutvikling",
    nameEn: "Urban development",
    descriptionNb: "Inkluderende, grønn og levedyktig utvikling av byer, tettsteder og nabolag.",
    descriptionEn: "Inclusive, green and viable development of cities, towns and neighbourhoods.",
  },
  {
    slug: "innovasjon-og-tjenesteutvikling",
    nameNb: "Innovasjon og tjenesteutvikling",
    nameEn: "Innovation and service development",
    descriptionNb: "Metoder og nettverk for å utvikle, teste og spre nye løsninger i kommunal sektor.",
    descriptionEn: "Methods and networks for developing, testing and spreading new solutions in local government.",
  },
  {
    slug: "sosialt-entreprenorskap",
    nameNb: "Sosialt entreprenørskap",
    nameEn: "Social entrepreneurship",
    descriptionNb: "Samarbeid med sosiale entreprenører og gründere som løser samfunnsutfordringer.",
    descriptionEn: "Working with social entrepreneurs and founders who tackle societal challenges.",
  },
  {
    slug: "frivillighet-og-innbyggerdialog",
    nameNb: "Frivillighet og innbyggerdialog",
    nameEn: "Volunteering and citizen dialogue",
    descriptionNb: "Samspill med frivillige og innbyggere som tar initiativ, og møteplasser der kommunen lytter.",
    descriptionEn: "Working with volunteers and residents who take the initiative, and arenas where the municipality listens.",
  },
];
