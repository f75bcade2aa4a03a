/**
 * CSV for spreadsheets: RFC 4180 quoting, CRLF line ends, and a UTF-8 byte order mark so that Excel
 * reads å/ä/ö. Text cells that a spreadsheet would run as a formula (starting with = + - @, or a tab
 * or carriage return that hides one) get a leading apostrophe, so they show as text.
 */
export type CsvCell = string | number | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `separator` ";" is what Excel expects where the decimal sign is a comma, as in Swedish. */
export function toCsv(rows: readonly (readonly CsvCell[])[], { separator = "," }: { separator?: "," | ";" } = {}): string {
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(separator)).join("\r\n") + "\r\n";
}
