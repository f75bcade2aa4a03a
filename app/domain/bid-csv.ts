/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads å, ä, ö), CRLF line ends,
 * every cell quoted, and cells a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or carriage return) prefixed with an apostrophe so they stay text.
 */
const BOM = "\uFEFF";

export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
