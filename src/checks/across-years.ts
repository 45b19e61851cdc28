import type { ReportRecord } from '../model';
import { T3_COLUMNS } from '../schema/fields';
import { normLabel } from '../schema/normalize';

export interface CrossYearCheck {
  id: 't3.carry_chain' | 't2.in_force_chain';
  agency: string;
  year: number;
  previousYear: number;
  file: string;
  previousFile: string;
  scope: string;
  description: string;
  outcome: 'pass' | 'fail' | 'skipped';
  left: number | null;
  right: number | null;
}

/**
 * Identities between consecutive years of one body (spec/formats.md): 上年结转[Y] =
 * 结转下年度继续办理[Y−1] per applicant column, and, for the 2021 table 二, 现行有效件数[Y] ≈
 * 现行有效件数[Y−1] + 本年制发件数[Y] − 本年废止件数[Y] (often broken by 自然失效: a hint, not an error).
 * Bodies are matched by their normalized agency name.
 */
export function crossYearChecks(records: ReportRecord[]): CrossYearCheck[] {
  const byBody = new Map<string, Map<number, ReportRecord>>();
  for (const r of records) {
    if (!r.report.agency || r.report.year === null || !Object.keys(r.cells).length) continue;
    const key = normLabel(r.report.agency);
    const years = byBody.get(key) ?? new Map<number, ReportRecord>();
    if (!years.has(r.report.year)) years.set(r.report.year, r);
    byBody.set(key, years);
  }
  const out: CrossYearCheck[] = [];
  for (const years of byBody.values()) {
    for (const [year, cur] of years) {
      const prev = years.get(year - 1);
      if (!prev) continue;
      const base = { agency: cur.report.agency!, year, previousYear: year - 1, file: cur.source.file, previousFile: prev.source.file };
      const val = (r: ReportRecord, code: string) => r.cells[code]?.value ?? null;
      for (const col of T3_COLUMNS) {
        const l = val(cur, `t3.carried_over.${col.key}`), r = val(prev, `t3.carried_forward.${col.key}`);
        out.push({ ...base, id: 't3.carry_chain', scope: `table 三 column ${col.label}`, description: '上年结转[Y] = 结转下年度继续办理[Y−1]',
          outcome: l === null || r === null ? 'skipped' : l === r ? 'pass' : 'fail', left: l, right: r });
      }
      for (const row of ['regulations', 'normative_docs']) {
        const now = val(cur, `t2.${row}.in_force`), before = val(prev, `t2.${row}.in_force`);
        const issued = val(cur, `t2.${row}.issued`), repealed = val(cur, `t2.${row}.repealed`);
        const known = now !== null && before !== null && issued !== null && repealed !== null;
        const right = known ? before! + issued! - repealed! : null;
        out.push({ ...base, id: 't2.in_force_chain', scope: `table 二 ${row === 'regulations' ? '规章' : '行政规范性文件'}`,
          description: '现行有效件数[Y] ≈ 现行有效件数[Y−1] + 本年制发件数[Y] − 本年废止件数[Y] (自然失效 may break it)',
          outcome: !known ? 'skipped' : now === right ? 'pass' : 'fail', left: known ? now : null, right });
      }
    }
  }
  return out;
}
