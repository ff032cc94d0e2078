/**
 * What an error page says for a status: its own title (also the <title>), an optional
 * "what to do next" line and the links it offers. Shared by the app's ErrorPanel and the
 * transport's plain error page (app/utils/http-guard.server.ts), so both say the same.
 * A signed-in user in no organisation is told how to join one (not to ask "your organisation").
 * A 404 reads the same whether a thing is hidden or missing: nothing reveals existence.
 */
export type ErrorTitleKey =
  | "title"
  | "titleNotFound"
  | "titleForbidden"
  | "titleUnauthorized"
  | "titleBadRequest"
  | "titleConflict"
  | "titleCsrf"
  | "titleUnexpected";
export type ErrorNextKey =
  "notFoundNext" | "forbiddenNext" | "forbiddenNoOrganisation" | "forbiddenLoggedOut" | "badRequestNext" | "unexpectedNext";
export type ErrorLink = "home" | "search" | "login";

export interface ErrorCopy {
  title: ErrorTitleKey;
  next: ErrorNextKey | null;
  links: ErrorLink[];
}

export function errorCopy(status: number, options: { csrf?: boolean; loggedIn?: boolean; noOrganisation?: boolean } = {}): ErrorCopy {
  const login: ErrorLink[] = options.loggedIn ? [] : ["login"];
  if (status === 404) return { title: "titleNotFound", next: "notFoundNext", links: ["home", "search", ...login] };
  if (status === 403 && options.csrf) return { title: "titleCsrf", next: null, links: ["home"] };
  if (status === 403) {
    return {
      title: "titleForbidden",
      next: !options.loggedIn ? "forbiddenLoggedOut" : options.noOrganisation ? "forbiddenNoOrganisation" : "forbiddenNext",
      links: ["home", "search", ...login],
    };
  }
  if (status === 401) return { title: "titleUnauthorized", next: null, links: ["home", ...login] };
  if (status === 400) return { title: "titleBadRequest", next: "badRequestNext", links: ["home", "search"] };
  if (status === 409) return { title: "titleConflict", next: null, links: ["home"] };
  if (status >= 500) return { title: "titleUnexpected", next: "unexpectedNext", links: ["home", "search"] };
  return { title: "title", next: null, links: ["home"] };
}
