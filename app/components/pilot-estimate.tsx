import { List, Text } from "@mantine/core";
import type { ReportEstimate, ReportParameter } from "../domain/pilot-report";
import { type ByStakeholder, type EstimateParameterKey, estimateParameterKeys, parameterUnits, stakeholders } from "../domain/socio-economic";
import { SUPPRESSED_MARK } from "../domain/suppression";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { DataTable } from "./data-table";

/** Amounts the one way each language writes them: "1 200 kr", "SEK 1,200". */
export function useMoney() {
  const { t, number } = useI18n();
  return (amount: number) => t("pilot.unit.sek", { amount: number(amount) });
}

/** A parameter's value with its unit, in the page's language. */
export function useParameterValue() {
  const { t, number } = useI18n();
  return (key: EstimateParameterKey, value: number) => t(`pilot.unit.${parameterUnits[key]}` as MessageKey, { amount: number(value) });
}

const derivedSymbols = ["wage", "labourCost", "intoWork", "procurements"] as const;

/** Every symbol of the formulas by its name, in the page's language ("{grossWage}" → "B"). */
export function useSymbols(): Record<string, string> {
  const { t } = useI18n();
  return Object.fromEntries([...estimateParameterKeys, ...derivedSymbols].map((key) => [key, t(`pilot.symbol.${key}` as MessageKey)]));
}

/** One person into work for the stated months, per stakeholder, with the formula in symbols and in words. */
export function PerPersonTable({ perPerson }: { perPerson: ByStakeholder }) {
  const { t } = useI18n();
  const money = useMoney();
  const symbols = useSymbols();
  return (
    <DataTable
      minWidth={560}
      withTableBorder
      className="report-table-wide"
      columns={[t("pilot.estimate.stakeholder"), t("pilot.estimate.perPerson"), t("pilot.estimate.formula"), t("pilot.estimate.inWords")]}
      rows={stakeholders.map((s) => ({
        key: s,
        header: t(`pilot.stakeholder.${s}` as MessageKey),
        cells: [
          <span key="value" className="report-number">
            {money(perPerson[s])}
          </span>,
          <span key="formula" className="report-formula">
            {t(`pilot.formula.${s}` as MessageKey, symbols)}
          </span>,
          t(`pilot.formulaWords.${s}` as MessageKey),
        ],
      }))}
    />
  );
}

/** The period's total, line by line: per person × the number into work, then what occurs once per procurement. */
export function PeriodTotal({ estimate }: { estimate: ReportEstimate }) {
  const { t, number, date } = useI18n();
  const money = useMoney();
  const symbols = useSymbols();
  if (estimate.missing.length > 0) {
    return (
      <Text>
        {t("pilot.estimate.missingValues", {
          date: date(estimate.valuesOn),
          parameters: estimate.missing.map((key) => t(`pilot.parameter.${key}` as MessageKey)).join(", "),
        })}
      </Text>
    );
  }
  if (!estimate.period || estimate.intoWork.suppressed) return <Text>{t("pilot.estimate.periodHidden", { mark: SUPPRESSED_MARK })}</Text>;
  const cost = estimate.parameters.find((p) => p.key === "procurementCost")?.value ?? 0;
  const line = (label: string, values: ByStakeholder, key: string) => ({
    key,
    header: label,
    cells: stakeholders.map((s) => (
      <span key={s} className="report-number">
        {money(values[s])}
      </span>
    )),
  });
  return (
    <>
      <DataTable
        minWidth={640}
        withTableBorder
        className="report-table-wide"
        columns={[t("pilot.estimate.line"), ...stakeholders.map((s) => t(`pilot.stakeholder.${s}` as MessageKey))]}
        rows={[
          line(t("pilot.estimate.line.fromWork", { intoWork: symbols.intoWork, count: number(estimate.intoWork.value) }), estimate.period.fromWork, "fromWork"),
          line(
            t("pilot.estimate.line.perProcurement", { cost: money(cost), count: number(estimate.procurements) }),
            estimate.period.perProcurement,
            "perProcurement",
          ),
          line(t("pilot.estimate.line.total"), estimate.period.total, "total"),
        ]}
      />
      <Text size="sm" className="report-formula">
        {t("pilot.estimate.periodFormula", symbols)}
      </Text>
    </>
  );
}

/** What each symbol of the formulas stands for. */
export function SymbolLegend() {
  const { t } = useI18n();
  const symbols = useSymbols();
  return (
    <List size="sm" spacing={2} className="report-symbols">
      {estimateParameterKeys.map((key) => (
        <List.Item key={key}>
          <span className="report-formula">{symbols[key]}</span> = {t(`pilot.parameter.${key}` as MessageKey)}
        </List.Item>
      ))}
      {derivedSymbols.map((key) => (
        <List.Item key={key}>
          <span className="report-formula">{symbols[key]}</span> = {t(`pilot.symbolMeaning.${key}` as MessageKey, symbols)}
        </List.Item>
      ))}
      <List.Item>{t("pilot.symbolMeaning.percent")}</List.Item>
    </List>
  );
}

/** The values an estimate was computed with: each with its symbol, its period of validity and its source. */
export function ParameterValuesTable({ parameters }: { parameters: ReportParameter[] }) {
  const { t, date } = useI18n();
  const symbols = useSymbols();
  const value = useParameterValue();
  return (
    <DataTable
      minWidth={560}
      withTableBorder
      className="report-table-wide"
      columns={[t("pilot.estimate.parameter"), t("pilot.estimate.symbol"), t("pilot.estimate.value"), t("pilot.estimate.validity"), t("pilot.estimate.source")]}
      rows={parameters.map((p) => ({
        key: p.key,
        header: t(`pilot.parameter.${p.key}` as MessageKey),
        cells: [
          <span key="symbol" className="report-formula">
            {symbols[p.key]}
          </span>,
          <span key="value" className="report-number">
            {value(p.key, p.value)}
          </span>,
          p.validTo
            ? t("pilot.estimate.validFromTo", { from: date(p.validFrom), to: date(p.validTo) })
            : t("pilot.estimate.validFromOn", { from: date(p.validFrom) }),
          <Text key="source" span inherit style={{ overflowWrap: "anywhere" }}>
            {p.source}
            {p.isExample ? ` (${t("pilot.estimate.example")})` : ""}
          </Text>,
        ],
      }))}
    />
  );
}

/** An earlier version's estimate, as it was published. */
export function LegacyEstimate({ legacy }: { legacy: NonNullable<ReportEstimate["legacy"]> }) {
  const { t } = useI18n();
  const money = useMoney();
  return (
    <>
      <Text size="sm">{t("pilot.estimate.legacy")}</Text>
      <DataTable
        minWidth={420}
        withTableBorder
        columns={[t("pilot.estimate.stakeholder"), t("pilot.estimate.perPerson"), t("pilot.estimate.periodTitle")]}
        rows={stakeholders.map((s) => ({
          key: s,
          header: t(`pilot.stakeholder.${s}` as MessageKey),
          cells: [money(legacy.perPerson[s]), legacy.forParticipants ? money(legacy.forParticipants[s]) : SUPPRESSED_MARK],
        }))}
      />
    </>
  );
}
