import { Button } from "@mantine/core";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "react-router";
import type { Route } from "./+types/organisations._index";
import type { ServerArgs } from "../utils/route-args";
import { useEffect, useRef, useState } from "react";
import { cachedOrganisationSearch, directoryCard, searchEngine } from "../utils/search.server";
import { db } from "../utils/db.server";
import { OrganisationBadges } from "../components/organisation-badges";
import { PaginationLinks } from "../components/pagination-links";
import { cpvCategories, cpvCategoriesOf } from "../domain/cpv";
import { organisationKinds, serviceAreas, supplierKinds } from "../domain/organisation";
import { parseDirectoryQuery } from "../utils/directory-query";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";

export const meta = titleMeta("directory.title");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const query = parseDirectoryQuery(new URL(request.url).searchParams);
  // Hits and facet counts are kept until the next write (search/result-cache.server.ts). The page
  // gets only what its cards show: the searchable text behind them (target groups, CPV labels in
  // both languages, delivery sites) was nearly half of its data.
  const result = await cachedOrganisationSearch({ db: db(), engine: searchEngine(), query });
  // The network's usual categories always, any other only where something is in it (or chosen).
  const categories = cpvCategoriesOf([...cpvCategories.map((c) => c.division), ...Object.keys(result.facets.cpvCategory), ...query.cpvCategory]);
  return { query, result: { ...result, hits: result.hits.map(directoryCard) }, cpvCategories: categories };
}

export default function Directory() {
  const { query, result, cpvCategories } = useLoaderData<typeof loader>();
  const { t, locale, number, counted } = useI18n();
  const submit = useSubmit();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const debounce = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(debounce.current), []);
  // The box is never remounted while results arrive (that took focus and every later keystroke):
  // it keeps its own text, and takes the URL's only when the query changed from elsewhere (a link).
  const [q, setQ] = useState(query.q);
  useEffect(() => {
    if (document.activeElement !== searchRef.current) setQ(query.q);
  }, [query.q]);

  // With JavaScript the results follow the typing; without it the same form submits as a GET.
  const submitSoon = (delay: number) => {
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => {
      if (formRef.current) submit(formRef.current, { replace: true, preventScrollReset: true });
    }, delay);
  };

  const facetGroup = (legend: string, name: string, options: { value: string; label: string }[], counts: Record<string, number>, selected: string[]) => (
    <FacetGroup
      legend={legend}
      name={name}
      options={options.map((o) => ({ value: o.value, label: `${o.label} (${number(counts[o.value] ?? 0)})` }))}
      selected={selected}
      onChange={() => submitSoon(0)}
    />
  );

  const defaultKinds = query.kind.length === supplierKinds.length && supplierKinds.every((k) => query.kind.includes(k));
  const filterCount = (defaultKinds ? 0 : query.kind.length) + query.cpvCategory.length + query.serviceArea.length + (query.reservedEligible ? 1 : 0);
  const countText = counted("directory.count", result.total);

  // Plain markup styled in app.css (`.directory-*`), drawn as Mantine's Stack, Group, Title, Text and
  // Anchor drew it: the directory is the page most visitors open, and each Mantine layout component
  // cost server time on every view. The two buttons stay Mantine's.
  return (
    <div className="directory-page">
      <h1 className="directory-title">{t("directory.title")}</h1>
      <Form method="get" ref={formRef} role="search" aria-label={t("directory.searchLabel")}>
        <div className="directory-search-row">
          {/* A native field, styled in app.css like Mantine's: the directory is the page most visitors
              open first, and Mantine's input family would add 4 KB to its JavaScript (decision 015). */}
          <div className="directory-search">
            <label htmlFor="directory-q">{t("directory.searchLabel")}</label>
            <input
              id="directory-q"
              name="q"
              type="search"
              placeholder={t("directory.searchPlaceholder")}
              ref={searchRef}
              value={q}
              onChange={(event) => {
                setQ(event.currentTarget.value);
                submitSoon(250);
              }}
              autoComplete="off"
            />
          </div>
          <Button type="submit">{t("directory.search")}</Button>
        </div>
        {/* Filters first in reading order and on screen; on phones they fold into a panel above the results. */}
        <div className="directory-layout">
          <div>
            <details className="filter-panel" open={filterCount > 0 || undefined}>
              <summary>
                <span className="directory-heading" id="filters-heading">
                  {filterCount > 0 ? t("directory.filtersActive", { count: number(filterCount) }) : t("directory.filters")}
                </span>
              </summary>
              <section className="directory-filters" aria-labelledby="filters-heading">
                {facetGroup(
                  t("directory.filter.kind"),
                  "kind",
                  organisationKinds.map((k) => ({ value: k, label: t(`kind.${k}`) })),
                  result.facets.kind,
                  query.kind,
                )}
                {facetGroup(
                  t("directory.filter.cpv"),
                  "cpv",
                  cpvCategories.map((c) => ({ value: c.division, label: c[locale] })),
                  result.facets.cpvCategory,
                  query.cpvCategory,
                )}
                {facetGroup(
                  t("directory.filter.area"),
                  "area",
                  serviceAreas.map((a) => ({ value: a, label: a })),
                  result.facets.serviceArea,
                  query.serviceArea,
                )}
                <FacetGroup
                  legend={t("directory.filter.reservedLegend")}
                  name="reserved"
                  options={[{ value: "1", label: `${t("directory.filter.reserved")} (${number(result.facets.reservedEligible.true ?? 0)})` }]}
                  selected={query.reservedEligible ? ["1"] : []}
                  onChange={() => submitSoon(0)}
                />
                <Button type="submit" variant="outline">
                  {t("directory.applyFilters")}
                </Button>
                <Link to="/organisations" className="directory-clear">
                  {t("directory.clear")}
                </Link>
              </section>
            </details>
          </div>
          <div>
            <section aria-labelledby="results-heading" aria-busy={navigation.state === "loading"}>
              <h2 className="directory-heading" id="results-heading">
                {t("directory.results")}
              </h2>
              <p role="status" className="directory-text directory-count">
                {countText}
              </p>
              {result.hits.length === 0 ? (
                <div className="directory-card directory-empty">
                  <p className="directory-text directory-empty-title">{t("directory.empty")}</p>
                  <p className="directory-text">{t("directory.emptyHint")}</p>
                </div>
              ) : (
                <ul className="directory-hits">
                  {result.hits.map(({ document: doc, highlighted }) => (
                    // Plain markup inside the card (styled in app.css, `.directory-hit`): twenty
                    // cards of nested Mantine layout components were most of the page's render.
                    <li key={doc.id} className="directory-card directory-hit">
                      <Link to={`/organisations/${doc.slug}`} className="directory-hit-name">
                        {highlighted?.name ? <span dangerouslySetInnerHTML={{ __html: highlighted.name }} /> : doc.name}
                      </Link>
                      <OrganisationBadges kind={doc.kind} verifiedAt={doc.verified} reservedEligible={doc.reservedEligible} />
                      <p className="directory-hit-description">
                        {highlighted?.description ? <span dangerouslySetInnerHTML={{ __html: highlighted.description }} /> : doc.description}
                      </p>
                      <p className="directory-hit-offerings">
                        {highlighted?.offeringTitles ? (
                          <span dangerouslySetInnerHTML={{ __html: t("directory.offerings", { list: highlighted.offeringTitles.join(", ") }) }} />
                        ) : doc.offeringTitles.length ? (
                          t("directory.offerings", { list: doc.offeringTitles.join(", ") })
                        ) : (
                          t("directory.noOfferings")
                        )}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
              <PaginationLinks page={result.page} pageSize={result.pageSize} total={result.total} />
            </section>
          </div>
        </div>
      </Form>
    </div>
  );
}

/**
 * A group of filter checkboxes that follows the URL's selection without remounting, so that the
 * box just ticked keeps its focus when the results arrive.
 *
 * Native inputs in a fieldset, styled in app.css (`.facet-group`): with some 30 options per page,
 * one Mantine Checkbox each was the largest part of the page's server render.
 */
function FacetGroup({
  legend,
  name,
  options,
  selected,
  onChange,
}: {
  legend: string;
  name: string;
  options: { value: string; label: string }[];
  selected: string[];
  onChange: () => void;
}) {
  const [value, setValue] = useState(selected);
  const selectedKey = selected.join(",");
  useEffect(() => setValue(selectedKey === "" ? [] : selectedKey.split(",")), [selectedKey]);
  return (
    <fieldset className="facet-group">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input
            type="checkbox"
            name={name}
            value={o.value}
            checked={value.includes(o.value)}
            onChange={(event) => {
              const { checked } = event.currentTarget;
              setValue((current) => (checked ? [...current.filter((v) => v !== o.value), o.value] : current.filter((v) => v !== o.value)));
              onChange();
            }}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
