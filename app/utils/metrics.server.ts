/**
 * Counters that code anywhere in the app increments (mail, live-document stores). They live
 * in prom-client's default registry, which every module graph of the process shares (the
 * Remix build and server/ import the same prom-client), so each counter is looked up by name
 * and created once - this file itself exists once per graph. The rest of /metrics (request
 * latency, backlogs, live documents, process metrics) is defined in server/observability.ts.
 * See docs/operations.md for the list.
 */
import { Counter, register } from "prom-client";

function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}

export type MailTransport = "smtp" | "file";

const mailSent = () =>
  counter("lb_mail_sent_total", "Mails handed to the SMTP server (or written to MAIL_LOG without SMTP_URL).", ["transport"]);
const mailFailed = () => counter("lb_mail_failed_total", "Mails that could not be sent (or written).", ["transport"]);
const liveStoreFailures = () =>
  counter("lb_collab_store_failures_total", "Failed attempts to store a live document (each is retried with backoff).");

export function countMailSent(transport: MailTransport) {
  mailSent().inc({ transport });
}

export function countMailFailed(transport: MailTransport) {
  mailFailed().inc({ transport });
}

export function countLiveStoreFailure() {
  liveStoreFailures().inc();
}

const logErrors = () =>
  counter("lb_log_errors_total", "Log lines at level error or fatal (each is a bug or an outage worth a look).", ["level"]);

export function countErrorLogged(level: "error" | "fatal") {
  logErrors().inc({ level });
}

/** Error and fatal lines logged so far in this process (tests/support/setup.ts fails a test file that logged one). */
export async function errorsLogged(): Promise<number> {
  const values = (await logErrors().get()).values;
  return values.reduce((sum, v) => sum + v.value, 0);
}

/** Creates the counters at 0 (a counter that appears only at its first increment is hard to alert on). */
export function defineAppCounters() {
  for (const transport of ["smtp", "file"] as const) {
    mailSent().labels({ transport }).inc(0);
    mailFailed().labels({ transport }).inc(0);
  }
  liveStoreFailures().inc(0);
  for (const level of ["error", "fatal"] as const) logErrors().labels({ level }).inc(0);
}
