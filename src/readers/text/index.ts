import type { Block, Cell, DocumentModel, Message, ReadResult, Table } from '../../model';
import { msg } from '../../model';
import { toHalfWidth } from '../../util/text';
import { decodeText } from '../decode';
import { plain, type Reader, type ReaderInput } from '../types';
import { alignColumns } from './columns';
import { NUMBERED_ITEM_INSIDE, NUMBERED_LABEL } from './numbering';
import { readingOrderTables } from './reading-order';
import { cellWords, joinWrappedNumbers, splitSpaced, splitValueRuns, isSpacedRow, VALUE_TOKEN } from './spaced';

/** Page footers and headers that copying a PDF leaves in the text: "-3-", "— 4 —", "第 3 页 共 9 页". */
export const PAGE_MARK = /^\s*(?:[-—–－~～]+\s*\d{1,3}\s*[-—–－~～]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})\s*$/;

/** A line of this many values is a table on its own (table 四's one row of 15 numbers). */
const MIN_VALUES_ALONE = 10;
/** At most this many header lines above a space-aligned table. */
const MAX_HEADER_LINES = 4;
/** A header line: several short words, single-spaced, no sentence punctuation, no numbers. */
const isHeaderLine = (l: string) => { const w = l.trim().split(/\s+/); return w.length >= 2 && w.every((x) => x.length <= 16 && !/\d/.test(x)) && !/[。；，：]/.test(l); };
/** Every word of a line as a cell, with its display position. */
const words = (l: string) => splitSpaced(l).flatMap((c) => cellWords(c));
/** Longest line (characters) inside a space-aligned table taken as a wrapped label fragment. */
const WRAPPED_FRAGMENT_MAX = 16;
/** Longest line (characters) taken as the wrapped remainder of a table cell rather than prose. */
const WRAPPED_LINE_MAX = 40;

/** At most this many label-only lines between two rows of one space-aligned table. */
const MAX_PIECES = 4;
/** ...and this many when every one of them is indented (a tall label cell's lines). */
const MAX_INDENTED_PIECES = 8;
/** At most this many blank lines between two rows of one space-aligned table. */
const MAX_BLANK_LINES = 4;

/** A short label without sentence punctuation, one space, one number: see `single` below. */
const LABEL_AND_VALUE = /^\s*[^\s\d。，；：,;:]{2,16} [+\-]?\d[\d,.]*(?:万元|元|件|项)?\s*$/;

const isPipe = (l: string) => /^\s*\|.*\|\s*$/.test(l);
const isPipeRule = (l: string) => /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(l);

/**
 * Plain text and Markdown: reports copied out of PDFs or web pages. Tables arrive as
 * tab-separated lines, Markdown pipe tables, or space-aligned columns.
 */
export class TextReader implements Reader {
  async read(input: ReaderInput): Promise<ReadResult> {
    const { text, encoding } = decodeText(input.buffer);
    const messages: Message[] = [];
    if (encoding !== 'utf-8') messages.push(msg('info', 'text-encoding', `decoded as ${encoding}`));
    return plain(parseText(text, input.detail === 'md' ? 'md' : 'txt', messages), messages);
  }
}

export function parseText(text: string, format: string, messages: Message[] = []): DocumentModel {
  // pdftotext starts each page with a form feed: the page is kept for column alignment, the mark dropped.
  let page = 0;
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const pages = raw.map((l) => (page += (l.match(/\f/g) ?? []).length));
  const lines = joinWrappedNumbers(raw.map((l) => l.replace(/\f/g, '')));
  const blocks: Block[] = [];
  let footers = 0;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (PAGE_MARK.test(line)) { footers++; i++; continue; }
    if (!line.trim()) { i++; continue; }
    if (line.includes('\t') && line.replace(/\t/g, '').trim()) {
      const start = i;
      const rows: string[][] = [];
      const lineNos: number[] = [];
      // A short line without tabs between two tab lines is a cell's text that wrapped.
      const wrapped = (k: number) => !lines[k].includes('\t') && lines[k].trim().length > 0 && lines[k].trim().length <= WRAPPED_LINE_MAX && (lines[k + 1] ?? '').includes('\t');
      while (i < lines.length && (lines[i].includes('\t') || PAGE_MARK.test(lines[i]) || wrapped(i))) {
        if (!PAGE_MARK.test(lines[i])) { rows.push(lines[i].split('\t')); lineNos.push(i + 1); } else footers++;
        i++;
      }
      blocks.push({ kind: 'table', table: grid(rows, lineNos, 'text-tabs') });
      void start;
      continue;
    }
    if (isPipe(line)) {
      const rows: string[][] = [];
      const lineNos: number[] = [];
      while (i < lines.length && isPipe(lines[i])) {
        if (!isPipeRule(lines[i])) {
          rows.push(lines[i].trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/));
          lineNos.push(i + 1);
        }
        i++;
      }
      blocks.push({ kind: 'table', table: grid(rows, lineNos, 'text-pipes') });
      continue;
    }
    if (isSpacedRow(line)) {
      // A run of space-aligned lines is a table when at least two of them carry numbers.
      let j = i;
      const run: number[] = [];
      // A short line between two rows is a label that wrapped ("法提供" under "（四）无").
      // So is a longer line of label pieces with a numbered item after a space ("办理结果 （二）部分公开…").
      // Up to MAX_PIECES such lines in a row (the end of one label, the start of the next, and the
      // group label the next row sits under: "政府信息" / "（四）" / "2.没有现成信息需要").
      const piece = (k: number) => {
        const t = k >= 0 && k < lines.length ? lines[k].trim() : '';
        return t.length > 0 && !/[。；：]/.test(t) && !isSpacedRow(lines[k])
          && (t.length <= WRAPPED_FRAGMENT_MAX || (t.length <= WRAPPED_LINE_MAX && (NUMBERED_ITEM_INSIDE.test(t) || NUMBERED_LABEL.test(t))));
      };
      // The next line that is not blank (pdftotext -layout sets blank lines for vertical space: a few
      // of them inside a table), or -1.
      const next = (k: number) => { let n = k; while (n < lines.length && n - k < MAX_BLANK_LINES && !lines[n].trim()) n++; return n < lines.length && lines[n].trim() ? n : -1; };
      const rowAt = (k: number) => k >= 0 && isSpacedRow(lines[k]);
      const fragment = (k: number) => {
        if (run.length === 0 || !piece(k)) return false;
        // A tall label cell of a laid-out table wraps into more lines, all indented to its column;
        // reading-order text (one cell per line, nothing indented) gets fewer.
        let indented = /^\s{2,}/.test(lines[k]);
        for (let n = next(k + 1), seen = 1; n >= 0; n = next(n + 1), seen++) {
          if (rowAt(n)) return true;
          indented &&= /^\s{2,}/.test(lines[n]);
          if (!piece(n) || seen >= (indented ? MAX_INDENTED_PIECES : MAX_PIECES)) return false;
        }
        return false;
      };
      // A short label and one value a single space apart, inside a run ("行政事业性收费 25.1"):
      // a row whose label left no room for a wider gap.
      const single = (k: number) => run.length > 0 && LABEL_AND_VALUE.test(lines[k]);
      const blanksThenRow = (k: number) => { const n = next(k); return n > k && (isSpacedRow(lines[n]) || fragment(n)); };
      for (; j < lines.length; j++) {
        if (PAGE_MARK.test(lines[j])) footers++;
        else if (isSpacedRow(lines[j]) || fragment(j) || single(j)) run.push(j);
        else if (lines[j].trim() || !blanksThenRow(j)) break;
      }
      let above = i - 1;
      while (above >= 0 && !lines[above].trim()) above--;
      if (readingOrderRun(run.map((k) => lines[k]), above >= 0 ? lines[above] : '')) {
        // Reading-order text, not columns: its lines go to the reading-order rebuild as they are.
        for (let k = i; k < j; k++) if (lines[k].trim() && !PAGE_MARK.test(lines[k])) blocks.push({ kind: 'text', text: lines[k].trim(), line: k + 1 });
        i = j;
        continue;
      }
      const numeric = run.filter((k) => splitSpaced(lines[k]).some((c) => /^[+\-]?\d/.test(toHalfWidth(c.text)))).length;
      const wide = run.length === 1 && splitValueRuns(splitSpaced(lines[run[0]])).length >= MIN_VALUES_ALONE;
      if ((numeric >= 1 && run.length >= 2) || wide) {
        // Header lines just above, with single spaces between their words, were taken for text:
        // they are the table's first rows.
        const head: number[] = [];
        while (blocks.length && head.length < MAX_HEADER_LINES) {
          const b = blocks[blocks.length - 1];
          if (b.kind !== 'text' || b.line === undefined || /^\s*#/.test(lines[b.line - 1]) || !isHeaderLine(lines[b.line - 1])) break;
          head.unshift(b.line - 1);
          blocks.pop();
        }
        const all = [...head, ...run];
        for (const { from, to, aligned } of alignColumns(all.map((k) => ({ line: lines[k], lineNo: k + 1, page: pages[k] })))) {
          const part = all.slice(from, to);
          if (aligned) {
            for (const n of aligned.ambiguous) messages.push(msg('warning', 'text-columns-ambiguous', `line ${n}: the columns of its values cannot be told from the rows around it; not placed`, { where: { line: n } }));
            blocks.push({ kind: 'table', table: aligned.table });
            continue;
          }
          const nHead = part.filter((k) => head.includes(k)).length;
          const rows = [...part.slice(0, nHead).map((k) => words(lines[k])), ...part.slice(nHead).map((k) => splitValueRuns(splitSpaced(lines[k])))];
          blocks.push({ kind: 'table', table: spacedGrid(rows, part.map((k) => k + 1)) });
        }
        i = j;
        continue;
      }
    }
    const h = line.match(/^\s*(#{1,6})\s+(.*)$/);
    blocks.push({ kind: 'text', text: h ? h[2].trim() : line.trim(), line: i + 1 });
    i++;
  }
  if (footers) messages.push(msg('info', 'page-marks-dropped', `${footers} page header/footer lines dropped`));
  return { format, blocks: readingOrderTables(blocks) };
}

/**
 * A run of "label v v v" lines that is reading-order text (plain pdftotext), not space-aligned
 * columns: no line has a wide gap, and some line holds only values without being a row (one row's
 * values broken over lines, "5 0 0" / "0" / "0 0 5"), which a copy with columns never prints, or
 * the run is one such line of values alone under an unspaced line.
 */
function readingOrderRun(lines: string[], above: string): boolean {
  const wide = (l: string) => /\S\s{2,}\S|\S\u3000+\S/.test(l.trim());
  const bareValues = (l: string) => { const w = l.trim().split(/\s+/); return !!l.trim() && w.every((x) => VALUE_TOKEN.test(x)); };
  // One single-spaced line of values alone (table 四's 15 after its header words) is a line of
  // cells too, under a line that is not laid out by spaces either (-layout indents and spaces the header).
  const aloneInReadingOrder = lines.length === 1 && bareValues(lines[0]) && !!above.trim() && !wide(above) && !/^\s{2,}/.test(above);
  return !lines.some(wide) && (lines.some((l) => bareValues(l) && !isSpacedRow(l)) || aloneInReadingOrder);
}

function grid(rows: string[][], lineNos: number[], method: string): Table {
  let id = 0;
  const out: (Cell | null)[][] = rows.map((cells, r) => cells.map((t, c) => ({
    id: id++, text: t.replace(/\s+/g, ' ').trim(), row: r, col: c, rowSpan: 1, colSpan: 1, line: lineNos[r],
  })));
  return { rows: out, method };
}

/** Space-aligned rows keep their character positions as x coordinates (display columns). */
function spacedGrid(rows: ReturnType<typeof splitSpaced>[], lineNos: number[]): Table {
  let id = 0;
  const out: (Cell | null)[][] = rows.map((cells, r) => cells.map((c, k) => ({
    id: id++, text: c.text, row: r, col: k, rowSpan: 1, colSpan: 1, line: lineNos[r],
    bbox: { x0: c.x0, x1: c.x1, y0: r, y1: r + 1 },
  })));
  return { rows: out, method: 'text-spaces' };
}
