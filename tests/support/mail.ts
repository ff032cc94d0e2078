/** Reads the mails the test server wrote to its mail log (no SMTP_URL in tests). */
import fs from "node:fs";
import { inject } from "vitest";

export interface LoggedMail {
  at: string;
  to: string;
  subject: string;
  text: string;
  /** Notification mails: the HTML alternative and the extra headers (List-Unsubscribe, ...). */
  html?: string;
  headers?: Record<string, string>;
}

function readMails(): LoggedMail[] {
  const file = inject("mailLog");
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LoggedMail);
}

export function mailsTo(to: string) {
  return readMails().filter((m) => m.to === to.toLowerCase());
}

/**
 * Waits for mail number `index` (0-based) to `to`. Some mails are sent after the response
 * (password reset answers before the mail goes out), hence the polling.
 */
export async function waitForMail(to: string, index = 0, timeoutMs = 10_000): Promise<LoggedMail> {
  const started = Date.now();
  for (;;) {
    const mails = mailsTo(to);
    if (mails.length > index) return mails[index];
    if (Date.now() - started > timeoutMs) throw new Error(`No mail #${index + 1} to ${to} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The path of the first link in the mail that starts with `prefix` (e.g. "/invite/"). */
export function linkPath(mail: LoggedMail, prefix: string): string {
  const base = inject("baseUrl");
  const match = mail.text.match(new RegExp(`${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(${prefix}[A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`No ${prefix} link to ${base} in mail: ${mail.text}`);
  return match[1];
}
