import { eastAsianWidth } from 'eastasianwidth';

/** How many columns a character takes in a text layout. */
export type Width = (ch: string) => number;

/**
 * Display width by Unicode East Asian Width (UAX #11): wide and full-width characters take two
 * columns; ambiguous ones (“ ” 、 …) too, as in an East Asian context (a viewer's copy-paste into a
 * CJK monospaced font).
 */
export const displayWidth: Width = (ch) => { const w = eastAsianWidth(ch); return w === 'F' || w === 'W' || w === 'A' ? 2 : 1; };
/** One column per character: what `pdftotext -layout` does (it places characters, not glyph widths). */
export const charWidth: Width = () => 1;

export interface SpacedCell { text: string; x0: number; x1: number }

/** Split a line on runs of two or more spaces (or an ideographic space), keeping display positions. */
export function splitSpaced(line: string, width: Width = displayWidth): SpacedCell[] {
  const cells: SpacedCell[] = [];
  let x = 0;
  let cur = '';
  let start = 0;
  let gap = 0;
  const flush = () => { if (cur.trim()) cells.push({ text: cur.trim(), x0: start, x1: x - gap }); cur = ''; };
  for (const ch of line) {
    const w = width(ch);
    const isSpace = ch === ' ' || ch === '\u3000' || ch === '\u00a0';
    if (isSpace) {
      gap += w;
      if (gap >= 2 || ch === '\u3000') { if (cur.trim()) flush(); else cur = ''; }
      else if (cur) cur += ch;
    } else {
      if (!cur) start = x;
      gap = 0;
      cur += ch;
    }
    x += w;
  }
  gap = 0;
  flush();
  return cells;
}

/** One printed value: a number (with sign, separators, a unit) or a placeholder dash. */
export const VALUE_TOKEN = /^(?:[+\-−]?[\d０-９][\d０-９,，.．]*(?:万元|元|件|项|%|％)?|[-—–―⸺/／]+)$/;

/**
 * Text copied out of a PDF often keeps a single space between value columns and between a label
 * and its first value ("2.其他法律行政法规禁止公开 2 1 0 0 0 0 3"). Values never hold a space, so
 * the trailing run of value tokens of each cell is split into one cell per value, with positions.
 */
export function splitValueRuns(cells: SpacedCell[], width: Width = displayWidth): SpacedCell[] {
  return cells.flatMap((c) => {
    const words = cellWords(c, width);
    let k = words.length;
    while (k > 0 && VALUE_TOKEN.test(words[k - 1].text)) k--;
    if (k === words.length || words.length === 1) return [c];
    const head = words.slice(0, k);
    const label = head.length ? [{ text: stripTail(c.text, words.length - k), x0: c.x0, x1: head[head.length - 1].x1 }] : [];
    return [...label, ...words.slice(k)];
  });
}

/** The words of a cell, each with its display position. */
export function cellWords(c: SpacedCell, width: Width = displayWidth): SpacedCell[] {
  const words: SpacedCell[] = [];
  let x = c.x0;
  for (const m of c.text.matchAll(/\S+|\s+/g)) {
    const w = [...m[0]].reduce((n, ch) => n + width(ch), 0);
    if (/\S/.test(m[0])) words.push({ text: m[0], x0: x, x1: x + w });
    x += w;
  }
  return words;
}

/** The text without its last `n` whitespace-separated words. */
function stripTail(text: string, n: number): string {
  let t = text.trimEnd();
  for (let i = 0; i < n; i++) t = t.replace(/\s*\S+$/, '');
  return t.trim();
}

/** A line that looks like a table row: several short segments separated by wide gaps. */
export function isSpacedRow(line: string): boolean {
  if (endsInValues(line)) return true;
  if (!/\S\s{2,}\S|\S\u3000+\S/.test(line.trim())) return false;
  const cells = splitSpaced(line);
  return cells.length >= 2 && cells.every((c) => c.text.length <= 60);
}

/** A whole row of values on one line, single-spaced, is a row by itself from this many (table 四's 15). */
const VALUES_ALONE = 10;

/**
 * A label followed by at least three single-spaced values: a table row copied out of a PDF. A few
 * single-spaced values with no label are not: reading-order text breaks one row's values over
 * lines like that ("59 9 0" / "0" / "0 0 68"), and only the row labels can put them together.
 */
export function endsInValues(line: string): boolean {
  const words = line.trim().split(/\s+/);
  let k = words.length;
  while (k > 0 && VALUE_TOKEN.test(words[k - 1])) k--;
  const values = words.length - k;
  return values >= 3 && (k > 0 || values >= VALUES_ALONE) && words.slice(0, k).join('').length <= 60;
}

const DIGITS = /^[\d０-９]+$/;

/** Words of a line with their character offsets (pdftotext places one character per column). */
function wordsAt(line: string): { text: string; x0: number; x1: number }[] {
  return [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], x0: m.index!, x1: m.index! + [...m[0]].length }));
}

/**
 * Numbers wrapped inside narrow cells come out as a line of digits under the row they belong to
 * ("82" over "26" is 8226). A line made only of digit runs, each under a number of the line above
 * that it continues, is joined into that line; the line itself becomes empty (line numbers kept).
 */
export function joinWrappedNumbers(lines: string[]): string[] {
  const out = [...lines];
  for (let k = 1; k < out.length; k++) {
    const below = wordsAt(out[k]);
    if (!below.length || !below.every((w) => DIGITS.test(w.text))) continue;
    // Only space-aligned lines keep positions: in reading-order text ("59 9 0" over "0") a digit
    // under a number is chance.
    if (!/\S {2,}\S/.test(out[k - 1].trim())) continue;
    const above = wordsAt(out[k - 1]);
    const numbers = above.filter((w) => /[\d０-９]$/.test(w.text) && VALUE_TOKEN.test(w.text));
    if (numbers.length < 2) continue;
    const match = below.map((w) => numbers.find((a) => w.x0 <= a.x1 && w.x1 >= a.x0));
    if (match.some((m) => !m) || new Set(match).size !== match.length) continue;
    let line = out[k - 1];
    // Right to left, so earlier offsets stay valid.
    below.map((w, i) => ({ w, a: match[i]! })).sort((p, q) => q.a.x1 - p.a.x1).forEach(({ w, a }) => {
      const chars = [...line];
      chars.splice(a.x1, 0, w.text);
      line = chars.join('');
    });
    out[k - 1] = line;
    out[k] = '';
  }
  return out;
}
