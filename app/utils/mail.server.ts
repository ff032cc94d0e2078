/**
 * Outgoing e-mail. With SMTP_URL set, mail goes out through that server (nodemailer).
 * Without it (development, tests, a first try-out) each mail is appended as one JSON line
 * to MAIL_LOG (mode 0600: it holds reset links) and announced in the log (without the
 * address), so links can be copied from there. Sent and failed mails are counted (/metrics).
 *
 * A mail may carry an HTML alternative and extra headers (the notification mails: List-Unsubscribe
 * and List-Unsubscribe-Post, RFC 8058). Over SMTP it then goes out as multipart/alternative
 * (text first, HTML second); in the mail log the line holds `html` and `headers` too.
 */
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/utils/env.server";
import { getLogger, withoutEmailAddresses } from "~/utils/logger.server";
import { countMailFailed, countMailSent } from "~/utils/metrics.server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The same content as HTML (a complete document); sent as the multipart alternative. */
  html?: string;
  /** Extra header lines, e.g. List-Unsubscribe. Names are case-insensitive; values single-line. */
  headers?: Record<string, string>;
}

export const MAIL_LOG_MODE = 0o600;

let transport: { url: string; transporter: Transporter } | undefined;

function smtp(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

export async function sendMail(mail: Mail): Promise<void> {
  const transport = env().SMTP_URL ? "smtp" : "file";
  try {
    await deliver(mail);
  } catch (error) {
    countMailFailed(transport);
    getLogger("mail").warn(
      `Mail ("${mail.subject}") could not be sent: ${withoutEmailAddresses(error instanceof Error ? error.message : String(error))}`,
    );
    throw error;
  }
  countMailSent(transport);
}

async function deliver(mail: Mail): Promise<void> {
  const { SMTP_URL, MAIL_FROM, MAIL_LOG } = env();
  if (SMTP_URL) {
    await smtp(SMTP_URL).sendMail({
      from: MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      ...(mail.headers ? { headers: mail.headers } : {}),
    });
    return;
  }
  await fs.mkdir(path.dirname(MAIL_LOG), { recursive: true });
  const line = JSON.stringify({
    at: new Date().toISOString(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    ...(mail.headers ? { headers: mail.headers } : {}),
  });
  // The log holds password-reset and invitation links: readable by its owner only (0600),
  // also when it was created earlier with a wider mode.
  const file = await fs.open(MAIL_LOG, "a", MAIL_LOG_MODE);
  try {
    if (((await file.stat()).mode & 0o777) !== MAIL_LOG_MODE) await file.chmod(MAIL_LOG_MODE);
    await file.appendFile(line + "\n", "utf8");
  } finally {
    await file.close();
  }
  // No address in the log (personal data); the mail itself is in MAIL_LOG.
  getLogger("mail").info(`Mail ("${mail.subject}") written to ${MAIL_LOG} (no SMTP_URL set)`);
}
