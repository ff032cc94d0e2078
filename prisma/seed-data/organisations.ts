/**
 * Demo organisations. Kommunenummer and fylke follow the county structure from 2024.
 * Organisation numbers are left empty on purpose: a made-up number could belong to
 * someone real.
 */
export type OrganisationKind = "KOMMUNE" | "BYDEL" | "FYLKESKOMMUNE" | "PUBLIC_BODY" | "PARTNER";

export interface SeedOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  kommunenummer: string | null;
  fylke: string | null;
  isActiveMember: boolean;
}

const kommune = (slug: string, name: string, kommunenummer: string, fylke: string, isActiveMember = true): SeedOrganisation => ({
  slug,
  name,
  kind: "KOMMUNE",
  kommunenummer,
  fylke,
  isActiveMember,
});

export const organisations: SeedOrganisation[] = [
  kommune("grong", "Grong kommune", "5045", "Trøndelag"),
  kommune("kristiansund", "Kristiansund kommune", "1505", "Møre og Romsdal"),
  kommune("froya", "Frøya kommune", "5014", "Trøndelag"),
  kommune("hamar", "Hamar kommune", "3403", "Innlandet"),
  // Nøtterøy took part in the KS network in 2013-2014 and merged into Færder in 2018.
  kommune("faerder", "Færder kommune", "3911", "Vestfold", false),
  kommune("sarpsborg", "Sarpsborg kommune", "3105", "Østfold"),
  kommune("stad", "Stad kommune", "4649", "Vestland"),
  kommune("nordre-follo", "Nordre Follo kommune", "3207", "Akershus"),
  kommune("drangedal", "Drangedal kommune", "4014", "Telemark"),
  kommune("trondheim", "Trondheim kommune", "5001", "Trøndelag"),
  kommune("oslo", "Oslo kommune", "0301", "Oslo"),
  { slug: "bydel-bjerke", name: "Bydel Bjerke", kind: "BYDEL", kommunenummer: null, fylke: "Oslo", isActiveMember: true },
  { slug: "bydel-grorud", name: "Bydel Grorud", kind: "BYDEL", kommunenummer: null, fylke: "Oslo", isActiveMember: true },
  {
    slug: "trondelag-fylkeskommune",
    name: "Trøndelag fylkeskommune",
    kind: "FYLKESKOMMUNE",
    kommunenummer: null,
    fylke: "Trøndelag",
    isActiveMember: true,
  },
  { slug: "ks", name: "KS (Kommunesektorens organisasjon)", kind: "PUBLIC_BODY", kommunenummer: null, fylke: null, isActiveMember: true },
  { slug: "husbanken", name: "Husbanken", kind: "PUBLIC_BODY", kommunenummer: null, fylke: null, isActiveMember: true },
  { slug: "socentral", name: "SoCentral", kind: "PARTNER", kommunenummer: null, fylke: "Oslo", isActiveMember: true },
  { slug: "padriv", name: "Pådriv", kind: "PARTNER", kommunenummer: null, fylke: "Oslo", isActiveMember: true },
  { slug: "telemarksforsking", name: "Telemarksforsking", kind: "PARTNER", kommunenummer: null, fylke: "Telemark", isActiveMember: false },
  { slug: "tinkr", name: "TINKR", kind: "PARTNER", kommunenummer: null, fylke: null, isActiveMember: false },
];
