import { Stack, Table, Text, Title } from "@mantine/core";
import type { TenderFigures, TenderLine, LinePrice } from "../domain/tender/prices";
import { formatMonth } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { unitLabel, weekdayNames } from "./bid-text";
import { DataTable, headings } from "./data-table";

type Figures = Omit<TenderFigures, "participants"> & { participants: TenderFigures["participants"]; leadShareVisible: boolean };

/**
 * A joint bid's prices as its viewer may see them (app/domain/tender/tender.ts decides): each
 * demand line's price, VAT and what the buyer pays per delivery; the value per month and for the
 * whole period; and per participant its volume and payment per month.
 */
export function TenderPrices({
  lines,
  prices,
  figures,
  names,
}: {
  lines: (TenderLine & { weekdays: number[] })[];
  prices: Record<number, LinePrice>;
  figures: Figures | null;
  names: Record<number, string>;
}) {
  const { t, number, money, locale } = useI18n();
  const line = (l: TenderLine & { weekdays: number[] }) => (
    <>
      {t("tender.line", { item: l.item, site: l.site })}
      <Text size="xs" c="dark.6" component="span" display="block">
        {t("tender.lineDetail", { quantity: number(l.quantity), unit: unitLabel(t, l.unit), weekdays: weekdayNames(t, l.weekdays) })}
      </Text>
    </>
  );
  const byLine = new Map((figures?.lines ?? []).map((f) => [f.demandLineId, f]));
  const month = (m: string) => formatMonth(locale, m);
  return (
    <Stack gap="lg">
      <DataTable
        minWidth={760}
        withTableBorder
        striped
        aria-label={t("tender.prices")}
        columns={headings(
          t,
          "tender.col.line",
          "tender.col.price",
          "tender.col.vat",
          "tender.col.perDelivery",
          "tender.col.deliveries",
          "tender.col.units",
          "tender.col.value",
        )}
        rows={lines.map((l) => {
          const price = prices[l.demandLineId];
          const f = byLine.get(l.demandLineId);
          return {
            key: l.demandLineId,
            header: line(l),
            cells: [
              price ? money(price.unitPriceOre) : "–",
              price ? t("tender.vatRate", { rate: price.vatRate }) : "–",
              f ? t("tender.perDelivery", { exVat: money(f.perDelivery.exVat), vat: money(f.perDelivery.vat), incVat: money(f.perDelivery.incVat) }) : "–",
              f ? number(f.deliveries) : "–",
              f ? number(f.units) : "–",
              f ? money(f.valueExVat) : "–",
            ],
          };
        })}
      />
      {figures ? (
        <>
          <Title order={3} size="h4">
            {t("tender.months")}
          </Title>
          <DataTable
            minWidth={560}
            withTableBorder
            striped
            aria-label={t("tender.months")}
            columns={headings(
              t,
              "tender.col.month",
              "tender.col.units",
              "tender.col.exVat",
              "tender.col.vatAmount",
              "tender.col.incVat",
              ...(figures.leadShareVisible ? (["tender.col.leadShare"] as const) : []),
            )}
            rows={[...figures.months, figures.total].map((m) => ({
              key: m.month,
              header: m.month === "total" ? <strong>{t("tender.total")}</strong> : month(m.month),
              cells: [number(m.units), money(m.exVat), money(m.vat), money(m.incVat), ...(figures.leadShareVisible ? [money(m.leadShare)] : [])],
            }))}
          />
          {figures.leadShareVisible && <Text size="sm">{t("tender.leadShareNote")}</Text>}
          {figures.participants.length > 0 && (
            <>
              <Title order={3} size="h4">
                {t("tender.participants")}
              </Title>
              {!figures.leadShareVisible && <Text size="sm">{t("tender.ownOnly")}</Text>}
              {figures.participants.map((p) => (
                <Stack gap={4} key={p.organisationId}>
                  <Title order={4} size="h5">
                    {names[p.organisationId] ?? String(p.organisationId)}
                  </Title>
                  <DataTable
                    minWidth={420}
                    withTableBorder
                    aria-label={names[p.organisationId] ?? String(p.organisationId)}
                    columns={headings(t, "tender.col.month", "tender.col.units", "tender.col.revenue")}
                    rows={p.months.map((m) => ({ key: m.month, header: month(m.month), cells: [number(m.units), money(m.revenue)] }))}
                    footer={
                      <Table.Tr>
                        <Table.Th scope="row">{t("tender.participant.total", { organisation: names[p.organisationId] ?? String(p.organisationId) })}</Table.Th>
                        <Table.Td>{number(p.units)}</Table.Td>
                        <Table.Td>{money(p.revenue)}</Table.Td>
                      </Table.Tr>
                    }
                  />
                </Stack>
              ))}
            </>
          )}
        </>
      ) : (
        <Text size="sm">{t("tender.prices.noPlan")}</Text>
      )}
    </Stack>
  );
}
