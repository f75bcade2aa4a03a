import { Anchor, List, Progress, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import type { FeasibilityView } from "../domain/joint-bid-view";
import { useI18n } from "../utils/use-i18n";
import { percent, shortfallText, unitLabel } from "./bid-text";
import { SectionCard } from "./section-card";

const SHORTFALL_ROWS = 10;

/**
 * "Can the network do this?": what the network's free capacity could cover of a request (the
 * headline), what its declared capacity would cover if none of it were promised elsewhere, what
 * would be missing, and who would carry the load, in the request's own units. Data from
 * `loadFeasibility`.
 */
export function FeasibilityPanel({ view }: { view: FeasibilityView }) {
  const { t, number } = useI18n();
  const problem = view.problem;
  const unitOf = (unit: string) => unitLabel(t, unit);
  const onlyUnit = view.units.length === 1 ? view.units[0].unit : "";
  return (
    <SectionCard title={t("feasibility.title")}>
      <Stack gap="sm">
        {view.reserved && <Text size="sm">{t("feasibility.reserved")}</Text>}
        {problem?.kind === "noDemand" ? (
          <Text>{t("bids.problem.noDemand")}</Text>
        ) : problem ? (
          <Text role="alert">{t("bids.problem.planner", { message: problem.kind === "planner" ? problem.message : problem.kind })}</Text>
        ) : view.organisationsConsidered === 0 ? (
          <Text>{t("feasibility.none")}</Text>
        ) : (
          <>
            <Text size="sm">{t("feasibility.intro", { count: view.organisationsConsidered })}</Text>
            <Text fw={700} size="lg" data-testid="feasibility-free">
              {t("feasibility.coverage", { percent: percent(number, view.free.coverage) })}
            </Text>
            <Progress value={Math.min(100, view.free.coverage)} aria-hidden="true" />
            <Text size="sm">{t("feasibility.freeExplained")}</Text>
            {view.units.map((u) => (
              <Text size="sm" key={u.unit}>
                {t("feasibility.coveredOf", { covered: number(u.free), demanded: number(u.demanded), unit: unitOf(u.unit) })}
              </Text>
            ))}
            <Text size="sm" data-testid="feasibility-declared">
              {t("feasibility.declared", { percent: percent(number, view.declared.coverage) })}
            </Text>
            {view.units.map((u) => (
              <Text size="sm" key={`declared-${u.unit}`}>
                {t("feasibility.declaredOf", { covered: number(u.declared), demanded: number(u.demanded), unit: unitOf(u.unit) })}
              </Text>
            ))}
            <Text fw={600} component="h3">
              {t("feasibility.shortfall")}
            </Text>
            {view.shortfall.length === 0 ? (
              <Text>{t("feasibility.noShortfall")}</Text>
            ) : (
              <>
                <List size="sm">
                  {view.shortfall.slice(0, SHORTFALL_ROWS).map((row) => (
                    <List.Item key={`${row.item}-${row.site}-${row.weekday}`}>{shortfallText(t, number, row)}</List.Item>
                  ))}
                </List>
                {view.shortfall.length > SHORTFALL_ROWS && (
                  <Text size="sm">{t("feasibility.moreShortfall", { count: view.shortfall.length - SHORTFALL_ROWS })}</Text>
                )}
              </>
            )}
            <Text fw={600} component="h3">
              {t("feasibility.carriers")}
            </Text>
            <List size="sm" data-testid="feasibility-carriers">
              {view.carriers.map((c) => (
                <List.Item key={c.organisationId}>
                  <Anchor component={Link} to={`/organisations/${c.slug}`}>
                    {t("feasibility.carrier", {
                      name: c.name,
                      allocated: number(c.allocated),
                      unit: unitOf(onlyUnit),
                      share: percent(number, c.share),
                      free: number(c.free),
                      declared: number(c.declared),
                    })}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </SectionCard>
  );
}
