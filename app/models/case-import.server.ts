/**
 * Imports case write-ups (docs/import-format.md). All or nothing: every file is parsed
 * and every case resolved and validated first; only when there is not a single problem
 * are the cases written, all in ONE transaction through createCase (so each gets its
 * first revision and a search-outbox row, like a case made in the editor).
 */
import { parseDoc } from "~/editor/render.server";
import { SECTION_KEYS } from "~/editor/sections";
import { closest, parseCaseFile, type ImportIssue, type ParsedCase, type SourcePath } from "~/schemas/case-import";
import { CaseInputSchema, type CaseInput } from "~/schemas/case";
import { db } from "~/utils/db.server";
import { createCase, slugify } from "./case.server";

export interface ImportSource {
  /** Shown in messages as given (e.g. relative to the working directory). */
  file: string;
  text: string;
}

export interface FileReport {
  file: string;
  /** Cases found in the file (valid or not). */
  cases: number;
  titles: string[];
  issues: ImportIssue[];
}

export interface ImportResult {
  files: FileReport[];
  /** Problems not tied to a file (e.g. an unknown --as user). */
  generalIssues: string[];
  issueCount: number;
  validCases: number;
  imported: Array<{ id: string; slug: string; title: string; file: string }>;
}

export interface ImportOptions {
  dryRun?: boolean;
  /** E-mail of the user recorded as author (createdBy) of every imported case. */
  actorEmail?: string | null;
  allowDuplicates?: boolean;
}

/** Messages of CaseInputSchema are translation keys; the importer speaks plain English. */
const SCHEMA_MESSAGES: Record<string, string> = {
  "validation.required": "is required",
  "validation.tooLong": "is too long",
  "validation.number": "must be a number, e.g. 12.5 or 12,5",
  "validation.email": "must be a valid e-mail address",
  "validation.invalid": "is not valid",
  "validation.chooseOne": "needs at least one entry",
  "cases:errors.month": 'must be a month between 1990 and 2100, e.g. "2023-09", "09.2023" or "september 2023"',
  "cases:errors.summaryShort": "must be at least 10 characters",
  "cases:errors.periodOrder": "is before the start of the period",
  "cases:errors.section": "is not a valid section",
  "cases:errors.sectionTooLong": "is too long (at most 20,000 characters per section)",
  "cases:errors.sectionTooComplex": "has too many paragraphs or links, or is nested too deeply",
  "cases:errors.owner": "is required",
  "reuse:errors.number.cost": 'must be an amount in NOK, e.g. 1200000, "1 200 000", "kr 250 000" or "1,5 mill."',
  "reuse:errors.number.effort": 'must be a number of person-months, e.g. 6 or "1,5"',
  "reuse:errors.number.duration": "must be a whole number of months, e.g. 18",
  "reuse:errors.number.inhabitants": 'must be a number of inhabitants, e.g. 25000 or "25 000"',
  "reuse:errors.negative": "cannot be negative",
  "reuse:errors.oneDecimal": "may have at most one decimal",
  "reuse:errors.wholeNumber": "must be a whole number",
  "reuse:errors.max.cost": "is too large (at most 1 000 000 000 NOK)",
  "reuse:errors.max.effort": "is too large (at most 10 000 person-months)",
  "reuse:errors.max.duration": "is too large (at most 600 months)",
  "reuse:errors.max.inhabitants": "is too large (at most 10 000 000 inhabitants)",
  "reuse:errors.min.inhabitants": "must be at least 1",
  "reuse:errors.url": "must be a full http:// or https:// address",
  "reuse:errors.urlRequired": "needs the report's address (url)",
  "reuse:errors.tooManyLinks": "has too many links (at most 10)",
};

/** CaseInputSchema field -> where the author wrote it. */
function sourcePathOf(schemaPath: PropertyKey[]): SourcePath {
  const [head, ...rest] = schemaPath.map((p) => (typeof p === "symbol" ? String(p) : p)) as Array<string | number>;
  switch (head) {
    case "periodStart":
      return ["period", "start"];
    case "periodEnd":
      return ["period", "end"];
    case "ownerOrganisationId":
      return ["owner"];
    case "coOwnerIds":
      return ["coOwners", ...rest];
    case "challengeAreaIds":
      return ["challengeAreas"];
    case "contactName":
      return ["contact", "name"];
    case "contactRole":
      return ["contact", "role"];
    case "contactEmail":
      return ["contact", "email"];
    case "costOneOffNok":
    case "costYearlyNok":
    case "effortPersonMonths":
    case "durationMonths":
    case "inhabitants":
    case "targetGroup":
    case "prerequisites":
    case "reportLinks":
      return ["facts", head, ...rest];
    default:
      return [head, ...rest];
  }
}

const norm = (s: string) => s.toLowerCase().normalize("NFC").replace(/\s+/g, " ").trim();

type Org = { id: string; slug: string; name: string; kind: string; kommunenummer: string | null };
type Area = { id: string; slug: string; nameNb: string; nameEn: string };

function organisationResolver(orgs: Org[]) {
  const names = orgs.map((o) => o.name);
  return (value: string): { id: string } | { error: string } => {
    const v = norm(value);
    const bySlug = orgs.find((o) => o.slug === v);
    if (bySlug) return bySlug;
    if (/^\d{1,4}$/.test(v)) {
      const nr = v.padStart(4, "0");
      const matches = orgs.filter((o) => o.kommunenummer === nr);
      // A kommunenummer can be shared with bydeler; the kommune itself wins.
      const pick = matches.find((o) => o.kind === "KOMMUNE") ?? (matches.length === 1 ? matches[0] : undefined);
      if (pick) return pick;
      return { error: `"${value}" is not the kommunenummer of a known organisation` };
    }
    const byName = orgs.filter((o) => norm(o.name) === v);
    if (byName.length === 1) return byName[0];
    if (byName.length > 1)
      return { error: `"${value}" matches ${byName.length} organisations; use the slug (${byName.map((o) => o.slug).join(", ")})` };
    const guess =
      closest(value, names) ??
      closest(
        value,
        orgs.map((o) => o.slug),
      );
    return {
      error: `"${value}" is not a known organisation${guess ? ` (did you mean "${guess}"?)` : "; use its name, slug or kommunenummer"}`,
    };
  };
}

function areaResolver(areas: Area[]) {
  return (value: string): { id: string } | { error: string } => {
    const v = norm(value);
    const found = areas.find((a) => a.slug === v || norm(a.nameNb) === v || norm(a.nameEn) === v || a.slug === slugify(value));
    if (found) return found;
    const guess =
      closest(
        value,
        areas.flatMap((a) => [a.nameNb, a.slug]),
      ) ?? (v.length >= 3 ? (areas.find((a) => norm(a.nameNb).startsWith(v) || norm(a.nameEn).startsWith(v))?.nameNb ?? null) : null);
    return {
      error: `"${value}" is not a known challenge area${guess ? ` (did you mean "${guess}"?)` : areas.length ? `; known: ${areas.map((a) => a.slug).join(", ")}` : " (there are no challenge areas yet)"}`,
    };
  };
}

interface Prepared {
  parsed: ParsedCase;
  input: CaseInput;
}

export async function importCases(sources: ImportSource[], options: ImportOptions = {}): Promise<ImportResult> {
  const [orgs, areas] = await Promise.all([
    db().organisation.findMany({ select: { id: true, slug: true, name: true, kind: true, kommunenummer: true } }),
    db().challengeArea.findMany({ select: { id: true, slug: true, nameNb: true, nameEn: true } }),
  ]);
  const resolveOrg = organisationResolver(orgs);
  const resolveArea = areaResolver(areas);

  const reports: FileReport[] = [];
  const prepared: Prepared[] = [];

  for (const source of sources) {
    const parsedFile = parseCaseFile(source.file, source.text);
    const issues = [...parsedFile.issues];
    const report: FileReport = { file: source.file, cases: parsedFile.cases.length, titles: [], issues };
    reports.push(report);
    for (const parsed of parsedFile.cases) {
      const { draft } = parsed;
      report.titles.push(draft.title ?? "(no title)");
      const caseIssues: ImportIssue[] = [];
      const add = (path: SourcePath, message: string) =>
        caseIssues.push({ file: parsed.file, line: parsed.lineOf(path), path: parsed.label(path), message });
      const already = new Set(issues.map((i) => i.path));

      let ownerId = "";
      if (draft.owner) {
        const r = resolveOrg(draft.owner);
        if ("error" in r) add(["owner"], r.error);
        else ownerId = r.id;
      } else {
        add(["owner"], "is required: the organisation's name, slug or kommunenummer");
      }
      const coOwnerIds: string[] = [];
      draft.coOwners.forEach((value, i) => {
        const r = resolveOrg(value);
        if ("error" in r) add(["coOwners", i], r.error);
        else coOwnerIds.push(r.id);
      });
      const challengeAreaIds: string[] = [];
      draft.challengeAreas.forEach((value, i) => {
        const r = resolveArea(value);
        if ("error" in r) add(["challengeAreas", i], r.error);
        else challengeAreaIds.push(r.id);
      });

      const parsedInput = CaseInputSchema.safeParse({
        title: draft.title,
        summary: draft.summary,
        sections: Object.fromEntries(SECTION_KEYS.map((k) => [k, draft.sections[k]])),
        status: draft.status,
        visibility: draft.visibility,
        contentLanguage: draft.language,
        periodStart: draft.periodStart,
        periodEnd: draft.periodEnd,
        ownerOrganisationId: ownerId || "unresolved",
        coOwnerIds,
        challengeAreaIds: draft.challengeAreas.length && !challengeAreaIds.length ? ["unresolved"] : challengeAreaIds,
        contactName: draft.contact.name,
        contactRole: draft.contact.role,
        contactEmail: draft.contact.email,
        results: draft.results,
        ...draft.facts,
      });
      if (!parsedInput.success) {
        for (const issue of parsedInput.error.issues) {
          const path = sourcePathOf(issue.path);
          const label = parsed.label(path);
          if (already.has(label) || caseIssues.some((i) => i.path === label)) continue; // reported more precisely already
          add(path, SCHEMA_MESSAGES[issue.message] ?? issue.message);
        }
      } else {
        for (const key of SECTION_KEYS) {
          try {
            parseDoc(parsedInput.data.sections[key]);
          } catch (error) {
            add(["sections", key], `is not a valid document for the case editor: ${(error as Error).message}`);
          }
        }
        if (!caseIssues.length) prepared.push({ parsed, input: parsedInput.data });
      }
      issues.push(...caseIssues);
    }
  }

  if (!options.allowDuplicates) await reportDuplicates(prepared, reports);
  for (const r of reports) r.issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

  const generalIssues: string[] = [];
  let actorId: string | null = null;
  if (options.actorEmail) {
    const user = await db().user.findUnique({ where: { email: options.actorEmail.trim().toLowerCase() }, select: { id: true } });
    if (user) actorId = user.id;
    else generalIssues.push(`--as: no user with the e-mail "${options.actorEmail}"`);
  }

  const issueCount = reports.reduce((n, r) => n + r.issues.length, 0) + generalIssues.length;
  const clean = new Set(reports.filter((r) => !r.issues.length).map((r) => r.file));
  const validCases = prepared.filter((p) => clean.has(p.parsed.file)).length;
  const result: ImportResult = { files: reports, generalIssues, issueCount, validCases, imported: [] };
  if (issueCount || options.dryRun || !prepared.length) return result;

  const created = await db().$transaction(
    async (tx) => {
      const out: ImportResult["imported"] = [];
      for (const p of prepared) {
        const c = await createCase(p.input, actorId, { tx });
        out.push({ id: c.id, slug: c.slug, title: c.title, file: p.parsed.file });
      }
      return out;
    },
    { timeout: 60_000 + prepared.length * 2_000, maxWait: 30_000 },
  );
  result.imported = created;
  return result;
}

/** Same title for the same owner: already in the library, or twice in this import. */
async function reportDuplicates(prepared: Prepared[], reports: FileReport[]) {
  const issueFor = (p: Prepared, message: string) => {
    reports
      .find((r) => r.file === p.parsed.file)!
      .issues.push({ file: p.parsed.file, line: p.parsed.lineOf(["title"]), path: p.parsed.label(["title"]), message });
  };
  const existing = await db().case.findMany({
    where: { deletedAt: null, ownerOrganisationId: { in: [...new Set(prepared.map((p) => p.input.ownerOrganisationId))] } },
    select: { title: true, slug: true, ownerOrganisationId: true },
  });
  const inLibrary = new Map(existing.map((c) => [`${c.ownerOrganisationId}\u0001${norm(c.title)}`, c.slug]));
  const inBatch = new Map<string, Prepared>();
  const duplicates = new Set<Prepared>();
  for (const p of prepared) {
    const key = `${p.input.ownerOrganisationId}\u0001${norm(p.input.title)}`;
    const slug = inLibrary.get(key);
    const earlier = inBatch.get(key);
    if (slug) {
      issueFor(p, `this owner already has a case called "${p.input.title}" (/cases/${slug}); use --allow-duplicates to import it anyway`);
      duplicates.add(p);
    } else if (earlier) {
      issueFor(
        p,
        `"${p.input.title}" for the same owner is also in ${earlier.parsed.file}:${earlier.parsed.lineOf(["title"])}; use --allow-duplicates to import both`,
      );
      duplicates.add(p);
    } else {
      inBatch.set(key, p);
    }
  }
  for (let i = prepared.length - 1; i >= 0; i--) if (duplicates.has(prepared[i])) prepared.splice(i, 1);
}
