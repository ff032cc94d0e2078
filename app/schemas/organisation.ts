/**
 * Organisation forms (admin). Messages are translation keys: "validation.*" from common,
 * "admin:*" for the organisation-specific ones (see app/schemas/errors.ts).
 */
import { z } from "zod";

export const ORGANISATION_KINDS = ["KOMMUNE", "BYDEL", "FYLKESKOMMUNE", "PUBLIC_BODY", "PARTNER"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The 15 counties (fylker) as of 1 January 2024. */
export const FYLKER = [
  "Agder",
  "Akershus",
  "Buskerud",
  "Finnmark",
  "Innlandet",
  "Møre og Romsdal",
  "Nordland",
  "Oslo",
  "Rogaland",
  "Telemark",
  "Troms",
  "Trøndelag",
  "Vestfold",
  "Vestland",
  "Østfold",
] as const;
export type Fylke = (typeof FYLKER)[number];

/** Optional digits-only identifier: spaces are allowed while typing ("974 760 673"), empty -> null. */
const optionalDigits = (length: number, message: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").replace(/[\s\u00a0]/g, ""))
    .refine((v) => v === "" || new RegExp(`^\\d{${length}}$`).test(v), { message })
    .transform((v) => (v === "" ? null : v));

/** A checkbox: present ("on"/"true") = true, absent = false. */
const checkbox = z
  .union([z.string(), z.boolean()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true" || v === "1");

export const OrganisationInputSchema = z.object({
  name: z.string({ message: "validation.required" }).trim().min(1, "validation.required").max(200, "admin:errors.nameTooLong"),
  kind: z.enum(ORGANISATION_KINDS, { message: "admin:errors.kind" }),
  orgNumber: optionalDigits(9, "admin:errors.orgNumber"),
  kommunenummer: optionalDigits(4, "admin:errors.kommunenummer"),
  fylke: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v === "" || (FYLKER as readonly string[]).includes(v), { message: "admin:errors.fylke" })
    .transform((v) => (v === "" ? null : (v as Fylke))),
  isActiveMember: checkbox,
});

export type OrganisationInput = z.output<typeof OrganisationInputSchema>;
export type OrganisationInputRaw = z.input<typeof OrganisationInputSchema>;
