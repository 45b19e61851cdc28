import type { Table } from '../model';
import { isT2Caption, isT2Corner } from './cues';
import { t2Versions } from './fields';
import { matchLabel, T2_COLUMN_LABELS, T2_ROW_LABELS } from './labels';
import { CellSink, labelPath } from './mapping';
import { assignValues, centreX, spanX, filledValues, rowViews, type Leaf } from './rows';
import { T2, type Version } from './spec';
import { headerUnit } from './values';

/** Per column, the formats that print it in any row. */
const COLUMN_VERSIONS = new Map(T2.columns.map((c) => [c.key, new Set(T2.rows.flatMap((r) => t2Versions(r.key, c.key)))]));

/**
 * The format a printed cell tells: a column only one format prints (本年制发件数: 2021) says so
 * in any row; otherwise the cell itself when only one format prints it (采购总金额 of 政府集中采购).
 */
function shapeCue(row: string, column: string): Version | undefined {
  const inColumn = COLUMN_VERSIONS.get(column);
  if (inColumn?.size === 1) return [...inColumn][0];
  const cell = t2Versions(row, column);
  return cell.length === 1 ? cell[0] : undefined;
}

export interface T2State {
  leaves?: Leaf[];
  shape: Set<Version>;
}
export const newT2State = (): T2State => ({ shape: new Set() });

/** Table 二: caption rows (第二十条第（X）项), header rows (信息内容 …), data rows by row label. */
export function mapT2(table: Table, tableIndex: number, state: T2State, sink: CellSink): void {
  // Header words a narrow column wrapped over rows of their own ("本年收费" / "金额（单" /
  // "位：万元）"): the text so far of each column, over the rows above without values.
  let wrapped = new Map<number, string>();
  for (const r of rowViews(table)) {
    const first = r.cells.find((c) => c.cell.text.trim());
    if (!first) continue;
    if (isT2Caption(first.cell.text)) { wrapped = new Map(); continue; }
    const noValues = !filledValues(r).length;
    const headerLeaves: Leaf[] = [];
    let whole = true;
    for (const { cell, col } of r.cells) {
      const own = matchLabel(cell.text, T2_COLUMN_LABELS);
      const joined = noValues && wrapped.has(col) ? wrapped.get(col)! + cell.text.replace(/\s+/g, '') : '';
      const m = own ?? (joined ? matchLabel(joined, T2_COLUMN_LABELS) : null);
      if (!m) continue;
      if (!own) whole = false;
      const text = own ? cell.text : joined;
      headerLeaves.push({ key: m.entry.key, col, x: centreX(cell), span: spanX(cell), label: text.replace(/\s+/g, ''), unit: headerUnit(text) });
    }
    if (noValues) for (const { cell, col } of r.cells) wrapped.set(col, (wrapped.get(col) ?? '') + cell.text.replace(/\s+/g, ''));
    else wrapped = new Map();
    if (headerLeaves.length && (isT2Corner(first.cell.text) || noValues)) {
      state.leaves = headerLeaves;
      // A header read whole ends the wrapping; one read from pieces may go on in the next row ("位：万元）").
      if (whole) wrapped = new Map();
      continue;
    }
    const label = r.labels[0];
    if (!label) continue;
    const m = matchLabel(label.cell.text, T2_ROW_LABELS);
    const filled = filledValues(r);
    if (!m) {
      if (filled.length) sink.warn('row-unmatched', `table 二 row "${labelPath(r)}" matches no standard row; not mapped`);
      continue;
    }
    if (!state.leaves) {
      sink.warn('header-missing', `table 二 row "${labelPath(r)}" has no header above it; not mapped`);
      continue;
    }
    const pairs = assignValues(r, state.leaves, table);
    if (!pairs) {
      sink.warn('row-unmappable', `table 二 row "${labelPath(r)}" has ${r.values.length} value slots for ${state.leaves.length} columns; not mapped`);
      continue;
    }
    for (const { leaf, cell } of pairs) {
      const rowKey = m.entry.key;
      const cue = shapeCue(rowKey, leaf.key);
      if (cue) state.shape.add(cue);
      sink.put(`t2.${rowKey}.${leaf.key}`, cell, label.cell.text.trim(), leaf.label, { headerUnit: leaf.unit, tableIndex });
    }
  }
}
