import { Box, SimpleGrid, Stack, Text } from "@mantine/core";
import { sitesToText, type CapacityLine } from "../domain/capacity";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";

export function weekdayList(t: (key: MessageKey) => string, days: number[]): string {
  return days.length === 7 ? t("capacity.everyDay") : days.map((d) => t(`weekday.${d}` as MessageKey)).join(", ");
}

/**
 * The capacity lines of one offering, each line a small card of labelled facts that reflows: six
 * columns on a wide screen, two on a phone, so nothing ("Gäller till", the delivery sites) is cut
 * off or hidden in a sideways scroll.
 */
export function CapacityTable({ title, unit, lines }: { title: string; unit: string; lines: CapacityLine[] }) {
  const { t, date, number } = useI18n();
  if (lines.length === 0) return <Text size="sm">{t("capacity.none")}</Text>;
  return (
    <Stack gap="xs" component="section" aria-label={t("capacity.table", { title })}>
      <Text size="sm" fw={600}>
        {t("capacity.table", { title })}
      </Text>
      <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {lines.map((line) => (
          <Box component="li" key={line.id} p="sm" style={{ border: "1px solid var(--mantine-color-gray-3)", borderRadius: "var(--mantine-radius-sm)" }}>
            <SimpleGrid component="dl" cols={{ base: 2, sm: 3, md: 6 }} spacing="sm" verticalSpacing={6} m={0}>
              <Fact label={t("capacity.quantity")}>
                {number(line.quantity)} {t(`unit.${unit}` as MessageKey)}
              </Fact>
              <Fact label={t("capacity.per")}>{line.period === "weekday" ? t("capacity.perWeekday") : t("capacity.perWeek")}</Fact>
              <Fact label={t("capacity.days")}>{line.period === "weekday" ? weekdayList(t, line.weekdays) : "–"}</Fact>
              <Fact label={t("capacity.validFrom")}>{line.validFrom ? date(line.validFrom) : "–"}</Fact>
              <Fact label={t("capacity.validTo")}>{line.validTo ? date(line.validTo) : t("capacity.openEnded")}</Fact>
              <Fact label={t("capacity.sites")}>{line.sites.length ? sitesToText(line.sites) : t("capacity.anySite")}</Fact>
            </SimpleGrid>
          </Box>
        ))}
      </Stack>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </div>
  );
}
