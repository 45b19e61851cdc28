import { toHalfWidth } from '../util/text';
import type { GridCell } from './grid';
import type { Gray } from './raster';
import { crop, pad } from './raster';

/** What one cell's pixels hold, ready for the recognizer. */
export interface CellImage {
  cell: GridCell;
  /** Ink box in page pixels, or null for a blank cell. */
  ink: { x0: number; y0: number; x1: number; y1: number } | null;
  /** The cell's text lines, top to bottom, each trimmed to its ink with a margin (none when blank). */
  lines: Gray[];
}

/** Fewer ink pixels than this (at 200 dpi, scaled) is dust, not a character. */
const MIN_INK_PIXELS_200DPI = 12;
/** An edge column/row this full of ink is a leftover ruling, not text. */
const RULING_FILL = 0.75;
/** Rows with less ink than this share of the busiest row separate two text lines. */
const LINE_GAP_FILL = 0.02;
/** A text line is at least this tall (inches): thinner bands are specks or underline. */
const MIN_LINE_IN = 0.03;

/**
 * Cut a cell's content out of the page: inside its rulings, rulings that leak in at the edges
 * peeled off, trimmed to the ink and split into text lines (the recognizer reads one line at a
 * time). Blank cells (no ink) come without lines: they are empty text, never read into something.
 */
export function cellImage(page: Gray, mask: Uint8Array, cell: GridCell, thickness: number, dpi: number): CellImage {
  const inset = Math.ceil(thickness / 2) + Math.max(2, Math.round(0.012 * dpi));
  let x0 = Math.round(cell.x0 + inset), x1 = Math.round(cell.x1 - inset);
  let y0 = Math.round(cell.y0 + inset), y1 = Math.round(cell.y1 - inset);
  if (x1 - x0 < 3 || y1 - y0 < 3) return { cell, ink: null, lines: [] };
  const W = page.width;
  const colInk = (x: number) => { let n = 0; for (let y = y0; y < y1; y++) n += mask[y * W + x]; return n; };
  const rowInk = (y: number) => { let n = 0; for (let x = x0; x < x1; x++) n += mask[y * W + x]; return n; };
  // Peel rulings that leaked in (a slightly bent line, a thick border).
  while (x1 - x0 > 3 && colInk(x0) > RULING_FILL * (y1 - y0)) x0++;
  while (x1 - x0 > 3 && colInk(x1 - 1) > RULING_FILL * (y1 - y0)) x1--;
  while (y1 - y0 > 3 && rowInk(y0) > RULING_FILL * (x1 - x0)) y0++;
  while (y1 - y0 > 3 && rowInk(y1 - 1) > RULING_FILL * (x1 - x0)) y1--;
  const rows = new Int32Array(y1 - y0);
  let total = 0, ix0 = Infinity, ix1 = -1;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (!mask[y * W + x]) continue;
      total++; rows[y - y0]++;
      if (x < ix0) ix0 = x; if (x > ix1) ix1 = x;
    }
  }
  const minInk = MIN_INK_PIXELS_200DPI * (dpi / 200) ** 2;
  if (total < minInk) return { cell, ink: null, lines: [] };
  const bands = textBands(rows, Math.max(2, Math.round(MIN_LINE_IN * dpi)), minInk);
  if (!bands.length) return { cell, ink: null, lines: [] };
  const ink = { x0: ix0, y0: y0 + bands[0].from, x1: ix1 + 1, y1: y0 + bands[bands.length - 1].to };
  const lines = bands.map((b) => lineImage(page, mask, W, x0, x1, y0 + b.from, y0 + b.to));
  return { cell, ink, lines };
}

/** Horizontal bands of ink separated by (nearly) empty rows, thin or faint bands dropped. */
function textBands(rows: Int32Array, minHeight: number, minInk: number): { from: number; to: number }[] {
  let peak = 0;
  for (const r of rows) peak = Math.max(peak, r);
  const gap = Math.max(0, Math.floor(LINE_GAP_FILL * peak));
  const out: { from: number; to: number; ink: number }[] = [];
  let start = -1, ink = 0;
  for (let y = 0; y <= rows.length; y++) {
    const on = y < rows.length && rows[y] > gap;
    if (on) { if (start < 0) { start = y; ink = 0; } ink += rows[y]; }
    else if (start >= 0) { out.push({ from: start, to: y, ink }); start = -1; }
  }
  const kept = out.filter((b) => b.to - b.from >= minHeight && b.ink >= minInk / 2);
  // Bands much thinner than the tallest are accents or specks belonging to a neighbour: merge
  // them into the nearest kept band rather than reading them alone.
  const tall = Math.max(0, ...kept.map((b) => b.to - b.from));
  const lines = kept.filter((b) => b.to - b.from >= 0.4 * tall);
  for (const b of kept) {
    if (lines.includes(b)) continue;
    let best = lines[0];
    for (const l of lines) if (Math.abs((l.from + l.to) / 2 - (b.from + b.to) / 2) < Math.abs((best.from + best.to) / 2 - (b.from + b.to) / 2)) best = l;
    if (best) { best.from = Math.min(best.from, b.from); best.to = Math.max(best.to, b.to); }
  }
  return lines.sort((a, b) => a.from - b.from);
}

/** One text line: trimmed to its ink horizontally, with a white margin the recognizer expects. */
function lineImage(page: Gray, mask: Uint8Array, W: number, x0: number, x1: number, ya: number, yb: number): Gray {
  let lx0 = x1, lx1 = x0;
  for (let y = ya; y < yb; y++) for (let x = x0; x < x1; x++) if (mask[y * W + x]) { if (x < lx0) lx0 = x; if (x >= lx1) lx1 = x + 1; }
  const h = yb - ya;
  const m = Math.max(2, Math.round(0.08 * h));
  const img = crop(page, lx0 - m, ya - m, lx1 + m, yb + m);
  return pad(img, Math.max(2, Math.round(0.12 * h)));
}

const CJK = /[\u3400-\u9fff]/;

/** Letters a general model uses for digits in a numeric cell. */
const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', '〇': '0', D: '0', Q: '0', l: '1', I: '1', '|': '1', '丨': '1', i: '1', S: '5', s: '5', B: '8', Z: '2', z: '2', g: '9', q: '9' };

/** A general-model reading of a cell as a number string, if it reads as one (else null). */
export function asNumberText(text: string): string | null {
  const t = toHalfWidth(text).replace(/\s+/g, '');
  if (!t || CJK.test(t)) return null;
  const digits = t.replace(/[^0-9]/g, '').length;
  if (digits * 2 < t.length && t.length > 1) return null;
  const mapped = [...t].map((c) => DIGIT_LOOKALIKES[c] ?? c).join('');
  return /^[+\-]?\d[\d,]*(\.\d+)?$/.test(mapped) ? mapped : null;
}

/** Does the reading look like a value (so it is decoded over the value characters too)? */
export function looksNumeric(text: string): boolean {
  const t = toHalfWidth(text).replace(/\s+/g, '');
  return t.length > 0 && t.length <= 14 && !CJK.test(t);
}
