import type { Table } from '../model';
import { T4_BLOCK_LABELS, T4_COLUMN_LABELS } from './labels';
import { CellSink } from './mapping';
import { normLabel } from './normalize';
import { assignValues, centreX, spanX, filledValues, rowViews, sortLeaves, type Leaf } from './rows';
import { hasSlots, slotCells, slotPlan, valueColumns } from './slots';

const BLOCK_NAMES: Record<string, string> = { review: '行政复议', suit_direct: '行政诉讼 / 未经复议直接起诉', suit_after_review: '行政诉讼 / 复议后起诉' };
const COLUMN_NAMES: Record<string, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' };
/** The 15 columns in their printed order: three blocks of five. */
export const T4_STANDARD = Object.keys(BLOCK_NAMES).flatMap((b) => Object.keys(COLUMN_NAMES).map((c) => ({ key: `${b}.${c}`, label: `${BLOCK_NAMES[b]} / ${COLUMN_NAMES[c]}` })));

/** Which block a caption or heading names ("行政诉讼（复议后起诉）" → suit_after_review). */
export function blockIn(text: string): string | undefined {
  const t = normLabel(text);
  // Longest names first: "未经复议直接起诉" and "复议后起诉" both contain "复议".
  if (t.includes('未经复议直接起诉') || t.includes('直接起诉')) return 'suit_direct';
  if (t.includes('复议后起诉')) return 'suit_after_review';
  if (t.includes('行政复议')) return 'review';
  return undefined;
}

const columnOf = (text: string) => {
  const t = normLabel(text).replace(/[()]/g, '');
  return T4_COLUMN_LABELS.find((e) => e.names.includes(t))?.key;
};

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
  for (const l of leaves) { if (l.key === 'upheld' || run < 0) run++; runs.push(run); }
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
      const block = T4_BLOCK_LABELS.find((e) => e.names.includes(normLabel(cell.text)))?.key ?? (normLabel(cell.text).length <= 12 ? blockIn(cell.text) : undefined);
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
  const plan = slotPlan(named, cols, T4_STANDARD);
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
    sink.warn('header-unreadable', 'table 四 columns whose block (行政复议 / 未经复议直接起诉 / 复议后起诉) is not printed; not mapped');
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
