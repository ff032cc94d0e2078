import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession, readForm } from "~/utils/auth.server";
import { withDomainErrors } from "~/utils/domain-errors";

/** Logging out deletes the session row, so the old cookie is worthless even if it was copied. */
export async function action({ request }: ActionFunctionArgs) {
  return withDomainErrors(async () => {
    await readForm(request);
    return endSession(request);
  });
}

// Only a POST (with the CSRF token) logs out: a link or an <img> elsewhere must not.
export function loader() {
  return redirect("/");
}
