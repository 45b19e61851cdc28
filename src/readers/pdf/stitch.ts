import type { Cell } from '../../model';
import type { GridTable } from './lattice';
import { reindex } from './lattice';
import { joinLines } from './lines';
import { NUMERIC_TEXT } from '../../util/number';

/** Column boundaries of two table parts match within this distance (points). */
const COLUMN_MATCH = 4;
/** A cell that opens a new row starts with a numbering: "一、", "（二）", "3." ... */
const NUMBERED = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.．、])/;

const nonEmpty = (row: (Cell | null)[]) => [...new Set(row.filter((c): c is Cell => !!c && c.text.trim() !== ''))];
const rowText = (row: (Cell | null)[]) => [...new Set(row.filter(Boolean))].map((c) => c!.text).join('|');

/**
 * Append the continuation `b` (top of the next page) to `a` (bottom of the previous page) when
 * their columns line up: the same boundaries, or one part's boundaries a subset of the other's
 * (a header row whose sub-columns only start on the next page). A repeated header is dropped; a
 * row broken by the page break is joined back. Returns false when the columns do not line up:
 * the parts then stay separate tables and the mapping layer carries header state across them.
 */
export function stitch(a: GridTable, b: GridTable): boolean {
  const inA = b.xs.every((x) => a.xs.some((ax) => Math.abs(ax - x) <= COLUMN_MATCH));
  const inB = a.xs.every((x) => b.xs.some((bx) => Math.abs(bx - x) <= COLUMN_MATCH));
  if (!inA && !inB) return false;
  const xs = inA ? a.xs : b.xs;
  const colOf = (x: number) => xs.findIndex((v) => Math.abs(v - x) <= COLUMN_MATCH);
  const aMap = a.xs.map(colOf);
  const bMap = b.xs.map(colOf);
  // Outer edges must agree, or the "continuation" is a different table that happens to share lines.
  if (aMap[0] !== 0 && bMap[0] !== 0) return false;
  const width = xs.length - 1;
  const remap = (rows: (Cell | null)[][], map: number[], offset: number) => {
    const moved = new Set<Cell>();
    return rows.map((row) => {
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
      return out;
    });
  };
  const aRows = remap(a.table.rows, aMap, 0);
  const offset = Math.max(-1, ...aRows.flat().map((c) => c?.id ?? -1)) + 1;
  let bRows = remap(b.table.rows, bMap, offset);
  // Repeated header: leading rows of b identical to leading rows of a.
  let skip = 0;
  while (skip < bRows.length && skip < aRows.length && rowText(bRows[skip]).replace(/\|/g, '') && rowText(bRows[skip]) === rowText(aRows[skip])) skip++;
  bRows = bRows.slice(skip);
  // A row broken by the page break: b's first row holds no values and opens with no numbering.
  const last = aRows[aRows.length - 1];
  const first = bRows[0];
  let joined = 0;
  if (!skip && last && first && nonEmpty(first).length && nonEmpty(first).every((c) => !NUMERIC_TEXT.test(c.text) && !NUMBERED.test(c.text))) {
    for (let c = 0; c < width; c++) {
      const ac = last[c], bc = first[c];
      if (!ac || !bc || ac === bc || ac.col !== bc.col || ac.colSpan !== bc.colSpan) continue;
      ac.text = joinLines([ac.text, bc.text]);
      for (const row of bRows) for (let k = 0; k < width; k++) if (row[k] === bc) row[k] = ac;
      joined++;
    }
    if (joined && first.every((cell, c) => cell === last[c])) bRows = bRows.slice(1);
  }
  a.table.rows = [...aRows, ...bRows];
  reindex(a.table.rows);
  a.xs = xs;
  a.table.pageEnd = b.table.pageEnd ?? b.table.page;
  return true;
}
