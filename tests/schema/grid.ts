/**
 * Small hand-made grids for the mapper tests. Each row is a list of cell texts; '<' repeats the
 * cell to the left (a column span), '^' the cell above (a row span), as an HTML table with
 * colspan/rowspan reads.
 */
import type { Cell, Table } from '../../src/model';
import { CellSink } from '../../src/schema/mapping';

export function grid(rows: string[][], method = 'html'): Table {
  let id = 0;
  const out: (Cell | null)[][] = [];
  rows.forEach((row, r) => {
    out.push([]);
    row.forEach((text, c) => {
      let cell: Cell;
      if (text === '<') { cell = out[r][c - 1]!; cell.colSpan = Math.max(cell.colSpan, c - cell.col + 1); }
      else if (text === '^') { cell = out[r - 1][c]!; cell.rowSpan = Math.max(cell.rowSpan, r - cell.row + 1); }
      else cell = { id: id++, text, row: r, col: c, rowSpan: 1, colSpan: 1 };
      out[r].push(cell);
    });
  });
  return { rows: out, method };
}

/** A `text-flat` table as the Word 97 text reader makes it: one row per line, cells split at tabs. */
export function flat(lines: string[]): Table {
  let id = 0;
  const rows = lines.map((l, r) => l.split('\t').map((t, c): Cell => ({ id: id++, text: t, row: r, col: c, rowSpan: 1, colSpan: 1, line: r + 1 })));
  return { rows, method: 'text-flat' };
}

/** A grid's rows as text, cells joined by '|'. */
export const rowTexts = (t: Table) => t.rows.map((r) => r.map((c) => c?.text ?? '').join('|'));

/** Mapped values by code. */
export const values = (sink: CellSink) => Object.fromEntries(Object.entries(sink.cells).map(([k, v]) => [k, v.value]));
export const codes = (sink: CellSink) => sink.messages.map((m) => m.code);
