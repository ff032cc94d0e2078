import type { z } from "zod";

export type ZodIssueKeys = Record<string, string>;

/**
 * zod issues -> { "field.path": "translation key" }. Schemas put translation keys in
 * their messages (e.g. `z.string().min(1, "validation.required")`); anything else
 * falls back to "validation.invalid".
 */
export function fieldErrors(error: z.ZodError): ZodIssueKeys {
  const out: ZodIssueKeys = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    if (out[key]) continue;
    out[key] =
      /^[a-z]+(:[a-zA-Z]+)?[.a-zA-Z0-9_]*$/.test(issue.message) && issue.message.includes(".") ? issue.message : "validation.invalid";
  }
  return out;
}

/** FormData -> plain object (repeated keys become arrays) for zod and for echoing values back. */
export function formValues(form: FormData, arrayFields: string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key === "csrf") continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = arrayFields.includes(key) ? all : (all[0] ?? "");
  }
  for (const key of arrayFields) out[key] ??= [];
  return out;
}
