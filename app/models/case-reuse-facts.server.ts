/**
 * The facts for reuse as stored on a Case row (docs/decisions/018-reuse-facts.md): how
 * validated input becomes column data, how a row becomes its revision snapshot, and how a
 * snapshot (possibly from before the facts existed) becomes input again for a restore.
 * Only case.server.ts calls these, inside its one write path (writeCaseContent / createCase).
 */
import { storedReportLinks, type ReportLink, type ReuseFacts } from "~/schemas/reuse-facts";
import type { Prisma } from "~/utils/db.server";

interface ReuseFactColumns {
  costOneOffNok: number | null;
  costYearlyNok: number | null;
  effortPersonMonths: { toString(): string } | null;
  durationMonths: number | null;
  inhabitants: number | null;
  targetGroup: string | null;
  prerequisites: string | null;
  reportLinks: unknown;
}

/** Validated facts -> the columns of Case (an input built without facts clears them). */
export function reuseFactsData(input: Partial<ReuseFacts>) {
  return {
    costOneOffNok: input.costOneOffNok ?? null,
    costYearlyNok: input.costYearlyNok ?? null,
    effortPersonMonths: input.effortPersonMonths ?? null,
    durationMonths: input.durationMonths ?? null,
    inhabitants: input.inhabitants ?? null,
    targetGroup: input.targetGroup ?? null,
    prerequisites: input.prerequisites ?? null,
    reportLinks: (input.reportLinks ?? []).map((l) => ({ title: l.title, url: l.url })) as unknown as Prisma.InputJsonValue,
  };
}

/** What a revision snapshot keeps of the facts (the decimal as a string, like result values). */
export interface ReuseFactsSnapshot {
  costOneOffNok: number | null;
  costYearlyNok: number | null;
  effortPersonMonths: string | null;
  durationMonths: number | null;
  inhabitants: number | null;
  targetGroup: string | null;
  prerequisites: string | null;
  reportLinks: ReportLink[];
}

export function reuseFactsSnapshot(c: ReuseFactColumns): ReuseFactsSnapshot {
  return {
    costOneOffNok: c.costOneOffNok,
    costYearlyNok: c.costYearlyNok,
    effortPersonMonths: c.effortPersonMonths?.toString() ?? null,
    durationMonths: c.durationMonths,
    inhabitants: c.inhabitants,
    targetGroup: c.targetGroup,
    prerequisites: c.prerequisites,
    reportLinks: storedReportLinks(c.reportLinks),
  };
}

/** A snapshot's facts as case input; snapshots written before the facts existed have none. */
export function reuseFactsInputOfSnapshot(snap: Partial<ReuseFactsSnapshot>): ReuseFacts {
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  const text = (v: unknown) => (typeof v === "string" && v ? v : null);
  const effort = typeof snap.effortPersonMonths === "string" ? Number(snap.effortPersonMonths) : null;
  return {
    costOneOffNok: num(snap.costOneOffNok),
    costYearlyNok: num(snap.costYearlyNok),
    effortPersonMonths: effort !== null && Number.isFinite(effort) ? effort : null,
    durationMonths: num(snap.durationMonths),
    inhabitants: num(snap.inhabitants),
    targetGroup: text(snap.targetGroup),
    prerequisites: text(snap.prerequisites),
    reportLinks: storedReportLinks(snap.reportLinks),
  };
}
