import type { Segment } from './lines';

/** One cell of a detected table: grid slots it covers and its pixel box (inside the rulings). */
export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  x0: number; y0: number; x1: number; y1: number;
}

export interface GridTable {
  /** Boundary positions (px) of the elementary grid. */
  xs: number[];
  ys: number[];
  cells: GridCell[];
  bbox: { x0: number; y0: number; x1: number; y1: number };
  /** Typical ruling thickness (px), to keep it out of cell crops. */
  thickness: number;
}

/** Share of a boundary that must be drawn for it to separate two cells; the rest is noise or a
 * merged cell whose inner line is missing. */
const BOUNDARY_COVERAGE = 0.7;

/**
 * Tables from rulings: horizontal and vertical rulings that touch form one table; its elementary
 * grid is every distinct ruling position, and neighbouring grid slots whose shared boundary is not
 * drawn are one merged cell.
 */
export function buildTables(hs: Segment[], vs: Segment[], tol: number): GridTable[] {
  // Rulings touch when one's extent reaches the other's position.
  const touches = (h: Segment, v: Segment) => v.pos >= h.from - tol && v.pos <= h.to + tol && h.pos >= v.from - tol && h.pos <= v.to + tol;
  const parent = [...hs.map((_, i) => i), ...vs.map((_, i) => hs.length + i)];
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < hs.length; i++) for (let j = 0; j < vs.length; j++) if (touches(hs[i], vs[j])) parent[find(i)] = find(hs.length + j);
  const groups = new Map<number, { h: Segment[]; v: Segment[] }>();
  hs.forEach((h, i) => { const g = groups.get(find(i)) ?? { h: [], v: [] }; g.h.push(h); groups.set(find(i), g); });
  vs.forEach((v, j) => { const g = groups.get(find(hs.length + j)) ?? { h: [], v: [] }; g.v.push(v); groups.set(find(hs.length + j), g); });
  const tables: GridTable[] = [];
  for (const g of groups.values()) {
    if (g.h.length < 2 || g.v.length < 2) continue;
    const t = gridOf(g.h, g.v, tol);
    if (t && t.cells.length >= 2) tables.push(t);
  }
  return tables.sort((a, b) => a.bbox.y0 - b.bbox.y0);
}

/** Cluster ruling positions closer than `tol` (a ruling drawn twice, or slightly bent). */
function clusterPositions(segs: Segment[], tol: number): number[] {
  const ps = segs.map((s) => s.pos).sort((a, b) => a - b);
  const out: number[][] = [];
  for (const p of ps) {
    const last = out[out.length - 1];
    if (last && p - last[last.length - 1] <= tol) last.push(p); else out.push([p]);
  }
  return out.map((c) => c.reduce((s, x) => s + x, 0) / c.length);
}

/** Fraction of [from, to] that segments near `pos` cover. */
function coverage(segs: Segment[], pos: number, from: number, to: number, tol: number): number {
  const parts = segs.filter((s) => Math.abs(s.pos - pos) <= tol && s.to > from && s.from < to)
    .map((s) => [Math.max(from, s.from), Math.min(to, s.to)] as const)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0, end = from;
  for (const [a, b] of parts) { if (b <= end) continue; covered += b - Math.max(a, end); end = b; }
  return to > from ? covered / (to - from) : 0;
}

function gridOf(hs: Segment[], vs: Segment[], tol: number): GridTable | null {
  const ys = clusterPositions(hs, tol);
  const xs = clusterPositions(vs, tol);
  // Tables drawn without outer side (or top/bottom) borders: the other rulings' ends bound them.
  const minX = Math.min(...hs.map((h) => h.from)), maxX = Math.max(...hs.map((h) => h.to));
  const minY = Math.min(...vs.map((v) => v.from)), maxY = Math.max(...vs.map((v) => v.to));
  if (xs[0] - minX > 3 * tol) xs.unshift(minX);
  if (maxX - xs[xs.length - 1] > 3 * tol) xs.push(maxX);
  if (ys[0] - minY > 3 * tol) ys.unshift(minY);
  if (maxY - ys[ys.length - 1] > 3 * tol) ys.push(maxY);
  const R = ys.length - 1, C = xs.length - 1;
  if (R < 1 || C < 1) return null;
  const inset = (a: number, b: number) => [a + Math.min(tol, (b - a) / 4), b - Math.min(tol, (b - a) / 4)] as const;
  // Boundary between slot (r,c) and (r,c+1) is drawn?  And between (r,c) and (r+1,c)?
  const vertical = (r: number, c: number) => coverage(vs, xs[c + 1], ...inset(ys[r], ys[r + 1]), tol) >= BOUNDARY_COVERAGE;
  const horizontal = (r: number, c: number) => coverage(hs, ys[r + 1], ...inset(xs[c], xs[c + 1]), tol) >= BOUNDARY_COVERAGE;
  const id = (r: number, c: number) => r * C + c;
  const parent = Array.from({ length: R * C }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => { parent[find(a)] = find(b); };
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) {
    if (c + 1 < C && !vertical(r, c)) union(id(r, c), id(r, c + 1));
    if (r + 1 < R && !horizontal(r, c)) union(id(r, c), id(r + 1, c));
  }
  // Each merged region becomes one cell spanning its bounding slots (regions are rectangles in
  // real tables; an L-shape from a broken ruling is treated as its bounding box).
  const regions = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) {
    const k = find(id(r, c));
    const g = regions.get(k);
    if (!g) regions.set(k, { r0: r, r1: r, c0: c, c1: c });
    else { g.r0 = Math.min(g.r0, r); g.r1 = Math.max(g.r1, r); g.c0 = Math.min(g.c0, c); g.c1 = Math.max(g.c1, c); }
  }
  const claimed = new Set<number>();
  const cells: GridCell[] = [];
  for (const g of [...regions.values()].sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0)) {
    let overlap = false;
    for (let r = g.r0; r <= g.r1 && !overlap; r++) for (let c = g.c0; c <= g.c1; c++) if (claimed.has(id(r, c))) { overlap = true; break; }
    if (overlap) continue;
    for (let r = g.r0; r <= g.r1; r++) for (let c = g.c0; c <= g.c1; c++) claimed.add(id(r, c));
    cells.push({ row: g.r0, col: g.c0, rowSpan: g.r1 - g.r0 + 1, colSpan: g.c1 - g.c0 + 1, x0: xs[g.c0], y0: ys[g.r0], x1: xs[g.c1 + 1], y1: ys[g.r1 + 1] });
  }
  const thick = [...hs, ...vs].map((s) => s.thickness).sort((a, b) => a - b);
  return {
    xs, ys, cells,
    bbox: { x0: xs[0], y0: ys[0], x1: xs[C], y1: ys[R] },
    thickness: thick[Math.floor(thick.length / 2)] ?? 1,
  };
}
