import { renderToStaticMarkup } from "react-dom/server";
import { Zip, ZipDeflate, strToU8 } from "fflate";
import agreementCss from "../styles/agreement.css?raw";
import { AgreementView, agreementDocument, type Formatters } from "../components/agreement-document";
import { percent, shortfallText, unitLabel } from "../components/bid-text";
import { csvFormat, toCsv } from "../domain/csv";
import { kronorText } from "../domain/tender/money";
import type { TenderFigures } from "../domain/tender/prices";
import type { AgreementContent } from "../domain/tender/tender";
import type { AllocationCsvRow } from "../models/joint-bid/exports.server";
import type { TenderData } from "../models/tender/tender.server";
import type { EspdFile } from "../models/tender/exports.server";
import { allocationsCsv } from "./bid-exports.server";
import { formatDate, formatDateTime, formatMoney, formatNumber, type Locale, type MessageKey } from "../utils/i18n";
import { serverTranslator } from "../utils/messages.server";

/**
 * The tender pack: everything the lead takes to the buyer's procurement system, as files. The
 * price sheet is what the buyer sees (prices, per delivery, per month); what members are paid is
 * in the agreement's appendices only. Decision 023.
 */
export interface PackFile {
  name: string;
  data: Uint8Array;
}

function formatters(locale: Locale): Formatters {
  return {
    t: serverTranslator(locale),
    money: (ore) => formatMoney(locale, ore),
    number: (n) => formatNumber(locale, n),
    date: (iso) => formatDate(locale, iso),
  };
}

function htmlFile(title: string, lang: Locale, body: string): string {
  const escaped = title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<!doctype html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escaped}</title>\n<style>\nbody { font-family: system-ui, sans-serif; margin: 2rem; color: #1a1b1e; }\n${agreementCss}\n</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

export function agreementHtml(content: AgreementContent, frozenAt: string | null, locale: Locale): string {
  const f = formatters(locale);
  const doc = agreementDocument(content, f, frozenAt);
  return htmlFile(doc.title, locale, renderToStaticMarkup(<AgreementView document={doc} />));
}

/** The price sheet for Swedish Excel: semicolons, a decimal comma, amounts in kronor with öre. */
export function priceSheetCsv(data: TenderData, figures: TenderFigures, locale: Locale): string {
  const t = serverTranslator(locale);
  const kr = (ore: number) => kronorText(ore, ",");
  const byLine = new Map(figures.lines.map((l) => [l.demandLineId, l]));
  const lines = data.lines.map((l) => {
    const f = byLine.get(l.demandLineId)!;
    return [
      t("tender.line", { item: l.item, site: l.site }),
      l.item,
      l.site,
      unitLabel(t, l.unit),
      l.quantity,
      f.deliveries,
      kr(f.price.unitPriceOre),
      f.price.vatRate,
      kr(f.perDelivery.exVat),
      kr(f.perDelivery.vat),
      kr(f.perDelivery.incVat),
      f.units,
      kr(f.valueExVat),
    ];
  });
  const months = [...figures.months, figures.total].map((m) => [
    m.month === "total" ? t("tender.csv.total") : m.month,
    m.units,
    kr(m.exVat),
    kr(m.vat),
    kr(m.incVat),
  ]);
  return toCsv(
    [
      [
        t("tender.csv.line"),
        t("tender.csv.item"),
        t("tender.csv.site"),
        t("tender.csv.unit"),
        t("tender.csv.quantity"),
        t("tender.csv.deliveries"),
        t("tender.csv.price"),
        t("tender.csv.vatRate"),
        t("tender.csv.perDeliveryExVat"),
        t("tender.csv.perDeliveryVat"),
        t("tender.csv.perDeliveryIncVat"),
        t("tender.csv.units"),
        t("tender.csv.value"),
      ],
      ...lines,
      [],
      [t("tender.csv.month"), t("tender.csv.units"), t("tender.csv.exVat"), t("tender.csv.vat"), t("tender.csv.incVat")],
      ...months,
    ],
    csvFormat("sv"),
  );
}

/** The same prices as JSON, amounts in öre: what the buyer is offered, not what members are paid. */
export function priceSheetJson(data: TenderData, figures: TenderFigures, ocid: string): string {
  return JSON.stringify(
    {
      request: { title: data.request.title, buyer: data.request.buyer.name, ocid },
      groupName: data.terms.groupName,
      currency: "SEK",
      amountsIn: "öre",
      lines: figures.lines.map((l) => ({
        demandLineId: l.demandLineId,
        item: l.item,
        site: l.site,
        unit: l.unit,
        quantityPerDelivery: l.quantity,
        deliveries: l.deliveries,
        unitPriceExVat: l.price.unitPriceOre,
        vatRatePercent: l.price.vatRate,
        perDelivery: l.perDelivery,
        units: l.units,
        valueExVat: l.valueExVat,
      })),
      months: figures.months.map(({ leadShare: _, ...m }) => m),
      total: { units: figures.total.units, exVat: figures.total.exVat, vat: figures.total.vat, incVat: figures.total.incVat },
    },
    null,
    2,
  );
}

function planSummaryHtml(data: TenderData, locale: Locale): string {
  const { t, number, date } = formatters(locale);
  const plan = data.plan!;
  const summary = plan.summary;
  const names = new Map(data.participants.map((p) => [p.organisationId, p.name]));
  const body = renderToStaticMarkup(
    <article className="agreement">
      <h1>{t("tender.summary.title")}</h1>
      <p>
        {data.request.title} – {data.request.buyer.name} ({formatDateTime(locale, plan.plannedAt)})
      </p>
      <p>
        <strong>
          {t("tender.summary.coverage", { percent: percent(number, summary.coverage), covered: number(summary.covered), demanded: number(summary.demanded) })}
        </strong>
      </p>
      {summary.shortfall.length > 0 && (
        <>
          <h2>{t("tender.summary.shortfall")}</h2>
          <ul>
            {summary.shortfall.map((row) => (
              <li key={`${row.item}-${row.site}-${row.weekday}`}>{shortfallText(t, number, row)}</li>
            ))}
          </ul>
        </>
      )}
      <h2>{t("tender.summary.allocations")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("tender.col.organisation")}</th>
            <th scope="col">{t("tender.col.line")}</th>
            <th scope="col">{t("tender.summary.weekday")}</th>
            <th scope="col">{t("tender.summary.days")}</th>
            <th scope="col">{t("tender.col.units")}</th>
          </tr>
        </thead>
        <tbody>
          {summary.allocations.map((a, k) => (
            <tr key={k}>
              <th scope="row">{names.get(a.organisationId) ?? a.organisationId}</th>
              <td>{t("tender.line", { item: a.item, site: a.site })}</td>
              <td>{t(`weekday.${a.weekday}` as MessageKey)}</td>
              <td>{number(a.days)}</td>
              <td>
                {number(a.quantity)} {unitLabel(t, a.unit)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{date(plan.plannedAt)}</p>
    </article>,
  );
  return htmlFile(t("tender.summary.title"), locale, body);
}

function readme(data: TenderData, espd: readonly EspdFile[], locale: Locale, at: Date): string {
  const t = serverTranslator(locale);
  const lead = data.participants.find((p) => p.isLead)?.name ?? "";
  const lines = [
    t("tender.readme.title", { request: data.request.title }),
    t("tender.readme.made", { date: formatDate(locale, at.toISOString()), group: data.terms.groupName, lead }),
    "",
    `${t("tender.readme.contents")}:`,
    `- prices.csv: ${t("tender.readme.prices")}`,
    `- prices.json: ${t("tender.readme.pricesJson")}`,
    `- agreement-sv.html: ${t("tender.readme.agreement")}`,
    `- agreement-en.html: ${t("tender.readme.agreementEn")}`,
    ...espd.map((f) => `- espd/${f.fileName}: ${t("tender.readme.espd", { organisation: f.name })}`),
    `- plan-summary.html: ${t("tender.readme.summary")}`,
    `- allocations.csv: ${t("tender.readme.allocations")}`,
    "",
    `${t("tender.readme.todo")}:`,
    `1. ${t("tender.readme.todo.review")}`,
    `2. ${t("tender.readme.todo.espd")}`,
    `3. ${t("tender.readme.todo.upload", { deadline: formatDateTime(locale, data.request.deadlineAt) })}`,
    ...(data.status === "draft" || data.status === "committed" ? [`4. ${t("tender.readme.todo.platform")}`] : []),
    "",
    t("tender.readme.notice"),
  ];
  return `${lines.join("\r\n")}\r\n`;
}

/** Every file of the pack, in the order the README lists them. */
export function tenderPackFiles({
  data,
  figures,
  agreement,
  agreementFrozenAt,
  espd,
  allocations,
  locale,
  ocid,
  at = new Date(),
}: {
  data: TenderData;
  figures: TenderFigures;
  agreement: AgreementContent;
  agreementFrozenAt: string | null;
  espd: readonly EspdFile[];
  allocations: readonly AllocationCsvRow[];
  locale: Locale;
  ocid: string;
  at?: Date;
}): PackFile[] {
  const text = (name: string, content: string): PackFile => ({ name, data: strToU8(content) });
  return [
    text("README.txt", readme(data, espd, locale, at)),
    text("prices.csv", priceSheetCsv(data, figures, locale)),
    text("prices.json", priceSheetJson(data, figures, ocid)),
    text("agreement-sv.html", agreementHtml(agreement, agreementFrozenAt, "sv")),
    text("agreement-en.html", agreementHtml(agreement, agreementFrozenAt, "en")),
    ...espd.map((f) => text(`espd/${f.fileName}`, f.xml)),
    text("plan-summary.html", planSummaryHtml(data, locale)),
    text("allocations.csv", allocationsCsv(allocations, locale)),
  ];
}

/**
 * The files as a zip, made as it is read: each pull compresses the next file, so the response
 * starts at once and the whole archive is never held in memory.
 */
export function zipStream(files: readonly PackFile[]): ReadableStream<Uint8Array> {
  const queue = [...files];
  let zip: Zip;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        if (chunk.length > 0) controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    pull() {
      const file = queue.shift();
      if (!file) return zip.end();
      const entry = new ZipDeflate(file.name, { level: 6 });
      zip.add(entry);
      entry.push(file.data, true);
    },
  });
}
