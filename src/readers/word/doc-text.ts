import type { Block, Cell, Message, ReadResult, Table } from '../../model';
import { msg } from '../../model';
import { PAGE_MARK } from '../text';
import { plain } from '../types';

// word-extractor ships no types; this is the part of its API we use.
interface WeDocument { getBody(): string; getTextboxes(o?: { includeHeadersAndFooters?: boolean; includeBody?: boolean }): string }
// eslint-disable-next-line @typescript-eslint/no-require-imports
const WordExtractor = require('word-extractor') as new () => { extract(src: Buffer | string): Promise<WeDocument> };

/**
 * Word 97 text without LibreOffice, through word-extractor. It turns both cell-end and row-end
 * marks into tabs (and some row ends into line breaks), so table rows are not known here: each
 * run of tabbed lines becomes one `text-flat` table whose "rows" are the extracted lines with
 * every cell in reading order and an empty cell where a row ended. The schema layer, which knows
 * the row labels, rebuilds the rows (src/schema/flat.ts).
 */
export async function readDocText(buffer: Buffer, format: string): Promise<ReadResult> {
  const messages: Message[] = [];
  let body: string;
  let boxes = '';
  try {
    const doc = await new WordExtractor().extract(buffer);
    body = doc.getBody();
    try { boxes = doc.getTextboxes({ includeHeadersAndFooters: false, includeBody: true }); } catch { /* optional part */ }
  } catch (e) {
    const reason = `not a readable Word 97 file: ${(e as Error).message ?? e}`;
    messages.push(msg('error', 'doc-unreadable', reason));
    return plain({ format, route: 'word-extractor', blocks: [] }, messages, { unreadable: { kind: 'corrupt', reason } });
  }
  const blocks = textBlocks(body, 0);
  if (boxes.trim()) {
    const more = textBlocks(boxes, body.split('\n').length);
    if (more.length) messages.push(msg('info', 'doc-textboxes', `text boxes hold ${more.length} more blocks; read after the body`));
    blocks.push(...more);
  }
  if (!blocks.some((b) => b.kind === 'table')) messages.push(msg('info', 'doc-no-tables', 'no table cells in the Word text'));
  return plain({ format, route: 'word-extractor', blocks }, messages);
}

/** Longest line, and most lines, taken for paragraphs of a cell rather than body text: labels
 * broken over lines are short; body sentences and notes under a table are longer. */
const MAX_CELL_PARAGRAPH_CHARS = 40;
const MAX_CELL_PARAGRAPHS = 3;

/**
 * Lines with tabs are table text; every cell ends with a tab. Text after a line's last tab is
 * either the first paragraph(s) of a cell that continues on the next tabbed line (a multi-
 * paragraph cell: "三、本年度" + "办理结果") or the paragraph after the table (Word writes no line
 * break between a row's end mark and the next paragraph). The text does not say which: when a
 * tabbed line follows within a few short lines, the text is kept as the cell's first lines (with
 * its line breaks, so the schema layer can tell a heading from a label); otherwise it is body text.
 * The same holds for short lines between two tabbed lines (a row's first cell in paragraphs, or a
 * heading between two tables: the schema layer splits the stream where another table starts).
 */
export function textBlocks(text: string, lineOffset: number): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/\u00a0/g, ' '));
  const blocks: Block[] = [];
  let rows: Tok[][] = [];
  const flush = () => {
    if (rows.length) blocks.push({ kind: 'table', table: flatTable(rows) });
    rows = [];
  };
  const para = (t: string, lineNo: number) => {
    if (t.trim() && !PAGE_MARK.test(t)) blocks.push({ kind: 'text', text: t.replace(/[ \u3000]+/g, ' ').trim(), line: lineNo });
  };
  // Cells of a line whose last cell continues on the next tabbed line: they stay one row.
  let held: Tok[] | null = null;
  let carry = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = lineOffset + i + 1;
    if (!line.includes('\t')) {
      // Inside a table a short line followed by a tabbed one is the first paragraph of a cell.
      const j = rows.length ? nextTabbed(lines, i) : -1;
      if (j > 0) {
        carry = lines.slice(i, j).map((x) => x.trim()).filter(Boolean).join('\n');
        i = j - 1;
        continue;
      }
      flush();
      para(line, lineNo);
      continue;
    }
    const tokens: Tok[] = line.split('\t').map((text) => ({ text, line: lineNo }));
    if (carry) { tokens[0].text = `${carry}\n${tokens[0].text}`; carry = ''; }
    const after = tokens.pop()?.text ?? '';
    const row: Tok[] = held ? [...held, ...tokens] : tokens;
    held = null;
    if (after.trim()) {
      const j = after.trim().length <= MAX_CELL_PARAGRAPH_CHARS ? nextTabbed(lines, i + 1) : -1;
      if (j > 0) {
        carry = [after, ...lines.slice(i + 1, j)].map((x) => x.trim()).filter(Boolean).join('\n');
        held = row;
        i = j - 1;
        continue;
      }
      rows.push(row);
      flush();
      para(after, lineNo);
      continue;
    }
    rows.push(row);
  }
  flush();
  return blocks;
}

interface Tok { text: string; line: number }

/** The index of the tabbed line that follows `from` after only a few short lines, else -1. */
function nextTabbed(lines: string[], from: number): number {
  let j = from;
  while (j < lines.length && j - from < MAX_CELL_PARAGRAPHS && !lines[j].includes('\t') && lines[j].trim().length <= MAX_CELL_PARAGRAPH_CHARS) j++;
  return j < lines.length && lines[j].includes('\t') ? j : -1;
}

function flatTable(rows: Tok[][]): Table {
  let id = 0;
  const out: (Cell | null)[][] = rows.map((tokens, r) => tokens.map((t, c) => ({
    id: id++, text: t.text.split('\n').map((x) => x.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n'), row: r, col: c, rowSpan: 1, colSpan: 1, line: t.line,
  })));
  return { rows: out, method: 'text-flat' };
}
