import { List, Table, Text } from "@mantine/core";
import { percent, type ResponseCoverage } from "../domain/coverage";
import type { CpvCode } from "../domain/cpv-code";
import { RESERVED_CONTRACT_THRESHOLD } from "../domain/organisation";
import { weekView, type WeekViewLine } from "../domain/request";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { TableScroller } from "./data-table";

export interface DemandLineView extends WeekViewLine {
  id: number;
  /** What is delivered, when the buyer named it besides the request's code. */
  cpvCode?: string | null;
  /** That code with its labels, from the loader (the vocabulary stays on the server). */
  cpv?: CpvCode | null;
}

const unitKey = (unit: string) => `unit.${unit}` as MessageKey;
const weekdayKey = (day: number) => `weekday.${day}` as MessageKey;

export function DemandLinesTable({ lines }: { lines: DemandLineView[] }) {
  const { t, number, locale } = useI18n();
  return (
    <TableScroller minWidth={560} label={t("requests.demandLines")}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("requests.col.item")}</Table.Th>
            <Table.Th scope="col">{t("requests.col.quantity")}</Table.Th>
            <Table.Th scope="col">{t("requests.col.site")}</Table.Th>
            <Table.Th scope="col">{t("requests.col.weekdays")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => (
            <Table.Tr key={line.id}>
              <Table.Td>
                {line.item}
                {line.cpvCode && (
                  <Text size="xs" c="gray.7">
                    {line.cpvCode} {line.cpv?.[locale]}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {number(line.quantity)} {t(unitKey(line.unit))}
              </Table.Td>
              <Table.Td>{line.site}</Table.Td>
              <Table.Td>{line.weekdays.map((d) => t(weekdayKey(d))).join(", ")}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroller>
  );
}

/** Sites down, weekdays across: what is delivered where on each day. */
export function WeekViewTable({ lines }: { lines: DemandLineView[] }) {
  const { t, number } = useI18n();
  const view = weekView(lines);
  return (
    <TableScroller minWidth={120 + view.weekdays.length * 130} label={t("requests.weekView.caption")}>
      <Table withColumnBorders>
        <caption className="visually-hidden">{t("requests.weekView.caption")}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("requests.weekView.site")}</Table.Th>
            {view.weekdays.map((d) => (
              <Table.Th scope="col" key={d}>
                {t(weekdayKey(d))}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.rows.map((row) => (
            <Table.Tr key={row.site}>
              <Table.Th scope="row">{row.site}</Table.Th>
              {view.weekdays.map((d) => (
                <Table.Td key={d}>
                  {row.cells[d].map((c, i) => (
                    <Text key={i} size="sm">
                      {number(c.quantity)} {t(unitKey(c.unit))} {c.item}
                    </Text>
                  ))}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroller>
  );
}

/**
 * Coverage in words, "Ja" and "Kanske" apart: the answers counted, overall, per weekday and site,
 * and per demand line; for a reserved procurement, that only eligible respondents count and what
 * the others would add.
 */
export function CoverageSummaryView({ lines, coverage, reserved }: { lines: DemandLineView[]; coverage: ResponseCoverage; reserved: boolean }) {
  const { t, number } = useI18n();
  const { answers, yes, yesOrMaybe, withUncounted } = coverage;
  const uncounted = answers.yes.uncounted + answers.maybe.uncounted + answers.no.uncounted;
  return (
    <>
      <Text mb="sm" data-testid="coverage-answers">
        {t("requests.coverage.answers", { yes: answers.yes.counted, maybe: answers.maybe.counted, no: answers.no.counted })}
      </Text>
      <Text fw={600} mb="sm" data-testid="coverage-overall">
        {t("requests.coverage.overall", { percent: percent(yes.overall), maybePercent: percent(yesOrMaybe.overall) })}
      </Text>
      {reserved && (
        <Text size="sm" mb="sm">
          {t("requests.coverage.reserved", { threshold: RESERVED_CONTRACT_THRESHOLD })}
        </Text>
      )}
      {withUncounted && (
        <Text size="sm" mb="sm" data-testid="coverage-uncounted">
          {t("requests.coverage.uncounted", {
            count: uncounted,
            yes: answers.yes.uncounted,
            maybe: answers.maybe.uncounted,
            percent: percent(withUncounted.overall),
            points: percent(withUncounted.overall) - percent(yesOrMaybe.overall),
          })}
        </Text>
      )}
      <Text fw={600} size="sm">
        {t("requests.coverage.bySlot")}
      </Text>
      <List size="sm" mb="sm">
        {yes.slots.map((slot, k) => (
          <List.Item key={`${slot.weekday}-${slot.site}`}>
            {t("requests.coverage.slot", {
              percent: percent(slot.share),
              maybePercent: percent(yesOrMaybe.slots[k].share),
              weekday: t(weekdayKey(slot.weekday)),
              site: slot.site,
            })}
          </List.Item>
        ))}
      </List>
      <Text fw={600} size="sm">
        {t("requests.coverage.byLine")}
      </Text>
      <List size="sm">
        {yes.lines.map((c, k) => {
          const line = lines.find((l) => l.id === c.lineId)!;
          return (
            <List.Item key={c.lineId}>
              {t("requests.coverage.line", {
                item: line.item,
                site: line.site,
                yes: number(c.offered),
                maybe: number(yesOrMaybe.lines[k].offered - c.offered),
                demand: number(c.demand),
                unit: t(unitKey(line.unit)),
                percent: percent(c.share),
                respondents: yesOrMaybe.lines[k].respondents,
              })}
            </List.Item>
          );
        })}
      </List>
    </>
  );
}
