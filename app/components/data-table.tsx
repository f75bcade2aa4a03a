import { Table, type TableProps, type TableScrollContainerProps } from "@mantine/core";
import type { ReactNode } from "react";
import type { MessageKey, Translate } from "../utils/i18n";

export interface DataRow {
  key: string | number;
  /** The row's heading, a `th` with `scope="row"`; left out, the row has none. */
  header?: ReactNode;
  cells: ReactNode[];
}

/**
 * A table of figures under column headings that scrolls sideways on a narrow screen instead of
 * being cut off. `footer` rows (a total) follow the data rows; a `caption` shows above the table. The scrolling box takes the
 * keyboard's focus, so a table wider than a phone can be scrolled without a pointer, and carries
 * the table's name.
 */
export function DataTable({
  columns,
  rows,
  minWidth,
  footer,
  caption,
  ...table
}: { columns: ReactNode[]; rows: DataRow[]; minWidth: number; footer?: ReactNode; caption?: ReactNode } & TableProps) {
  return (
    <TableScroller minWidth={minWidth} label={table["aria-label"]}>
      <Table captionSide="top" {...table}>
        {caption !== undefined && <Table.Caption style={{ textAlign: "left" }}>{caption}</Table.Caption>}
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, i) => (
              <Table.Th scope="col" key={i}>
                {column}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              {row.header !== undefined && <Table.Th scope="row">{row.header}</Table.Th>}
              {row.cells.map((cell, i) => (
                <Table.Td key={i}>{cell}</Table.Td>
              ))}
            </Table.Tr>
          ))}
          {footer}
        </Table.Tbody>
      </Table>
    </TableScroller>
  );
}

/**
 * A box that scrolls a table sideways on a narrow screen instead of cutting it off. The box takes
 * the keyboard's focus, so it can be scrolled without a pointer, and, given a label, is a named
 * region a screen reader announces when it gets that focus.
 */
export function TableScroller({ label, children, ...box }: { label?: string; children: ReactNode } & Omit<TableScrollContainerProps, "children">) {
  return (
    <Table.ScrollContainer {...box} scrollAreaProps={{ viewportProps: { tabIndex: 0, ...(label ? { role: "region", "aria-label": label } : {}) } }}>
      {children}
    </Table.ScrollContainer>
  );
}

/** A table's column headings, by their keys. */
export function headings(t: Translate, ...keys: MessageKey[]): string[] {
  return keys.map((key) => t(key));
}
