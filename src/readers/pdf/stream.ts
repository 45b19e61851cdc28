import type { Cell, Table } from '../../model';
import { round2, type Box } from './geometry';
import type { GridTable } from './lattice';
import { chunks, joinLines, WIDE_GAP, type Line } from './lines';
import { NUMERIC_TEXT } from '../../util/number';

/**
 * Stream tables (no rulings): rows are lines that carry several separated values; columns come
 * from where those values sit (camelot's "stream" idea). Header lines above are assigned to the
 * columns they overlap; a header over several columns becomes a spanning cell, and label lines
 * without values are joined to the nearest value row (multi-line cell text).
 */

/** A gap wider than this share of the font size separates two cells on a line. */
const COLUMN_GAP = WIDE_GAP;
/** Header words sit closer than value columns: any visible gap separates two header cells. */
const HEADER_GAP = 0.3;
/** Lines further apart than this many line heights end a table. */
const ROW_GAP = 2.2;
/** A header line with several cells may sit this many line heights above the next line. */
const HEADER_ROW_GAP = 4;
/** At most this many header lines above the first value row. */
const MAX_HEADER_LINES = 6;
/** A table needs at least this many value rows. */
const MIN_VALUE_ROWS = 2;

interface Row { line: Line; parts: Line[]; value: boolean }

/** Gap (share of the font size) that still separates two numbers set close together in narrow columns. */
const NUMBER_GAP = 0.15;
/** A part made of several numbers with word spaces between them is several cells: values hold no spaces. */
function splitValues(parts: Line[]): Line[] {
  return parts.flatMap((p) => (/\s/.test(p.text) && p.text.split(/\s+/).every((w) => NUMERIC_TEXT.test(w)) ? chunks(p, NUMBER_GAP) : [p]));
}

const isValueRow = (parts: Line[]) => parts.length >= 2 && parts.slice(1).some((p) => NUMERIC_TEXT.test(p.text));
/** Prose: one long run of text, or a sentence end. Never part of a table. */
const isProse = (r: Row, width: number) => r.parts.length === 1 && (r.line.x1 - r.line.x0 > 0.6 * width || /[。；;]$/.test(r.line.text));

export function streamTables(lines: Line[], page: number): { tables: GridTable[]; rest: Line[] } {
  const horizontal = lines.filter((l) => !l.vertical);
  const rows: Row[] = horizontal.map((line) => { const parts = splitValues(chunks(line, COLUMN_GAP)); return { line, parts, value: isValueRow(parts) }; });
  const pageWidth = Math.max(1, ...horizontal.map((l) => l.x1)) - Math.min(...horizontal.map((l) => l.x0), 0);
  const used = new Set<Line>();
  const tables: GridTable[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (!rows[i].value || used.has(rows[i].line)) continue;
    // Extend down over value rows and short label lines between them.
    let end = i;
    for (let j = i + 1; j < rows.length; j++) {
      const gap = rows[j].line.y0 - rows[j - 1].line.y1;
      if (gap > ROW_GAP * rows[j - 1].line.size || isProse(rows[j], pageWidth)) break;
      if (rows[j].value) end = j;
      else if (!rows.slice(j + 1, j + 3).some((r) => r.value)) break;
    }
    const body = rows.slice(i, end + 1);
    const valueRows = body.filter((r) => r.value).length;
    // Header lines above: several cells, or one cell set in from the left edge (a group header
    // centred over its columns); a single run at the left edge is a caption or heading.
    const leftEdge = Math.min(...body.map((r) => r.line.x0));
    let start = i;
    while (start > 0 && i - start < MAX_HEADER_LINES) {
      const prev = rows[start - 1], next = rows[start];
      const words = chunks(prev.line, HEADER_GAP);
      // Header rows are often taller than body rows: a multi-cell line may sit further up.
      const reach = (words.length >= 2 ? HEADER_ROW_GAP : ROW_GAP) * prev.line.size;
      if (used.has(prev.line) || isProse(prev, pageWidth) || next.line.y0 - prev.line.y1 > reach) break;
      if (words.length < 2 && prev.line.x0 <= leftEdge + prev.line.size) break;
      start--;
    }
    const header = rows.slice(start, i).map((r) => ({ ...r, parts: chunks(r.line, HEADER_GAP) }));
    // A single value row is a table only under a header of several cells ("信息内容 | 本年处理决定数量").
    if (valueRows < MIN_VALUE_ROWS && !(valueRows === 1 && header.some((h) => h.parts.length >= 2))) continue;
    const grid = build(header, body, page);
    if (!grid) continue;
    for (const r of [...header, ...body]) used.add(r.line);
    tables.push(grid);
    i = end;
  }
  return { tables, rest: lines.filter((l) => !used.has(l)) };
}

function build(header: Row[], body: Row[], page: number): GridTable | null {
  // Column bands: union of the x-extents of the value rows' parts.
  const spans = body.filter((r) => r.value).flatMap((r) => r.parts.map((p) => [p.x0, p.x1] as [number, number])).sort((a, b) => a[0] - b[0]);
  const bands: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = bands[bands.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b); else bands.push([a, b]);
  }
  // Two parts of one row inside one band are two columns that other rows' long text bridged
  // (a group label beside an item label): split the band where the second part starts.
  for (let k = 0; k < bands.length; k++) {
    const [lo, hi] = bands[k];
    let split = Infinity;
    for (const r of body.filter((x) => x.value)) {
      const inside = r.parts.filter((p) => p.x0 >= lo - 0.5 && p.x1 <= hi + 0.5);
      if (inside.length >= 2) split = Math.min(split, inside[1].x0);
    }
    if (split < Infinity && split > lo && split < hi) { bands.splice(k, 1, [lo, split - 0.5], [split, hi]); k++; }
  }
  if (bands.length < 2) return null;
  const overlap = (p: Box, [a, b]: [number, number]) => Math.max(0, Math.min(p.x1, b) - Math.max(p.x0, a));
  /** Bands a part covers: those it overlaps by a good share of the band or of itself; else the nearest. */
  const bandsOf = (p: Box): number[] => {
    const hit = bands.map((band, k) => ({ k, o: overlap(p, band) })).filter(({ o, k }) => o > 0.3 * Math.min(bands[k][1] - bands[k][0], p.x1 - p.x0)).map(({ k }) => k);
    if (hit.length) return [Math.min(...hit), Math.max(...hit)];
    const c = (p.x0 + p.x1) / 2;
    let best = 0;
    bands.forEach((band, k) => { if (Math.abs((band[0] + band[1]) / 2 - c) < Math.abs((bands[best][0] + bands[best][1]) / 2 - c)) best = k; });
    return [best, best];
  };
  const C = bands.length;
  const grid: { text: string[]; span: number; y0: number; y1: number }[][] = [];
  // Header: spanning parts each line a row of their own; single-column parts stack into one leaf row.
  const leaf: string[][] = Array.from({ length: C }, () => []);
  let leafY0 = Infinity, leafY1 = -Infinity;
  for (const r of header) {
    const spanning: (typeof grid)[number] = [];
    for (const p of r.parts) {
      const [a, b] = bandsOf(p);
      if (b > a) spanning[a] = { text: [p.text], span: b - a + 1, y0: p.y0, y1: p.y1 };
      else { leaf[a].push(p.text); leafY0 = Math.min(leafY0, p.y0); leafY1 = Math.max(leafY1, p.y1); }
    }
    if (spanning.length) grid.push(spanning);
  }
  if (leaf.some((t) => t.length)) grid.push(leaf.map((t) => ({ text: t, span: 1, y0: leafY0, y1: leafY1 })));
  // Body: one row per value line; label-only lines join the nearest value row.
  const valueRows = body.filter((r) => r.value);
  const bodyCells = valueRows.map((r) => Array.from({ length: C }, () => ({ text: [] as string[], span: 1, y0: r.line.y0, y1: r.line.y1 })));
  const cy = (b: Box) => (b.y0 + b.y1) / 2;
  // Bands where the value rows hold values: a line without values that prints text there (a caption
  // such as 第二十条第（五）项 centred over the table, or a header repeated inside it) is a row of its
  // own, never text added to the values of the nearest row.
  const valueBand = bands.map((band) => {
    const inBand = valueRows.flatMap((r) => r.parts.filter((p) => bandsOf(p)[0] <= bands.indexOf(band) && bandsOf(p)[1] >= bands.indexOf(band)));
    return inBand.length > 0 && inBand.filter((p) => NUMERIC_TEXT.test(p.text)).length * 2 >= inBand.length;
  });
  const own: { y: number; cells: (typeof grid)[number]; line: Line }[] = [];
  for (const r of body) {
    if (valueRows.includes(r) || !r.parts.some((p) => { const [a, b] = bandsOf(p); return valueBand.slice(a, b + 1).some(Boolean); })) continue;
    const cells: (typeof grid)[number] = Array.from({ length: C }, () => ({ text: [] as string[], span: 1, y0: r.line.y0, y1: r.line.y1 }));
    // A part over several bands spans them (later slots of the span are skipped when cells are made).
    for (const p of r.parts) { const [a, b] = bandsOf(p); cells[a] = { text: [p.text], span: b - a + 1, y0: p.y0, y1: p.y1 }; }
    own.push({ y: cy(r.line), cells, line: r.line });
  }
  for (const r of body) {
    if (own.some((o) => o.line === r.line)) continue;
    let k = valueRows.indexOf(r);
    if (k < 0) {
      k = 0;
      valueRows.forEach((v, n) => { if (Math.abs(cy(v.line) - cy(r.line)) < Math.abs(cy(valueRows[k].line) - cy(r.line)) || (Math.abs(cy(v.line) - cy(r.line)) === Math.abs(cy(valueRows[k].line) - cy(r.line)) && n > k)) k = n; });
    }
    for (const p of r.parts) {
      const [a] = bandsOf(p);
      const cell = bodyCells[k][a];
      cell.text.push(p.text);
      cell.y0 = Math.min(cell.y0, p.y0); cell.y1 = Math.max(cell.y1, p.y1);
    }
  }
  // Value rows and rows of their own, top to bottom.
  const ordered = [...bodyCells.map((cells, k) => ({ y: cy(valueRows[k].line), cells })), ...own].sort((p, q) => p.y - q.y);
  grid.push(...ordered.map((o) => o.cells));
  // Column boundaries halfway between bands.
  const left = Math.min(bands[0][0], ...header.map((r) => r.line.x0));
  const right = Math.max(bands[C - 1][1], ...header.map((r) => r.line.x1));
  const xs = [left, ...bands.slice(1).map((b, k) => (bands[k][1] + b[0]) / 2), right];
  let id = 0;
  const rows: (Cell | null)[][] = grid.map((gr, r) => {
    const out: (Cell | null)[] = Array(C).fill(null);
    const rowY0 = Math.min(...gr.filter(Boolean).map((g) => g.y0)), rowY1 = Math.max(...gr.filter(Boolean).map((g) => g.y1));
    for (let c = 0; c < C; c++) {
      if (out[c]) continue;
      const g = gr[c];
      const span = g?.span ?? 1;
      const cell: Cell = { id: id++, text: joinLines(g?.text ?? []), row: r, col: c, rowSpan: 1, colSpan: span, page, bbox: round2({ x0: xs[c], y0: rowY0, x1: xs[c + span], y1: rowY1 }) };
      for (let k = c; k < c + span; k++) out[k] = cell;
    }
    return out;
  });
  const all = [...header, ...body].map((r) => r.line);
  const bbox: Box = { x0: left, y0: Math.min(...all.map((l) => l.y0)), x1: right, y1: Math.max(...all.map((l) => l.y1)) };
  const table: Table = { rows, method: 'stream', page, pageEnd: page, bbox: round2(bbox) };
  return { table, xs, ys: [], bbox };
}
