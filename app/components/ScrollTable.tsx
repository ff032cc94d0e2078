/**
 * A wide table on a narrow screen: the table scrolls sideways inside a focusable region
 * (keyboard users can scroll it with the arrow keys), and a visible hint says so. With
 * JavaScript the hint shows only while the table really is wider than its box; without it,
 * on narrow screens (CSS).
 */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

export function ScrollTable({ labelledBy, label, children }: { labelledBy?: string; label?: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState<boolean | null>(null);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const check = () => setOverflows(box.scrollWidth > box.clientWidth + 1);
    check();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(check);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  // The hint is generated content (CSS, from data-hint): it is about what the eye sees (a
  // table cut off at the edge), so it is not part of the text a screen reader reads out
  // with the table.
  return (
    <div
      className="scroll-table"
      data-overflows={overflows === null ? undefined : String(overflows)}
      data-hint={`↔ ${t("tableScrollHint")}`}
    >
      <div
        ref={ref}
        className="table-scroll"
        tabIndex={0}
        role="region"
        aria-labelledby={labelledBy}
        aria-label={labelledBy ? undefined : label}
      >
        {children}
      </div>
    </div>
  );
}
