import type { CellValue } from '../model';
import { runChecks } from '../checks/identities';
import { T3_ROWS, type T3RowDef, type Version } from './fields';
import { toHalfWidth } from '../util/text';
import { isLabel } from './rows';
import { VERSIONS } from './spec';
import { parseValue } from './values';

/**
 * Table 三 out of plain `pdftotext` (reading order) when every cell is printed. pdftotext writes a
 * page as flows (runs of lines, a blank line between flows); a flow of a table is one column of
 * several rows ("1/0/0/0/0/1/1/0/10/3"), one row's cells ("0 6"), a label column with the first
 * values on its lines, or every cell on its own. The flows of a table come in an order that the
 * labels do not anchor (labels often come in one flow after all values, a column can come after
 * the next heading). What is known instead: the table's rows (the format's standard rows; their
 * number times the columns is the number of values) and its identities (row sums, 一+二 = （七）+四,
 * （七） = the sum of the results). So the values are placed by each of a few readings of the flow
 * order, and a reading is taken only when its grid satisfies every identity and no other reading
 * that does gives different values. Nothing is placed where blanks make the count differ.
 */

export interface FlowTok { text: string; line?: number }
/** A flow's lines that carry values, each line's values left to right. */
type Flow = FlowTok[][];

export interface FlowGrid {
  version: Version;
  rows: T3RowDef[];
  /** Values by row, then by column (the column order of the header). */
  values: FlowTok[][];
  reading: string;
}

/** A printed cell value: a number (with a unit at most) or a placeholder dash. Not "2023 年，…". */
export const isCellValue = (t: string) => /^(?:[+\-−]?\d[\d,.]*(?:万元|元|件|项|%)?|[-—–―⸺/]+)$/.test(toHalfWidth(t.trim()));
const isValue = (t: string) => isCellValue(t) && !isLabel(t);

/** Runs of consecutive source lines: pdftotext ends each flow with a blank line. */
function flowsOf(tokens: FlowTok[]): Flow[] {
  const flows: Flow[] = [];
  let prevLine: number | undefined;
  let cur: Flow = [];
  let curLine: FlowTok[] | null = null;
  for (const t of tokens) {
    if (!t.text.trim() || t.line === undefined) continue;
    if (prevLine !== undefined && t.line !== prevLine && t.line !== prevLine + 1) { if (cur.length) flows.push(cur); cur = []; curLine = null; }
    if (t.line !== prevLine) curLine = null;
    prevLine = t.line;
    if (!isValue(t.text)) continue;
    if (!curLine) { curLine = []; cur.push(curLine); }
    curLine.push(t);
  }
  if (cur.length) flows.push(cur);
  return flows;
}

type Reading = (flows: Flow[], nRows: number, nCols: number) => FlowTok[][] | null;

/** Every value in text order, row after row (each cell its own flow, read row by row). */
const rowByRow: Reading = (flows, nRows, nCols) => {
  const all = flows.flat(2);
  if (all.length !== nRows * nCols) return null;
  return Array.from({ length: nRows }, (_, r) => all.slice(r * nCols, (r + 1) * nCols));
};

/**
 * Each flow is a column run: its lines go down one column (several columns where a line holds
 * several values), each to the next row still open in those columns. A flow starts at the
 * highest open row, leftmost: where the flows of a band of rows come column after column.
 */
const flowByFlow: Reading = (flows, nRows, nCols) => {
  const grid: (FlowTok | null)[][] = Array.from({ length: nRows }, () => Array<FlowTok | null>(nCols).fill(null));
  const free = (r: number, c: number, w: number) => { for (let k = c; k < c + w; k++) if (grid[r][k]) return false; return true; };
  const top = (c: number) => { let r = 0; while (r < nRows && grid[r][c]) r++; return r; };
  /** Rows the flow's lines take when it starts in column c, or null. */
  const fit = (flow: Flow, c: number): number[] | null => {
    const rows: number[] = [];
    let r = 0;
    for (let k = c; k < c + flow[0].length; k++) r = Math.max(r, top(k));
    for (const line of flow) {
      if (c + line.length > nCols) return null;
      while (r < nRows && !free(r, c, line.length)) r++;
      if (r >= nRows) return null;
      rows.push(r++);
    }
    return rows;
  };
  for (const flow of flows) {
    let best: { c: number; rows: number[] } | null = null;
    for (let c = 0; c + flow[0].length <= nCols; c++) {
      const rows = fit(flow, c);
      if (rows && (!best || rows[0] < best.rows[0])) best = { c, rows };
    }
    if (!best) return null;
    flow.forEach((line, i) => line.forEach((t, k) => { grid[best!.rows[i]][best!.c + k] = t; }));
  }
  return grid.every((row) => row.every(Boolean)) ? (grid as FlowTok[][]) : null;
};

const READINGS: [string, Reading][] = [['row by row', rowByRow], ['flow by flow', flowByFlow]];

/** Do the values satisfy every identity of table 三 (all of them can be checked: no cell is blank)? */
function balanced(rows: T3RowDef[], values: FlowTok[][], columns: string[], version: Version): boolean {
  const cells: Record<string, CellValue> = {};
  for (const [r, row] of rows.entries()) {
    for (const [c, col] of columns.entries()) {
      const v = parseValue(values[r][c].text).value;
      if (v === null) return false;
      cells[`t3.${row.key}.${col}`] = { value: v, raw: values[r][c].text, rowLabel: '', columnLabel: '' } as CellValue;
    }
  }
  const checks = runChecks(cells, version).filter((c) => c.id.startsWith('t3.'));
  return checks.length > 0 && checks.every((c) => c.outcome === 'pass');
}

/**
 * The grid of table 三 from the value tokens of its stretch of text, or null: the count matches no
 * standard shape, no reading balances, or readings that balance disagree.
 */
export function flowGrid(tokens: FlowTok[], columns: string[], labels: string[] = []): FlowGrid | null {
  const flows = flowsOf(tokens);
  const count = flows.flat(2).length;
  const found: FlowGrid[] = [];
  for (const version of VERSIONS) {
    const rows = T3_ROWS.filter((r) => r.versions.includes(version));
    if (rows.length * columns.length !== count || !printedShape(version, labels)) continue;
    for (const [reading, read] of READINGS) {
      const values = read(flows.map((f) => f.map((l) => [...l])), rows.length, columns.length);
      if (values && balanced(rows, values, columns, version)) found.push({ version, rows, values, reading });
    }
  }
  if (!found.length) return null;
  const key = (g: FlowGrid) => g.rows.map((r, i) => `${r.key}=${g.values[i].map((t) => t.text).join(',')}`).join(';');
  return found.every((g) => key(g) === key(found[0])) ? found[0] : null;
}

/** The 2021 sub-rows of （六） are printed (their words), or not: the shape the labels allow. */
function printedShape(version: Version, labels: string[]): boolean {
  const text = labels.join('');
  const sub2021 = /逾期不补正|逾期未按收费|缴纳费用/.test(text);
  return version === '2021' ? sub2021 || !labels.length : !sub2021;
}
