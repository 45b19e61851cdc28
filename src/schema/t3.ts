import type { Table } from '../model';
import { t3ColumnOf, T3_ORG_COLUMNS } from './cues';
import { t3Children, T3_COLUMNS, T3_ROWS } from './fields';
import { matchLabel, T3_GROUPS, T3_LEAVES, T3_TOP, type LabelEntry, type LabelMatch } from './labels';
import { CellSink, labelPath } from './mapping';
import { normLabel, splitLabel } from './normalize';
import { assignValues, centreX, spanX, filledValues, rowViews, sortLeaves, type Leaf, type RowView } from './rows';
import { hasSlots, slotCells, slotPlan, valueColumns, type SlotPlan } from './slots';
import { T3, type Version } from './spec';

/** Row-matching state carried across the fragments of one table 三 (pages, split blocks). */
export interface T3State {
  group?: string;
  leaves?: Leaf[];
  assumed?: boolean;
  /** A label-only line that matched nothing: the start of a label broken over two lines. */
  carry?: string;
  /** A label-only line that matched a row whose values come on the next line (wrapped label). */
  carryKey?: string;
  /** A "（六）其他处理" row with values: 2019's single row, unless 2021 sub-rows follow. */
  pendingOther?: { row: RowView; table: Table; tableIndex: number; path: string };
  shape: Set<Version>;
  /** The table the leaves were read from: their columns are grid columns of that table only. */
  leavesTable?: Table;
  /** Column of each value slot, from the header (or the standard order where it is unreadable). */
  plan?: SlotPlan;
  /** Value slots of the fragment being mapped. */
  cols?: number[];
}

export const newT3State = (): T3State => ({ shape: new Set() });

/** The standard column order, assumed only when a header is unreadable. */
const STANDARD_LEAVES = T3_COLUMNS.map((c) => c.key);

/** Heading rows with children; a heading that is a value row in some format (（六）其他处理 in 2019). */
const HEADINGS = new Set(T3.rows.filter((r) => t3Children(r.key).length).map((r) => r.key));
const OWN = T3.rows.find((r) => r.ownValues)!;
/** The formats that print a value row, for telling the table's shape. */
const ROW_VERSIONS = new Map(T3_ROWS.map((r) => [r.key, r.versions]));
/** Columns a few reports print that are no field (小计). */
const NO_FIELD = new Set(T3.columns.filter((c) => c.noField).map((c) => c.key));

/** Does this label-dictionary hit name a table 三 row? Used to recognise table 三 and its data rows. */
export function matchT3Label(text: string, group?: string): LabelMatch | null {
  const s = splitLabel(text);
  const pool: LabelEntry[] = s.kind === 'top' ? T3_TOP : s.kind === 'paren' ? T3_GROUPS : s.kind === 'arabic' ? T3_LEAVES : [...T3_LEAVES, ...T3_GROUPS, ...T3_TOP];
  // Inside a group its own rows win a tie: "其他" alone is the 2021 sub-row 3.其他 inside （六）,
  // else the group （六）其他 itself.
  return matchLabel(text, pool, (e) => (group ? e.parent === group : false));
}

function findLeaves(rows: RowView[], upto: number): { leaves: Leaf[]; headerSeen: boolean } {
  const leaves: Leaf[] = [];
  const seen = new Set<number>();
  let headerSeen = false;
  for (const r of rows.slice(0, upto)) {
    for (const { cell, col } of r.cells) {
      if (seen.has(cell.id) || !cell.text.trim()) continue;
      seen.add(cell.id);
      headerSeen = true;
      // A header collapsed into one line keeps its group words in front ("申请人情况 法人或其他组织 商业企业").
      const key = t3ColumnOf(cell.text) ?? t3ColumnOf(normLabel(cell.text).replace(/[()]/g, '').replace(/^申请人情况/, '').replace(/^法人或其他组织/, ''));
      if (key) leaves.push({ key, col, x: centreX(cell), span: spanX(cell), label: T3_ORG_COLUMNS.has(key) ? `${T3.header.orgGroup} / ${cell.text.trim()}` : cell.text.trim() });
    }
  }
  sortLeaves(leaves);
  return { leaves, headerSeen };
}

/** A header identifies the value columns when it names (nearly) all standard columns: all but one. */
const headerReadable = (leaves: Leaf[]) => new Set(leaves.map((l) => l.key)).size >= STANDARD_LEAVES.length - 1;

/** Resolve a row's label path to a table 三 row key, updating the group context. */
function resolveRow(state: T3State, labels: string[]): { key?: string; group?: string; matched: boolean } {
  let key: string | undefined;
  let matched = false;
  for (const text of labels) {
    const m = matchT3Label(text, state.group);
    if (!m) continue;
    matched = true;
    const e = m.entry;
    if (T3_TOP.includes(e)) { state.group = undefined; key = HEADINGS.has(e.key) ? undefined : e.key; }
    else if (T3_GROUPS.includes(e)) { state.group = e.key; key = HEADINGS.has(e.key) ? `group:${e.key}` : e.key; }
    else { state.group = e.parent; key = e.key; }
  }
  return { key, group: state.group, matched };
}

export function mapT3(table: Table, tableIndex: number, state: T3State, sink: CellSink): void {
  const rows = rowViews(table);
  // The header ends at the first row labelled like a table 三 row. Header words that are also row
  // names (总计, 其他) are bare two-character words there, while row labels are numbered or longer.
  const rowLike = (text: string) => { const s = splitLabel(text); return (s.kind !== '' || s.core.length > 2) && !!matchT3Label(text, state.group); };
  // A header row repeated under a page break names the columns (自然人 … 总计): never a data row,
  // even where one of its words also names a row.
  const columnWord = (text: string) => t3ColumnOf(text) !== undefined;
  const isData = (r: RowView) => r.labels.some((l) => rowLike(l.cell.text)) && (filledValues(r).length > 0 || r.values.length === 0)
    && !headerRow(r);
  const headerRow = (r: RowView) => r.labels.filter((l) => columnWord(l.cell.text)).length >= 2;
  const firstData = rows.findIndex(isData);
  if (firstData < 0) return;
  const { leaves, headerSeen } = findLeaves(rows, firstData);
  const cols = hasSlots(table) ? valueColumns(table, rows.slice(firstData).filter(isData)) : [];
  state.cols = cols;
  if (firstData > 0 && headerSeen) {
    const plan = slotPlan(leaves, cols, T3_COLUMNS);
    state.plan = plan ?? undefined;
    // Space-aligned text drops blank cells, so its values are matched to the header by count:
    // safe only when the header names every column, not all but one.
    if (headerReadable(leaves) && (table.method !== 'text-spaces' || new Set(leaves.map((l) => l.key)).size >= T3_COLUMNS.length)) { state.leaves = leaves; state.assumed = false; state.leavesTable = table; }
    else {
      state.leaves = undefined; state.assumed = true;
      sink.warn('header-unreadable', plan
        ? `table 三 header names ${leaves.length} of the ${STANDARD_LEAVES.length} applicant columns; its ${STANDARD_LEAVES.length} value slots are taken in the standard column order`
        : `table 三 header names ${leaves.length} of the ${STANDARD_LEAVES.length} applicant columns; the standard column order is assumed for rows with exactly ${STANDARD_LEAVES.length} values`);
    }
  } else if (!state.plan && cols.length === T3_COLUMNS.length) {
    // No header at all (a fragment whose header stayed on another page): its 7 slots are the standard columns.
    state.plan = slotPlan([], cols, T3_COLUMNS) ?? undefined;
  }
  for (const r of rows.slice(firstData)) {
    if (headerRow(r)) { state.carry = undefined; state.carryKey = undefined; continue; }
    mapRow(r, table, tableIndex, state, sink);
  }
}

function mapRow(r: RowView, table: Table, tableIndex: number, state: T3State, sink: CellSink): void {
  const labels = r.labels.map((l) => l.cell.text);
  const filled = filledValues(r);
  const carryKey = state.carryKey;
  state.carryKey = undefined;
  if (!labels.length) {
    // Values on a line of their own: they belong to the label line just above (a wrapped label).
    if (filled.length && carryKey) { emitRow(carryKey, r, table, tableIndex, state, sink, carryKey); return; }
    if (filled.length) sink.warn('row-unlabelled', `row ${r.index + 1} of table 三 has values but no label; not mapped`);
    return;
  }
  let res = resolveRow(state, labels);
  if (!res.key && state.carry) {
    const joined = [...labels.slice(0, -1), state.carry + labels[labels.length - 1]];
    const again = resolveRow(state, joined);
    if (again.key) res = again;
  }
  if (!res.key && carryKey && filled.length) res = { key: carryKey, matched: true };
  // A line with a label and no value slots at all is half of a row broken over lines.
  if (res.key && !res.key.startsWith('group:') && r.values.length === 0) {
    state.carryKey = res.key;
    state.carry = labels[labels.length - 1];
    return;
  }
  if (!res.matched || !res.key) {
    if (!filled.length) { if (!res.matched) state.carry = labels[labels.length - 1]; return; }
    state.carry = undefined;
    if (!res.matched) sink.warn('row-unmatched', `table 三 row "${labelPath(r)}" matches no standard row; its ${filled.length} values are not mapped`);
    return;
  }
  state.carry = undefined;
  const path = labelPath(r);
  let key = res.key;
  const own = `group:${OWN.key}`;
  if (key.startsWith(`${OWN.key}.`) || key === own) {
    if (key !== own && state.pendingOther) {
      const p = state.pendingOther;
      if (filledValues(p.row).length) sink.warn('row-group-values', `${OWN.label} row has values and sub-rows; its own values are not mapped`);
      state.pendingOther = undefined;
    }
  } else flushPendingOther(state, sink);
  if (key === own) {
    state.pendingOther = { row: r, table, tableIndex, path };
    return;
  }
  if (key.startsWith('group:')) {
    if (filled.length) sink.warn('row-group-values', `group row "${path}" carries values; the standard table has none there, not mapped`);
    return;
  }
  // A row only one format prints tells the table's shape (2021's sub-rows of （六）).
  const only = ROW_VERSIONS.get(key);
  if (only?.length === 1) state.shape.add(only[0]);
  emitRow(key, r, table, tableIndex, state, sink, path);
}

export function flushPendingOther(state: T3State, sink: CellSink): void {
  const p = state.pendingOther;
  if (!p) return;
  state.pendingOther = undefined;
  for (const v of OWN.ownValues!.versions) state.shape.add(v);
  emitRow(OWN.ownValues!.code, p.row, p.table, p.tableIndex, state, sink, p.path);
}

function emitRow(key: string, r: RowView, table: Table, tableIndex: number, state: T3State, sink: CellSink, path: string): void {
  // By slot: each value slot is its column, a blank slot a null cell of that column.
  const slotted = state.plan && state.cols && state.cols.length === state.plan.keys.length ? slotCells(table, r, state.cols) : null;
  if (slotted && state.plan) {
    const plan = state.plan;
    slotted.forEach((cell, i) => {
      if (plan.keys[i] === 'subtotal') { if (cell.text.trim()) sink.info('column-subtotal', `法人或其他组织 subtotal "${cell.text}" in row "${path}" has no field code; not mapped`); return; }
      sink.put(`t3.${key}.${plan.keys[i]}`, cell, path, plan.labels[i], { assumedColumn: plan.assumed[i], tableIndex });
    });
    return;
  }
  let leaves = state.leaves;
  let assumed = false;
  if (!leaves || state.assumed) {
    const vals = r.values.filter((v, i, a) => v.cell.text.trim() !== '' || a.slice(i).some((w) => w.cell.text.trim() !== ''));
    if (vals.length !== STANDARD_LEAVES.length) {
      sink.warn('row-unmappable', `table 三 row "${path}": header unreadable and ${vals.length} values instead of ${STANDARD_LEAVES.length}; not mapped`);
      return;
    }
    leaves = STANDARD_LEAVES.map((k, i) => ({ key: k, col: vals[i].col, label: T3_COLUMNS[i].label }));
    assumed = true;
    const pairs = leaves.map((leaf, i) => ({ leaf, cell: vals[i].cell }));
    for (const { leaf, cell } of pairs) sink.put(`t3.${key}.${leaf.key}`, cell, path, leaf.label, { assumedColumn: assumed, tableIndex });
    return;
  }
  const pairs = assignValues(r, leaves, table, state.leavesTable === table);
  if (!pairs) {
    sink.warn('row-unmappable', `table 三 row "${path}" has ${r.values.length} value slots for ${leaves.length} columns and they do not line up; not mapped`);
    return;
  }
  for (const { leaf, cell } of pairs) {
    if (NO_FIELD.has(leaf.key)) { sink.info('column-subtotal', `${T3.header.orgGroup} subtotal "${cell.text}" in row "${path}" has no field code; not mapped`); continue; }
    sink.put(`t3.${key}.${leaf.key}`, cell, path, leaf.label, { tableIndex });
  }
}
