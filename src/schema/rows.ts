import type { Cell, Table } from '../model';
import { looksLikeValue } from '../util/number';

/** A table row with merged cells counted once, each with the first column it occupies. */
export interface RowView {
  index: number;
  cells: { cell: Cell; col: number }[];
  /** Leading label cells (non-empty text that is not a value), in order. */
  labels: { cell: Cell; col: number }[];
  /** Cells after the last label cell: the row's value slots, blanks included. */
  values: { cell: Cell; col: number }[];
}

/** Build row views: dedupe merged cells per row and split labels from values. */
export function rowViews(table: Table): RowView[] {
  return table.rows.map((slots, index) => {
    const cells: RowView['cells'] = [];
    const seen = new Set<number>();
    slots.forEach((cell, col) => {
      if (!cell || seen.has(cell.id)) return;
      seen.add(cell.id);
      cells.push({ cell, col });
    });
    let lastLabel = -1;
    cells.forEach((c, i) => { if (isLabel(c.cell.text)) lastLabel = i; });
    const labels = cells.slice(0, lastLabel + 1).filter((c) => c.cell.text.trim() !== '');
    const values = cells.slice(lastLabel + 1);
    return { index, cells, labels, values };
  });
}

export function isLabel(text: string): boolean {
  const t = text.trim();
  return t !== '' && !looksLikeValue(t);
}

/** Non-empty value cells of a row. */
export function filledValues(r: RowView): RowView['values'] {
  return r.values.filter((v) => v.cell.text.trim() !== '');
}

/** Text of all cells of a table, for classification. */
export function tableText(table: Table): string {
  const seen = new Set<number>();
  const parts: string[] = [];
  for (const row of table.rows) for (const c of row) if (c && !seen.has(c.id)) { seen.add(c.id); parts.push(c.text); }
  return parts.join('|');
}

export interface Leaf {
  key: string;
  col: number;
  /** Horizontal centre of the header cell when the source has positions (PDF, space-aligned text). */
  x?: number;
  /** Horizontal extent of the header cell, when known. */
  span?: [number, number];
  /** Printed header path, e.g. "法人或其他组织 / 商业企业". */
  label: string;
  /** Unit declared in the header, if any. */
  unit?: string;
}

/**
 * Assign a row's value cells to header leaves. By column position when the row's cells line up
 * with the header's; otherwise, when the row carries exactly as many value slots as there are
 * leaves (ragged rows of plain-text tables), by order. Returns null when neither holds.
 */
export function assignValues(row: RowView, leaves: Leaf[], table: Table, sameTable = true): { leaf: Leaf; cell: Cell }[] | null {
  if (!leaves.length) return null;
  const labelIds = new Set(row.labels.map((l) => l.cell.id));
  const slots = table.rows[row.index];
  const byCol: { leaf: Leaf; cell: Cell }[] = [];
  // Space-aligned text has no real columns: a cell's index is just its position among the row's words.
  // Leaves read from another fragment name columns of that fragment's grid, not of this one.
  let aligned = table.method !== 'text-spaces' && sameTable;
  for (const leaf of leaves) {
    const cell = slots[leaf.col];
    if (!cell || labelIds.has(cell.id)) { aligned = false; break; }
    byCol.push({ leaf, cell });
  }
  // One cell under several headers is one text across columns (values a reader could not place): no column's value.
  if (new Set(byCol.map((b) => b.cell.id)).size < byCol.length) aligned = false;
  if (aligned) {
    const used = new Set(byCol.map((b) => b.cell.id));
    const stray = filledValues(row).filter((v) => !used.has(v.cell.id));
    if (!stray.length) return byCol;
  }
  const vals = [...row.values];
  while (vals.length > leaves.length && vals[vals.length - 1].cell.text.trim() === '') vals.pop();
  if (vals.length === leaves.length) return leaves.map((leaf, i) => ({ leaf, cell: vals[i].cell }));
  return byPosition(filledValues(row), leaves);
}

/** Largest distance (in the source's units: points, or characters for text) between a value's
 * centre and its header's centre for the value to be placed under that header. Blank cells that
 * a layout dropped leave fewer values than headers; each value then goes under the header it
 * sits beneath, and any doubt (too far, two values under one header) refuses the row. */
export const MAX_COLUMN_OFFSET = { points: 30, chars: 6 };

function byPosition(vals: RowView['values'], leaves: Leaf[]): { leaf: Leaf; cell: Cell }[] | null {
  if (!vals.length || leaves.some((l) => l.x === undefined) || vals.some((v) => !v.cell.bbox)) return null;
  const limit = vals[0].cell.line !== undefined ? MAX_COLUMN_OFFSET.chars : MAX_COLUMN_OFFSET.points;
  const used = new Set<Leaf>();
  const out: { leaf: Leaf; cell: Cell }[] = [];
  const chars = limit === MAX_COLUMN_OFFSET.chars;
  for (const v of vals) {
    const cx = (v.cell.bbox!.x0 + v.cell.bbox!.x1) / 2;
    if (chars && leaves.every((l) => l.span)) {
      // Space-aligned text: a value goes under the one header word its characters overlap
      // (values are often left-aligned under centred headers); none or several refuses the row.
      const under = leaves.filter((l) => v.cell.bbox!.x0 <= l.span![1] && v.cell.bbox!.x1 >= l.span![0]);
      if (under.length !== 1 || used.has(under[0])) return null;
      used.add(under[0]);
      out.push({ leaf: under[0], cell: v.cell });
      continue;
    }
    const [best, second] = [...leaves].sort((a, b) => Math.abs(a.x! - cx) - Math.abs(b.x! - cx));
    // In a PDF a value sits centred under its header: one at least twice as near one header as the
    // next is placed, one between two headers is refused. (Text columns are left-aligned instead.)
    const ambiguous = limit === MAX_COLUMN_OFFSET.points && second && Math.abs(best.x! - cx) * 2 > Math.abs(second.x! - cx);
    if (Math.abs(best.x! - cx) > limit || used.has(best) || ambiguous) return null;
    used.add(best);
    out.push({ leaf: best, cell: v.cell });
  }
  return out;
}

/** Horizontal extent of a cell if it has a box. */
export const spanX = (c: Cell): [number, number] | undefined => (c.bbox ? [c.bbox.x0, c.bbox.x1] : undefined);

/** Horizontal centre of a cell if it has a box. */
export const centreX = (c: Cell): number | undefined => (c.bbox ? (c.bbox.x0 + c.bbox.x1) / 2 : undefined);

/** Order header leaves left to right: by position when every leaf has one, else by column. */
export function sortLeaves(leaves: Leaf[]): Leaf[] {
  const byX = leaves.every((l) => l.x !== undefined);
  return leaves.sort((a, b) => (byX ? a.x! - b.x! : a.col - b.col));
}
