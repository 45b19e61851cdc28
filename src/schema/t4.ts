import type { Table } from '../model';
import { blockIn, t4BlockOf, t4ColumnOf as columnOf } from './cues';
import { T4_BLOCKS, T4_COLUMNS } from './fields';
import { CellSink } from './mapping';
import { assignValues, centreX, spanX, filledValues, rowViews, sortLeaves, type Leaf } from './rows';
import { hasSlots, slotCells, slotPlan, valueColumns } from './slots';
import { T4 } from './spec';

/** Printed label path of each block ("行政诉讼 / 复议后起诉"). */
const BLOCK_NAMES: Record<string, string> = Object.fromEntries(T4_BLOCKS.map((b) => [b.key, b.label]));
const BLOCK_LIST = T4.blocks.map((b) => b.label).join(' / ');
/** Each block's columns start again with this one (结果维持). */
const FIRST_COLUMN = T4_COLUMNS[0].key;
/** The 15 columns in their printed order: three blocks of five. */
export const T4_STANDARD = T4_BLOCKS.flatMap((b) => T4_COLUMNS.map((c) => ({ key: `${b.key}.${c.key}`, label: `${b.label} / ${c.label}` })));

interface BlockHead { key: string; col: number; colEnd: number; x: number }

/**
 * Which block each leaf column sits under. A real grid says it by spans (the block header covers
 * its five columns). Where spans are lost (plain text, stream layouts) the leaves still come as
 * runs that each start again at 结果维持: the k-th run belongs to the k-th block, left to right.
 */
function assignBlocks(leaves: Leaf[], blocks: BlockHead[]): (string | undefined)[] {
  const spanned = blocks.filter((b) => b.colEnd > b.col);
  const covered = leaves.map((l) => spanned.find((b) => b.col <= l.col && l.col <= b.colEnd)?.key);
  if (covered.every(Boolean)) return covered;
  const runs: number[] = [];
  let run = -1;
  for (const l of leaves) { if (l.key === FIRST_COLUMN || run < 0) run++; runs.push(run); }
  if (run + 1 === blocks.length) return runs.map((r) => blocks[r].key);
  return leaves.map((l) => blocks.filter((b) => b.col <= l.col).sort((a, b) => b.col - a.col)[0]?.key);
}

/** Table 四: header leaves (结果维持 … 总计) under block headers; one row of values. */
export function mapT4(table: Table, tableIndex: number, context: string[], sink: CellSink): boolean {
  const rows = rowViews(table);
  const isData = (i: number) => filledValues(rows[i]).length >= 3 && rows[i].labels.every((l) => !columnOf(l.cell.text));
  const dataRows = rows.map((_, i) => i).filter(isData);
  if (!dataRows.length) return false;
  const first = dataRows[0];
  const blocks: BlockHead[] = [];
  const leaves: Leaf[] = [];
  const seen = new Set<number>();
  for (const r of rows.slice(0, first)) {
    for (const { cell, col } of r.cells) {
      if (seen.has(cell.id)) continue;
      seen.add(cell.id);
      const block = t4BlockOf(cell.text);
      if (block) blocks.push({ key: block, col, colEnd: col + cell.colSpan - 1, x: centreX(cell) ?? col });
      const c = columnOf(cell.text);
      if (c) leaves.push({ key: c, col, x: centreX(cell), span: spanX(cell), label: cell.text.replace(/\s+/g, '') });
    }
  }
  sortLeaves(leaves);
  blocks.sort((a, b) => a.x - b.x);
  // A table without block headers is one block named by its caption (separately printed blocks).
  const captionBlock = [...context].reverse().map(blockIn).find(Boolean);
  const blockOf = assignBlocks(leaves, blocks);
  leaves.forEach((leaf, i) => {
    const block = blockOf[i] ?? (blocks.length ? undefined : captionBlock);
    leaf.key = block ? `${block}.${leaf.key}` : `?.${leaf.key}`;
    leaf.label = block ? `${BLOCK_NAMES[block]} / ${leaf.label}` : leaf.label;
  });
  // By slot: the 15 value slots named by the header, or by the standard order where the header is
  // unreadable or was printed outside the table (a line of words above a row of 15 numbers).
  // Text without real columns: a row of exactly 15 values, none missing, still gives the 15 slots.
  const full = dataRows.length === 1 && rows[first].values.length === T4_STANDARD.length && filledValues(rows[first]).length === T4_STANDARD.length;
  const cols = hasSlots(table) || full ? valueColumns(table, dataRows.map((i) => rows[i])) : [];
  const named = leaves.filter((l) => !l.key.startsWith('?'));
  // A full row of 15 under header lines that did not keep their columns (text laid out by spaces:
  // each header line one cell) takes the standard order, as when the header is unreadable.
  const lineCells = table.method.startsWith('text-') && new Set(named.map((l) => l.col)).size <= 1;
  const plan = slotPlan(named, cols, T4_STANDARD) ?? (full && lineCells ? slotPlan([], cols, T4_STANDARD) : null);
  const headerText = first > 0 || context.some((t) => /行政复议/.test(t) && /行政诉讼/.test(t));
  if (plan && (named.length === cols.length || headerText)) {
    if (plan.assumed.some(Boolean)) sink.warn('header-unreadable', `table 四 header names ${named.length} of its 15 columns; its 15 value slots are taken in the standard order`);
    for (const i of dataRows) {
      const cells = slotCells(table, rows[i], cols);
      if (!cells) { sink.warn('row-unmappable', `table 四 row ${i + 1} does not fit the 15 value slots; not mapped`); continue; }
      cells.forEach((cell, k) => sink.put(`t4.${plan.keys[k]}`, cell, BLOCK_NAMES[plan.keys[k].split('.')[0]], plan.labels[k], { assumedColumn: plan.assumed[k], tableIndex }));
    }
    return true;
  }
  if (!leaves.length) {
    sink.warn('header-unreadable', 'table 四 header names none of its columns; not mapped');
    return true;
  }
  if (leaves.some((l) => l.key.startsWith('?'))) {
    sink.warn('header-unreadable', `table 四 columns whose block (${BLOCK_LIST}) is not printed; not mapped`);
    return true;
  }
  for (const i of dataRows) {
    const pairs = assignValues(rows[i], leaves, table);
    if (!pairs) {
      sink.warn('row-unmappable', `table 四 row ${i + 1}: ${rows[i].values.length} values for ${leaves.length} columns; not mapped`);
      continue;
    }
    for (const { leaf, cell } of pairs) sink.put(`t4.${leaf.key}`, cell, BLOCK_NAMES[leaf.key.split('.')[0]], leaf.label, { tableIndex });
  }
  return true;
}
