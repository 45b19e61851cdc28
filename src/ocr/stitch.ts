import type { Block, Cell, Table } from '../model';
import { clusterMeans } from '../util/cluster';

/** Edges closer than this (points) are the same ruling on two pages (scan offset, deskew). */
const EDGE_TOLERANCE_PT = 6;
/** Share of the shorter table's column rulings that must recur for a continuation. */
const SHARED_COLUMNS = 0.6;
/** Text this short between a table and the page end is a page number or footer. */
const FOOTER_CHARS = 12;

/**
 * Join a table that ends a page with the table that starts the next one when their column
 * rulings line up: a page break does not end a table. The joined grid uses the union of both
 * fragments' column positions, so a header on page N and data rows on page N+1 share columns.
 */
export function stitchPages(pages: Block[][]): Block[] {
  const out: Block[] = [];
  let open: Table | null = null;
  for (const blocks of pages) {
    const firstTable = blocks.findIndex((b) => b.kind === 'table');
    const lead = blocks.slice(0, Math.max(0, firstTable));
    const candidate = firstTable >= 0 && lead.every((b) => b.kind === 'text' && b.text.replace(/\s+/g, '').length <= FOOTER_CHARS)
      ? (blocks[firstTable] as { kind: 'table'; table: Table }).table : null;
    let start = 0;
    if (open && candidate && continues(open, candidate)) {
      const joined = join(open, candidate);
      const idx = out.findIndex((b) => b.kind === 'table' && b.table === open);
      out[idx] = { kind: 'table', table: joined };
      out.push(...lead);
      start = firstTable + 1;
      open = joined;
    }
    out.push(...blocks.slice(start));
    // A table stays open for continuation when only footer-size text follows it on its page.
    let lastIdx = -1;
    for (let i = blocks.length - 1; i >= 0; i--) {
      const b = blocks[i];
      if (b.kind === 'table') { lastIdx = i; break; }
      if (b.text.replace(/\s+/g, '').length > FOOTER_CHARS) break;
    }
    if (lastIdx < 0) open = null;
    else if (!(start > 0 && lastIdx === firstTable)) open = (blocks[lastIdx] as { kind: 'table'; table: Table }).table;
  }
  return out;
}

/** Column boundaries (points) of a table: every distinct left/right edge of its cells. */
function columnEdges(t: Table): number[] {
  const xs: number[] = [];
  for (const row of t.rows) for (const c of row) if (c?.bbox) xs.push(c.bbox.x0, c.bbox.x1);
  return clusterEdges(xs);
}

const clusterEdges = (xs: number[]): number[] => clusterMeans(xs, EDGE_TOLERANCE_PT);

function continues(a: Table, b: Table): boolean {
  if (!a.bbox || !b.bbox) return false;
  if (Math.abs(a.bbox.x0 - b.bbox.x0) > EDGE_TOLERANCE_PT || Math.abs(a.bbox.x1 - b.bbox.x1) > EDGE_TOLERANCE_PT) return false;
  const ea = columnEdges(a), eb = columnEdges(b);
  const [small, big] = ea.length <= eb.length ? [ea, eb] : [eb, ea];
  const shared = small.filter((x) => big.some((y) => Math.abs(x - y) <= EDGE_TOLERANCE_PT)).length;
  return shared >= SHARED_COLUMNS * small.length;
}

/** Rebuild both fragments on the union of their column edges. */
function join(a: Table, b: Table): Table {
  const edges = clusterEdges([...columnEdges(a), ...columnEdges(b)]);
  const colOf = (x: number) => {
    let best = 0;
    for (let i = 1; i < edges.length; i++) if (Math.abs(edges[i] - x) < Math.abs(edges[best] - x)) best = i;
    return best;
  };
  const rows: (Cell | null)[][] = [];
  let nextId = 0;
  for (const t of [a, b]) {
    const base = rows.length;
    const seen = new Map<Cell, Cell>();
    for (let r = 0; r < t.rows.length; r++) rows.push(Array<Cell | null>(edges.length - 1).fill(null));
    for (const row of t.rows) for (const c of row) {
      if (!c || seen.has(c) || !c.bbox) continue;
      const c0 = colOf(c.bbox.x0), c1 = Math.max(c0 + 1, colOf(c.bbox.x1));
      const cell: Cell = { ...c, id: nextId++, row: base + c.row, col: c0, colSpan: c1 - c0 };
      seen.set(c, cell);
      for (let rr = cell.row; rr < cell.row + cell.rowSpan; rr++) for (let cc = c0; cc < c1; cc++) rows[rr][cc] = cell;
    }
  }
  mergeBrokenRow(rows, a.rows.length - 1, a);
  return {
    ...a, rows, page: a.page, pageEnd: b.pageEnd ?? b.page,
    bbox: a.bbox,
  };
}

const isValueText = (t: string) => /^[+\-]?\d[\d,.]*$/.test(t.replace(/\s+/g, ''));
const rowTexts = (row: (Cell | null)[]) => [...new Set(row.filter((c): c is Cell => !!c))].map((c) => c.text.trim()).filter(Boolean);

/**
 * A row that a page break cut in two: values on the first page, the rest of its labels on the
 * next (word processors let rows break across pages). When the next page's first row has text
 * but no values, and is not a repeated header, its cells are joined to the row above column by
 * column.
 */
function mergeBrokenRow(rows: (Cell | null)[][], i: number, first: Table): void {
  if (i < 0 || i + 1 >= rows.length) return;
  const upper = rowTexts(rows[i]), lower = rowTexts(rows[i + 1]);
  if (!lower.length || lower.some(isValueText) || !upper.some(isValueText)) return;
  const header = first.rows.slice(0, 3).map((r) => rowTexts(r).join('|'));
  if (header.includes(lower.join('|'))) return;
  // Union the cells meeting across the break, column by column.
  const parent = new Map<Cell, Cell>();
  const find = (c: Cell): Cell => { const p = parent.get(c) ?? c; if (p === c) return c; const r = find(p); parent.set(c, r); return r; };
  for (let c = 0; c < rows[i].length; c++) {
    const up = rows[i][c], down = rows[i + 1][c];
    if (up && down && find(up) !== find(down)) parent.set(find(down), find(up));
  }
  const merged = new Map<Cell, Cell>();
  const members = new Map<Cell, Cell[]>();
  for (const row of rows) for (const c of row) if (c) { const r = find(c); const m = members.get(r) ?? []; if (!m.includes(c)) m.push(c); members.set(r, m); }
  for (const [root, ms] of members) {
    if (ms.length === 1) continue;
    ms.sort((x, y) => x.row - y.row);
    const text = ms.map((m) => m.text.trim()).filter(Boolean).join('');
    const confs = ms.map((m) => m.confidence).filter((x): x is number => x !== undefined);
    const cell: Cell = { ...root, text, ...(confs.length ? { confidence: Math.min(...confs) } : {}) };
    delete cell.alternatives;
    for (const m of ms) merged.set(m, cell);
  }
  for (const row of rows) for (let c = 0; c < row.length; c++) { const x = row[c]; if (x && merged.has(x)) row[c] = merged.get(x)!; }
  rows.splice(i + 1, 1);
  // Recompute every cell's position and spans from the slots it now occupies.
  const box = new Map<Cell, { r0: number; r1: number; c0: number; c1: number }>();
  rows.forEach((row, r) => row.forEach((x, c) => {
    if (!x) return;
    const b = box.get(x);
    if (!b) box.set(x, { r0: r, r1: r, c0: c, c1: c });
    else { b.r0 = Math.min(b.r0, r); b.r1 = Math.max(b.r1, r); b.c0 = Math.min(b.c0, c); b.c1 = Math.max(b.c1, c); }
  }));
  for (const [x, b] of box) { x.row = b.r0; x.col = b.c0; x.rowSpan = b.r1 - b.r0 + 1; x.colSpan = b.c1 - b.c0 + 1; }
}
