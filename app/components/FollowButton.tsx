/**
 * One follow toggle (decision 020): a real <button aria-pressed> in a small form. Without
 * JavaScript it posts to /follow and the browser comes back to this page; with JavaScript a
 * fetcher posts it in place (the pressed state switches at once) and a status region says
 * what happened. The button's name stays the same ("Følg ...") - aria-pressed carries the
 * state, as WAI-ARIA's toggle button pattern asks. Visitors get a link to log in instead.
 */
import { Button, Link as DsLink } from "@digdir/designsystemet-react";
import { Link, useFetcher, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FollowToggleData } from "~/notifications/follow";
import { CsrfInput } from "./CsrfInput";
import { useHydrated } from "./useHydrated";

export function FollowButton({ follow, name }: { follow: FollowToggleData | null; name: string }) {
  const { t } = useTranslation("notifications");
  const fetcher = useFetcher<{ following: boolean }>();
  const location = useLocation();
  const hydrated = useHydrated();
  const here = location.pathname + location.search;
  if (!follow) {
    return (
      <p className="follow-toggle follow-toggle--visitor no-print">
        <DsLink asChild>
          <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t("follow.login")}</Link>
        </DsLink>
      </p>
    );
  }
  const pending = fetcher.formData?.get("follow");
  const following = pending === "1" ? true : pending === "0" ? false : (fetcher.data?.following ?? follow.following);
  const announced =
    fetcher.state === "idle" && fetcher.data
      ? t(fetcher.data.following ? "follow.nowFollowing" : "follow.noLongerFollowing", { name })
      : "";
  return (
    <fetcher.Form method="post" action="/follow" className="follow-toggle no-print">
      <CsrfInput />
      <input type="hidden" name="targetType" value={follow.targetType} />
      <input type="hidden" name="targetId" value={follow.targetId} />
      <input type="hidden" name="follow" value={following ? "0" : "1"} />
      <input type="hidden" name="redirectTo" value={here} />
      {hydrated ? <input type="hidden" name="via" value="fetcher" /> : null}
      <Button type="submit" variant={following ? "primary" : "secondary"} data-size="sm" aria-pressed={following}>
        <span aria-hidden="true" className="follow-toggle__mark">
          {following ? "✓" : "+"}
        </span>
        {t(`follow.button.${follow.targetType}`)}
        <span className="visually-hidden"> {name}</span>
      </Button>
      <span className="follow-toggle__state" aria-hidden="true">
        {following ? t("follow.following") : null}
      </span>
      <span role="status" className="visually-hidden">
        {announced}
      </span>
    </fetcher.Form>
  );
}
