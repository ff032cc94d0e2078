/**
 * Forms of the account pages: login, password reset, profile, and the new-account form
 * of an invitation. Messages are translation keys (see app/schemas/errors.ts).
 */
import { z } from "zod";
import { optionalText } from "./fields";

const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 500;

const requiredText = (max: number) =>
  z.string({ message: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong");

export const EmailSchema = z
  .string({ message: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(254, "validation.email")
  .pipe(z.email("validation.email"))
  .transform((e) => e.toLowerCase());

/** A new password; checked only for length (a long passphrase beats composition rules). */
const NewPasswordSchema = z
  .string({ message: "validation.required" })
  .min(1, "validation.required")
  .min(PASSWORD_MIN_LENGTH, "auth:password.tooShort")
  .max(PASSWORD_MAX_LENGTH, "auth:password.tooLong");

function withConfirmation<T extends z.ZodType<{ password: string; confirmPassword: string }>>(schema: T) {
  return schema.refine((v) => v.password === v.confirmPassword, {
    message: "auth:password.mismatch",
    path: ["confirmPassword"],
  });
}

export const LoginSchema = z.object({
  email: EmailSchema,
  // Not length-checked beyond a sanity cap: old passwords may predate the current rules.
  password: z.string({ message: "validation.required" }).min(1, "validation.required").max(1000, "auth:password.tooLong"),
  redirectTo: z.string().optional(),
});
export type LoginInput = z.infer<typeof LoginSchema>;

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

export const ResetPasswordSchema = withConfirmation(
  z.object({ password: NewPasswordSchema, confirmPassword: z.string({ message: "validation.required" }) }),
);

export const ProfileSchema = z.object({
  name: requiredText(200),
  jobTitle: optionalText(200),
  locale: z.enum(["nb", "en"], { message: "validation.invalid" }),
});
export type ProfileInput = z.infer<typeof ProfileSchema>;

export const ChangePasswordSchema = withConfirmation(
  z.object({
    currentPassword: z.string({ message: "validation.required" }).min(1, "validation.required"),
    password: NewPasswordSchema,
    confirmPassword: z.string({ message: "validation.required" }),
  }),
);

/** The invitee without an account chooses their name, job title and password. */
export const RegisterFromInvitationSchema = withConfirmation(
  z.object({
    name: requiredText(200),
    jobTitle: optionalText(200),
    password: NewPasswordSchema,
    confirmPassword: z.string({ message: "validation.required" }),
  }),
);
export type RegisterFromInvitationInput = z.infer<typeof RegisterFromInvitationSchema>;
