import type { Block, Cell, Table } from '../../model';
import { ITEM_AFTER_SPACE } from './numbering';
import { VALUE_TOKEN } from './spaced';

/**
 * Reading-order text (plain `pdftotext`, a copy of a table out of some viewers): every cell on a
 * line of its own, blank cells gone, row ends gone. Such a stretch comes out of the line reader as
 * short text lines, many of them bare values. It becomes one `text-lines` table holding its cells
 * in order; the schema layer rebuilds the rows from the row labels it knows (src/schema/flat.ts).
 */

/** Longest line taken as one cell of a table rather than prose. */
const CELL_LINE_MAX = 40;
/** A stretch is a table when it holds at least this many value lines... */
const MIN_VALUE_LINES = 6;
/** ...making at least this share of its lines. */
const MIN_VALUE_SHARE = 0.25;

const isValueLine = (t: string) => t.split(/\s+/).every((w) => VALUE_TOKEN.test(w));
/** Header words of several cells on one line ("维持 纠正 结果 审结 计 结果 …") are cells however long the line. */
const SHORT_WORD = 4;
const isCellLine = (t: string) => (t.length <= CELL_LINE_MAX || t.split(/\s+/).every((w) => w.length <= SHORT_WORD)) && !/[。；]/.test(t);

/**
 * A line's cells: values printed on one line ("9 0") are separate cells, a label stays whole, and
 * values after a label ("行政规范性文件 3") are cells of their own: the producer joined them to the
 * label's line, and which row they belong to is for the rows rebuilt from the labels to say.
 */
function cellsOf(t: string): string[] {
  if (isValueLine(t)) return t.split(/\s+/);
  const words = t.split(/\s+/);
  let k = words.length;
  while (k > 1 && VALUE_TOKEN.test(words[k - 1])) k--;
  const label = words.slice(0, k).join(' ');
  // Labels of two cells on one line ("（三）不予 1.属于国家秘密"): each numbered item is a cell.
  return [...label.split(ITEM_AFTER_SPACE), ...words.slice(k)];
}

/** Follow each stretch of short text blocks rich in bare values by a `text-lines` table of its lines. */
export function readingOrderTables(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < blocks.length) {
    const b = blocks[i];
    if (b.kind !== 'text' || !isCellLine(b.text)) { out.push(b); i++; continue; }
    let j = i;
    while (j < blocks.length && blocks[j].kind === 'text' && isCellLine((blocks[j] as { text: string }).text)) j++;
    const run = blocks.slice(i, j) as Extract<Block, { kind: 'text' }>[];
    const values = run.filter((t) => isValueLine(t.text)).length;
    if (values < MIN_VALUE_LINES || values < run.length * MIN_VALUE_SHARE) { out.push(...run); i = j; continue; }
    // The lines stay text blocks as well (title, headings and captions among them are context and
    // metadata); the table after them holds the same lines as cells.
    let id = 0;
    const row: Cell[] = run.flatMap((t) => cellsOf(t.text).map((text) => ({ id: id++, text, row: 0, col: id - 1, rowSpan: 1, colSpan: 1, line: t.line })));
    const table: Table = { rows: [row], method: 'text-lines' };
    out.push(...run, { kind: 'table', table });
    i = j;
  }
  return out;
}
