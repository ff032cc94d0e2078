/** Small zod building blocks shared by the form schemas. Messages are translation keys. */
import { z } from "zod";

/** Optional free text: trimmed; empty becomes null. */
export const optionalText = (max: number, tooLong = "validation.tooLong") =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((v) => (v ? v : null));
