import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { setFollow } from "~/models/follow.server";
import { ValidationError } from "~/models/errors";
import { isFollowTargetType } from "~/notifications/follow";
import { getUser, readForm, safeRedirect, toViewer } from "~/utils/auth.server";
import { withDomainErrors } from "~/utils/domain-errors";

/**
 * POST /follow - the follow toggle (app/components/FollowButton.tsx; decision 020).
 * Fields: csrf, targetType (case | challenge_area | organisation), targetId, follow (1 | 0),
 * redirectTo. Without JavaScript the browser is sent back to redirectTo; the button's fetcher
 * adds via=fetcher and gets JSON. A case the user may not see is not found (404); anything
 * malformed is a 400; visitors are sent to log in.
 */
export async function action({ request }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const back = safeRedirect(form.get("redirectTo"));
    const viewer = toViewer(await getUser(request));
    if (!viewer) throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
    // One value per field: a repeated field is as malformed as a missing one.
    const single = (name: string) => (form.getAll(name).length === 1 ? form.get(name) : null);
    const targetType = single("targetType");
    const targetId = single("targetId");
    const follow = single("follow");
    if (!isFollowTargetType(targetType)) throw new ValidationError("targetType", "validation.invalid");
    if (typeof targetId !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(targetId))
      throw new ValidationError("targetId", "validation.invalid");
    if (follow !== "1" && follow !== "0") throw new ValidationError("follow", "validation.invalid");
    const following = await setFollow(viewer, targetType, targetId, follow === "1");
    if (form.get("via") === "fetcher") return json({ following });
    return redirect(back);
  });
}

export function loader() {
  return redirect("/");
}

/**
 * Never shown (the loader and the action redirect). Its presence makes this a page route, so a
 * refused post (400, 404, 403) gets the app's translated error page instead of a bare
 * "Bad Request" text.
 */
export default function Follow() {
  return null;
}
