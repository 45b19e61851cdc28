import type { Table } from '../model';
import { matchLabel, T2_COLUMN_LABELS, T2_ROW_LABELS } from './labels';
import { CellSink, labelPath } from './mapping';
import { normLabel } from './normalize';
import { assignValues, centreX, spanX, filledValues, rowViews, type Leaf } from './rows';
import { headerUnit } from './values';

const V2021 = new Set(['issued', 'repealed', 'in_force', 'amount:fees']);
const V2019 = new Set(['new_made', 'new_published', 'total_published', 'prev_items', 'change', 'items', 'amount:procurement', 'decisions:other_services']);

export interface T2State {
  leaves?: Leaf[];
  shape: Set<'2019' | '2021'>;
}
export const newT2State = (): T2State => ({ shape: new Set() });

/** Table 二: caption rows (第二十条第（X）项), header rows (信息内容 …), data rows by row label. */
export function mapT2(table: Table, tableIndex: number, state: T2State, sink: CellSink): void {
  for (const r of rowViews(table)) {
    const first = r.cells.find((c) => c.cell.text.trim());
    if (!first) continue;
    const firstText = normLabel(first.cell.text);
    if (/^第二十条/.test(firstText)) continue;
    const headerLeaves: Leaf[] = [];
    for (const { cell, col } of r.cells) {
      const m = matchLabel(cell.text, T2_COLUMN_LABELS);
      if (m) headerLeaves.push({ key: m.entry.key, col, x: centreX(cell), span: spanX(cell), label: cell.text.replace(/\s+/g, ''), unit: headerUnit(cell.text) });
    }
    if (headerLeaves.length && (firstText === '信息内容' || !filledValues(r).length)) {
      state.leaves = headerLeaves;
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
      if (V2021.has(leaf.key) || V2021.has(`${leaf.key}:${rowKey}`)) state.shape.add('2021');
      if (V2019.has(leaf.key) || V2019.has(`${leaf.key}:${rowKey}`)) state.shape.add('2019');
      sink.put(`t2.${rowKey}.${leaf.key}`, cell, label.cell.text.trim(), leaf.label, { headerUnit: leaf.unit, tableIndex });
    }
  }
}
