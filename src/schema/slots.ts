import type { Cell, Table } from '../model';
import type { RowView } from './rows';

/**
 * Values are placed by their grid position, never by counting them: a blank cell is a slot of its
 * column with nothing in it, not a reason to shift the values after it. These helpers give a
 * table's value slots and a plan that names the column of each slot.
 */

/** Does the table's grid give real column slots? Space-aligned text rows are words in order. */
export const hasSlots = (t: Table): boolean => !['text-spaces', 'text-flat', 'text-lines'].includes(t.method);

/** Last grid column a row's labels reach. */
const labelEnd = (r: RowView) => Math.max(-1, ...r.labels.map((l) => l.col + l.cell.colSpan - 1));

/**
 * The value slots of a table: grid columns right of where the data rows' labels end. The end most
 * rows agree on wins (ties to the rightmost); a row whose labels reach further is not slot-mapped.
 */
export function valueColumns(table: Table, dataRows: RowView[]): number[] {
  const ends = new Map<number, number>();
  for (const r of dataRows) ends.set(labelEnd(r), (ends.get(labelEnd(r)) ?? 0) + 1);
  if (!ends.size) return [];
  const end = [...ends].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
  const width = Math.max(0, ...table.rows.map((r) => r.length));
  return Array.from({ length: Math.max(0, width - end - 1) }, (_, i) => end + 1 + i);
}

/** Which column each value slot holds; `assumed` marks slots named by the standard order only. */
export interface SlotPlan { keys: string[]; labels: string[]; assumed: boolean[] }

/**
 * Name the value slots from the header leaves found in them. When every slot has its leaf, the
 * header decides alone. Otherwise, when the table has exactly the standard number of slots and
 * every leaf that was read sits at its standard place, the slots are the standard columns in order,
 * every one flagged assumed (the header did not identify them; a partly read header only agrees). Anything else (a leaf out of place, another slot count) gives no plan.
 */
export function slotPlan(leaves: { key: string; col: number; label: string }[], cols: number[], standard: { key: string; label: string }[]): SlotPlan | null {
  if (!cols.length) return null;
  const at = cols.map((c) => leaves.filter((l) => l.col === c));
  if (at.every((ls) => ls.length === 1) && new Set(at.map((ls) => ls[0].key)).size === cols.length) {
    return { keys: at.map((ls) => ls[0].key), labels: at.map((ls) => ls[0].label), assumed: cols.map(() => false) };
  }
  if (cols.length !== standard.length) return null;
  const fits = at.every((ls, i) => ls.every((l) => l.key === standard[i].key));
  if (!fits) return null;
  return { keys: standard.map((s) => s.key), labels: at.map((ls, i) => ls[0]?.label ?? standard[i].label), assumed: cols.map(() => true) };
}

/**
 * The cells of a row's value slots, blanks included (an empty slot gives an empty cell), or null
 * when the row does not fit the slots: its labels reach into them, or a value sits outside them.
 */
export function slotCells(table: Table, r: RowView, cols: number[]): Cell[] | null {
  if (!cols.length || labelEnd(r) >= cols[0]) return null;
  const inside = new Set(cols);
  const slots = table.rows[r.index];
  // A line with nothing in any value slot is a label line, not a row of blank values.
  if (cols.every((c) => !slots[c])) return null;
  if (r.values.some((v) => v.cell.text.trim() && !inside.has(v.col))) return null;
  const out: Cell[] = [];
  for (const c of cols) {
    const cell = slots[c];
    // A cell spanning several value slots is one value printed across them: not slot-mappable.
    if (cell && cell.text.trim() && cell.colSpan > 1) return null;
    out.push(cell ?? { id: -1, text: '', row: r.index, col: c, rowSpan: 1, colSpan: 1, page: table.page });
  }
  return out;
}
