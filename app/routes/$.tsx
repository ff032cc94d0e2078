/**
 * Any address no other route matches. Without this route Remix answers such a URL with
 * the root error boundary WITHOUT running the root loader: the 404 page came out in
 * bokmål whatever language was chosen, and showed a signed-in user as logged out.
 * Throwing from a loader here renders the same root error boundary, with the root data.
 */
export function loader() {
  throw new Response("Not found", { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}
