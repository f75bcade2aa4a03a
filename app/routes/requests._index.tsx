import { Button } from "@mantine/core";
import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/requests._index";
import type { ServerArgs } from "../utils/route-args";
import { PaginationLinks } from "../components/pagination-links";
import { cpvCategoriesOf } from "../domain/cpv";
import { requestKinds } from "../domain/request";
import { parseRequestListParams, REQUESTS_PAGE_SIZE } from "../domain/request-query";
import { listOwnRequests, listRequests } from "../models/request-list.server";
import { db } from "../utils/db.server";
import { formatDateTime, type MessageKey, messagesHandle } from "../utils/i18n";
import { titleMeta } from "../utils/meta";
import { requestViewer } from "../route-helpers/request-access.server";
import { useI18n } from "../utils/use-i18n";
import { requestsMessages } from "../locales/requests";

export const handle = messagesHandle(requestsMessages);

export const meta = titleMeta("requests.title");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const { access } = await requestViewer(request);
  const params = parseRequestListParams(new URL(request.url).searchParams);
  const matchingOrganisation = access.responderOrganisations[0] ?? null;
  const matchingOrganisationId = params.matching && matchingOrganisation ? matchingOrganisation.id : null;
  const [result, own] = await Promise.all([
    listRequests({
      db: db(),
      query: { ...params, matchingOrganisationId, pageSize: REQUESTS_PAGE_SIZE },
    }),
    listOwnRequests({ db: db(), buyerOrganisationIds: access.buyerOrganisations.map((o) => o.id) }),
  ]);
  return {
    params,
    result,
    cpvCategories: cpvCategoriesOf([...Object.keys(result.facets.cpvCategory), ...params.cpvCategory]),
    own,
    isBuyer: access.buyerOrganisations.length > 0,
    matchingOrganisation: matchingOrganisation?.name ?? null,
  };
}

export default function Requests() {
  const { params, result, cpvCategories, own, isBuyer, matchingOrganisation } = useLoaderData<typeof loader>();
  const { t, locale, number, date, counted } = useI18n();

  const facet = (legend: string, name: string, options: { value: string; label: string }[], counts: Record<string, number>, selected: string[]) => (
    <fieldset className="facet-group" key={`${name}-${selected.join(",")}`}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} />
          <span>{t("requests.filter.count", { label: o.label, count: number(counts[o.value] ?? 0) })}</span>
        </label>
      ))}
    </fieldset>
  );
  const choice = (legend: string, name: string, options: { value: string; label: string }[], selected: string) => (
    <fieldset className="facet-group" key={`${name}-${selected}`}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input type="radio" name={name} value={o.value} defaultChecked={selected === o.value} />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
  const siteOptions = [...new Set([...Object.keys(result.facets.site), ...params.site])].sort((a, b) => a.localeCompare(b, "sv"));

  // Plain markup styled in app.css (the directory's `.directory-*` and `.facet-group`, and
  // `.requests-*`), drawn as Mantine's layout components, badges and inputs drew it: one Mantine
  // component per filter option and per line of each hit was most of the page's server render.
  // The buttons stay Mantine's.
  return (
    <div className="directory-page">
      <div className="requests-header">
        <div className="requests-intro">
          <h1 className="directory-title">{t("requests.title")}</h1>
          <p className="directory-text">{t("requests.intro")}</p>
        </div>
        {isBuyer && (
          <Button component={Link} to="/requests/new">
            {t("requests.new")}
          </Button>
        )}
      </div>

      {own.length > 0 && (
        <section className="directory-card" aria-labelledby="own-heading">
          <h2 className="directory-heading requests-own-heading" id="own-heading">
            {t("requests.mine")}
          </h2>
          <ul className="requests-own">
            {own.map((r) => (
              <li key={r.id}>
                <Link to={`/requests/${r.id}`} className="requests-link">
                  {r.title}
                </Link>
                <span className="request-badge request-badge-status">{t(`requests.status.${r.status}` as MessageKey)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <Form method="get" role="search" aria-label={t("requests.search.label")}>
        <div className="directory-search-row">
          <div className="directory-search">
            <label htmlFor="requests-q">{t("requests.search.label")}</label>
            <input id="requests-q" name="q" type="search" defaultValue={params.q} autoComplete="off" key={params.q} />
          </div>
          <Button type="submit">{t("requests.search.submit")}</Button>
        </div>
        <div className="requests-layout">
          <section aria-labelledby="request-results">
            <h2 className="directory-heading" id="request-results">
              {counted("requests.results", result.total)}
            </h2>
            {params.matching && matchingOrganisation && (
              <p className="requests-hit-text requests-hit-dimmed">{t("requests.matchingHint", { organisation: matchingOrganisation })}</p>
            )}
            {result.items.length === 0 ? (
              <div className="directory-card requests-empty">
                <p className="directory-text">{t("requests.empty")}</p>
              </div>
            ) : (
              <ul className="directory-hits requests-hits">
                {result.items.map((r) => (
                  <li className="directory-card directory-hit" key={r.id}>
                    <Link to={`/requests/${r.id}`} className="directory-hit-name">
                      {r.title}
                    </Link>
                    <div className="org-badges">
                      <span className="request-badge request-badge-kind">{t(`requests.kind.${r.kind}` as MessageKey)}</span>
                      {r.status !== "published" && <span className="request-badge request-badge-status">{t(`requests.status.${r.status}` as MessageKey)}</span>}
                    </div>
                    <p className="requests-hit-text">{t("requests.buyer", { name: r.buyerName })}</p>
                    <p className="requests-hit-text requests-hit-strong">{t("requests.deadline", { date: formatDateTime(locale, r.deadlineAt) })}</p>
                    <p className="requests-hit-text requests-hit-dimmed">
                      {t("requests.period", { from: date(r.periodFrom), to: date(r.periodTo) })}
                      {r.sites.length > 0 && ` · ${r.sites.join(", ")}`}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            <PaginationLinks page={params.page} pageSize={REQUESTS_PAGE_SIZE} total={result.total} />
          </section>
          <section className="directory-filters requests-filters" aria-labelledby="request-filters">
            <h2 className="directory-heading" id="request-filters">
              {t("requests.filters")}
            </h2>
            {choice(
              t("requests.filter.state"),
              "state",
              [
                { value: "open", label: t("requests.filter.open") },
                { value: "closed", label: t("requests.filter.closed") },
              ],
              params.state,
            )}
            {matchingOrganisation && (
              <div className="facet-group" key={`m-${params.matching}`}>
                <label>
                  <input type="checkbox" name="matching" value="1" defaultChecked={params.matching} />
                  <span>{t("requests.filter.matching")}</span>
                </label>
              </div>
            )}
            {facet(
              t("requests.filter.kind"),
              "kind",
              requestKinds.map((k) => ({ value: k, label: t(`requests.kind.${k}` as MessageKey) })),
              result.facets.kind,
              params.kind,
            )}
            {facet(
              t("requests.filter.cpv"),
              "cpv",
              cpvCategories.map((c) => ({ value: c.division, label: c[locale] })),
              result.facets.cpvCategory,
              params.cpvCategory,
            )}
            {siteOptions.length > 0 &&
              facet(
                t("requests.filter.site"),
                "site",
                siteOptions.map((s) => ({ value: s, label: s })),
                result.facets.site,
                params.site,
              )}
            {choice(
              t("requests.filter.deadline"),
              "within",
              [
                { value: "7", label: t("requests.filter.count", { label: t("requests.filter.within7"), count: number(result.facets.within["7"] ?? 0) }) },
                { value: "30", label: t("requests.filter.count", { label: t("requests.filter.within30"), count: number(result.facets.within["30"] ?? 0) }) },
              ],
              params.within ? String(params.within) : "",
            )}
            <div className="requests-actions">
              <Button type="submit">{t("requests.filter.apply")}</Button>
              <Link to="/requests" className="directory-clear">
                {t("requests.filter.clear")}
              </Link>
            </div>
          </section>
        </div>
      </Form>
    </div>
  );
}
