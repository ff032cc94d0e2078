/**
 * Demo users: one for every role. Every name is a placeholder (the Nordmann family) and
 * every organisation address is under demo.losningsbanken.no, so no real mailbox is mailed.
 */
export type PlatformRole = "USER" | "FACILITATOR" | "ADMIN";
export type MembershipRole = "MEMBER" | "EDITOR" | "ADMIN";

export interface SeedUser {
  email: string;
  name: string;
  jobTitle: string | null;
  locale: "nb" | "en";
  platformRole: PlatformRole;
  memberships: Array<{ organisation: string; role: MembershipRole }>;
  /** Shown in the start-up log next to the e-mail. */
  description: string;
}

const demo = (org: string, local: string) => `${local}@${org}.demo.losningsbanken.no`;

export const users: SeedUser[] = [
  {
    email: "admin@losningsbanken.no",
    name: "Kari Nordmann",
    jobTitle: "Plattformansvarlig",
    locale: "nb",
    platformRole: "ADMIN",
    memberships: [],
    description: "plattformadministrator",
  },
  {
    email: "fasilitator@losningsbanken.no",
    name: "Ola Nordmann",
    jobTitle: "Nettverksfasilitator",
    locale: "nb",
    platformRole: "FACILITATOR",
    memberships: [],
    description: "fasilitator",
  },
  {
    email: demo("hamar", "admin"),
    name: "Hilde Nordmann",
    jobTitle: "Innovasjonsrådgiver",
    locale: "nb",
    platformRole: "USER",
    memberships: [{ organisation: "hamar", role: "ADMIN" }],
    description: "organisasjonsadmin, Hamar kommune",
  },
  {
    email: demo("hamar", "redaktor"),
    name: "Henrik Nordmann",
    jobTitle: "HR-rådgiver",
    locale: "nb",
    platformRole: "USER",
    memberships: [{ organisation: "hamar", role: "EDITOR" }],
    description: "redaktør, Hamar kommune",
  },
  {
    email: demo("hamar", "medlem"),
    name: "Hedda Nordmann",
    jobTitle: "Styrer, barnehage",
    locale: "nb",
    platformRole: "USER",
    memberships: [{ organisation: "hamar", role: "MEMBER" }],
    description: "medlem, Hamar kommune",
  },
  {
    email: demo("froya", "admin"),
    name: "Frida Nordmann",
    jobTitle: "Kommunalsjef organisasjon",
    locale: "nb",
    platformRole: "USER",
    memberships: [{ organisation: "froya", role: "ADMIN" }],
    description: "organisasjonsadmin, Frøya kommune",
  },
  {
    email: demo("froya", "redaktor"),
    name: "Fredrik Nordmann",
    jobTitle: "Rådgjevar, oppvekst",
    locale: "nb",
    platformRole: "USER",
    memberships: [
      { organisation: "froya", role: "EDITOR" },
      { organisation: "trondelag-fylkeskommune", role: "MEMBER" },
    ],
    description: "redaktør, Frøya kommune + medlem, Trøndelag fylkeskommune",
  },
  {
    email: demo("froya", "medlem"),
    name: "Fanny Nordmann",
    jobTitle: "Sjukepleiar",
    locale: "nb",
    platformRole: "USER",
    memberships: [{ organisation: "froya", role: "MEMBER" }],
    description: "medlem, Frøya kommune",
  },
  {
    email: demo("trondheim", "redaktor"),
    name: "Tone Nordmann",
    jobTitle: "Rådgiver, miljøenheten",
    locale: "nb",
    platformRole: "USER",
    memberships: [{ organisation: "trondheim", role: "EDITOR" }],
    description: "redaktør, Trondheim kommune",
  },
  {
    email: demo("stad", "redaktor"),
    name: "Sigrid Nordmann",
    jobTitle: "Samfunnsplanleggar",
    locale: "nb",
    platformRole: "USER",
    memberships: [{ organisation: "stad", role: "EDITOR" }],
    description: "redaktør, Stad kommune",
  },
  {
    email: demo("ks", "redaktor"),
    name: "Kristoffer Nordmann",
    jobTitle: "Nettverksleder",
    locale: "nb",
    platformRole: "USER",
    memberships: [{ organisation: "ks", role: "EDITOR" }],
    description: "redaktør, KS",
  },
  {
    email: demo("socentral", "editor"),
    name: "Sam Nordmann",
    jobTitle: "Partner",
    locale: "en",
    platformRole: "USER",
    memberships: [{ organisation: "socentral", role: "EDITOR" }],
    description: "redaktør, SoCentral (engelsk grensesnitt)",
  },
  {
    email: "uten-medlemskap@demo.losningsbanken.no",
    name: "Ulrik Nordmann",
    jobTitle: null,
    locale: "nb",
    platformRole: "USER",
    memberships: [],
    description: "innlogget uten medlemskap",
  },
];
