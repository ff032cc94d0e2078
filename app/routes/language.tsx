import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { updateUserLocale } from "~/models/user.server";
import { getUser, readForm, safeRedirect } from "~/utils/auth.server";
import { isLocale } from "~/utils/i18n";
import { localeCookie } from "~/utils/locale.server";
import { withDomainErrors } from "~/utils/domain-errors";

/** Language switch: remembered in a cookie, and on the profile of a signed-in user. */
export async function action({ request }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    const form = await readForm(request);
    const locale = form.get("locale");
    if (!isLocale(locale)) throw new Response("Unknown language", { status: 400 });
    const user = await getUser(request);
    if (user) await updateUserLocale(user.id, locale);
    return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": localeCookie(locale) } });
  });
}

export function loader() {
  return redirect("/");
}
