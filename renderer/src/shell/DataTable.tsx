import { Fragment, type HTMLAttributes, type Key, type ReactNode } from 'react';

/** One column: its header, and what each row shows in it. */
export interface Column<Row> {
  /** Unique among the table's columns; React's key for the header. */
  key: string;
  header: ReactNode;
  cell(row: Row): ReactNode;
  /** The cells' class (mono, message, …). */
  className?: string;
  /** The cells' data-testid, where a test reads one column of a row. */
  testId?: string;
}

/** Tick boxes in a first column, for rows a bulk action may take. */
export interface RowSelection<Row> {
  /** Whether this row may be ticked at all; a row that may not keeps an empty cell. */
  canSelect(row: Row): boolean;
  isSelected(row: Row): boolean;
  toggle(row: Row): void;
  /** The tick box's accessible name, naming the row ("Tick KD…"). */
  label(row: Row): string;
}

/** What a row's <tr> carries besides its cells: data-* for tests and e2e, a class for its look. */
export type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | number | boolean | undefined };

/** A column's header only, for a table whose rows draw themselves (`renderRow`). */
export type Header = Pick<Column<unknown>, 'key' | 'header'>;

interface TableProps<Row> {
  /** The table's accessible name; screen readers and the e2e tests find the table by it. */
  label: string;
  rows: readonly Row[];
  rowKey(row: Row): Key;
  rowAttributes?(row: Row): RowAttributes;
  /** Said instead of the table when there are no rows; without it an empty table is drawn. */
  empty?: ReactNode;
  selection?: RowSelection<Row>;
  /** Classes beside "table" (admin-table …). */
  className?: string;
  /** A wrapper that lets a wide table scroll on its own. */
  wrapClassName?: string;
  /** Set while a new page is loading, so assistive technology waits for it. */
  busy?: boolean;
}

export type DataTableProps<Row> = TableProps<Row> &
  (
    | { columns: ReadonlyArray<Column<Row>>; renderRow?: undefined }
    | {
        columns: readonly Header[];
        /** For rows with state of their own (a form opening inside the row): draws the row's <tr>s itself. */
        renderRow(row: Row): ReactNode;
      }
  );

/** The one table of the renderer: the queue, the batches, the audit trail and the operators all draw with it. */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { label, columns, rows, rowKey, selection, empty } = props;
  if (rows.length === 0 && empty !== undefined) return <p className="empty">{empty}</p>;
  const table = (
    <table className={props.className ? `table ${props.className}` : 'table'} aria-label={label} {...(props.busy === undefined ? {} : { 'aria-busy': props.busy })}>
      <thead>
        <tr>
          {selection && (
            <th scope="col">
              <span className="visually-hidden">Tick</span>
            </th>
          )}
          {columns.map((column) => (
            <th key={column.key} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.renderRow
          ? rows.map((row) => <Fragment key={rowKey(row)}>{props.renderRow(row)}</Fragment>)
          : rows.map((row) => (
              <tr key={rowKey(row)} {...rowAttributes(props, row)}>
                {selection && (
                  <td>{selection.canSelect(row) && <input type="checkbox" aria-label={selection.label(row)} checked={selection.isSelected(row)} onChange={() => selection.toggle(row)} />}</td>
                )}
                {props.columns.map((column) => (
                  <td key={column.key} className={column.className} data-testid={column.testId}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
      </tbody>
    </table>
  );
  return props.wrapClassName ? <div className={props.wrapClassName}>{table}</div> : table;
}

/** The row's own attributes, with "selected" when its tick box is ticked. */
function rowAttributes<Row>(props: DataTableProps<Row>, row: Row): RowAttributes {
  const own = props.rowAttributes?.(row) ?? {};
  if (!props.selection?.isSelected(row)) return own;
  return { ...own, className: own.className ? `${own.className} selected` : 'selected' };
}
