import { dropCjkSpaces, normalizeRadicals } from '../../util/text';
import type { Box } from './geometry';
import type { Glyph } from './content';

/** A line of horizontal glyphs, or a column of vertical ones, in reading order. */
export interface Line extends Box {
  glyphs: Glyph[];
  size: number;
  vertical: boolean;
  text: string;
}

/** Glyphs whose vertical centres differ by less than this share of their height sit on one line.
 * Generous because value digits are often set larger than labels on the same row. */
const SAME_LINE = 0.5;
/** A gap wider than this share of the font size is a word space. */
const SPACE_GAP = 0.3;
/** A gap wider than this share of the font size separates runs (columns, tab stops). */
export const WIDE_GAP = 1.0;

const cy = (g: Box) => (g.y0 + g.y1) / 2;
const cx = (g: Box) => (g.x0 + g.x1) / 2;

/** Group glyphs into lines (horizontal) and columns (vertical writing), top to bottom. */
export function toLines(glyphs: Glyph[]): Line[] {
  const out: Line[] = [];
  const hs = glyphs.filter((g) => !g.vertical).sort((a, b) => cy(a) - cy(b));
  let cur: Glyph[] = [];
  let lineY = 0, lineH = 0;
  const flush = () => { if (cur.length) out.push(makeLine(cur, false)); cur = []; };
  for (const g of hs) {
    const h = g.y1 - g.y0;
    if (cur.length && Math.abs(cy(g) - lineY) <= SAME_LINE * Math.max(h, lineH)) {
      cur.push(g);
      lineY = (lineY * (cur.length - 1) + cy(g)) / cur.length;
      lineH = Math.max(lineH, h);
    } else { flush(); cur = [g]; lineY = cy(g); lineH = h; }
  }
  flush();
  // Vertical writing: columns by centre x, read right to left, each top to bottom.
  const vs = glyphs.filter((g) => g.vertical).sort((a, b) => cx(b) - cx(a));
  cur = [];
  let colX = 0;
  for (const g of vs) {
    if (cur.length && Math.abs(cx(g) - colX) <= SAME_LINE * (g.x1 - g.x0)) cur.push(g);
    else { if (cur.length) out.push(makeLine(cur, true)); cur = [g]; colX = cx(g); }
  }
  if (cur.length) out.push(makeLine(cur, true));
  return out.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

function makeLine(glyphs: Glyph[], vertical: boolean): Line {
  glyphs.sort(vertical ? (a, b) => a.y0 - b.y0 : (a, b) => a.x0 - b.x0);
  const size = median(glyphs.map((g) => g.size));
  // Runs separated by a wide gap stay apart even in Chinese ("信息内容   本年处理决定数量").
  const runs: string[] = [];
  let text = '';
  let prev: Glyph | null = null;
  for (const g of glyphs) {
    if (prev) {
      const gap = vertical ? g.y0 - prev.y1 : g.x0 - prev.x1;
      // Overprinted duplicates (fake bold) would double characters.
      if (g.ch === prev.ch && Math.abs(g.x0 - prev.x0) < 0.2 * size && Math.abs(g.y0 - prev.y0) < 0.2 * size) continue;
      const local = Math.min(g.size, prev.size);
      if (gap > WIDE_GAP * local) { runs.push(text); text = ''; }
      else if (gap > SPACE_GAP * local || (g.spaceBefore && gap > -0.1 * local)) text += ' ';
    }
    text += g.ch;
    prev = g;
  }
  runs.push(text);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const g of glyphs) { x0 = Math.min(x0, g.x0); y0 = Math.min(y0, g.y0); x1 = Math.max(x1, g.x1); y1 = Math.max(y1, g.y1); }
  return { glyphs, size, vertical, text: runs.map(cleanText).filter(Boolean).join(' '), x0, y0, x1, y1 };
}

/** Radicals to ordinary characters, no spaces between CJK characters, single spaces. */
export function cleanText(s: string): string {
  return dropCjkSpaces(normalizeRadicals(verticalForms(s))).replace(/\s+/g, ' ').trim();
}

/** Vertical-writing presentation forms ("︑" U+FE11 for "、", "︵" for "（") to the ordinary
 * characters: vertical fonts' ToUnicode maps often point there. */
export function verticalForms(s: string): string {
  return s.replace(/[\uFE10-\uFE19\uFE30-\uFE4F]/g, (ch) => ch.normalize('NFKC'));
}

const WORDISH = /[A-Za-z0-9]$/;
/** Join the lines of one cell: a soft wrap inside Chinese text adds nothing, between Latin words a space. */
export function joinLines(lines: string[]): string {
  let out = '';
  for (const l of lines) {
    if (!l) continue;
    // A number wrapped inside a narrow cell ("86 37 4" over three lines) is one number: digits
    // continue digits without a space; words get one.
    const wrappedNumber = /\d$/.test(out) && /^\d/.test(l) && /^[\d,.]+$/.test(l) && /^[+\-]?[\d,.]+$/.test(out);
    out += out && !wrappedNumber && WORDISH.test(out) && /^[A-Za-z0-9]/.test(l) ? ' ' + l : l;
  }
  return cleanText(out);
}

/** Chunks of a line separated by gaps wider than `gap` × font size (stream columns). */
export function chunks(line: Line, gap: number): Line[] {
  const parts: Glyph[][] = [];
  let prev: Glyph | null = null;
  for (const g of line.glyphs) {
    // The smaller neighbour sets the scale: values are often set larger than the labels beside them.
    if (!prev || (line.vertical ? g.y0 - prev.y1 : g.x0 - prev.x1) > gap * Math.min(g.size, prev.size)) parts.push([g]);
    else parts[parts.length - 1].push(g);
    prev = g;
  }
  return parts.map((p) => makeLine(p, line.vertical));
}

export function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
