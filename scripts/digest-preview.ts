/**
 * `npm run digest:preview -- --email <address> [--weekly] [--html]`: prints the digest the
 * user would get at the next daily (or weekly) digest time if nothing else happened - every
 * notification waiting for it now, visibility checked as at sending - without sending it or
 * marking anything (docs/decisions/021-mail-and-digests.md). Exit code: 0 printed (also
 * "nothing to send"), 1 no such user or an error, 2 wrong arguments.
 */
import { parseArgs } from "node:util";
import { ScriptError, withDatabase } from "./lib/database";

const USAGE = `Usage: npm run digest:preview -- --email <address> [--weekly] [--html]

Prints the user's next digest (plain text) without sending it.
  --email <address>  the user
  --weekly           the weekly digest (default: the daily one)
  --html             print the HTML version instead of the text`;

const log = (line: string) => process.stderr.write(`${line}\n`);
const out = (line: string) => process.stdout.write(`${line}\n`);

let args;
try {
  args = parseArgs({
    options: {
      email: { type: "string" },
      weekly: { type: "boolean" },
      html: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (args.values.help) {
  out(USAGE);
  process.exit(0);
}
if (!args.values.email) {
  process.stderr.write(`--email is required.\n\n${USAGE}\n`);
  process.exit(2);
}
const email = args.values.email;
const frequency = args.values.weekly ? "WEEKLY" : "DAILY";

let code = 0;
try {
  await withDatabase(
    async () => {
      const { db } = await import("../app/utils/db.server");
      const { env } = await import("../app/utils/env.server");
      const { normaliseEmail } = await import("../app/models/user.server");
      const { buildDigest } = await import("../app/models/notification-mail.server");
      const { nextPeriod, osloFields } = await import("../app/notifications/digest-periods");
      const user = await db().user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true } });
      if (!user) throw new ScriptError(`No user with the e-mail address ${email}.`);
      const now = new Date();
      const period = nextPeriod(frequency, now, env().DIGEST_HOUR);
      // Read-only: the transaction only gives the reads one consistent view; nothing is written.
      const digest = await db().$transaction((tx) => buildDigest(tx, user.id, frequency, now, now));
      const at = osloFields(period.boundary);
      const when = `${at.year}-${String(at.month).padStart(2, "0")}-${String(at.day).padStart(2, "0")} ${String(at.hour).padStart(2, "0")}:00 Europe/Oslo`;
      log(
        `Next ${frequency.toLowerCase()} digest (period ${period.key}, due ${when}): ${digest?.items.length ?? 0} notification(s)` +
          `${digest?.hiddenIds.length ? `, ${digest.hiddenIds.length} left out (not visible to the user now)` : ""}.`,
      );
      if (!digest?.mail) {
        log("Nothing to send: no digest would go out.");
        return;
      }
      out(`To: ${digest.mail.to}`);
      out(`Subject: ${digest.mail.subject}`);
      out("");
      out(args.values.html ? (digest.mail.html ?? "") : digest.mail.text);
    },
    { log },
  );
} catch (error) {
  code = 1;
  process.stderr.write(`${error instanceof ScriptError ? error.message : ((error as Error).stack ?? String(error))}\n`);
}
process.exit(code);
