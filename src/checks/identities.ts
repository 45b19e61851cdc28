import type { CellValue, CheckResult } from '../model';
import { T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_COLUMNS, type Version } from '../schema/fields';

/** Floating tolerance for decimal comparisons; counts are integers. */
const EPS = 1e-6;

function check(id: string, scope: string, description: string, left: string[], right: string[], cells: Record<string, CellValue>): CheckResult | null {
  const involved = [...left, ...right];
  if (!involved.some((c) => c in cells)) return null;
  const values: Record<string, number | null> = {};
  const missing: string[] = [];
  for (const c of involved) {
    const v = cells[c]?.value ?? null;
    values[c] = v;
    if (v === null) missing.push(c);
  }
  if (missing.length) return { id, scope, description, outcome: 'skipped', left: null, right: null, values, missing };
  const sum = (codes: string[]) => codes.reduce((s, c) => s + (values[c] as number), 0);
  const l = sum(left), r = sum(right);
  return { id, scope, description, outcome: Math.abs(l - r) < EPS ? 'pass' : 'fail', left: l, right: r, values };
}

/**
 * The format's accounting identities (spec/formats.md), each per column, row or block.
 * Diagnostics only: a failed identity is reported, the printed values stay as printed.
 */
export function runChecks(cells: Record<string, CellValue>, t3Shape: Version = '2021'): CheckResult[] {
  const out: CheckResult[] = [];
  const push = (r: CheckResult | null) => { if (r) out.push(r); };
  const resultRows = T3_ROWS.filter((r) => r.versions.includes(t3Shape)).map((r) => r.key)
    .filter((k) => !['new_received', 'carried_over', 'total_processed', 'carried_forward'].includes(k));
  for (const col of T3_COLUMNS) {
    const c = (row: string) => `t3.${row}.${col.key}`;
    push(check('t3.balance', `table 三 column ${col.label}`, '一 + 二 = （七）总计 + 四',
      [c('new_received'), c('carried_over')], [c('total_processed'), c('carried_forward')], cells));
    push(check('t3.results_sum', `table 三 column ${col.label}`, '（七）总计 = （一）+（二）+（三）+（四）+（五）+（六）',
      [c('total_processed')], resultRows.map(c), cells));
  }
  for (const row of T3_ROWS.filter((r) => r.versions.includes(t3Shape))) {
    const c = (col: string) => `t3.${row.key}.${col}`;
    push(check('t3.row_sum', `table 三 row ${row.label}`, '总计 = 自然人 + 法人或其他组织（5 列）',
      [c('total')], T3_COLUMNS.filter((x) => x.key !== 'total').map((x) => c(x.key)), cells));
  }
  for (const b of T4_BLOCKS) {
    const c = (col: string) => `t4.${b.key}.${col}`;
    push(check('t4.block_sum', `table 四 ${b.label}`, '结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计',
      T4_COLUMNS.filter((x) => x.key !== 'total').map((x) => c(x.key)), [c('total')], cells));
  }
  return out;
}
