/** Numbers for the facilitators' overview on /admin. */
import { db } from "~/utils/db.server";
import { countOrganisations } from "./organisation.server";
import { getEventBacklog } from "./events.server";

const VISIBILITIES = ["PUBLIC", "MEMBERS", "DRAFT"] as const;

export async function getAdminOverview() {
  const [organisations, users, byVisibility, backlog] = await Promise.all([
    countOrganisations(),
    db().user.count(),
    db().case.groupBy({ by: ["visibility"], where: { deletedAt: null }, _count: { _all: true } }),
    getEventBacklog(),
  ]);
  const counts = Object.fromEntries(byVisibility.map((r) => [r.visibility, r._count._all]));
  const cases = VISIBILITIES.map((visibility) => ({ visibility, count: counts[visibility] ?? 0 }));
  return {
    organisations,
    users,
    cases,
    casesTotal: cases.reduce((sum, c) => sum + c.count, 0),
    /** Waiting domain-event deliveries per consumer. */
    backlog,
  };
}
