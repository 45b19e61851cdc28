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
/** Edge-touching ink whose strokes are no thicker than this many ruling widths is a remnant. */
const REMNANT_STROKE = 1.5;
/** A text line is at least this tall (inches): thinner bands are specks or underline. */
const MIN_LINE_IN = 0.03;
/** Ink closer than this (inches) to other ink belongs to the same mark: the pieces of a glyph broken
 * by binarization, a decimal point beside its digits. About a third of a character at 10.5 pt. */
const MARK_REACH_IN = 0.03;

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
  // The cell's own ink, rulings' remnants removed (see dropRulingRemnants).
  const cw = x1 - x0, chh = y1 - y0;
  const local = new Uint8Array(cw * chh);
  for (let y = 0; y < chh; y++) for (let x = 0; x < cw; x++) local[y * cw + x] = mask[(y0 + y) * W + x0 + x];
  const erased = dropRulingRemnants(local, cw, chh, thickness);
  const minInk = MIN_INK_PIXELS_200DPI * (dpi / 200) ** 2;
  dropSpecks(local, erased, cw, chh, minInk, Math.max(1, Math.round(MARK_REACH_IN * dpi)));
  const rows = new Int32Array(chh);
  let total = 0, ix0 = Infinity, ix1 = -1;
  for (let y = 0; y < chh; y++) {
    for (let x = 0; x < cw; x++) {
      if (!local[y * cw + x]) continue;
      total++; rows[y]++;
      if (x < ix0) ix0 = x; if (x > ix1) ix1 = x;
    }
  }
  if (total < minInk) return { cell, ink: null, lines: [] };
  const bands = textBands(rows, Math.max(2, Math.round(MIN_LINE_IN * dpi)), minInk);
  if (!bands.length) return { cell, ink: null, lines: [] };
  const ink = { x0: x0 + ix0, y0: y0 + bands[0].from, x1: x0 + ix1 + 1, y1: y0 + bands[bands.length - 1].to };
  const lines = bands.map((b) => lineImage(page, local, erased, cw, chh, x0, y0, b.from, b.to));
  return { cell, ink, lines };
}

/**
 * Ink touching the crop's edge in strokes as thin as a ruling (a ruling that leans or steps into
 * the cell, as photographed or JPEG'd rulings do) is not text: a "1" or "丨" read from it is the worst
 * kind of error. Such components are cleared from `m`; returns a mask of what was cleared.
 */
function dropRulingRemnants(m: Uint8Array, w: number, h: number, thickness: number): Uint8Array {
  const erased = new Uint8Array(w * h);
  const seen = new Uint8Array(w * h);
  const visit = (start: number) => {
    if (!m[start] || seen[start]) return;
    const comp = floodFrom(start, m, seen, w, h);
    let cx0 = w, cx1 = -1, cy0 = h, cy1 = -1;
    for (const i of comp) {
      const x = i % w, y = (i - x) / w;
      if (x < cx0) cx0 = x; if (x > cx1) cx1 = x; if (y < cy0) cy0 = y; if (y > cy1) cy1 = y;
    }
    // Strokes as thin as a ruling (pixels per unit of length along the bounding box's sides):
    // a line, a corner, a stepped edge. A glyph that reached the edge has loops and crossings.
    const cw = cx1 - cx0 + 1, ch = cy1 - cy0 + 1;
    const stroke = comp.length / Math.max(1, cw + ch - 1);
    if (stroke <= REMNANT_STROKE * Math.max(1, thickness)) for (const i of comp) { m[i] = 0; erased[i] = 1; }
  };
  for (let x = 0; x < w; x++) { visit(x); visit((h - 1) * w + x); }
  for (let y = 0; y < h; y++) { visit(y * w); visit(y * w + w - 1); }
  return erased;
}

/** The 4-connected pixels set in `on` reached from `start`, each marked in `seen`. */
function floodFrom(start: number, on: Uint8Array, seen: Uint8Array, w: number, h: number): number[] {
  const comp: number[] = [];
  const stack = [start];
  seen[start] = 1;
  while (stack.length) {
    const i = stack.pop()!;
    comp.push(i);
    const x = i % w, y = (i - x) / w;
    for (const j of [x > 0 ? i - 1 : -1, x + 1 < w ? i + 1 : -1, y > 0 ? i - w : -1, y + 1 < h ? i + w : -1]) if (j >= 0 && on[j] && !seen[j]) { seen[j] = 1; stack.push(j); }
  }
  return comp;
}

/**
 * Specks of noise scattered over a cell are not text, and they widen the cell's ink box: a wide
 * crop with a small "0" in it is squeezed to the recognizer's height and read as nothing. Ink is
 * grouped into marks (pieces within `reach` of each other); a mark with less ink than `minInk` is
 * cleared from `m` and added to `erased`. A glyph broken into fragments stays: its pieces are near.
 */
function dropSpecks(m: Uint8Array, erased: Uint8Array, w: number, h: number, minInk: number, reach: number): void {
  // Grow the ink by `reach` (a separable box maximum), then label what touches.
  const grownX = new Uint8Array(w * h), grown = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    let last = -Infinity;
    for (let x = 0; x < w; x++) if (m[y * w + x]) last = x; else if (x - last <= reach) grownX[y * w + x] = 1;
    last = Infinity;
    for (let x = w - 1; x >= 0; x--) { if (m[y * w + x]) { last = x; grownX[y * w + x] = 1; } else if (last - x <= reach) grownX[y * w + x] = 1; }
  }
  for (let x = 0; x < w; x++) {
    let last = -Infinity;
    for (let y = 0; y < h; y++) if (grownX[y * w + x]) { last = y; grown[y * w + x] = 1; } else if (y - last <= reach) grown[y * w + x] = 1;
    last = Infinity;
    for (let y = h - 1; y >= 0; y--) if (grownX[y * w + x]) last = y; else if (last - y <= reach) grown[y * w + x] = 1;
  }
  const seen = new Uint8Array(w * h);
  for (let start = 0; start < w * h; start++) {
    if (!grown[start] || seen[start]) continue;
    const comp = floodFrom(start, grown, seen, w, h);
    let ink = 0;
    for (const i of comp) ink += m[i];
    if (ink < minInk) for (const i of comp) if (m[i]) { m[i] = 0; erased[i] = 1; }
  }
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

/** One text line: trimmed to its ink horizontally, ruling remnants whitened, with a white margin
 * the recognizer expects. */
function lineImage(page: Gray, m: Uint8Array, erased: Uint8Array, w: number, h: number, x0: number, y0: number, ya: number, yb: number): Gray {
  let lx0 = w, lx1 = 0;
  for (let y = ya; y < yb; y++) for (let x = 0; x < w; x++) if (m[y * w + x]) { if (x < lx0) lx0 = x; if (x >= lx1) lx1 = x + 1; }
  const lh = yb - ya;
  const mg = Math.max(2, Math.round(0.08 * lh));
  const cx0 = Math.max(0, lx0 - mg), cy0 = Math.max(0, ya - mg), cx1 = Math.min(w, lx1 + mg), cy1 = Math.min(h, yb + mg);
  const img = crop(page, x0 + cx0, y0 + cy0, x0 + cx1, y0 + cy1);
  for (let y = cy0; y < cy1; y++) for (let x = cx0; x < cx1; x++) if (erased[y * w + x]) img.data[(y - cy0) * img.width + (x - cx0)] = 255;
  return pad(img, Math.max(2, Math.round(0.12 * lh)));
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
