/**
 * Focus and announcement after client-side navigation (issue 15, defect 5; WCAG 2.4.3 and
 * 4.1.3). A full page load starts at the top of the document as browsers do; after a
 * navigation inside the app the browser does not move focus at all, so a keyboard or screen
 * reader user would stay on the old link (or on nothing, if it disappeared). Here, once a
 * navigation to ANOTHER page has rendered:
 * - focus moves to the new page's h1 (made focusable with tabindex -1), or <main> if it has none;
 * - the page's title is announced in a polite live region.
 * Nothing happens on the first load, for changes of the same page (search filters, pages of
 * results, a form sent back with errors: the error summary takes focus itself), or when
 * something in <main> has already taken focus.
 */
import { useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

export function RouteFocus() {
  const { pathname } = useLocation();
  const previous = useRef<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    const before = previous.current;
    previous.current = pathname;
    if (before === null || before === pathname) return;
    // One frame later: the new page's effects (an error summary taking focus) and its <title> are in.
    const frame = requestAnimationFrame(() => {
      const main = document.getElementById("main");
      if (!main) return;
      const active = document.activeElement;
      const somethingInPageHasFocus = !!active && active !== main && main.contains(active);
      if (!somethingInPageHasFocus) {
        const heading = main.querySelector<HTMLElement>("h1");
        const target = heading ?? main;
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus();
      }
      setAnnouncement(document.title);
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);

  return (
    <div className="ds-sr-only" aria-live="polite" aria-atomic="true" data-route-announcer="">
      {announcement}
    </div>
  );
}
