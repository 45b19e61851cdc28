import type { Cell } from '../../model';
import type { GridTable } from './lattice';
import { reindex } from './lattice';

/** Column boundaries of two table parts match within this distance (points). */
const COLUMN_MATCH = 4;

/**
 * Append the continuation `b` (top of the next page) to `a` (bottom of the previous page) when its
 * columns line up with `a`'s, dropping a repeated header. Returns false when they do not line up;
 * the parts then stay separate tables and the mapping layer carries header state across them.
 */
export function stitch(a: GridTable, b: GridTable): boolean {
  // Every column boundary of b must be one of a's (b may lack a leading group column).
  const map = b.xs.map((x) => a.xs.findIndex((ax) => Math.abs(ax - x) <= COLUMN_MATCH));
  if (map.some((i) => i < 0) || map.some((i, k) => k > 0 && i <= map[k - 1])) return false;
  const width = a.xs.length - 1;
  const rowText = (row: (Cell | null)[]) => [...new Set(row.filter(Boolean))].map((c) => c!.text).join('|');
  // Repeated header: leading rows of b identical to leading rows of a.
  let skip = 0;
  while (skip < b.table.rows.length && skip < a.table.rows.length && rowText(b.table.rows[skip]) === rowText(a.table.rows[skip]) && rowText(a.table.rows[skip]).replace(/\|/g, '')) skip++;
  const offset = Math.max(-1, ...a.table.rows.flat().map((c) => c?.id ?? -1)) + 1;
  const moved = new Set<Cell>();
  const added: (Cell | null)[][] = [];
  for (const row of b.table.rows.slice(skip)) {
    const out: (Cell | null)[] = Array(width).fill(null);
    row.forEach((cell, c) => {
      if (!cell) return;
      if (!moved.has(cell)) {
        moved.add(cell);
        cell.id += offset;
        const c0 = map[cell.col], c1 = map[cell.col + cell.colSpan];
        cell.col = c0; cell.colSpan = c1 - c0;
      }
      for (let k = map[c]; k < map[c + 1]; k++) out[k] = cell;
    });
    added.push(out);
  }
  a.table.rows.push(...added);
  reindex(a.table.rows);
  a.table.pageEnd = b.table.pageEnd ?? b.table.page;
  a.ys = [...a.ys];
  if (skip) (a.table.quality ??= {}).repeatedHeaderRows = (a.table.quality.repeatedHeaderRows ?? 0) + skip;
  return true;
}
