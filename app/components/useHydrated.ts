import { useEffect, useState } from "react";

let hydrated = false;

/**
 * false during the server render and the first (hydrating) client render, true after.
 * Progressive enhancement: render the no-JavaScript version until this is true.
 */
export function useHydrated() {
  const [isHydrated, setHydrated] = useState(hydrated);
  useEffect(() => {
    hydrated = true;
    setHydrated(true);
  }, []);
  return isHydrated;
}
