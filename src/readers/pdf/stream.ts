import type { Cell, Table } from '../../model';
import { round2, type Box } from './geometry';
import type { GridTable } from './lattice';
import { chunks, joinLines, median, WIDE_GAP, type Line } from './lines';
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
/** At most this many header lines above the first value row (lines of a header stacked a
 * character or two per line in narrow columns not counted: they are one header row's words). */
const MAX_HEADER_LINES = 6;
/** A header line whose every word has at most this many characters is part of a stacked header. */
const STACKED_CHARS = 2;
/** A label line continues its table when a value row starts within this many font sizes below it. */
const LABEL_REACH = 4;
/** A label line this close (font sizes) below a table's last value row ends that row's label. */
const TRAIL_GAP = 0.6;
/** A row without values followed by a caption line may be this many lines above the next value row. */
const SECTION_LINES = 4;
/** A single value row with this many values is a table (a table's last row alone on a page). */
const LONE_ROW_VALUES = 3;
/** Lines of one cell follow each other at most this many font sizes apart. */
const MAX_PITCH = 1.5;
/** A label line within this many line pitches of a value row's values is part of that row's label. */
const SAME_CELL = 1.05;
/** A table needs at least this many value rows. */
const MIN_VALUE_ROWS = 2;

interface Row { line: Line; parts: Line[]; value: boolean }

/** A value as printed with its unit, or either half of one wrapped ("25.1万" over "元"). */
const VALUE_WITH_UNIT = /^(?:[+\-]?\d[\d,.]*\s*(?:万元|亿元|千元|万|元)?|万元|亿元|千元|元)$/;
/** Every part of the line is a value: a wrapped value's other half, never header or label. */
const valuesOnly = (r: Row) => r.parts.every((p) => NUMERIC_TEXT.test(p.text) || VALUE_WITH_UNIT.test(p.text));
/** A line of values overlapping a row's line in height: half of a value wrapped in its cell and
 * centred on the row, never a header or label (those sit apart, with the cells' padding between). */
const wrappedHalf = (r: Row, row: Row) => r.line.y0 < row.line.y1 && r.line.y1 > row.line.y0 && valuesOnly(r);

/** Gap (share of the font size) that still separates two numbers set close together in narrow columns. */
const NUMBER_GAP = 0.15;
/** A part made of several numbers with word spaces between them is several cells: values hold no spaces. */
function splitValues(parts: Line[]): Line[] {
  return parts.flatMap((p) => (/\s/.test(p.text) && p.text.split(/\s+/).every((w) => NUMERIC_TEXT.test(w)) ? chunks(p, NUMBER_GAP) : [p]));
}

const isValueRow = (parts: Line[]) => parts.length >= 2 && parts.slice(1).some((p) => NUMERIC_TEXT.test(p.text));
/** Prose: one long run of text, or a sentence end. Never part of a table. */
const isProse = (r: Row, width: number) => r.parts.length === 1 && (r.line.x1 - r.line.x0 > 0.6 * width || /[。；;]$/.test(r.line.text))
  // A wide line of header words set close together (table 四's leaves on a landscape page) is not prose.
  && piecesOf(r.line).length === 1;

/**
 * `wrapPitch`: the wrapped-line pitch a previous page's table header showed (a table continued on
 * this page without its header has none of its own); returned updated for the next page.
 */
export function streamTables(lines: Line[], page: number, wrapPitch = Infinity): { tables: GridTable[]; rest: Line[]; wrapPitch: number } {
  const horizontal = lines.filter((l) => !l.vertical);
  const rows: Row[] = horizontal.map((line) => { const parts = splitValues(chunks(line, COLUMN_GAP)); return { line, parts, value: isValueRow(parts) }; });
  const pageWidth = Math.max(1, ...horizontal.map((l) => l.x1)) - Math.min(...horizontal.map((l) => l.x0), 0);
  const used = new Set<Line>();
  const tables: GridTable[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (!rows[i].value || used.has(rows[i].line)) continue;
    // Extend down over value rows and short label lines between them.
    let end = i;
    const valuesFrom = rows[i].parts.find((p) => NUMERIC_TEXT.test(p.text))?.x0 ?? Infinity;
    const ownLike = (r: Row) => chunks(r.line, HEADER_GAP).length >= 2 || r.line.x1 > valuesFrom;
    for (let j = i + 1; j < rows.length; j++) {
      const gap = rows[j].line.y0 - rows[j - 1].line.y1;
      if (gap > ROW_GAP * rows[j - 1].line.size || isProse(rows[j], pageWidth)) break;
      if (rows[j].value) { end = j; continue; }
      // A label line: its table goes on when a value row follows within a few lines (a label
      // wrapped over several lines, a row printing no value).
      const k = rows.findIndex((r, n) => n > j && r.value);
      // A row printing no value followed by a section's caption and header lines (table 二).
      const section = j + 1 < rows.length && ownLike(rows[j + 1]) && k - j <= SECTION_LINES;
      if (k < 0 || (rows[k].line.y0 - rows[j].line.y1 > LABEL_REACH * rows[j].line.size && !section) || rows.slice(j + 1, k).some((r) => isProse(r, pageWidth))) break;
    }
    // Label lines right after the last value row, set close below it and left of the values: the
    // wrapped end of its label.
    const valuesAt = Math.min(...rows.slice(i, end + 1).filter((r) => r.value).map((r) => r.parts.find((p) => NUMERIC_TEXT.test(p.text))?.x0 ?? Infinity));
    // So is the lower half of a value wrapped in the last row's cell.
    while (end + 1 < rows.length && !rows[end + 1].value && !isProse(rows[end + 1], pageWidth)
      && (rows[end + 1].line.x1 < valuesAt || wrappedHalf(rows[end + 1], rows[end]))
      && rows[end + 1].line.y0 - rows[end].line.y1 <= TRAIL_GAP * rows[end].line.size) end++;
    const body = rows.slice(i, end + 1);
    const valueRows = body.filter((r) => r.value).length;
    // Header lines above: several cells, or one cell set in from the left edge (a group header
    // centred over its columns); a single run at the left edge is a caption or heading.
    const leftEdge = Math.min(...body.map((r) => r.line.x0));
    let start = i, counted = 0;
    while (start > 0 && counted < MAX_HEADER_LINES) {
      const prev = rows[start - 1], next = rows[start];
      const words = chunks(prev.line, HEADER_GAP);
      // Header rows are often taller than body rows: a multi-cell line may sit further up.
      const reach = (words.length >= 2 ? HEADER_ROW_GAP : ROW_GAP) * prev.line.size;
      if (used.has(prev.line) || isProse(prev, pageWidth) || next.line.y0 - prev.line.y1 > reach) break;
      if (words.length < 2 && prev.line.x0 <= leftEdge + prev.line.size) break;
      start--;
      if (words.some((w) => [...w.text.replace(/\s+/g, '')].length > STACKED_CHARS)) counted++;
    }
    // Lines just above the first value row that print nothing over the values are the start of
    // its wrapped label (a row continued from the previous page), not header.
    // So is the upper half of a value wrapped in the first row's cell ("30" over "0" beside 行政处罚).
    let first = i;
    while (first > start && rows[first].line.y0 - rows[first - 1].line.y1 <= TRAIL_GAP * rows[first].line.size
      && (rows[first - 1].line.x1 < valuesAt || wrappedHalf(rows[first - 1], rows[first]))) first--;
    body.unshift(...rows.slice(first, i));
    const header = rows.slice(start, first).map((r) => ({ ...r, parts: chunks(r.line, HEADER_GAP) }));
    // A single value row is a table only under a header of several cells ("信息内容 | 本年处理决定数量").
    // ... or a row of its own carrying several values (the last row of a table, alone on the next page).
    const lone = valueRows === 1 && body.filter((r) => r.value).some((r) => r.parts.filter((p) => NUMERIC_TEXT.test(p.text)).length >= LONE_ROW_VALUES);
    if (valueRows < MIN_VALUE_ROWS && !(valueRows === 1 && (lone || header.some((h) => h.parts.length >= 2)))) continue;
    const grid = build(header, body, page, wrapPitch);
    if (!grid) continue;
    for (const r of [...header, ...body]) used.add(r.line);
    tables.push(grid);
    i = end;
  }
  return { tables, rest: lines.filter((l) => !used.has(l)), wrapPitch: tables.reduce((w, t) => (Number.isFinite(t.wrapPitch ?? Infinity) ? t.wrapPitch! : w), wrapPitch) };
}

/** A piece of a line: the glyphs of one cell on that line. */
type Piece = Line;
type Span = [number, number];

const cy = (b: Box) => (b.y0 + b.y1) / 2;
const cxOf = (b: Box) => (b.x0 + b.x1) / 2;
const xOverlap = (a: Box, b: Box) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);

/** A line cut where any visible gap separates two cells; a printed word space (a space glyph)
 * narrower than a column gap stays inside the piece ("1. 属于国家秘密"). */
function piecesOf(line: Line): Piece[] {
  const out: Piece[] = [];
  for (const p of chunks(line, HEADER_GAP)) {
    const prev = out[out.length - 1];
    const spaced = prev && p.glyphs[0].spaceBefore && p.x0 - prev.x1 <= COLUMN_GAP * Math.min(p.size, prev.size)
      && !NUMERIC_TEXT.test(p.text) && !NUMERIC_TEXT.test(prev.text);
    if (spaced) out[out.length - 1] = chunks({ ...line, glyphs: [...prev.glyphs, ...p.glyphs] }, Infinity)[0];
    else out.push(p);
  }
  return splitValues(out);
}

/** One row of the grid being built: text per column, and the vertical extent of its pieces. */
interface GridRow { y: number; cells: Map<number, { text: Piece[]; span: number }>; rowSpan?: Map<number, number>; items?: Piece[] }

/**
 * Build the grid of a stream table. Value rows are the anchors: the label column(s) left of the
 * values are read separately from the value columns. A label line without values belongs to the
 * value row it is centred on (a label wrapped over several lines), or, further than a line from
 * every value row, is a row of its own whose value slots are all blank. Labels of groups printed
 * left of the item labels (三、本年度办理结果, （三）不予公开) are lanes of their own: their wrapped
 * lines join into one cell spanning the rows beside it. Value columns come from where the values
 * sit and, for a column blank in every row, from the header word above it.
 */
function build(header: Row[], body: Row[], page: number, carried: number): GridTable | null {
  const anchors = body.filter((r) => r.value).map((r) => ({ row: r, pieces: piecesOf(r.line) }));
  // Where the values start: left of every value row's first number.
  const firstNumber = (ps: Piece[]) => ps.find((p) => NUMERIC_TEXT.test(p.text));
  const valueLeft = Math.min(...anchors.map((a) => firstNumber(a.pieces)?.x0 ?? Infinity));
  if (!Number.isFinite(valueLeft)) return null;
  const inValues = (p: Piece) => p.x0 >= valueLeft - 0.5;
  // Value bands: union of the x-extents of the value rows' values.
  const spans = anchors.flatMap((a) => a.pieces.filter(inValues).map((p) => [p.x0, p.x1] as Span)).sort((a, b) => a[0] - b[0]);
  const bands: Span[] = [];
  for (const [a, b] of spans) {
    const last = bands[bands.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b); else bands.push([a, b]);
  }
  // Two values of one row inside one band are two columns that other rows' wide values bridged
  // (the right part is looked at again: a wide value may bridge three narrow columns).
  for (let k = 0; k < bands.length; k++) {
    const [lo, hi] = bands[k];
    let split = Infinity;
    for (const a of anchors) {
      const inside = a.pieces.filter((p) => inValues(p) && p.x0 >= lo - 0.5 && p.x1 <= hi + 0.5);
      if (inside.length >= 2) split = Math.min(split, inside[1].x0);
    }
    if (split < Infinity && split > lo && split < hi) bands.splice(k, 1, [lo, split - 0.5], [split, hi]);
  }
  // Header: pieces over the values are leaves (a column's own header word, perhaps wrapped over
  // lines) or groups (over several leaves); pieces over the labels are the labels' caption.
  const headPieces = header.map((r) => piecesOf(r.line));
  const flatHead = headPieces.flat();
  const isGroup = (p: Piece) => {
    const below = flatHead.filter((q) => q !== p && q.y0 >= p.y1 - 0.25 * p.size && xOverlap(p, q) > 0 && cxOf(q) >= valueLeft - 0.5);
    return below.some((q, i) => below.some((o, j) => j > i && xOverlap(q, o) <= 0));
  };
  const headValue = (p: Piece) => cxOf(p) >= valueLeft;
  // A column blank in every value row still has its header leaf: that leaf is the column's band.
  const leafBands: Span[] = [];
  for (const p of flatHead.filter((q) => headValue(q) && !isGroup(q))) {
    if (bands.some(([a, b]) => p.x0 <= b && p.x1 >= a)) continue;
    const own = leafBands.find(([a, b]) => p.x0 <= b && p.x1 >= a);
    if (own) { own[0] = Math.min(own[0], p.x0); own[1] = Math.max(own[1], p.x1); } else leafBands.push([p.x0, p.x1]);
  }
  bands.push(...leafBands);
  bands.sort((a, b) => a[0] - b[0]);
  if (bands.length < 2 && !body.some((r) => r.value && piecesOf(r.line).some((p) => !inValues(p)))) return null;
  if (!bands.length) return null;
  const overlap = (p: Box, [a, b]: Span) => Math.max(0, Math.min(p.x1, b) - Math.max(p.x0, a));
  const nearestBand = (p: Box) => {
    const c = cxOf(p);
    let best = 0;
    bands.forEach((band, k) => { if (Math.abs((band[0] + band[1]) / 2 - c) < Math.abs((bands[best][0] + bands[best][1]) / 2 - c)) best = k; });
    return best;
  };
  /** Bands of a value: those it overlaps by a good share of the band or of itself; else the nearest. */
  const valueBands = (p: Box): Span => {
    const hit = bands.map((band, k) => ({ k, o: overlap(p, band) })).filter(({ o, k }) => o > 0.3 * Math.min(bands[k][1] - bands[k][0], p.x1 - p.x0)).map(({ k }) => k);
    return hit.length ? [Math.min(...hit), Math.max(...hit)] : [nearestBand(p), nearestBand(p)];
  };
  /** Bands of a header or caption: those whose middle it covers (text is centred over its columns); else the nearest. */
  const textBands = (p: Box): Span => {
    const hit = bands.map((b, k) => ({ k, m: (b[0] + b[1]) / 2 })).filter(({ m }) => m >= p.x0 - 1 && m <= p.x1 + 1).map(({ k }) => k);
    return hit.length ? [Math.min(...hit), Math.max(...hit)] : [nearestBand(p), nearestBand(p)];
  };

  // Label area: every piece of the body left of the values.
  const bodyPieces = body.map((r) => ({ row: r, pieces: piecesOf(r.line) }));
  // Lines without values that print text in columns where the value rows hold numbers (a caption
  // such as 第二十条第（五）项 over the table, a header repeated inside it) are rows of their own.
  const numericBand = bands.map((_b, k) => {
    const inBand = anchors.flatMap((a) => a.pieces.filter((p) => inValues(p) && valueBands(p)[0] <= k && valueBands(p)[1] >= k));
    return inBand.length > 0 && inBand.filter((p) => NUMERIC_TEXT.test(p.text)).length * 2 >= inBand.length;
  });
  // The pitch of lines wrapped inside one cell, seen where a column's header word wraps (leaf
  // over leaf); rows are further apart than that by their cell padding.
  const leaves = flatHead.filter((p) => headValue(p) && !isGroup(p));
  const seen = Math.min(Infinity, ...leaves.flatMap((p) => leaves.filter((q) => cy(q) - cy(p) > 0.9 * p.size && cy(q) - cy(p) <= MAX_PITCH * p.size && xOverlap(p, q) > 0).map((q) => cy(q) - cy(p))));
  const wrapPitch = header.length ? seen : carried;
  const anchorY = (a: (typeof anchors)[number]) => { const vs = a.pieces.filter(inValues); return vs.reduce((s, p) => s + cy(p), 0) / vs.length; };
  // A line of numbers alone within a wrapped line's pitch of a value row is the rest of values
  // wrapped in that row's narrow cells ("30" over "0"), not a row of its own.
  const wrappedPart = (r: Row) => !r.value && Number.isFinite(wrapPitch) && valuesOnly(r)
    && anchors.some((a) => Math.abs(cy(r.line) - anchorY(a)) <= SAME_CELL * wrapPitch);
  // Labels never reach into the values: a line without values that does is a caption or header.
  const ownLine = (r: Row, ps: Piece[]) => !r.value && !wrappedPart(r) && ps.some((p) => p.x1 > valueLeft || (cxOf(p) >= valueLeft && (() => { const [a, b] = textBands(p); return numericBand.slice(a, b + 1).some(Boolean); })()));
  const labelPieces = bodyPieces.filter((b) => !ownLine(b.row, b.pieces)).flatMap((b) => b.pieces.filter((p) => !inValues(p)));
  // Group lanes: label pieces with another label piece to their right on the same line.
  const seeds = labelPieces.filter((p) => labelPieces.some((q) => q.x0 > p.x1 && q.y0 < p.y1 && q.y1 > p.y0));
  const lanes: Span[] = [];
  for (const p of [...seeds].sort((a, b) => a.x0 - b.x0)) {
    const last = lanes[lanes.length - 1];
    if (last && p.x0 <= last[1]) last[1] = Math.max(last[1], p.x1); else lanes.push([p.x0, p.x1]);
  }
  const laneOf = (p: Piece) => lanes.findIndex(([a, b]) => p.x0 >= a - 1 && p.x1 <= b + 1);
  // A lane holds group labels only: a piece inside one is a line of a group label.
  const groupPieces = new Set(labelPieces.filter((p) => seeds.includes(p) || laneOf(p) >= 0));
  const hasLabels = labelPieces.length > 0;
  const itemCol = lanes.length;
  const L = hasLabels ? lanes.length + 1 : 0;
  const C = L + bands.length;
  // Line pitch inside one cell: the closest two label lines that share columns.
  const pitches: number[] = [];
  const byY = [...labelPieces].sort((a, b) => cy(a) - cy(b));
  for (let i = 0; i < byY.length; i++) for (let j = i + 1; j < byY.length; j++) {
    const d = cy(byY[j]) - cy(byY[i]);
    if (d > 2.5 * byY[i].size) break;
    if (d > 0.9 * byY[i].size && xOverlap(byY[i], byY[j]) > 0) pitches.push(d);
  }
  const size = median(labelPieces.map((p) => p.size)) || median(anchors.map((a) => a.row.line.size));
  // Without a wrapped label the closest lines are whole rows apart: a line is at most this tall.
  const pitch = Math.min(MAX_PITCH * size, ...pitches);

  // Rows: one per value row, one per own line, one per item label too far from every value row.
  const rows: GridRow[] = [];
  // A number wrapped inside a narrow cell ("82" over "26", the label beside it wrapped too): value
  // lines closer together than two rows can be (a line pitch and no cell padding) are one row;
  // their pieces join that row's cells top to bottom. Only with a pitch seen in the header: a
  // guess could join two rows' numbers.
  const rowOf = new Map<Row, GridRow>();
  const sorted = [...anchors].sort((a, b) => anchorY(a) - anchorY(b));
  let run: (typeof anchors)[number][] = [];
  const flush = () => {
    if (!run.length) return;
    const g: GridRow = { y: run.reduce((t, a) => t + anchorY(a), 0) / run.length, cells: new Map() };
    rows.push(g);
    for (const a of run) rowOf.set(a.row, g);
    run = [];
  };
  for (const a of sorted) {
    const prev = run[run.length - 1];
    if (prev && !(Number.isFinite(wrapPitch) && anchorY(a) - anchorY(prev) <= SAME_CELL * wrapPitch)) flush();
    run.push(a);
  }
  flush();
  const anchorRows = [...new Set(rowOf.values())];
  const put = (g: GridRow, col: number, span: number, p: Piece) => {
    const cell = g.cells.get(col);
    if (cell) { cell.text.push(p); cell.span = Math.max(cell.span, span); } else g.cells.set(col, { text: [p], span });
  };
  const labelCol = (p: Piece): [number, number] => {
    const lane = laneOf(p);
    if (lane >= 0 && groupPieces.has(p)) return [lane, 1];
    const first = lanes.findIndex(([a, b]) => Math.min(p.x1, b) - Math.max(p.x0, a) > 0);
    const c0 = first >= 0 ? first : itemCol;
    return [c0, itemCol - c0 + 1];
  };
  const nearestAnchor = (y: number) => {
    let k = -1;
    anchorRows.forEach((g, n) => { if (k < 0 || Math.abs(g.y - y) < Math.abs(anchorRows[k].y - y) || (Math.abs(g.y - y) === Math.abs(anchorRows[k].y - y) && n > k)) k = n; });
    return k;
  };
  for (const b of bodyPieces) {
    if (ownLine(b.row, b.pieces)) {
      const g: GridRow = { y: cy(b.row.line), cells: new Map() };
      for (const p of b.pieces) {
        if (inValues(p) || cxOf(p) >= valueLeft) { const [a, z] = textBands(p); put(g, L + a, z - a + 1, p); } else { const [c0, span] = labelCol(p); put(g, c0, span, p); }
      }
      rows.push(g);
      continue;
    }
    for (const p of b.pieces) {
      if (groupPieces.has(p)) continue;
      if (inValues(p)) {
        // Value text off the value line (a wrapped unit "万元") joins the nearest value row.
        const g = b.row.value ? rowOf.get(b.row)! : anchorRows[nearestAnchor(cy(p))];
        const [a, z] = valueBands(p);
        put(g, L + a, z - a + 1, p);
        continue;
      }
      const item = (g: GridRow) => (g.items ??= []).push(p);
      if (b.row.value) { item(rowOf.get(b.row)!); continue; }
      const k = nearestAnchor(cy(p));
      if (Math.abs(anchorRows[k].y - cy(p)) <= SAME_CELL * pitch) item(anchorRows[k]);
      else {
        // A label line of its own (a row printing no value): joins the label line just above it
        // when that one is its wrapped start, else starts a row.
        const prev = rows.find((g) => !anchorRows.includes(g) && g.items && cy(p) - g.y > 0 && cy(p) - g.y <= SAME_CELL * pitch && xOverlap(g.items[g.items.length - 1], p) > 0);
        if (prev) { item(prev); prev.y = (prev.y + cy(p)) / 2; } else { const g: GridRow = { y: cy(p), cells: new Map() }; item(g); rows.push(g); }
      }
    }
  }
  // A row's item label lines are one cell, from the first column any of them reaches.
  for (const g of rows) if (g.items) {
    const c0 = Math.min(...g.items.map((p) => labelCol(p)[0]));
    for (const p of g.items) put(g, c0, itemCol - c0 + 1, p);
  }
  rows.sort((a, b) => a.y - b.y);
  // Group labels: wrapped lines of one lane, line after line, are one cell beside the rows they span.
  const groups: Piece[][] = [];
  for (const lane of lanes.map((_l, k) => k)) {
    const ps = [...groupPieces].filter((p) => laneOf(p) === lane).sort((a, b) => a.y0 - b.y0);
    for (const p of ps) {
      const last = groups.find((g) => laneOf(g[0]) === lane && cy(p) - cy(g[g.length - 1]) <= SAME_CELL * pitch && xOverlap(g[g.length - 1], p) > 0);
      if (last) last.push(p); else groups.push([p]);
    }
  }
  for (const g of groups) {
    const lane = laneOf(g[0]);
    const y0 = Math.min(...g.map((p) => p.y0)), y1 = Math.max(...g.map((p) => p.y1));
    const inside = rows.map((r, k) => ({ r, k })).filter(({ r }) => r.y >= y0 && r.y <= y1 && !r.cells.has(lane));
    const mid = (y0 + y1) / 2;
    let first = inside.length ? inside[0].k : rows.reduce((best, r, k) => (Math.abs(r.y - mid) < Math.abs(rows[best].y - mid) ? k : best), 0);
    let last = first;
    while (inside.some(({ k }) => k === last + 1)) last++;
    for (const p of g) put(rows[first], lane, 1, p);
    (rows[first].rowSpan ??= new Map()).set(lane, last - first + 1);
  }

  // Header rows: groups a row per line, leaves stacked into one row; the caption over the labels.
  const headRows: GridRow[] = [];
  const leafRow: GridRow = { y: 0, cells: new Map() };
  const caption: Piece[] = [];
  const titleRow: Piece[] = [];
  // A group header wrapped in its narrow cell ("未经复议直接起" over "诉"): the piece a wrapped
  // line's pitch below it and inside its width ends the group's word, not a leaf's.
  const placed: { p: Piece; g: GridRow; col: number; span: number }[] = [];
  const groupWrap = (p: Piece) => (Number.isFinite(wrapPitch) && !isGroup(p)
    ? placed.find((q) => cy(p) - cy(q.p) > 0.5 * p.size && cy(p) - cy(q.p) <= SAME_CELL * wrapPitch && p.x0 >= q.p.x0 - 1 && p.x1 <= q.p.x1 + 1)
    : undefined);
  headPieces.forEach((ps) => {
    const g: GridRow = { y: 0, cells: new Map() };
    for (const p of ps) {
      // A line of its own reaching from the labels well into the values, over several columns, is
      // the table's caption row (第二十条第（一）项 over a narrow table), not the labels' header.
      if (!headValue(p) && ps.length === 1 && p.x1 > valueLeft + p.size && isGroup(p)) { titleRow.push(p); continue; }
      if (!headValue(p)) { caption.push(p); continue; }
      const wrapped = groupWrap(p);
      if (wrapped) { put(wrapped.g, wrapped.col, wrapped.span, p); continue; }
      const [a, z] = textBands(p);
      if (isGroup(p) || z > a) { put(g, L + a, z - a + 1, p); placed.push({ p, g, col: L + a, span: z - a + 1 }); } else put(leafRow, L + a, 1, p);
    }
    if (g.cells.size) headRows.push(g);
  });
  if (leafRow.cells.size) headRows.push(leafRow);
  if (caption.length && L) {
    if (!headRows.length) headRows.push({ y: 0, cells: new Map() });
    for (const p of caption) put(headRows[0], 0, L, p);
    (headRows[0].rowSpan ??= new Map()).set(0, headRows.length);
  }
  if (titleRow.length) { const g: GridRow = { y: 0, cells: new Map() }; for (const p of titleRow) put(g, 0, C, p); headRows.unshift(g); }
  const grid = [...headRows, ...rows];

  // Column boundaries: between lanes, after the labels, halfway between value bands.
  const all = [...header, ...body].map((r) => r.line);
  const left = Math.min(bands[0][0], ...all.map((l) => l.x0));
  const right = Math.max(bands[bands.length - 1][1], ...all.map((l) => l.x1));
  const labelRight = Math.max(left, ...labelPieces.map((p) => p.x1));
  const xs = [left];
  lanes.forEach((ln, k) => xs.push(k + 1 < lanes.length ? (ln[1] + lanes[k + 1][0]) / 2 : ln[1] + 0.5));
  if (L) xs.push((labelRight + bands[0][0]) / 2);
  bands.slice(1).forEach((b, k) => xs.push((bands[k][1] + b[0]) / 2));
  xs.push(right);
  // Cells: a column covered by a spanning cell (across or down) is that cell.
  let id = 0;
  const out: (Cell | null)[][] = grid.map(() => Array(C).fill(null));
  grid.forEach((gr, r) => {
    const ps = [...gr.cells.values()].flatMap((c) => c.text);
    const rowY0 = ps.length ? Math.min(...ps.map((p) => p.y0)) : gr.y, rowY1 = ps.length ? Math.max(...ps.map((p) => p.y1)) : gr.y;
    for (let c = 0; c < C; c++) {
      if (out[r][c]) continue;
      const g = gr.cells.get(c);
      const span = Math.min(g?.span ?? 1, C - c);
      const down = Math.max(1, Math.min(gr.rowSpan?.get(c) ?? 1, grid.length - r));
      const text = g ? [...g.text].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0).map((p) => p.text) : [];
      const cell: Cell = { id: id++, text: joinLines(text), row: r, col: c, rowSpan: down, colSpan: span, page, bbox: round2({ x0: xs[c], y0: rowY0, x1: xs[c + span], y1: rowY1 }) };
      for (let k = c; k < c + span; k++) for (let d = 0; d < down; d++) if (!out[r + d][k]) out[r + d][k] = cell;
    }
  });
  const bbox: Box = { x0: left, y0: Math.min(...all.map((l) => l.y0)), x1: right, y1: Math.max(...all.map((l) => l.y1)) };
  const table: Table = { rows: out, method: 'stream', page, pageEnd: page, bbox: round2(bbox) };
  return { table, xs, ys: [], bbox, labelCols: L, bands: bands.map(([a, b]) => [a, b] as Span), wrapPitch: header.length ? seen : undefined };
}
