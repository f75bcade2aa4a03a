import { Table, type TableProps } from "@mantine/core";
import type { ReactNode } from "react";

export interface DataRow {
  key: string | number;
  /** The row's heading, a `th` with `scope="row"`; left out, the row has none. */
  header?: ReactNode;
  cells: ReactNode[];
}

/**
 * A table of figures under column headings that scrolls sideways on a narrow screen instead of
 * being cut off. `footer` rows (a total) follow the data rows.
 */
export function DataTable({
  columns,
  rows,
  minWidth,
  footer,
  ...table
}: { columns: ReactNode[]; rows: DataRow[]; minWidth: number; footer?: ReactNode } & TableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table {...table}>
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
    </Table.ScrollContainer>
  );
}
