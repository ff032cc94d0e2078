/**
 * The kinds of notification a user can get (issue 11), and how often each is e-mailed unless
 * the user chose otherwise. Pure: shared by the notifications consumer (which creates
 * Notification rows), the mail consumer (immediate mails and digests), the settings page and
 * the notifications page.
 */
export const NOTIFICATION_KINDS = [
  /** A new case was published in a challenge area or organisation the user follows. */
  "case_published",
  /** A followed case got a new revision with changed content (form save, restore, live periodic revision). */
  "case_revised",
  /** A case the user's organisation owns was adapted by another organisation (told once the adaptation is visible). */
  "case_adapted",
  /** A new question on a case the user owns (contact person, owner's editors) or follows. */
  "question",
  /** An answer to the user's question, or on a case the user follows. */
  "answer",
  /** The user was invited to an organisation. */
  "invitation",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const MAIL_FREQUENCIES = ["IMMEDIATE", "DAILY", "WEEKLY", "OFF"] as const;
export type MailFrequency = (typeof MAIL_FREQUENCIES)[number];

/** Sensible defaults: what needs an answer comes at once, the news in digests. */
export const DEFAULT_MAIL_FREQUENCY: Record<NotificationKind, MailFrequency> = {
  case_published: "DAILY",
  case_revised: "WEEKLY",
  case_adapted: "IMMEDIATE",
  question: "IMMEDIATE",
  answer: "IMMEDIATE",
  invitation: "IMMEDIATE",
};

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
