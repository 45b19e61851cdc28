import type { Cell, Table } from '../../model';
import type { Glyph, Segment } from './content';
import { round2, type Box } from './geometry';
import { chunks, joinLines, toLines, type Line } from './lines';
import { COLLINEAR } from './rulings';
import { clusterMeans } from '../../util/cluster';
import { NUMERIC_TEXT } from '../../util/number';

/**
 * Lattice tables: rulings that touch each other form a table; their positions give the grid,
 * and a missing inner line between two grid slots means one merged cell.
 */

/** A ruling touches another when it reaches within this distance (points). */
const TOUCH = 3;
/** Grid lines closer than this (points) are one. */
const SNAP = 2;
/** A border exists between two slots when a ruling covers this share of their common edge. */
const EDGE_COVER = 0.6;
/** Smallest table (points) worth building; smaller boxes are underlines and frames of glyphs. */
const MIN_SIZE = 8;
/** Values in one cell further apart than this share of the font size sit in different columns. */
const COLUMN_GAP = 1.0;
/** Numbers on one line further apart than this share of the font size are separate values. */
const VALUE_GAP = 0.3;
/** This many lines holding several separated values mean the inner verticals are not drawn. */
const MIN_CROWDED = 2;
/** Rulings that run this far (points) past the outermost crossing line end at an undrawn border. */
const OPEN_EDGE = 6;

export interface GridTable {
  table: Table;
  /** Column boundaries (x) and row boundaries (y), for stitching across pages. */
  xs: number[];
  ys: number[];
  bbox: Box;
  /** Stream tables: how many label columns come first, and the x-extent of each value column
   * after them (stitching matches a continuation's value columns, blank ones missing, to these). */
  labelCols?: number;
  bands?: [number, number][];
  /** Stream tables: pitch of a header word wrapped inside its cell, when the header showed one. */
  wrapPitch?: number;
}

/** Find ruled tables on a page and fill them with glyphs; used glyphs are removed from `glyphs`. */
export function latticeTables(hs: Segment[], vs: Segment[], glyphs: Set<Glyph>, page: number): GridTable[] {
  const all = [...hs.map((s) => ({ s, h: true })), ...vs.map((s) => ({ s, h: false }))];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < hs.length; i++) {
    const h = hs[i];
    for (let j = 0; j < vs.length; j++) {
      const v = vs[j];
      if (v.x0 >= h.x0 - TOUCH && v.x0 <= h.x1 + TOUCH && h.y0 >= v.y0 - TOUCH && h.y0 <= v.y1 + TOUCH) parent[find(i)] = find(hs.length + j);
    }
  }
  const groups = new Map<number, { hs: Segment[]; vs: Segment[] }>();
  all.forEach((a, i) => {
    const g = groups.get(find(i)) ?? { hs: [], vs: [] };
    (a.h ? g.hs : g.vs).push(a.s);
    groups.set(find(i), g);
  });
  const out: GridTable[] = [];
  for (const g of groups.values()) {
    if (g.hs.length < 2 || g.vs.length < 2) continue;
    const t = buildGrid(g.hs, g.vs, glyphs, page);
    if (t) out.push(t);
  }
  return out.sort((a, b) => a.bbox.y0 - b.bbox.y0);
}

const snap = (values: number[]): number[] => clusterMeans(values, SNAP);

/** Length of [a0,a1] covered by the union of the given intervals. */
function covered(a0: number, a1: number, intervals: [number, number][]): number {
  const parts = intervals.map(([l, h]) => [Math.max(l, a0), Math.min(h, a1)] as const).filter(([l, h]) => h > l).sort((p, q) => p[0] - q[0]);
  let total = 0, end = a0;
  for (const [l, h] of parts) { if (h <= end) continue; total += h - Math.max(l, end); end = h; }
  return total;
}

function buildGrid(hs: Segment[], vs: Segment[], glyphs: Set<Glyph>, page: number): GridTable | null {
  const xs = snap(vs.map((v) => v.x0));
  const ys = snap(hs.map((h) => h.y0));
  // Rulings running past the outermost line of the other direction mean an outer border is not
  // drawn (Chromium leaves out the top border of a table continued on a new page): the ends of
  // the rulings are that border.
  const full: [number, number][] = [[-Infinity, Infinity]];
  const extraH = new Map<number, [number, number][]>();
  const extraV = new Map<number, [number, number][]>();
  const vTop = Math.min(...vs.map((v) => v.y0)), vBottom = Math.max(...vs.map((v) => v.y1));
  const hLeft = Math.min(...hs.map((h) => h.x0)), hRight = Math.max(...hs.map((h) => h.x1));
  if (vTop < ys[0] - OPEN_EDGE) { ys.unshift(vTop); extraH.set(vTop, full); }
  if (vBottom > ys[ys.length - 1] + OPEN_EDGE) { ys.push(vBottom); extraH.set(vBottom, full); }
  if (hLeft < xs[0] - OPEN_EDGE) { xs.unshift(hLeft); extraV.set(hLeft, full); }
  if (hRight > xs[xs.length - 1] + OPEN_EDGE) { xs.push(hRight); extraV.set(hRight, full); }
  const bbox: Box = { x0: xs[0], y0: ys[0], x1: xs[xs.length - 1], y1: ys[ys.length - 1] };
  if (xs.length < 2 || ys.length < 2 || bbox.x1 - bbox.x0 < MIN_SIZE || bbox.y1 - bbox.y0 < MIN_SIZE) return null;
  const R = ys.length - 1, C = xs.length - 1;
  if (R * C < 2) return null;
  const near = (p: number, q: number) => Math.abs(p - q) <= Math.max(SNAP, COLLINEAR);
  // Ruling intervals per grid line.
  const vAt = xs.map((x) => extraV.get(x) ?? vs.filter((v) => near(v.x0, x)).map((v) => [v.y0, v.y1] as [number, number]));
  const hAt = ys.map((y) => extraH.get(y) ?? hs.filter((h) => near(h.y0, y)).map((h) => [h.x0, h.x1] as [number, number]));
  const vBorder = (c: number, r: number) => covered(ys[r], ys[r + 1], vAt[c]) >= EDGE_COVER * (ys[r + 1] - ys[r]);
  const hBorder = (r: number, c: number) => covered(xs[c], xs[c + 1], hAt[r]) >= EDGE_COVER * (xs[c + 1] - xs[c]);
  // Union slots with no border between them.
  const id = (r: number, c: number) => r * C + c;
  const parent = Array.from({ length: R * C }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  // A partial lattice completed from text alignment: a row band holding one line of numbers and
  // no inner rulings (a frame drawn around a values row) is split where a gap between two numbers
  // lies on a column boundary of the ruled rows.
  const textBorder = new Set<number>();
  for (let r = 0; r < R; r++) {
    const gs = [...glyphs].filter((g) => { const x = (g.x0 + g.x1) / 2, y = (g.y0 + g.y1) / 2; return y > ys[r] && y < ys[r + 1] && x > xs[0] && x < xs[C]; });
    const ls = gs.length ? toLines(gs) : [];
    if (ls.length !== 1) continue;
    const parts = chunks(ls[0], VALUE_GAP);
    if (parts.length < 2 || !parts.every((p) => NUMERIC_TEXT.test(p.text))) continue;
    for (let c = 1; c < C; c++) if (parts.some((p, k) => k > 0 && parts[k - 1].x1 <= xs[c] && p.x0 >= xs[c])) textBorder.add(id(r, c));
  }
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) {
    if (c + 1 < C && !vBorder(c + 1, r) && !textBorder.has(id(r, c + 1))) parent[find(id(r, c + 1))] = find(id(r, c));
    if (r + 1 < R && !hBorder(r + 1, c)) parent[find(id(r + 1, c))] = find(id(r, c));
  }
  // Assign glyphs by their centre.
  const slotGlyphs = new Map<number, Glyph[]>();
  const idx = (arr: number[], v: number) => { let i = 0; while (i < arr.length - 2 && v >= arr[i + 1]) i++; return i; };
  for (const g of glyphs) {
    const x = (g.x0 + g.x1) / 2, y = (g.y0 + g.y1) / 2;
    if (x < bbox.x0 || x > bbox.x1 || y < bbox.y0 || y > bbox.y1) continue;
    const root = find(id(idx(ys, y), idx(xs, x)));
    (slotGlyphs.get(root) ?? slotGlyphs.set(root, []).get(root)!).push(g);
    glyphs.delete(g);
  }
  // Rulings that do not separate the values (an outer frame and row lines only): leave the
  // region to the stream reader, which finds the columns from the values themselves.
  const slotLines = new Map<number, Line[]>();
  const linesOf = (root: number) => slotLines.get(root) ?? slotLines.set(root, toLines(slotGlyphs.get(root) ?? [])).get(root)!;
  // Counted by lines: a frame drawn around a whole body (borders on the outer frame and the header
  // only) is one cell holding every body line, each with several values.
  const crowded = [...slotGlyphs.keys()].reduce((n, root) => n + linesOf(root).filter((l) => chunks(l, COLUMN_GAP).filter((c) => NUMERIC_TEXT.test(c.text)).length >= 2).length, 0);
  // ... and a cell over several ruled columns whose lines set a value apart from its label right
  // where a column boundary runs (a body framed without inner rulings, one value per line).
  const extentOf = new Map<number, { c0: number; c1: number }>();
  for (let i = 0; i < R * C; i++) {
    const root = find(i), cc = i % C, e = extentOf.get(root);
    if (!e) extentOf.set(root, { c0: cc, c1: cc }); else { e.c0 = Math.min(e.c0, cc); e.c1 = Math.max(e.c1, cc); }
  }
  const straddling = [...slotGlyphs.keys()].reduce((n, root) => {
    const e = extentOf.get(root)!;
    if (e.c1 === e.c0) return n;
    return n + linesOf(root).filter((l) => {
      const parts = chunks(l, COLUMN_GAP);
      return parts.some((p, k) => k > 0 && NUMERIC_TEXT.test(p.text) && xs.slice(e.c0 + 1, e.c1 + 1).some((x) => parts[k - 1].x1 <= x && p.x0 >= x));
    }).length;
  }, 0);
  if (C === 1 || crowded >= MIN_CROWDED || straddling >= MIN_CROWDED) {
    for (const gs of slotGlyphs.values()) for (const g of gs) glyphs.add(g);
    return null;
  }
  // One cell per component, spanning its bounding slots.
  const rows: (Cell | null)[][] = Array.from({ length: R }, () => Array(C).fill(null));
  const cells = new Map<number, Cell>();
  // Extent of each component (its root's slots), in one pass.
  const extent = new Map<number, { r1: number; c0: number; c1: number }>();
  for (let i = 0; i < R * C; i++) {
    const root = find(i), rr = Math.floor(i / C), cc = i % C;
    const e = extent.get(root);
    if (!e) extent.set(root, { r1: rr, c0: cc, c1: cc });
    else { e.r1 = Math.max(e.r1, rr); e.c0 = Math.min(e.c0, cc); e.c1 = Math.max(e.c1, cc); }
  }
  let nextId = 0;
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) {
    const root = find(id(r, c));
    let cell = cells.get(root);
    if (!cell) {
      const e = extent.get(root)!;
      const r1 = Math.max(r, e.r1), c0 = Math.min(c, e.c0), c1 = Math.max(c, e.c1);
      const lines = linesOf(root);
      cell = {
        id: nextId++, text: joinLines(lines.map((l) => l.text)), row: r, col: c0, rowSpan: r1 - r + 1, colSpan: c1 - c0 + 1, page,
        bbox: round2({ x0: xs[c0], y0: ys[r], x1: xs[c1 + 1], y1: ys[r1 + 1] }),
      };
      cells.set(root, cell);
    }
    rows[r][c] = cell;
  }
  // Drop rows that are only a sliver between two close rulings (double borders) and hold nothing.
  const keep = rows.map((row, r) => ys[r + 1] - ys[r] > SNAP * 2 || row.some((cell) => cell && cell.text && cell.row === r));
  const kept = rows.filter((_, r) => keep[r]);
  const keptYs = ys.filter((_, i) => i === 0 || keep[i - 1]);
  reindex(kept);
  const table: Table = { rows: kept, method: 'lattice', page, pageEnd: page, bbox: round2(bbox) };
  return { table, xs, ys: keptYs, bbox };
}

/** Renumber rows after rows were removed or appended; spans shrink with removed rows. */
export function reindex(rows: (Cell | null)[][]): void {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  rows.forEach((row, r) => row.forEach((cell) => { if (!cell) return; if (!first.has(cell.id)) first.set(cell.id, r); last.set(cell.id, r); }));
  for (const row of rows) for (const cell of row) if (cell) { cell.row = first.get(cell.id)!; cell.rowSpan = last.get(cell.id)! - cell.row + 1; }
}
