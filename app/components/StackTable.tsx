/**
 * A Designsystemet table that becomes a stack of cards on a phone (CSS .table-stack in
 * app/styles/tables.css): each cell shows its column's name before its value, from
 * data-label. The column names are given once, in `columns`, and serve both the header row
 * and the cells' labels, so the two cannot drift apart.
 *
 * A row's own heading (a <TableHeaderCell scope="row">) needs no label: on a phone it is the
 * card's title.
 */
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@digdir/designsystemet-react";
import type { ComponentProps, ReactNode } from "react";

export type StackColumn = { label: string; num?: boolean };

export function StackTable({
  columns,
  caption,
  labelledBy,
  zebra,
  children,
}: {
  columns: StackColumn[];
  /** A visually hidden caption; or name the table by a heading with `labelledBy`. */
  caption?: string;
  labelledBy?: string;
  zebra?: boolean;
  children: ReactNode;
}) {
  return (
    <Table className="table-stack" aria-labelledby={labelledBy} data-size="sm" zebra={zebra}>
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <TableHead>
        <TableRow>
          {columns.map((c) => (
            <TableHeaderCell key={c.label} scope="col" className={c.num ? "num" : undefined}>
              {c.label}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>{children}</TableBody>
    </Table>
  );
}

/**
 * A cell of a StackTable, labelled with its column. `full`: the cell holds controls and
 * takes the card's whole width on a phone, its label above; `wrap`: long words (e-mail
 * addresses) may break.
 */
export function StackCell({
  column,
  full,
  wrap,
  ...rest
}: { column: StackColumn; full?: boolean; wrap?: boolean } & Omit<ComponentProps<typeof TableCell>, "className">) {
  const className = [column.num ? "num" : "", full ? "table-stack__full" : "", wrap ? "table-stack__wrap" : ""].filter(Boolean).join(" ");
  return <TableCell data-label={column.label} className={className || undefined} {...rest} />;
}
