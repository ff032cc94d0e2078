/**
 * What the case create/edit form offers to choose from. Shaping it for the form (who may
 * own the case, names in the reader's language) is app/presenters/case-form.server.ts.
 */
import { listChallengeAreas } from "~/models/challenge-area.server";
import { db } from "~/utils/db.server";

export interface OrganisationOption {
  id: string;
  name: string;
}

/** Every organisation, by name in Norwegian order (æ, ø, å last). */
export async function listOrganisationsForSelect(): Promise<OrganisationOption[]> {
  const rows = await db().organisation.findMany({ select: { id: true, name: true } });
  const collator = new Intl.Collator("nb-NO");
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/** The organisations and challenge areas a case form can offer. */
export async function listCaseFormChoices() {
  const [organisations, areas] = await Promise.all([listOrganisationsForSelect(), listChallengeAreas()]);
  return { organisations, areas };
}

export type CaseFormChoices = Awaited<ReturnType<typeof listCaseFormChoices>>;
