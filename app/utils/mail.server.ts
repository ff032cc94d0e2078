/**
 * Outgoing e-mail. With SMTP_URL set, mail goes out through that server (nodemailer).
 * Without it (development, tests, a first try-out) each mail is appended as one JSON line
 * to MAIL_LOG and announced on stdout, so links can be copied from there.
 */
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/utils/env.server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

let transport: { url: string; transporter: Transporter } | undefined;

function smtp(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

export async function sendMail(mail: Mail): Promise<void> {
  const { SMTP_URL, MAIL_FROM, MAIL_LOG } = env();
  if (SMTP_URL) {
    await smtp(SMTP_URL).sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    return;
  }
  await fs.mkdir(path.dirname(MAIL_LOG), { recursive: true });
  const line = JSON.stringify({ at: new Date().toISOString(), to: mail.to, subject: mail.subject, text: mail.text });
  await fs.appendFile(MAIL_LOG, line + "\n", "utf8");
  process.stdout.write(`[løsningsbanken] Mail to ${mail.to} ("${mail.subject}") written to ${MAIL_LOG} (no SMTP_URL set)\n`);
}
