/** Challenge area form (platform admins). Messages are translation keys. */
import { z } from "zod";

const requiredText = (max: number, tooLong: string) =>
  z.string({ message: "validation.required" }).trim().min(1, "validation.required").max(max, tooLong);

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.string().max(max, tooLong));

const CHALLENGE_AREA_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const ChallengeAreaInputSchema = z.object({
  slug: z
    .string({ message: "validation.required" })
    .trim()
    .toLowerCase()
    .min(1, "validation.required")
    .max(80, "admin:errors.slugTooLong")
    .regex(CHALLENGE_AREA_SLUG, "admin:errors.slug"),
  nameNb: requiredText(120, "admin:errors.areaNameTooLong"),
  nameEn: requiredText(120, "admin:errors.areaNameTooLong"),
  descriptionNb: optionalText(2000, "admin:errors.descriptionTooLong"),
  descriptionEn: optionalText(2000, "admin:errors.descriptionTooLong"),
  sortOrder: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v === "" || /^-?\d{1,6}$/.test(v), { message: "admin:errors.sortOrder" })
    .transform((v) => (v === "" ? 0 : Number(v))),
});

export type ChallengeAreaFormInput = z.output<typeof ChallengeAreaInputSchema>;
