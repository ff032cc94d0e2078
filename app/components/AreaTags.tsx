import { Tag } from "@digdir/designsystemet-react";
import { Link } from "@remix-run/react";

/** Challenge areas as Designsystemet tags that link to their area pages (case cards and the case page). */
export function AreaTags({ areas, className, label }: { areas: Array<{ slug: string; name: string }>; className: string; label?: string }) {
  return (
    <ul className={className} aria-label={label}>
      {areas.map((a) => (
        <li key={a.slug}>
          <Tag asChild data-color="accent" data-size="sm" className="tag">
            <Link to={`/areas/${a.slug}`}>{a.name}</Link>
          </Tag>
        </li>
      ))}
    </ul>
  );
}
