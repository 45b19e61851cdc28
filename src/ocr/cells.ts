import { dropCjkSpaces, toHalfWidth } from '../util/text';
import type { GridCell } from './grid';
import type { Gray } from './raster';
import { crop, pad, scale } from './raster';
import type { OcrWord } from './tesseract';

/** What one cell's pixels hold, ready for OCR. */
export interface CellImage {
  cell: GridCell;
  /** Ink box in page pixels, or null for a blank cell. */
  ink: { x0: number; y0: number; x1: number; y1: number } | null;
  image?: Gray;
}

/** Fewer ink pixels than this (at 200 dpi, scaled) is dust, not a character. */
const MIN_INK_PIXELS_200DPI = 12;
/** An edge column/row this full of ink is a leftover ruling, not text. */
const RULING_FILL = 0.75;
/** White margin around a cell image: tesseract misreads glyphs touching the edge. */
const OCR_MARGIN = 20;

/**
 * Cut a cell's content out of the page: inside its rulings, trimmed to the ink, rulings that leak
 * in at the edges dropped. Blank cells (no ink) are reported without an image: they are empty
 * text, never OCR'd into something.
 */
export function cellImage(page: Gray, mask: Uint8Array, cell: GridCell, thickness: number, dpi: number, upscale: number): CellImage {
  const inset = Math.ceil(thickness / 2) + Math.max(2, Math.round(0.012 * dpi));
  let x0 = Math.round(cell.x0 + inset), x1 = Math.round(cell.x1 - inset);
  let y0 = Math.round(cell.y0 + inset), y1 = Math.round(cell.y1 - inset);
  if (x1 - x0 < 3 || y1 - y0 < 3) return { cell, ink: null };
  const W = page.width;
  const colInk = (x: number) => { let n = 0; for (let y = y0; y < y1; y++) n += mask[y * W + x]; return n; };
  const rowInk = (y: number) => { let n = 0; for (let x = x0; x < x1; x++) n += mask[y * W + x]; return n; };
  // Peel rulings that leaked in (a slightly bent line, a thick border).
  while (x1 - x0 > 3 && colInk(x0) > RULING_FILL * (y1 - y0)) x0++;
  while (x1 - x0 > 3 && colInk(x1 - 1) > RULING_FILL * (y1 - y0)) x1--;
  while (y1 - y0 > 3 && rowInk(y0) > RULING_FILL * (x1 - x0)) y0++;
  while (y1 - y0 > 3 && rowInk(y1 - 1) > RULING_FILL * (x1 - x0)) y1--;
  let total = 0, ix0 = Infinity, iy0 = Infinity, ix1 = -1, iy1 = -1;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (!mask[y * W + x]) continue;
      total++;
      if (x < ix0) ix0 = x; if (x > ix1) ix1 = x; if (y < iy0) iy0 = y; if (y > iy1) iy1 = y;
    }
  }
  const minInk = MIN_INK_PIXELS_200DPI * (dpi / 200) ** 2;
  if (total < minInk) return { cell, ink: null };
  const ink = { x0: ix0, y0: iy0, x1: ix1 + 1, y1: iy1 + 1 };
  let image = crop(page, ink.x0 - 2, ink.y0 - 2, ink.x1 + 2, ink.y1 + 2);
  if (upscale !== 1) image = scale(image, upscale);
  return { cell, ink, image: pad(image, OCR_MARGIN) };
}

const CJK = /[\u3400-\u9fff]/;

/** Words of one image to text (the Chinese model's 〈〉 are brackets （）): lines in order, CJK without the spaces tesseract puts between
 * characters, wrapped lines of a cell joined. */
export function wordsToText(words: OcrWord[]): { text: string; confidence: number } {
  if (!words.length) return { text: '', confidence: 0 };
  const lines = new Map<string, OcrWord[]>();
  for (const w of words) { const l = lines.get(w.line) ?? []; l.push(w); lines.set(w.line, l); }
  const texts = [...lines.values()].map((ws) => dropCjkSpaces(ws.map((w) => w.text).join(' ')).replace(/〈/g, '（').replace(/〉/g, '）'));
  let text = '';
  for (const t of texts) {
    if (!text) { text = t; continue; }
    const joinTight = CJK.test(text[text.length - 1]) || CJK.test(t[0]) || /[-(（]$/.test(text);
    text += joinTight ? t : ` ${t}`;
  }
  const confidence = Math.min(...words.map((w) => w.confidence));
  return { text: text.trim(), confidence };
}

/** Letters tesseract's Chinese model uses for digits in a numeric cell. */
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

/** Does the reading look like a value (so the digit-only pass should read it too)? */
export function looksNumeric(text: string): boolean {
  const t = toHalfWidth(text).replace(/\s+/g, '');
  return t.length > 0 && t.length <= 14 && !CJK.test(t);
}
