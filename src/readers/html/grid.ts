import type { Cell, Table } from '../../model';

export interface RawCell { text: string; rowSpan: number; colSpan: number }

/** Safety cap: a malformed colspan="1000" must not explode memory. */
export const MAX_SPAN = 64;

/** Expand rows of cells with rowspan/colspan into a grid where a merged cell fills every slot it covers. */
export function expandSpans(rows: RawCell[][], method: string): Table {
  const grid: (Cell | null)[][] = [];
  let id = 0;
  rows.forEach((cells, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const raw of cells) {
      while (grid[r][c]) c++;
      const rowSpan = Math.min(Math.max(1, raw.rowSpan || 1), MAX_SPAN, rows.length - r);
      const colSpan = Math.min(Math.max(1, raw.colSpan || 1), MAX_SPAN);
      const cell: Cell = { id: id++, text: raw.text, row: r, col: c, rowSpan, colSpan };
      for (let dr = 0; dr < rowSpan; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < colSpan; dc++) grid[r + dr][c + dc] = cell;
      }
      c += colSpan;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  for (const row of grid) for (let c = 0; c < width; c++) row[c] ??= null;
  return { rows: grid, method };
}
