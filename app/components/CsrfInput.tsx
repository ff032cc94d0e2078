import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "~/root";

/** Put inside every <Form method="post">: the server rejects mutations without it. */
export function CsrfInput() {
  const data = useRouteLoaderData<typeof loader>("root");
  return <input type="hidden" name="csrf" value={data?.csrf ?? ""} />;
}
