/**
 * Shared by the question routes: reading a posted body and turning the expected failures
 * (empty, too long, not the reduced schema, rate limited) into the form's answer - a
 * translated field error with everything the user typed, and the right status
 * (400, 413, 429 with Retry-After). Anything else is thrown on to withDomainErrors.
 */
import { json } from "@remix-run/node";
import { POST_PROBLEM_MESSAGE, readPostBody, type PostBody } from "~/editor/reduced-schema";
import { RateLimitedError } from "~/models/errors";
import { PostValidationError } from "~/models/question.server";
import type { PostFormState } from "~/components/QuestionThread";
import { formatDate, type AppLocale } from "~/utils/i18n";

export type PostFormReply = ReturnType<typeof postFormReply>;

export function postFormReply(state: PostFormState, status: number, headers?: Record<string, string>) {
  return json({ state }, { status, headers });
}

function text(value: FormDataEntryValue | null) {
  return typeof value === "string" ? value : undefined;
}

/** The body of a question/answer form, or the 400/413 reply that keeps what was typed. */
export function readPostForm(form: FormData, formName: string): { ok: true; body: PostBody } | { ok: false; reply: PostFormReply } {
  const result = readPostBody({ body: text(form.get("body")), bodyDoc: text(form.get("bodyDoc")) });
  if (result.ok) return { ok: true, body: result.body };
  const state: PostFormState = {
    form: formName,
    errors: { body: POST_PROBLEM_MESSAGE[result.problem] },
    values: { body: text(form.get("body")) ?? "" },
  };
  return { ok: false, reply: postFormReply(state, result.problem === "too-long" ? 413 : 400) };
}

/** Runs a model write; its expected failures become the form's reply (null = none, go on). */
export async function withPostErrors<T>(
  formName: string,
  values: Record<string, string | undefined>,
  locale: AppLocale,
  work: () => Promise<T>,
): Promise<{ ok: true; result: T } | { ok: false; reply: PostFormReply }> {
  try {
    return { ok: true, result: await work() };
  } catch (error) {
    if (error instanceof RateLimitedError) {
      const seconds = Math.max(1, Math.ceil((error.retryAt.getTime() - Date.now()) / 1000));
      const state: PostFormState = {
        form: formName,
        errors: { body: "questions:errors.rateLimited" },
        values,
        retryAt: formatDate(error.retryAt, locale, { timeStyle: "short" }),
      };
      return { ok: false, reply: postFormReply(state, 429, { "Retry-After": String(seconds) }) };
    }
    if (error instanceof PostValidationError) {
      return { ok: false, reply: postFormReply({ form: formName, errors: { [error.field]: error.messageKey }, values }, 400) };
    }
    throw error;
  }
}
