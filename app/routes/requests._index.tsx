import { Anchor, Badge, Button, Card, Checkbox, Grid, Group, Radio, Stack, Text, TextInput, Title } from "@mantine/core";
import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/requests._index";
import type { ServerArgs } from "../utils/route-args";
import { PaginationLinks } from "../components/pagination-links";
import { cpvCategoriesOf } from "../domain/cpv";
import { requestKinds } from "../domain/request";
import { parseRequestListParams, REQUESTS_PAGE_SIZE } from "../domain/request-query";
import { listOwnRequests, listRequests } from "../models/request.server";
import { db } from "../utils/db.server";
import { formatDateTime, type MessageKey, messagesHandle } from "../utils/i18n";
import { titleMeta } from "../utils/meta";
import { requestViewer } from "../utils/request-access.server";
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
  const { t, locale, number, date } = useI18n();

  const facet = (legend: string, name: string, options: { value: string; label: string }[], counts: Record<string, number>, selected: string[]) => (
    <Checkbox.Group label={legend} defaultValue={selected} key={`${name}-${selected.join(",")}`}>
      <Stack gap={6} mt={6}>
        {options.map((o) => (
          <Checkbox key={o.value} name={name} value={o.value} label={t("requests.filter.count", { label: o.label, count: number(counts[o.value] ?? 0) })} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
  const siteOptions = [...new Set([...Object.keys(result.facets.site), ...params.site])].sort((a, b) => a.localeCompare(b, "sv"));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t("requests.title")}</Title>
          <Text>{t("requests.intro")}</Text>
        </Stack>
        {isBuyer && (
          <Button component={Link} to="/requests/new">
            {t("requests.new")}
          </Button>
        )}
      </Group>

      {own.length > 0 && (
        <Card withBorder component="section" aria-labelledby="own-heading">
          <Title order={2} size="h4" id="own-heading" mb="xs">
            {t("requests.mine")}
          </Title>
          <Stack gap={4} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {own.map((r) => (
              <Group component="li" key={r.id} gap="xs" wrap="wrap">
                <Anchor component={Link} to={`/requests/${r.id}`}>
                  {r.title}
                </Anchor>
                <Badge radius="sm" tt="none" color="gray.8">
                  {t(`requests.status.${r.status}` as MessageKey)}
                </Badge>
              </Group>
            ))}
          </Stack>
        </Card>
      )}

      <Form method="get" role="search" aria-label={t("requests.search.label")}>
        <Group align="flex-end" gap="sm" mb="lg" wrap="nowrap">
          <TextInput name="q" type="search" label={t("requests.search.label")} defaultValue={params.q} autoComplete="off" style={{ flex: 1, minWidth: 0 }} />
          <Button type="submit">{t("requests.search.submit")}</Button>
        </Group>
        <Grid gutter="xl">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <section aria-labelledby="request-results">
              <Title order={2} size="h4" id="request-results">
                {t("requests.results", { count: number(result.total) })}
              </Title>
              {params.matching && matchingOrganisation && (
                <Text size="sm" c="dimmed">
                  {t("requests.matchingHint", { organisation: matchingOrganisation })}
                </Text>
              )}
              {result.items.length === 0 ? (
                <Card withBorder mt="sm">
                  <Text>{t("requests.empty")}</Text>
                </Card>
              ) : (
                <Stack gap="sm" mt="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                  {result.items.map((r) => (
                    <Card component="li" withBorder padding="md" key={r.id}>
                      <Stack gap={4}>
                        <Anchor component={Link} to={`/requests/${r.id}`} fw={600} fz="lg">
                          {r.title}
                        </Anchor>
                        <Group gap="xs">
                          <Badge variant="outline" color="blue.9" radius="sm" tt="none" styles={{ root: { height: "auto", paddingBlock: 2 }, label: { whiteSpace: "normal", overflow: "visible" } }}>
                            {t(`requests.kind.${r.kind}` as MessageKey)}
                          </Badge>
                          {r.status !== "published" && (
                            <Badge radius="sm" tt="none" color="gray.8">
                              {t(`requests.status.${r.status}` as MessageKey)}
                            </Badge>
                          )}
                        </Group>
                        <Text size="sm">{t("requests.buyer", { name: r.buyerName })}</Text>
                        <Text size="sm" fw={600}>
                          {t("requests.deadline", { date: formatDateTime(locale, r.deadlineAt) })}
                        </Text>
                        <Text size="sm" c="dimmed">
                          {t("requests.period", { from: date(r.periodFrom), to: date(r.periodTo) })}
                          {r.sites.length > 0 && ` · ${r.sites.join(", ")}`}
                        </Text>
                      </Stack>
                    </Card>
                  ))}
                </Stack>
              )}
              <PaginationLinks page={params.page} pageSize={REQUESTS_PAGE_SIZE} total={result.total} />
            </section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="lg" component="section" aria-labelledby="request-filters">
              <Title order={2} size="h4" id="request-filters">
                {t("requests.filters")}
              </Title>
              <Radio.Group name="state" label={t("requests.filter.state")} defaultValue={params.state} key={`state-${params.state}`}>
                <Stack gap={6} mt={6}>
                  <Radio value="open" label={t("requests.filter.open")} />
                  <Radio value="closed" label={t("requests.filter.closed")} />
                </Stack>
              </Radio.Group>
              {matchingOrganisation && (
                <Checkbox name="matching" value="1" defaultChecked={params.matching} label={t("requests.filter.matching")} key={`m-${params.matching}`} />
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
              {siteOptions.length > 0 && facet(t("requests.filter.site"), "site", siteOptions.map((s) => ({ value: s, label: s })), result.facets.site, params.site)}
              <Radio.Group name="within" label={t("requests.filter.deadline")} defaultValue={params.within ? String(params.within) : ""} key={`w-${params.within}`}>
                <Stack gap={6} mt={6}>
                  <Radio value="7" label={t("requests.filter.count", { label: t("requests.filter.within7"), count: number(result.facets.within["7"] ?? 0) })} />
                  <Radio value="30" label={t("requests.filter.count", { label: t("requests.filter.within30"), count: number(result.facets.within["30"] ?? 0) })} />
                </Stack>
              </Radio.Group>
              <Group>
                <Button type="submit">{t("requests.filter.apply")}</Button>
                <Anchor component={Link} to="/requests">
                  {t("requests.filter.clear")}
                </Anchor>
              </Group>
            </Stack>
          </Grid.Col>
        </Grid>
      </Form>
    </Stack>
  );
}
