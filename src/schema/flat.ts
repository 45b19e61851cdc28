import type { Cell, Message, Table } from '../model';
import { headerWord, isSharedWord, isT2Caption, isT2Corner, isT3HeaderWord, isT3OrgGroup, isT4BlockGroup, t3ColumnOf, T3_ORG_COLUMNS, t4BlockOf, t4ColumnOf } from './cues';
import { matchLabel, T2_COLUMN_LABELS, T2_ROW_LABELS, T3_TOP } from './labels';
import { splitLabel } from './normalize';
import { isLabel } from './rows';
import { T3_COLUMNS, T4_BLOCKS, T4_COLUMNS } from './fields';
import { flowGrid, isCellValue, smallGrid } from './flows';
import { T3, TABLES } from './spec';
import { matchT3Label } from './t3';

/**
 * Rebuild the rows of a `text-flat` table: cells in reading order with row ends lost (Word 97
 * text through word-extractor turns cell and row ends alike into tabs). What is known instead is
 * the standard tables' row labels and header names, so:
 *  - a new row starts at a row label that does not follow another row label (labels of one row,
 *    such as "（三）不予公开 | 1.属于国家秘密", come together);
 *  - a data row is its labels plus exactly as many cells as the table has value columns (blank
 *    cells included); what lies between that and the next row's labels is row-end marks and the
 *    empty continuation cells of vertically merged labels, which carry nothing;
 *  - column spans are lost too, so header leaves are laid out over the value columns in the
 *    header's own order (a group's sub-columns where the group stands), and data rows put their
 *    labels left and their values right.
 * The result is an ordinary grid for the mapping layer. Nothing is guessed silently: dropped
 * non-empty cells and rows of the wrong length are reported.
 */
export function rebuildFlat(table: Table, messages: Message[], tableIndex: number): Table[] {
  const runs = splitRuns(flatTokens(table));
  // Reading-order text (`text-lines`) lost its blank cells too: a row with fewer values than
  // columns cannot say which are blank, so its values are left out, never guessed.
  const blanksLost = table.method === 'text-lines';
  const out: Table[] = [];
  for (const [i, { kind, tokens }] of runs.entries()) {
    const one = (rows: Row[] | null) => (rows ? [rows] : []);
    // A column of table 三 that pdftotext printed after the next heading: the values that open the next run.
    const spill = blanksLost && runs[i + 1] ? leadingValueTokens(runs[i + 1]) : [];
    const rebuilt = kind === 3 ? one(rebuildT3(tokens, messages, tableIndex, blanksLost, spill)) : kind === 2 ? one(rebuildT2(tokens, messages, tableIndex, blanksLost)) : kind === 4 ? rebuildT4(tokens, messages, tableIndex, blanksLost) ?? [] : [];
    for (const rows of rebuilt) {
      messages.push({ severity: 'info', code: 'rows-rebuilt', message: `table ${tableIndex + 1}: row boundaries were lost in the source text; ${rows.length} rows of table ${TABLES[kind!].numeral} rebuilt from its row labels`, where: { table: tableIndex } });
      out.push(toTable(rows, table));
    }
  }
  return out.length ? out : [table];
}

interface Tok { text: string; line?: number }
type Row = { text: string; line?: number; span?: number }[];

/** All cells in reading order; each source line ends with an empty token (a line break is a row end too). */
function flatTokens(table: Table): Tok[] {
  const out: Tok[] = [];
  for (const row of table.rows) {
    for (const c of row) if (c) out.push(...headerWords(c.text).map((text) => ({ text, line: c.line })));
    out.push({ text: '', line: row.find(Boolean)?.line });
  }
  return out;
}

/**
 * A cell that is several header names one space apart ("本年新制作数量 本年新公开数量 对外公开总数量":
 * reading-order text prints a header row on one line) is one token per name; anything else stays whole.
 */
function headerWords(text: string): string[] {
  const words = text.trim().split(/ +/);
  // The corner cell may lead the line ("信息内容 本年制发件数 本年废止件数 现行有效件数").
  const names = words.length > 2 && isT2Corner(words[0]) ? words.slice(1) : words;
  return words.length > 1 && !text.includes('\n') && names.every((w) => matchLabel(w, T2_COLUMN_LABELS)) ? words : [text];
}

/**
 * The last line of a cell's text. A multi-paragraph cell keeps its paragraphs on separate lines,
 * and so does a heading the reader could not tell from a cell's first paragraph (a table directly
 * after "四、政府信息公开行政复议、行政诉讼情况"): header words are matched on the last line.
 */
const tail = (t: string) => t.split('\n').map((x) => x.trim()).filter(Boolean).pop() ?? '';
/** The whole text (a label broken over lines) and its last line (a heading glued in front). */
const readings = (t: string) => (t.includes('\n') ? [t, tail(t)] : [t]);
/** The line of a cell that names a table 四 column (the cell, or its last line under a caption). */
const t4ColumnText = (t: string) => readings(t).find((x) => !!t4ColumnOf(x));
/** The column word as printed: a repeated word starts the next block's run of columns. */
const t4ColumnWord = (t: string) => { const x = t4ColumnText(t); return x === undefined ? undefined : headerWord(x); };
const isT4Column = (t: string) => t4ColumnText(t) !== undefined;
const isBlockName = (x: string) => !!t4BlockOf(x);
/** A block header cell (行政复议 …); a column cell with a caption glued in front is a column. */
const t4BlockText = (t: string) => (isT4Column(t) ? undefined : readings(t).find(isBlockName));
const isT4Block = (t: string) => t4BlockText(t) !== undefined;
const isT2Start = (t: string) => readings(t).some((x) => isT2Caption(x) || isT2Corner(x));
const t3Column = (t: string) => {
  for (const x of readings(t)) {
    const key = t3ColumnOf(x);
    if (key) return { key, text: x };
  }
  return undefined;
};

/**
 * Pieces of table 四's column words as reading-order text breaks them ("总 计 结果 结果 其他",
 * "维持 纠正 结果"): two-character halves of its column names and the characters of 总计.
 */
const T4_PIECES = new Set(T4_COLUMNS.flatMap((c) => [c.label, ...c.label.match(/../g)!, ...(c.label.length === 2 ? [...c.label] : [])]));
/** Several such pieces one space apart: a line of table 四's header, whatever other table shares a word. */
const isT4Pieces = (t: string) => { const w = t.trim().split(/\s+/); return w.length >= 2 && w.every((x) => T4_PIECES.has(x)); };

/** Which standard table a single cell's text belongs to, when it says so unambiguously. */
function kindOf(text: string): 2 | 3 | 4 | null {
  for (const t of readings(text)) {
    if (isT4Pieces(t)) return 4;
    if (!t.trim() || isSharedWord(t) || !isLabel(t)) continue;
    if (isT2Start(t) || matchLabel(t, T2_ROW_LABELS) || matchLabel(t, T2_COLUMN_LABELS)) return 2;
    if (isT4Column(t) || isT4Block(t) || isT4BlockGroup(t)) return 4;
    if (isT3HeaderWord(t) || t3Column(t) || matchT3Label(t)) return 3;
  }
  return null;
}

/**
 * Split a flat stream into the standard tables it holds: tables that follow each other with only
 * a heading between them come out of the text as one stream. A run changes where a cell names
 * another table; cells naming none (values, blanks, shared words) stay with the current run.
 */
function splitRuns(tokens: Tok[]): { kind: 2 | 3 | 4 | null; tokens: Tok[] }[] {
  const runs: { kind: 2 | 3 | 4 | null; tokens: Tok[] }[] = [];
  let cur: { kind: 2 | 3 | 4 | null; tokens: Tok[] } = { kind: null, tokens: [] };
  for (const tok of tokens) {
    const k = kindOf(tok.text);
    if (k && cur.kind === null) cur.kind = k;
    else if (k && k !== cur.kind) { runs.push(cur); cur = { kind: k, tokens: [] }; }
    cur.tokens.push(tok);
  }
  runs.push(cur);
  // A run needs a few of its own cells to count as that table.
  for (const r of runs) if (r.kind && r.tokens.filter((t) => kindOf(t.text) === r.kind).length < MIN_KIND_CELLS) r.kind = null;
  return runs;
}
/** Cells a run must name to be taken for a standard table (a caption and a row label at least). */
const MIN_KIND_CELLS = 3;

/** Indexes where a new row starts: a row label not right after another row label. */
function rowStarts(tokens: Tok[], isStart: (t: string) => boolean, from = 0): number[] {
  const starts: number[] = [];
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i].text;
    if (!t || !isStart(t)) continue;
    // Labels of one row come together ("（三）不予公开 | 1.属于国家秘密"): a row label right after
    // another one continues that row.
    // Only a deeper numbering continues it: "（七）总计 | 四、结转下年度继续办理" are two rows.
    const prev = tokens[i - 1]?.text ?? '';
    if (i === from || !prev || !isStart(prev) || depth(t) <= depth(prev)) starts.push(i);
  }
  return starts;
}

const DEPTH = { top: 0, paren: 1, arabic: 2 } as const;
/** How deep a label's numbering sits (一、 > （一） > 1.); unnumbered labels sit deepest. */
const depth = (label: string) => { const k = splitLabel(label).kind; return k ? DEPTH[k] : 3; };

/** Split a segment into its leading labels and the cells after them. */
function labelsAndRest(seg: Tok[]): { labels: Tok[]; rest: Tok[] } {
  let k = 0;
  while (k < seg.length && isLabel(seg[k].text)) k++;
  return { labels: seg.slice(0, k), rest: seg.slice(k) };
}

const lastFilled = (toks: Tok[]) => { for (let i = toks.length - 1; i >= 0; i--) if (toks[i].text) return i; return -1; };

function mode(xs: number[]): number {
  const n = new Map<number, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

/** The values right after a row's labels, up to the next label (a heading or caption after the table). */
function leadingValues(rest: Tok[]): Tok[] {
  const filled = rest.filter((t) => t.text);
  const end = filled.findIndex((t) => isLabel(t.text));
  return end < 0 ? filled : filled.slice(0, end);
}

/**
 * A reading-order row's values when they can be placed: exactly `k`, printed one per line or all on
 * one line. Values split over lines unevenly ("51 9 0 0 0 52", then "9", "8") are numbers that
 * wrapped inside narrow cells, or cells of other rows: not this row's `k` values.
 */
function placeable(rest: Tok[], k: number, common: Set<string> = new Set()): Tok[] | null {
  const vals = leadingValues(rest);
  const lines = new Set(vals.map((v) => v.line)).size;
  return vals.length === k && (lines === 1 || lines === vals.length || common.has(splitPattern(vals))) ? vals : null;
}

/** How a row's values fall over lines ("3,1,3"). */
const splitPattern = (vals: Tok[]) => { const n = new Map<number | undefined, number>(); for (const v of vals) n.set(v.line, (n.get(v.line) ?? 0) + 1); return [...n.values()].join(); };
/** Rows this many with one uneven split make it the producer's layout, not wrapped numbers. */
const MIN_SAME_SPLIT = 3;

/**
 * Uneven splits shared by several rows of `k` values ("59 9 0" / "0" / "0 0 68" on every row: the
 * producer read the value cells in blocks). A wrapped number splits one row its own way.
 */
function commonSplits(segs: Tok[][], k: number): Set<string> {
  const n = new Map<string, number>();
  for (const s of segs) {
    const vals = leadingValues(labelsAndRest(s).rest);
    if (vals.length === k) n.set(splitPattern(vals), (n.get(splitPattern(vals)) ?? 0) + 1);
  }
  return new Set([...n].filter(([, c]) => c >= MIN_SAME_SPLIT).map(([p]) => p));
}

/** A reading-order row: its labels and its `k` values where they can be placed, else its labels alone and a warning. */
function placedRow(labels: Tok[], rest: Tok[], k: number, messages: Message[], tableIndex: number, common?: Set<string>): Row {
  const vals = k ? placeable(rest, k, common) : null;
  return vals ? [...labels, ...vals].map((t) => ({ text: t.text, line: t.line })) : unplaced(labels, leadingValues(rest).length, k, messages, tableIndex);
}

/** Where values were lost with their blanks: the row's labels alone, and a warning. */
function unplaced(labels: Tok[], n: number, k: number, messages: Message[], tableIndex: number): Row {
  messages.push({ severity: 'warning', code: 'rows-rebuild-ambiguous', message: `table ${tableIndex + 1}: row "${labels.map((l) => l.text).join(' / ')}" has ${n} values for ${k} columns and the text keeps no blank cells; its values are not placed`, where: { table: tableIndex, line: labels[0]?.line } });
  return labels.map((l) => ({ text: l.text, line: l.line }));
}

/** Data row: labels, then exactly `k` value cells; report non-empty cells beyond them. */
function dataRow(seg: Tok[], k: number, width: number, messages: Message[], tableIndex: number, blanksLost = false, common?: Set<string>): Row {
  const { labels, rest } = labelsAndRest(seg);
  if (blanksLost) return placedRow(labels, rest, k, messages, tableIndex, common);
  const values = rest.slice(0, k);
  const dropped = rest.slice(k).filter((t) => t.text);
  if (dropped.length) messages.push({ severity: 'warning', code: 'rows-rebuild-dropped', message: `table ${tableIndex + 1}: row "${labels.map((l) => l.text).join(' / ')}" has cells beyond its ${k} value columns (${dropped.map((t) => JSON.stringify(t.text)).join(', ')}); not mapped`, where: { table: tableIndex, line: dropped[0].line } });
  if (values.length < k) messages.push({ severity: 'warning', code: 'rows-rebuild-short', message: `table ${tableIndex + 1}: row "${labels.map((l) => l.text).join(' / ')}" has ${values.length} of ${k} value cells`, where: { table: tableIndex, line: labels[0]?.line } });
  const row: Row = labels.map((l) => ({ text: l.text, line: l.line }));
  while (row.length < width - values.length) row.push({ text: '' });
  for (const v of values) row.push({ text: v.text, line: v.line });
  return row;
}

// ---- table 三 ---------------------------------------------------------------------------------
/** Value columns of the standard table 三 (小计 is printed by a few reports only). */
const T3_STANDARD_WIDTH = T3.columns.filter((c) => !c.noField).length;

/**
 * Does reading-order text give each row's values after its labels? Not when a row carries more
 * values than there are columns, nor when most rows carry none (the producer read the labels as
 * one column and the values as others): then no row's values can be trusted to be its own.
 */
function inRowOrder(segs: Tok[][], k: number): boolean {
  const counts = segs.map((s) => leadingValues(labelsAndRest(s).rest).length);
  return counts.every((n) => n <= k) && counts.filter((n) => n === 0).length * 2 <= counts.length;
}

/** How many rows from the top come in row order: each with all `k` of its values after its labels. */
function rowOrderPrefix(segs: Tok[][], k: number): number {
  const i = segs.findIndex((s) => leadingValues(labelsAndRest(s).rest).length !== k);
  return i < 0 ? segs.length : i;
}

/** The value tokens before the first label of a run (of table 四: before its first header word, its heading passed over). */
function leadingValueTokens(run: { kind: 2 | 3 | 4 | null; tokens: Tok[] }): Tok[] {
  const { kind, tokens } = run;
  const end = tokens.findIndex((t) => (kind === 4 ? isT4Column(t.text) || isT4Block(t.text) : isLabel(t.text)));
  return tokens.slice(0, end < 0 ? tokens.length : end).filter((t) => isCellValue(t.text));
}

/**
 * Reading-order text of a table 三 that prints every cell: its grid from the flows of values
 * (src/schema/flows.ts), the rows in the standard order under their standard labels, or null.
 */
function flowRows(tokens: Tok[], spill: Tok[], leaves: Tok[], header: Row, messages: Message[], tableIndex: number): Row[] | null {
  const keys = leaves.map((l) => t3Column(l.text)?.key);
  const standard = T3_COLUMNS.map((c) => c.key);
  // The header's own column order where it names every column once, else the standard order.
  const columns = keys.length === standard.length && new Set(keys).size === standard.length && keys.every((k) => k && standard.includes(k)) ? (keys as string[]) : standard;
  const labels = tokens.filter((t) => isLabel(t.text)).map((t) => t.text);
  const grid = flowGrid([...tokens, ...spill], columns, labels) ?? (spill.length ? flowGrid(tokens, columns, labels) : null);
  if (!grid) return null;
  messages.push({ severity: 'warning', code: 'rows-rebuild-flows', message: `table ${tableIndex + 1}: the text gives table ${T3.numeral}'s values in blocks, not after their labels; its ${grid.values.length * columns.length} values were placed in the ${grid.version} format's ${grid.rows.length} rows (read ${grid.reading}), the only placement that satisfies every identity of the table`, where: { table: tableIndex } });
  const width = Math.max(...grid.rows.map((r) => r.path.length));
  const head: Row = [{ ...header[0], span: width }, ...header.slice(1)];
  return [head, ...grid.rows.map((r, i): Row => [...r.path.map((text) => ({ text })), ...grid.values[i].map((t) => ({ text: t.text, line: t.line }))])];
}

function rebuildT3(tokens: Tok[], messages: Message[], tableIndex: number, blanksLost = false, spill: Tok[] = []): Row[] | null {
  const first = tokens.findIndex((t) => t.text && readings(t.text).some((x) => matchLabel(x, T3_TOP)));
  if (first < 0) return null;
  const starts = rowStarts(tokens, (t) => !!matchT3Label(t), first);
  // Header leaves in column order: a group's sub-columns (printed on the next header row) stand
  // where the group stands.
  const header = tokens.slice(0, first).filter((t) => t.text);
  const top: (Tok | 'group')[] = [];
  const org: Tok[] = [];
  const other: string[] = [];
  for (const t of header) {
    const col = t3Column(t.text);
    if (col && T3_ORG_COLUMNS.has(col.key)) org.push({ ...t, text: col.text });
    else if (col) top.push({ ...t, text: col.text });
    // The group over the organisation columns, however it is spelt.
    else if (!top.includes('group') && readings(t.text).some(isT3OrgGroup)) { top.push('group'); other.push(t.text); }
    else other.push(t.text);
  }
  if (!top.includes('group') && org.length) {
    // No group cell printed: the sub-columns' place is unknown, so the standard order is assumed
    // (before 总计) and said so.
    const total = top.findIndex((t) => t !== 'group' && t3Column(t.text)?.key === 'total');
    top.splice(total >= 0 ? total : top.length, 0, 'group');
    const printed = header.filter((t) => t3Column(t.text)).map((t) => t3Column(t.text)!.key).join();
    const placed = top.flatMap((t) => (t === 'group' ? org : [t])).map((t) => t3Column(t.text)!.key).join();
    if (printed !== placed) messages.push({ severity: 'warning', code: 'rows-rebuild-header', message: `table ${tableIndex + 1}: the header prints no ${T3.header.orgGroup} group; its ${org.length} columns are placed before 总计 as in the standard table`, where: { table: tableIndex } });
  }
  const leaves = top.flatMap((t) => (t === 'group' ? org : [t]));
  const segs = starts.map((s, i) => tokens.slice(s, starts[i + 1] ?? tokens.length));
  // Without blanks the count of values says nothing about the columns: the header's, or the standard 7.
  const k = leaves.length >= 6 ? leaves.length : blanksLost ? T3_STANDARD_WIDTH : mode(segs.map((s) => { const { rest } = labelsAndRest(s); return lastFilled(rest) + 1; }));
  const labelWidth = Math.max(1, ...segs.map((s) => labelsAndRest(s).labels.length));
  const width = labelWidth + k;
  const rows: Row[] = [];
  rows.push([{ text: other.join(' '), span: labelWidth, line: header[0]?.line }, ...leaves.map((l) => ({ text: l.text, line: l.line }))]);
  const byFlows = blanksLost ? flowRows(tokens, spill, leaves, rows[0], messages, tableIndex) : null;
  if (byFlows) return byFlows;
  // A layout read column by column (often only from a page break on: the rows before it came
  // row by row): the rows before the first one that breaks the order and print every value are
  // placed; from there on only labels are kept.
  const cut = blanksLost && !inRowOrder(segs, k) ? rowOrderPrefix(segs, k) : segs.length;
  if (cut < segs.length) {
    const from = labelsAndRest(segs[cut]).labels.map((l) => l.text).join(' / ');
    messages.push({ severity: 'warning', code: 'rows-rebuild-order', message: `table ${tableIndex + 1}: the text does not give table ${T3.numeral}'s values row by row after their labels (a layout read column by column)${cut ? ` from row "${from}" on` : ''}; ${cut ? 'those' : 'its'} values are not placed`, where: { table: tableIndex } });
  }
  // Two labels in a row and then values: the values may be the upper row's, printed after both
  // labels (a page break or a tall label cell between them), as well as the lower row's after a row
  // of blanks. The text cannot tell which, so the lower row is not placed either.
  let previousEmpty = false;
  const common = commonSplits(segs.slice(0, cut), k);
  for (const [i, seg] of segs.entries()) {
    const { labels, rest } = labelsAndRest(seg);
    if (i >= cut) { rows.push(labels.map((l) => ({ text: l.text, line: l.line }))); continue; }
    const n = leadingValues(rest).length;
    rows.push(blanksLost && previousEmpty && n ? unplaced(labels, n, k, messages, tableIndex) : dataRow(seg, k, width, messages, tableIndex, blanksLost, common));
    previousEmpty = n === 0;
  }
  return rows;
}

// ---- table 二 ---------------------------------------------------------------------------------
function rebuildT2(tokens: Tok[], messages: Message[], tableIndex: number, blanksLost = false): Row[] | null {
  if (!blanksLost) return rebuildT2Rows(tokens, messages, tableIndex, blanksLost);
  // Reading-order text: each block under its caption on its own, placed whole where it can be.
  const cuts = tokens.map((t, i) => (t.text && isT2Caption(t.text) ? i : -1)).filter((i) => i > 0);
  const segs = [0, ...cuts].map((s, i, all) => tokens.slice(s, all[i + 1] ?? tokens.length));
  const rows = segs.flatMap((seg) => t2Block(seg, messages, tableIndex) ?? rebuildT2Rows(seg, messages, tableIndex, blanksLost) ?? []);
  return rows.length ? rows : null;
}

/**
 * One table 二 block of reading-order text (its caption, header words, row labels, values in any
 * order pdftotext gave them): placed when it prints every cell (values = rows × columns) and the
 * values read the same row by row as by its flows; else null.
 */
function t2Block(seg: Tok[], messages: Message[], tableIndex: number): Row[] | null {
  const filled = seg.filter((t) => t.text);
  if (!filled.length || !isT2Caption(filled[0].text)) return null;
  const columns = filled.filter((t) => matchLabel(t.text, T2_COLUMN_LABELS));
  const labels = filled.filter((t) => !columns.includes(t) && !isT2Caption(t.text) && !isT2Corner(t.text) && matchLabel(t.text, T2_ROW_LABELS));
  const values = filled.filter((t) => isCellValue(t.text));
  if (!columns.length || !labels.length || values.length !== columns.length * labels.length) return null;
  // Nothing else inside the block; a heading after it (the next table's) ends the run of its cells.
  const known = (t: Tok) => columns.includes(t) || labels.includes(t) || values.includes(t) || isT2Caption(t.text) || isT2Corner(t.text);
  const lastKnown = filled.reduce((k, t, i) => (known(t) ? i : k), 0);
  if (filled.slice(0, lastKnown).some((t) => !known(t))) return null;
  // Several rows and no identities to check them: the text must say which values are whose, with
  // all labels before all values, or each label followed by its row's values.
  const at = (t: Tok) => filled.indexOf(t);
  const between = labels.map((l, i) => values.filter((v) => at(v) > at(l) && (i + 1 === labels.length || at(v) < at(labels[i + 1]))).length);
  const allBefore = Math.max(...labels.map(at)) < Math.min(...values.map(at));
  const eachAfter = between.every((n) => n === columns.length);
  if (labels.length > 1 && !allBefore && !eachAfter) return null;
  const grid = smallGrid(seg, labels.length, columns.length, (t) => !!matchLabel(t, T2_COLUMN_LABELS) || isT2Corner(t) || isT2Caption(t));
  if (!grid) return null;
  messages.push({ severity: 'warning', code: 'rows-rebuild-t2-block', message: `table ${tableIndex + 1}: block "${filled[0].text}" prints its ${values.length} values apart from its labels; placed row by row in the order of its labels`, where: { table: tableIndex } });
  const corner = filled.find((t) => isT2Corner(t.text));
  const cell = (t: Tok) => ({ text: t.text, line: t.line });
  return [[cell(filled[0])], [...(corner ? [cell(corner)] : []), ...columns.map(cell)], ...labels.map((l, r) => [cell(l), ...grid[r].map(cell)])];
}

function rebuildT2Rows(tokens: Tok[], messages: Message[], tableIndex: number, blanksLost = false): Row[] | null {
  const starts = rowStarts(tokens, (t) => isT2Start(t) || !!matchLabel(t, T2_ROW_LABELS));
  if (!starts.length) return null;
  const rows: Row[] = [];
  let k = 0;
  const lead = tokens.slice(0, starts[0]).filter((t) => t.text);
  if (lead.length) rows.push(lead.map((t) => ({ text: t.text, line: t.line })));
  starts.forEach((s, i) => {
    let seg = tokens.slice(s, starts[i + 1] ?? tokens.length);
    // A caption followed at once by the header (no row end between them) is a row of its own.
    if (isT2Caption(seg[0].text) && seg.slice(1).some((t) => t.text)) { rows.push([{ text: seg[0].text, line: seg[0].line }]); seg = seg.slice(1).filter((t, j) => j > 0 || t.text); }
    const columns = seg.filter((t) => t.text && matchLabel(t.text, T2_COLUMN_LABELS));
    if (isT2Start(seg[0].text) || columns.length) {
      // Captions and header rows: their printed cells, no blanks (they would shift the columns).
      if (columns.length) k = columns.length;
      rows.push(seg.filter((t) => t.text).map((t) => ({ text: t.text, line: t.line })));
      return;
    }
    const { labels, rest } = labelsAndRest(seg);
    const n = k || lastFilled(rest) + 1;
    if (blanksLost) { rows.push(placedRow(labels, rest, k, messages, tableIndex)); return; }
    rows.push([...labels, ...rest.slice(0, n)].map((t) => ({ text: t.text, line: t.line })));
  });
  return rows;
}

// ---- table 四 ---------------------------------------------------------------------------------
/**
 * Table 四, or its blocks printed as separate tables one after another (a column name after
 * values starts the next one; a short caption between them ends up as the first lines of its
 * first header cell).
 */
function rebuildT4(tokens: Tok[], messages: Message[], tableIndex: number, blanksLost = false): Row[][] | null {
  const whole = blanksLost ? t4InOrder(tokens, messages, tableIndex) : null;
  if (whole) return [whole];
  const groups: Tok[][] = [[]];
  let valueSeen = false;
  for (const t of tokens) {
    if (t.text && isT4Column(t.text) && valueSeen) { groups.push([]); valueSeen = false; }
    if (t.text && !isLabel(t.text)) valueSeen = true;
    groups[groups.length - 1].push(t);
  }
  const tables = groups.map((g) => rebuildT4Group(g, messages, tableIndex, blanksLost)).filter((t): t is Row[] => !!t);
  return tables.length ? tables : null;
}

/**
 * Reading-order text of a table 四 that prints all its cells: one row of values, so whatever
 * flows pdftotext cut it into, they come left to right, and header words between them ("总计"
 * after 14 values) hold nothing of the row. Exactly the standard 15 values after the first header
 * word are placed in the standard column order; any other count is left to the header reading.
 */
function t4InOrder(tokens: Tok[], messages: Message[], tableIndex: number): Row[] | null {
  const start = tokens.findIndex((t) => t.text && (isT4Column(t.text) || isT4Block(t.text)));
  if (start < 0) return null;
  const values = tokens.slice(start).filter((t) => isCellValue(t.text));
  if (values.length !== T4_BLOCKS.length * T4_COLUMNS.length) return null;
  messages.push({ severity: 'warning', code: 'rows-rebuild-t4-order', message: `table ${tableIndex + 1}: table ${TABLES[4].numeral}'s ${values.length} values come apart from its header words in the text; placed in the standard column order`, where: { table: tableIndex } });
  return [
    T4_BLOCKS.map((b) => ({ text: b.path[b.path.length - 1], span: T4_COLUMNS.length })),
    T4_BLOCKS.flatMap(() => T4_COLUMNS.map((c) => ({ text: c.label }))),
    values.map((v) => ({ text: v.text, line: v.line })),
  ];
}

function rebuildT4Group(tokens: Tok[], messages: Message[], tableIndex: number, blanksLost = false): Row[] | null {
  let lastLeaf = -1;
  tokens.forEach((t, i) => { if (t.text && isT4Column(t.text)) lastLeaf = i; });
  if (lastLeaf < 0) return null;
  const header = tokens.slice(0, lastLeaf + 1).filter((t) => t.text);
  const leaves = header.filter((t) => isT4Column(t.text));
  let blocks = header.filter((t) => isT4Block(t.text));
  // Runs of columns: a column name seen again in the current run starts the next block's run.
  const runs: Tok[][] = [];
  for (const l of leaves) {
    const key = t4ColumnWord(l.text);
    if (!runs.length || runs[runs.length - 1].some((x) => t4ColumnWord(x.text) === key)) runs.push([]);
    runs[runs.length - 1].push(l);
  }
  // One block printed alone: its caption may be the first lines of the first header cell.
  const caption = header[0]?.text.split('\n').slice(0, -1).find(isBlockName);
  if (!blocks.length && runs.length === 1 && caption) blocks = [{ text: caption, line: header[0].line }];
  const rows: Row[] = [];
  if (blocks.length === runs.length) rows.push(blocks.map((b, i) => ({ text: t4BlockText(b.text) ?? b.text, line: b.line, span: runs[i].length })));
  // No block names at all: a block printed as its own table under a caption (the mapping reads it).
  else if (blocks.length) messages.push({ severity: 'warning', code: 'rows-rebuild-blocks', message: `table ${tableIndex + 1}: ${blocks.length} block names for ${runs.length} runs of columns; blocks not assigned`, where: { table: tableIndex } });
  rows.push(leaves.map((l) => ({ text: t4ColumnText(l.text) ?? l.text, line: l.line })));
  // After the last header cell: its row-end mark, then the values.
  let rest = tokens.slice(lastLeaf + 1);
  if (rest.length && !rest[0].text) rest = rest.slice(1);
  const k = leaves.length;
  if (blanksLost && !placeable(rest, k)) {
    messages.push({ severity: 'warning', code: 'rows-rebuild-ambiguous', message: `table ${tableIndex + 1}: ${leadingValues(rest).length} values after ${k} column names and the text keeps no blank cells; not placed`, where: { table: tableIndex } });
    return rows;
  }
  const values = blanksLost ? leadingValues(rest) : rest.slice(0, k);
  const dropped = blanksLost ? [] : rest.slice(k).filter((t) => t.text);
  if (dropped.length) messages.push({ severity: 'warning', code: 'rows-rebuild-dropped', message: `table ${tableIndex + 1}: cells after the ${k} values (${dropped.map((t) => JSON.stringify(t.text)).join(', ')}); not mapped`, where: { table: tableIndex } });
  rows.push(values.map((v) => ({ text: v.text, line: v.line })));
  return rows;
}

function toTable(rows: Row[], source: Table): Table {
  let id = 0;
  const grid: (Cell | null)[][] = rows.map((row, r) => {
    const out: (Cell | null)[] = [];
    for (const c of row) {
      const span = c.span ?? 1;
      const cell: Cell = { id: id++, text: c.text, row: r, col: out.length, rowSpan: 1, colSpan: span, ...(c.line ? { line: c.line } : {}) };
      for (let s = 0; s < span; s++) out.push(cell);
    }
    return out;
  });
  return { ...source, rows: grid, method: 'text-flat' };
}
