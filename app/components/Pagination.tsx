/**
 * Page links for long lists (?page=N): Designsystemet's Pagination with real links, so it
 * works without JavaScript. Rendered asChild on a <nav> with its own label (the DS custom
 * element would get its landmark role only once JavaScript runs). The window of pages comes
 * from DS's usePagination; the current page is marked aria-current="page".
 */
import { Button, Pagination as DsPagination, usePagination } from "@digdir/designsystemet-react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function Pagination({ page, totalPages, hrefFor }: { page: number; totalPages: number; hrefFor: (page: number) => string }) {
  const { t } = useTranslation("home");
  const { pages } = usePagination({
    currentPage: page,
    totalPages,
    showPages: 7,
  });
  if (totalPages <= 1) return null;
  return (
    <DsPagination asChild>
      <nav className="pagination" aria-label={t("pagination.label")}>
        <DsPagination.List>
          <DsPagination.Item>
            {page > 1 ? (
              <Button asChild variant="tertiary">
                <Link to={hrefFor(page - 1)} rel="prev">
                  {t("pagination.previous")}
                </Link>
              </Button>
            ) : (
              <span aria-hidden="true" />
            )}
          </DsPagination.Item>
          {pages.map(({ page: p, itemKey }) => (
            <DsPagination.Item key={itemKey}>
              {typeof p === "number" ? (
                <Button asChild variant={p === page ? "primary" : "tertiary"}>
                  <Link to={hrefFor(p)} aria-label={t("pagination.page", { page: p })} aria-current={p === page ? "page" : undefined}>
                    {p}
                  </Link>
                </Button>
              ) : (
                <span className="pagination__gap" aria-hidden="true">
                  …
                </span>
              )}
            </DsPagination.Item>
          ))}
          <DsPagination.Item>
            {page < totalPages ? (
              <Button asChild variant="tertiary">
                <Link to={hrefFor(page + 1)} rel="next">
                  {t("pagination.next")}
                </Link>
              </Button>
            ) : (
              <span aria-hidden="true" />
            )}
          </DsPagination.Item>
        </DsPagination.List>
      </nav>
    </DsPagination>
  );
}
