import type { CaseSections } from "~/editor/sections";

/** Facts for reuse of a demo case (app/schemas/reuse-facts.ts reads them like the form). */
export interface SeedReuseFacts {
  costOneOffNok?: number;
  costYearlyNok?: number;
  effortPersonMonths?: number;
  durationMonths?: number;
  inhabitants?: number;
  targetGroup?: string;
  prerequisites?: string;
  reportLinks?: Array<{ title: string; url: string }>;
}

export interface SeedCase {
  title: string;
  summary: string;
  status: "IDEA" | "PILOTING" | "IMPLEMENTED" | "SCALED" | "DISCONTINUED";
  visibility: "DRAFT" | "MEMBERS" | "PUBLIC";
  /** The language the case is written in (default bokmål). */
  language?: "nb" | "nn" | "en";
  /** "YYYY-MM" */
  periodStart: string | null;
  periodEnd: string | null;
  /** Organisation slugs. */
  owner: string;
  coOwners: string[];
  /** Challenge area slugs. */
  areas: string[];
  /** E-mail of the demo user recorded as author, if any. */
  createdBy: string | null;
  contact: { name: string; role: string; email: string } | null;
  results: Array<{ indicator: string; unit: string; baseline: number | null; result: number | null; period: string }>;
  sections: CaseSections;
  /** Title of an earlier seed case this one is an adaptation of ("Ta i bruk hos oss"). */
  adaptedFrom?: string;
  /** "Hva vi endret" of an adaptation (plain text, paragraphs split by an empty line). */
  whatWeChanged?: string;
}
