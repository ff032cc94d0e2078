/**
 * Digest periods in Norwegian time (Europe/Oslo, daylight saving included), pure. A daily
 * period starts at DIGEST_HOUR every day, a weekly one at DIGEST_HOUR on Mondays. A period's
 * digest holds the notifications created before its start ("boundary") that no earlier mail
 * covered, and is sent at the first scheduler tick at or after the boundary.
 */
export const DIGEST_TIME_ZONE = "Europe/Oslo";

export type DigestFrequency = "DAILY" | "WEEKLY";

export interface DigestPeriod {
  frequency: DigestFrequency;
  /** "2026-12-05" (daily) or "2026-W49" (weekly, ISO week of the Monday). */
  key: string;
  /** When the period started: its digest covers notifications created before this instant. */
  boundary: Date;
}

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: DIGEST_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** The Oslo wall-clock fields of an instant. */
export function osloFields(at: Date) {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, second: +p.second };
}

/** The instant at which Oslo's wall clock shows this date and hour (for a skipped hour: the hour after). */
export function osloTime(year: number, month: number, day: number, hour = 0): Date {
  const wanted = Date.UTC(year, month - 1, day, hour);
  let guess = wanted;
  // Two rounds settle the offset (+1 or +2 h) also next to a daylight-saving change.
  for (let i = 0; i < 2; i++) {
    const f = osloFields(new Date(guess));
    const shown = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
    guess += wanted - shown;
  }
  return new Date(guess);
}

/** Midnight in Oslo of the day `at` falls on: the immediate-mail cap counts from here. */
export function startOfOsloDay(at: Date): Date {
  const f = osloFields(at);
  return osloTime(f.year, f.month, f.day, 0);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Calendar arithmetic on a plain date (no time zone involved). */
function addDays(y: number, m: number, d: number, days: number) {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function isoWeekKey(y: number, m: number, d: number) {
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the week's Thursday decides its year
  const weekYear = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(weekYear, 0, 4));
  const week = 1 + Math.round(((date.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${weekYear}-W${pad(week)}`;
}

/** The period of `frequency` that `now` falls in (its boundary is the latest one at or before now). */
export function currentPeriod(frequency: DigestFrequency, now: Date, hour: number): DigestPeriod {
  const f = osloFields(now);
  let day = { year: f.year, month: f.month, day: f.day };
  if (frequency === "WEEKLY") {
    const weekday = (new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7;
    day = addDays(day.year, day.month, day.day, -weekday);
  }
  let boundary = osloTime(day.year, day.month, day.day, hour);
  if (boundary.getTime() > now.getTime()) {
    day = addDays(day.year, day.month, day.day, frequency === "WEEKLY" ? -7 : -1);
    boundary = osloTime(day.year, day.month, day.day, hour);
  }
  const key = frequency === "WEEKLY" ? isoWeekKey(day.year, day.month, day.day) : `${day.year}-${pad(day.month)}-${pad(day.day)}`;
  return { frequency, key, boundary };
}

/** The period after the current one (what `digest:preview` shows: everything waiting now). */
export function nextPeriod(frequency: DigestFrequency, now: Date, hour: number): DigestPeriod {
  const current = currentPeriod(frequency, now, hour);
  const f = osloFields(current.boundary);
  const day = addDays(f.year, f.month, f.day, frequency === "WEEKLY" ? 7 : 1);
  const boundary = osloTime(day.year, day.month, day.day, hour);
  return currentPeriod(frequency, boundary, hour);
}
