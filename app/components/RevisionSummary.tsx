/** What happened in a revision and who did it, as shown in the history list and on a revision. */
import { Link as DsLink } from "@digdir/designsystemet-react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

interface RevisionLike {
  kind: "CREATE" | "EDIT" | "LIVE" | "RESTORE" | "DELETE";
  restoredFrom: { id: string; at: string | null } | null;
}

/** "Edited in the form", "Restored from the version of 3 March 2026 at 14:05", ... */
export function revisionWhatText(t: (key: string, vars?: Record<string, unknown>) => string, r: RevisionLike) {
  if (r.kind === "RESTORE") return r.restoredFrom?.at ? t("kind.RESTORE", { date: r.restoredFrom.at }) : t("kind.RESTORE_unknown");
  return t(`kind.${r.kind}`);
}

/** The kind of change; a restore links to the version it brought back when `slug` is given. */
export function RevisionWhat({ revision, slug }: { revision: RevisionLike; slug?: string }) {
  const { t } = useTranslation("history");
  const text = revisionWhatText(t, revision);
  if (slug && revision.kind === "RESTORE" && revision.restoredFrom?.at) {
    return (
      <DsLink asChild>
        <Link to={`/cases/${slug}/history/${revision.restoredFrom.id}`}>{text}</Link>
      </DsLink>
    );
  }
  return <>{text}</>;
}

export function peopleText(t: (key: string) => string, people: string[]) {
  return people.length ? people.join(", ") : t("people.unknown");
}

export function RevisionPeople({ people }: { people: string[] }) {
  const { t } = useTranslation("history");
  if (people.length <= 1) return <>{peopleText(t, people)}</>;
  return (
    <ul className="history__people">
      {people.map((name, i) => (
        <li key={`${i}-${name}`}>{name}</li>
      ))}
    </ul>
  );
}
