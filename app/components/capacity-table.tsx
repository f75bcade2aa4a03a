import { Table, Text } from "@mantine/core";
import { sitesToText, type CapacityLine } from "../domain/capacity";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";

export function weekdayList(t: (key: MessageKey) => string, days: number[]): string {
  return days.length === 7 ? t("capacity.everyDay") : days.map((d) => t(`weekday.${d}` as MessageKey)).join(", ");
}

/** The capacity lines of one offering as a table with a caption naming the offering. */
export function CapacityTable({ title, unit, lines }: { title: string; unit: string; lines: CapacityLine[] }) {
  const { t, date, number } = useI18n();
  if (lines.length === 0) return <Text size="sm">{t("capacity.none")}</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped withTableBorder captionSide="top">
        <Table.Caption style={{ textAlign: "left" }}>{t("capacity.table", { title })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("capacity.quantity")}</Table.Th>
            <Table.Th scope="col">{t("capacity.per")}</Table.Th>
            <Table.Th scope="col">{t("capacity.days")}</Table.Th>
            <Table.Th scope="col">{t("capacity.validFrom")}</Table.Th>
            <Table.Th scope="col">{t("capacity.validTo")}</Table.Th>
            <Table.Th scope="col">{t("capacity.sites")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => (
            <Table.Tr key={line.id}>
              <Table.Td>
                {number(line.quantity)} {t(`unit.${unit}` as MessageKey)}
              </Table.Td>
              <Table.Td>{line.period === "weekday" ? t("capacity.perWeekday") : t("capacity.perWeek")}</Table.Td>
              <Table.Td>{line.period === "weekday" ? weekdayList(t, line.weekdays) : "–"}</Table.Td>
              <Table.Td>{line.validFrom ? date(line.validFrom) : "–"}</Table.Td>
              <Table.Td>{line.validTo ? date(line.validTo) : t("capacity.openEnded")}</Table.Td>
              <Table.Td>{line.sites.length ? sitesToText(line.sites) : t("capacity.anySite")}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
