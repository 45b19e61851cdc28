import type { CellValue } from '../model';
import { runChecks } from '../checks/identities';
import { t3ColumnOf } from './cues';
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
/**
 * A flow's lines: each line's values left to right, or `label` for a line with a row label and no
 * values after it. A line with a label and values ("3.危及“三安全一稳定” 5") is a label line and a
 * values line.
 */
type FlowLine = FlowTok[] | 'label';
type Flow = FlowLine[];

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
function flowsOf(tokens: FlowTok[], isHeaderWord: (t: string) => boolean): Flow[] {
  const flows: Flow[] = [];
  let prevLine: number | undefined;
  let cur: Flow = [];
  let curLine: FlowTok[] | null = null;
  for (const t of tokens) {
    if (!t.text.trim() || t.line === undefined) continue;
    if (prevLine !== undefined && t.line !== prevLine && t.line !== prevLine + 1) { if (cur.length) flows.push(cur); cur = []; curLine = null; }
    if (t.line !== prevLine) curLine = null;
    prevLine = t.line;
    if (!isValue(t.text)) {
      // A column's name printed at its top ("总计" over its values) is no row label.
      if (!isHeaderWord(t.text)) { cur.push('label'); curLine = null; }
      continue;
    }
    if (!curLine) { curLine = []; cur.push(curLine); }
    curLine.push(t);
  }
  if (cur.length) flows.push(cur);
  return flows;
}

const valueLines = (f: Flow) => f.filter((l): l is FlowTok[] => l !== 'label');

type Reading = (flows: Flow[], nRows: number, nCols: number) => FlowTok[][] | null;

/** Every value in text order, row after row (each cell its own flow, read row by row). */
const rowByRow: Reading = (flows, nRows, nCols) => {
  const all = flows.flatMap(valueLines).flat();
  if (all.length !== nRows * nCols) return null;
  return Array.from({ length: nRows }, (_, r) => all.slice(r * nCols, (r + 1) * nCols));
};

/** The grid being filled, with the placements the readings share. */
class Filling {
  readonly grid: (FlowTok | null)[][];
  constructor(readonly nRows: number, readonly nCols: number) { this.grid = Array.from({ length: nRows }, () => Array<FlowTok | null>(nCols).fill(null)); }
  private free(r: number, c: number, w: number): boolean { for (let k = c; k < c + w; k++) if (this.grid[r][k]) return false; return true; }
  private top(c: number): number { let r = 0; while (r < this.nRows && this.grid[r][c]) r++; return r; }
  /** The first row with an open cell. */
  firstOpenRow(): number { let r = 0; while (r < this.nRows && this.grid[r].every(Boolean)) r++; return r; }
  /** Rows a column run's lines take when it starts in column c at row `floor` or below, or null. */
  private fit(lines: FlowTok[][], c: number, floor = 0): number[] | null {
    const rows: number[] = [];
    let r = floor;
    for (let k = c; k < c + lines[0].length; k++) r = Math.max(r, this.top(k));
    for (const line of lines) {
      if (c + line.length > this.nCols) return null;
      while (r < this.nRows && !this.free(r, c, line.length)) r++;
      if (r >= this.nRows) return null;
      rows.push(r++);
    }
    return rows;
  }
  /**
   * A column run: its lines go down one column (several where a line holds several values), each
   * to the next row still open there, starting at the highest open row, leftmost: where the flows
   * of a band of rows come column after column.
   */
  column(lines: FlowTok[][]): boolean {
    if (!lines.length) return true;
    const best = this.place(lines, 0);
    if (!best) return false;
    this.put(lines, best);
    return true;
  }
  /** The highest, then leftmost, start at row `floor` or below. */
  place(lines: FlowTok[][], floor: number): { c: number; rows: number[] } | null {
    let best: { c: number; rows: number[] } | null = null;
    for (let c = 0; c + lines[0].length <= this.nCols; c++) {
      const rows = this.fit(lines, c, floor);
      if (rows && (!best || rows[0] < best.rows[0])) best = { c, rows };
    }
    return best;
  }
  put(lines: FlowTok[][], at: { c: number; rows: number[] }): void {
    lines.forEach((line, i) => line.forEach((t, k) => { this.grid[at.rows[i]][at.c + k] = t; }));
  }
  /**
   * A column run within bands of rows: the runs of one band take the same rows, column after
   * column. A run that does not take the current band's rows closes it: cells the band left open
   * (a column pdftotext prints later, after the next heading) are passed over until a run fits
   * nowhere below, then it fills them.
   */
  private band: { start: number; end: number } | null = null;
  private floor = 0;
  banded(lines: FlowTok[][]): boolean {
    if (!lines.length) return true;
    let at = this.place(lines, this.floor);
    const inBand = (a: { rows: number[] }) => !!this.band && a.rows[0] === this.band.start && a.rows[a.rows.length - 1] === this.band.end - 1;
    if (at && this.band && !inBand(at)) { this.floor = Math.max(this.floor, this.band.end); at = this.place(lines, this.floor); }
    if (at) {
      if (!inBand(at)) this.band = { start: at.rows[0], end: at.rows[at.rows.length - 1] + 1 };
    } else {
      at = this.place(lines, 0);
      if (!at) return false;
    }
    this.put(lines, at);
    return true;
  }
  /** Values row by row into the open cells from the first open row on. */
  rowByRow(vals: FlowTok[]): boolean {
    let r = this.firstOpenRow();
    let k = 0;
    for (; r < this.nRows && k < vals.length; r++) {
      for (let c = 0; c < this.nCols && k < vals.length; c++) if (!this.grid[r][c]) this.grid[r][c] = vals[k++];
    }
    this.rowsPlaced();
    return k === vals.length;
  }
  /** After rows placed by their labels: bands start again below them. */
  rowsPlaced(): void { this.band = null; this.floor = Math.max(this.floor, this.firstOpenRow()); }
  /** One row's values after its label: the open cells of row r, left to right. */
  row(r: number, vals: FlowTok[]): boolean {
    if (r >= this.nRows) return false;
    const open = this.grid[r].map((t, c) => (t ? -1 : c)).filter((c) => c >= 0);
    if (vals.length > open.length) return false;
    vals.forEach((t, k) => { this.grid[r][open[k]] = t; });
    return true;
  }
  done(): FlowTok[][] | null { return this.grid.every((row) => row.every(Boolean)) ? (this.grid as FlowTok[][]) : null; }
}

/** Every flow a column run (labels in a flow ignored). */
const flowByFlow: Reading = (flows, nRows, nCols) => {
  const g = new Filling(nRows, nCols);
  for (const flow of flows) if (!g.column(valueLines(flow))) return null;
  return g.done();
};

/**
 * A flow that prints row labels with values after them holds rows: the values after each label
 * are the next row's (its open cells, left to right; the rest of the row comes in a later flow);
 * a flow of values alone is a column run within bands of rows.
 */
const labelsThenFlows: Reading = (flows, nRows, nCols) => {
  const g = new Filling(nRows, nCols);
  for (const flow of flows) {
    const first = flow.indexOf('label');
    // Rows: at least two labels with values after them. Words over one run of values are its
    // column's header ("其 / 他" over the 其他 column).
    const groups = flow.filter((l, i) => l === 'label' && i + 1 < flow.length && flow[i + 1] !== 'label').length;
    if (groups < 2) {
      const lines = valueLines(flow);
      // Lines of different widths ("9 0" / "0" / "0 0 68") are rows broken over lines, not a column run.
      const rowsBroken = new Set(lines.map((l) => l.length)).size > 1;
      if (rowsBroken ? !g.rowByRow(lines.flat()) : !g.banded(lines)) return null;
      continue;
    }
    if (!g.banded(valueLines(flow.slice(0, first)))) return null;
    let r = g.firstOpenRow();
    let group: FlowTok[] = [];
    const close = () => { if (!group.length) return true; const ok = g.row(r++, group); group = []; return ok; };
    for (const l of flow.slice(first)) {
      if (l === 'label') { if (!close()) return null; } else group.push(...l);
    }
    if (!close()) return null;
    g.rowsPlaced();
  }
  return g.done();
};

const READINGS: [string, Reading][] = [['row by row', rowByRow], ['flow by flow', flowByFlow], ['rows after their labels, flows of values as columns', labelsThenFlows]];

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
  const flows = flowsOf(tokens, (t) => !!t3ColumnOf(t));
  const count = flows.flatMap(valueLines).flat().length;
  const found: FlowGrid[] = [];
  for (const version of VERSIONS) {
    const rows = T3_ROWS.filter((r) => r.versions.includes(version));
    if (rows.length * columns.length !== count || !printedShape(version, labels)) continue;
    for (const [reading, read] of READINGS) {
      const values = read(flows, rows.length, columns.length);
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

/**
 * A small table without identities (a table 二 block) from its flows: placed only when the values in
 * text order row by row and the reading of its flows (rows after labels, columns of values) agree.
 */
export function smallGrid(tokens: FlowTok[], nRows: number, nCols: number, isHeaderWord: (t: string) => boolean): FlowTok[][] | null {
  const flows = flowsOf(tokens, isHeaderWord);
  const a = rowByRow(flows, nRows, nCols);
  const b = labelsThenFlows(flows, nRows, nCols);
  return a && b && a.every((row, r) => row.every((t, c) => t === b[r][c])) ? a : null;
}
