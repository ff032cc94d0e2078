/**
 * /search: full-text search over the cases the viewer may see, with facets. The URL holds
 * the whole state (app/schemas/search.ts). Without JavaScript it is a plain GET form; with
 * JavaScript results follow the typing (debounced, the URL replaced, older requests
 * cancelled by the router) and ticking a filter or changing the sort navigates at once
 * (a history entry, so the back button undoes it).
 *
 * Highlighted titles and snippets arrive as HTML that the server has escaped (only <mark>
 * is markup): they are the only fields rendered with dangerouslySetInnerHTML.
 */
import { json, redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import {
  Alert,
  Button,
  ChipButton,
  ChipRemovable,
  Field,
  Fieldset,
  FieldsetLegend,
  Input,
  Label,
  Search,
  SearchButton,
  SearchClear,
  SearchInput,
  Select,
  Tag,
  Paragraph,
} from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { caseLabel } from "~/components/CaseCard";
import { reuseFacetLabel } from "~/components/CaseReuseFacts";
import { useSuggestionTexts } from "~/components/OrganisationPicker";
import { Pagination } from "~/components/Pagination";
import { useHydrated } from "~/components/useHydrated";
import { listChallengeAreasForSearch } from "~/models/challenge-area.server";
import { searchCases } from "~/models/search.server";
import { areaSlugsShown, presentSearchResults } from "~/presenters/search.server";
import {
  FACET_PARAMS,
  noFilters,
  SEARCH_PAGE_SIZE,
  parseSearchState,
  searchHref,
  toEngineParams,
  withoutFilter,
  type FacetParam,
  type SearchState,
} from "~/schemas/search";
import { getUser, toViewer } from "~/utils/auth.server";
import { resolveLocale } from "~/utils/locale.server";
import searchStyles from "~/styles/search.css";
import { hasSearchWords } from "../../search/types";
import { withDomainErrors } from "~/utils/domain-errors";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: searchStyles }];

const DEBOUNCE_MS = 200;

export async function loader({ request, context }: LoaderFunctionArgs) {
  return withDomainErrors(async () => {
    const url = new URL(request.url);
    const state = parseSearchState(url.searchParams);
    const user = await getUser(request);
    const viewer = toViewer(user);
    const locale = resolveLocale(request, user?.locale);
    // Only an in-process caller (the degraded-mode test) can put this in the load context;
    // the HTTP server never does.
    const engine = (context as { searchEngine?: "database" } | undefined)?.searchEngine === "database" ? "database" : "auto";
    const result = await searchCases(viewer, toEngineParams(state), { engine });
    if (result.total > 0 && state.page > result.totalPages) throw redirect(searchHref({ ...state, page: result.totalPages }));
    const areas = await listChallengeAreasForSearch(areaSlugsShown(result));
    return json({
      ...presentSearchResults(state, result, areas, locale),
      loggedIn: !!viewer,
    });
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Løsningsbanken" }];

export default function SearchPage() {
  const { state, hits, total, totalPages, degraded, facets, areaNames, loggedIn } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("search");
  const navigate = useNavigate();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const searching = navigation.state === "loading" && navigation.location.pathname === "/search";
  const hydrated = useHydrated();
  const srTexts = useSuggestionTexts();
  // Only matters on narrow screens (CSS): folded until opened, then left as the person set it.
  const [filtersOpen, setFiltersOpen] = useState(false);

  // Back/forward (or a chip link) changes q: show it, unless the person is typing there.
  useEffect(() => {
    const input = inputRef.current;
    if (input && document.activeElement !== input && input.value !== state.q) input.value = state.q;
  }, [state.q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // The URL is built like the server builds links (defaults left out, page back to 1); a new
  // navigation makes the router abort the one still in flight.
  const submitNow = (replace: boolean) => {
    clearTimeout(timer.current);
    if (!formRef.current) return;
    const data = new URLSearchParams();
    for (const [key, value] of new FormData(formRef.current)) if (typeof value === "string") data.append(key, value);
    navigate(searchHref({ ...parseSearchState(data), page: 1 }), { replace, preventScrollReset: true });
  };
  const onType = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => submitNow(true), DEBOUNCE_MS);
  };

  // A page lists up to ~60 facet options. i18next's t() costs ~15 µs a call (key lookup, plural
  // rules for `count`), which made it the largest single item of rendering this page on the
  // server; the option pattern is looked up once and filled in by i18next's own interpolator.
  const optionPattern = String(t("facets.option", { skipInterpolation: true }));
  const optionText = (label: string, count: number) =>
    i18n.services.interpolator.interpolate(optionPattern, { label, count }, i18n.language, {});
  const label = (param: FacetParam, value: string) => {
    if (param === "area") return areaNames[value] ?? value;
    if (param === "kind") return String(t(`kinds.${value}`, { defaultValue: value }));
    if (param === "status") return caseLabel(i18n, "status", value);
    if (param === "adopted") return t("facets.adoptedYes");
    if (param === "size" || param === "cost") return reuseFacetLabel(i18n, param, value);
    if (param === "lang") return String(i18n.t(`cases:contentLanguage.${value}`, { defaultValue: value }));
    return value;
  };
  const active = FACET_PARAMS.flatMap(({ param }) => state.filters[param].map((value) => ({ param, value, label: label(param, value) })));
  const from = total ? (state.page - 1) * SEARCH_PAGE_SIZE + 1 : 0;
  const to = (state.page - 1) * SEARCH_PAGE_SIZE + hits.length;
  const count = state.q ? t("page.totalFor", { count: total, q: state.q }) : t("page.total", { count: total });
  const hrefFor = (page: number) => searchHref({ ...(state as SearchState), page });

  return (
    <div className="search-page">
      <h1>{t("page.heading")}</h1>
      <Form
        ref={formRef}
        id="search-form"
        method="get"
        action="/search"
        className="search-query"
        onSubmit={() => clearTimeout(timer.current)}
      >
        <Label htmlFor="search-q">{t("page.field")}</Label>
        {/* Designsystemet's Search: the field, a clear button (shown by its script while there
            is text; it empties the field, which searches again; named by data-sr-clear) and the submit button. */}
        <Search {...srTexts}>
          <SearchInput
            ref={inputRef}
            id="search-q"
            name="q"
            defaultValue={state.q}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            onChange={onType}
          />
          <SearchClear />
          <SearchButton>{t("page.submit")}</SearchButton>
        </Search>
      </Form>

      <div className="search-layout">
        <section
          className="search-facets"
          aria-labelledby="facets-heading"
          data-foldable={hydrated ? "" : undefined}
          data-collapsed={hydrated && !filtersOpen ? "" : undefined}
        >
          {/* On a narrow screen (with JavaScript) the filters fold away behind their heading so the
              results come first; wide screens and the page without JavaScript always show them. */}
          <h2 id="facets-heading">
            <span className="search-facets__title">{t("facets.heading")}</span>
            {hydrated ? (
              <button
                type="button"
                className="search-facets__toggle"
                aria-expanded={filtersOpen}
                aria-controls="search-facets-body"
                onClick={() => setFiltersOpen((open) => !open)}
              >
                {t("facets.heading")}
                {active.length ? <span className="search-facets__count"> {t("facets.activeCount", { count: active.length })}</span> : null}
              </button>
            ) : null}
          </h2>
          <div className="search-facets__body" id="search-facets-body">
            {/* Without search words the newest come first whatever is chosen (effectiveSort), so a
                sort choice would only show a wrong value. */}
            {hasSearchWords(state.q) || state.sort === "adopted" ? (
              <div className="field search-sort">
                <Label htmlFor="search-sort">{t("sort.label")}</Label>
                <SyncedSelect id="search-sort" name="sort" form="search-form" value={state.sort} onChange={() => submitNow(false)}>
                  <option value="relevance">{t("sort.relevance")}</option>
                  <option value="newest">{t("sort.newest")}</option>
                  <option value="adopted">{t("sort.adopted")}</option>
                </SyncedSelect>
              </div>
            ) : (
              <p className="search-sort search-sort--fixed">{t("sort.withoutQuery")}</p>
            )}
            {/* A group with nothing to choose (no matching case has a value for it) is left out. */}
            {FACET_PARAMS.filter(({ param }) => facets[param].length > 0).map(({ param, facet }) => (
              <Fieldset key={param} className="search-facet" data-size="sm">
                <FieldsetLegend>{t(`facets.${facet}`)}</FieldsetLegend>
                <ul>
                  {facets[param].map((o, i) => {
                    const id = `facet-${param}-${i}`;
                    return (
                      <li key={o.value}>
                        <Field position="start">
                          <SyncedCheckbox id={id} name={param} value={o.value} checked={o.checked} onChange={() => submitNow(false)} />
                          <Label htmlFor={id} weight="regular">
                            {optionText(label(param, o.value), o.count)}
                          </Label>
                        </Field>
                      </li>
                    );
                  })}
                </ul>
              </Fieldset>
            ))}
            <Button type="submit" form="search-form" variant="secondary">
              {t("facets.apply")}
            </Button>
          </div>
        </section>

        <section className="search-results" aria-labelledby="results-heading" aria-busy={searching || undefined}>
          <h2 id="results-heading" className="visually-hidden">
            {t("page.resultsHeading")}
          </h2>
          {degraded ? (
            <div role="status" className="search-degraded">
              <Alert data-color="warning">
                <Paragraph>
                  <strong>{t("degraded.title")}.</strong> {t("degraded.body")}
                </Paragraph>
              </Alert>
            </div>
          ) : null}
          <p className="search-count" aria-live="polite" aria-atomic="true">
            {count}
            {totalPages > 1 ? ` ${t("page.showing", { from, to })}` : null}
          </p>
          {active.length ? (
            <div className="search-active">
              <h3 id="active-heading" className="search-active__heading">
                {t("active.heading")}
              </h3>
              {/* Designsystemet's removable chips; they are links (a new URL without that filter), so
                  they work without JavaScript too. */}
              <ul className="chip-list" aria-labelledby="active-heading">
                {active.map((f) => (
                  <li key={`${f.param}-${f.value}`}>
                    <ChipRemovable asChild>
                      <Link to={searchHref(withoutFilter(state as SearchState, f.param, f.value))} preventScrollReset>
                        <span className="visually-hidden">{t("active.remove", { label: f.label })}</span>
                        <span aria-hidden="true">{f.label}</span>
                      </Link>
                    </ChipRemovable>
                  </li>
                ))}
                {active.length > 1 ? (
                  <li>
                    <ChipButton asChild data-color="neutral">
                      <Link
                        to={searchHref({
                          ...(state as SearchState),
                          page: 1,
                          filters: noFilters(),
                        })}
                      >
                        {t("active.clearAll")}
                      </Link>
                    </ChipButton>
                  </li>
                ) : null}
              </ul>
            </div>
          ) : null}

          {hits.length ? (
            <>
              <ol className="search-hits" start={from}>
                {hits.map((hit) => (
                  <li key={hit.id}>
                    <article className="search-hit" aria-labelledby={`hit-${hit.id}`}>
                      <h3 className="search-hit__title" id={`hit-${hit.id}`} lang={hit.lang}>
                        <Link to={`/cases/${hit.slug}`} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
                      </h3>
                      <p className="search-hit__meta">
                        <span>
                          <span className="visually-hidden">{t("hit.owner")}: </span>
                          {hit.ownerName}
                        </span>
                        <Tag data-color="neutral" data-size="sm">
                          <span className="visually-hidden">{t("hit.status")}: </span>
                          {caseLabel(i18n, "status", hit.status)}
                        </Tag>
                        <Tag
                          data-color={hit.visibility === "DRAFT" ? "warning" : hit.visibility === "PUBLIC" ? "success" : "info"}
                          data-size="sm"
                        >
                          {caseLabel(i18n, "visibility", hit.visibility)}
                        </Tag>
                        {hit.year ? (
                          <span className="muted">
                            <span className="visually-hidden">{t("hit.year")}: </span>
                            {hit.year}
                          </span>
                        ) : null}
                        {hit.adopted ? <span className="muted">{t("hit.adopted", { count: hit.adopted })}</span> : null}
                      </p>
                      <p className="search-hit__snippet" lang={hit.lang} dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
                      {hit.areas.length ? (
                        <ul className="tag-list" aria-label={t("hit.areas")}>
                          {hit.areas.map((a) => (
                            <li key={a.slug}>
                              <Link className="tag" to={`/areas/${a.slug}`}>
                                {a.name}
                              </Link>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </article>
                  </li>
                ))}
              </ol>
              <Pagination page={state.page} totalPages={totalPages} hrefFor={hrefFor} />
            </>
          ) : (
            <div className="empty-state search-empty">
              <h3>{t("empty.heading")}</h3>
              <p>{state.q ? t("empty.withQuery", { q: state.q }) : t("empty.withoutQuery")}</p>
              <p>{t("empty.try")}</p>
              <ul>
                {active.map((f) => (
                  <li key={`${f.param}-${f.value}`}>
                    <Link to={searchHref(withoutFilter(state as SearchState, f.param, f.value))}>
                      {t("empty.removeFilter", { label: f.label })}
                    </Link>
                  </li>
                ))}
                {state.q ? <li>{t("empty.spelling")}</li> : null}
                {state.q ? <li>{t("empty.broader")}</li> : null}
                <li>
                  <Link to="/areas">{t("empty.browse")}</Link>
                </li>
                {!loggedIn ? (
                  <li>
                    {t("empty.visitor")}{" "}
                    <Link to={`/login?redirectTo=${encodeURIComponent(searchHref(state as SearchState))}`}>{t("common:nav.login")}</Link>
                  </li>
                ) : null}
              </ul>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}

/**
 * Uncontrolled inputs whose state follows the URL (back button, chip links) without being
 * re-mounted: re-mounting would take the keyboard focus away from the control just used.
 */
function SyncedCheckbox({
  id,
  name,
  value,
  checked,
  onChange,
}: {
  id: string;
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.checked !== checked) ref.current.checked = checked;
  }, [checked]);
  return (
    <Input ref={ref} type="checkbox" id={id} name={name} value={value} form="search-form" defaultChecked={checked} onChange={onChange} />
  );
}

function SyncedSelect({
  value,
  children,
  ...props
}: {
  id: string;
  name: string;
  form: string;
  value: string;
  onChange: () => void;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.value !== value) ref.current.value = value;
  }, [value]);
  return (
    <Select ref={ref} defaultValue={value} {...props}>
      {children}
    </Select>
  );
}
