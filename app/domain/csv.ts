/**
 * CSV for spreadsheets: RFC 4180 quoting, CRLF line ends, and a UTF-8 byte order mark so that Excel
 * reads å/ä/ö. Text cells that a spreadsheet would run as a formula (starting with = + - @, or a tab
 * or carriage return that hides one) get a leading apostrophe, so they show as text.
 *
 * Excel splits a CSV file into columns by the list separator of the computer's region: a Swedish
 * Excel expects `;` and a decimal comma, an English one `,` and a decimal point. So the file follows
 * the language it is downloaded in, and times are Lund's wall-clock time, which Excel reads as a date.
 */
import { utcToStockholmFields } from "./lund-time";

export type CsvCell = string | number | null | undefined;

export interface CsvFormat {
  separator: "," | ";";
  decimal: "." | ",";
}

const formats: Record<"sv" | "en", CsvFormat> = {
  sv: { separator: ";", decimal: "," },
  en: { separator: ",", decimal: "." },
};

/** The CSV a spreadsheet in this language opens in columns. */
export function csvFormat(locale: "sv" | "en"): CsvFormat {
  return formats[locale];
}

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell, format: CsvFormat = formats.en): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value).replace(".", format.decimal) : "";
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[], format: CsvFormat = formats.en): string {
  return "\uFEFF" + rows.map((row) => row.map((cell) => csvCell(cell, format)).join(format.separator)).join("\r\n") + "\r\n";
}

/** A UTC instant as Lund's local date and time, "2026-12-07 09:14", which spreadsheets read as a date in either language. */
export function csvDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const local = utcToStockholmFields(date);
  return `${local.date} ${local.time}`;
}
