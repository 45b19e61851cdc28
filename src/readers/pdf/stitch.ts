import type { Cell } from '../../model';
import type { GridTable } from './lattice';
import { reindex } from './lattice';
import { joinLines } from './lines';
import { NUMERIC_TEXT } from '../../util/number';

/** A repeated header is at most this many rows. */
const MAX_HEADER_ROWS = 6;
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
  const parts = byBoundaries(a, b) ?? byBands(a, b);
  if (!parts) return false;
  const { aRows, xs, width } = parts;
  let { bRows } = parts;
  // Repeated header: leading rows of b identical to leading rows of a.
  let skip = 0;
  while (skip < bRows.length && skip < aRows.length && rowText(bRows[skip]).replace(/\|/g, '') && rowText(bRows[skip]) === rowText(aRows[skip])) skip++;
  bRows = bRows.slice(skip);
  // A header repeated in other columns (a stream continuation whose blank columns are missing).
  const headText = new Set(aRows.slice(0, MAX_HEADER_ROWS).map((r) => rowText(r).replace(/\|/g, '')).filter(Boolean));
  while (bRows.length && headText.has(rowText(bRows[0]).replace(/\|/g, '')) && !nonEmpty(bRows[0]).some((c) => NUMERIC_TEXT.test(c.text))) { bRows = bRows.slice(1); skip++; }
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

type Parts = { aRows: (Cell | null)[][]; bRows: (Cell | null)[][]; xs: number[]; width: number };

/** The parts' columns line up: the same boundaries, or one part's a subset of the other's. */
function byBoundaries(a: GridTable, b: GridTable): Parts | null {
  const inA = b.xs.every((x) => a.xs.some((ax) => Math.abs(ax - x) <= COLUMN_MATCH));
  const inB = a.xs.every((x) => b.xs.some((bx) => Math.abs(bx - x) <= COLUMN_MATCH));
  if (!inA && !inB) return null;
  const xs = inA ? a.xs : b.xs;
  const colOf = (x: number) => xs.findIndex((v) => Math.abs(v - x) <= COLUMN_MATCH);
  const aMap = a.xs.map(colOf);
  const bMap = b.xs.map(colOf);
  // Outer edges must agree, or the "continuation" is a different table that happens to share lines.
  if (aMap[0] !== 0 && bMap[0] !== 0) return null;
  const width = xs.length - 1;
  const span = (map: number[]) => (c0: number, c1: number): [number, number] => [map[c0], map[c1 + 1]];
  const aRows = remap(a.table.rows, span(aMap), width, 0);
  const offset = Math.max(-1, ...aRows.flat().map((c) => c?.id ?? -1)) + 1;
  return { aRows, bRows: remap(b.table.rows, span(bMap), width, offset), xs, width };
}

/**
 * Stream parts: each value column of the continuation lies in one value column of the first part
 * (columns blank on one page are missing from it, so boundaries differ); label columns are
 * matched from the right (the item labels next to the values).
 */
function byBands(a: GridTable, b: GridTable): Parts | null {
  if (!a.bands || !b.bands || a.labelCols === undefined || b.labelCols === undefined) return null;
  const La = a.labelCols, Lb = b.labelCols;
  if ((La === 0) !== (Lb === 0) || Lb > La) return null;
  const to: number[] = [];
  for (const [lo, hi] of b.bands) {
    const hit = a.bands.map((band, k) => ({ k, o: Math.min(hi, band[1]) - Math.max(lo, band[0]) })).filter(({ o }) => o > 0);
    if (hit.length !== 1 || (to.length && hit[0].k <= to[to.length - 1])) return null;
    to.push(hit[0].k);
  }
  const width = a.xs.length - 1;
  const col = (c: number) => (c < Lb ? La - Lb + c : La + to[c - Lb]);
  const aRows = remap(a.table.rows, (c0, c1) => [c0, c1 + 1], width, 0);
  const offset = Math.max(-1, ...aRows.flat().map((c) => c?.id ?? -1)) + 1;
  const bRows = remap(b.table.rows, (c0, c1) => [c0 === 0 ? 0 : col(c0), col(c1) + 1], width, offset);
  return { aRows, bRows, xs: a.xs, width };
}

/** A part's rows in the joined columns: `cols` gives the joined columns [from, to) of a cell over its own c0..c1. */
function remap(rows: (Cell | null)[][], cols: (c0: number, c1: number) => [number, number], width: number, offset: number): (Cell | null)[][] {
  const moved = new Map<Cell, [number, number]>();
  return rows.map((row) => {
    const out: (Cell | null)[] = Array(width).fill(null);
    row.forEach((cell, c) => {
      if (!cell) return;
      if (!moved.has(cell)) {
        const at = cols(cell.col, cell.col + cell.colSpan - 1);
        moved.set(cell, at);
        cell.id += offset;
        cell.col = at[0]; cell.colSpan = at[1] - at[0];
      }
      // Slot by slot: a merged cell need not be a rectangle.
      const [k0, k1] = cols(c, c);
      for (let k = k0; k < k1; k++) out[k] = cell;
    });
    return out;
  });
}
