import { Link } from "@remix-run/react";

/** Challenge areas as tag links to their area pages (case cards and the case page). */
export function AreaTags({ areas, className, label }: { areas: Array<{ slug: string; name: string }>; className: string; label?: string }) {
  return (
    <ul className={className} aria-label={label}>
      {areas.map((a) => (
        <li key={a.slug}>
          <Link className="tag" to={`/areas/${a.slug}`}>
            {a.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
