import type { Block, Cell, DocumentModel, Message, Result, Table } from '../../model';
import { msg } from '../../model';
import { PAGE_MARK } from '../text';

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
export async function readDocText(buffer: Buffer, format: string): Promise<Result<DocumentModel>> {
  const messages: Message[] = [];
  let body: string;
  let boxes = '';
  try {
    const doc = await new WordExtractor().extract(buffer);
    body = doc.getBody();
    try { boxes = doc.getTextboxes({ includeHeadersAndFooters: false, includeBody: true }); } catch { /* optional part */ }
  } catch (e) {
    messages.push(msg('error', 'doc-unreadable', `not a readable Word 97 file: ${(e as Error).message ?? e}`));
    return { value: { format, route: 'word-extractor', blocks: [] }, messages };
  }
  const blocks = textBlocks(body, 0);
  if (boxes.trim()) {
    const more = textBlocks(boxes, body.split('\n').length);
    if (more.length) messages.push(msg('info', 'doc-textboxes', `text boxes hold ${more.length} more blocks; read after the body`));
    blocks.push(...more);
  }
  if (!blocks.some((b) => b.kind === 'table')) messages.push(msg('info', 'doc-no-tables', 'no table cells in the Word text'));
  return { value: { format, route: 'word-extractor', blocks }, messages };
}

/**
 * Lines with tabs are table text. Every cell ends with a tab, so text after a line's last tab is
 * not in a cell: it is the paragraph that follows the table (Word writes no line break between
 * a table's last row mark and the next paragraph).
 */
export function textBlocks(text: string, lineOffset: number): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let rows: string[][] = [];
  let lineNos: number[] = [];
  const flush = () => {
    if (rows.length) blocks.push({ kind: 'table', table: flatTable(rows, lineNos) });
    rows = []; lineNos = [];
  };
  lines.forEach((raw, i) => {
    const line = raw.replace(/\u00a0/g, ' ');
    const lineNo = lineOffset + i + 1;
    if (!line.includes('\t')) {
      flush();
      if (line.trim() && !PAGE_MARK.test(line)) blocks.push({ kind: 'text', text: line.replace(/[ \u3000]+/g, ' ').trim(), line: lineNo });
      return;
    }
    const tokens = line.split('\t');
    const after = tokens.pop() ?? '';
    rows.push(tokens);
    lineNos.push(lineNo);
    if (after.trim()) {
      flush();
      blocks.push({ kind: 'text', text: after.replace(/[ \u3000]+/g, ' ').trim(), line: lineNo });
    }
  });
  flush();
  return blocks;
}

function flatTable(rows: string[][], lineNos: number[]): Table {
  let id = 0;
  const out: (Cell | null)[][] = rows.map((tokens, r) => tokens.map((t, c) => ({
    id: id++, text: t.replace(/\s+/g, ' ').trim(), row: r, col: c, rowSpan: 1, colSpan: 1, line: lineNos[r],
  })));
  return { rows: out, method: 'text-flat' };
}
