import { z } from "zod";
import { MAIL_FREQUENCIES, NOTIFICATION_KINDS, type MailFrequency, type NotificationKind } from "~/notifications/kinds";

const frequency = z.enum(MAIL_FREQUENCIES, { message: "mail:settings.invalid" });

/** The settings form: one frequency per notification kind (every kind must be present). */
export const NotificationSettingsSchema = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, frequency])) as Record<NotificationKind, typeof frequency>,
);

/** The unsubscribe page's "undo": frequencies for some kinds only. */
export const FrequencyPatchSchema = z
  .object(
    Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, frequency.optional()])) as Record<
      NotificationKind,
      z.ZodOptional<typeof frequency>
    >,
  )
  .transform(
    (values) =>
      Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Record<NotificationKind, MailFrequency>>,
  );
