import type { ReportRecord } from '../model';
import { printedIn, T3_COLUMNS } from '../schema/fields';
import { normLabel } from '../schema/normalize';
import { T2, T3, type AcrossYearsSpec } from '../schema/spec';

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

type Val = (r: ReportRecord, code: string) => number | null;

/**
 * One chain: current[Y] = previous[Y−1] (+ plus[Y] − minus[Y]). A plain chain shows both printed
 * sides even when one is missing; an adjusted one shows its sides only when every term is known.
 */
function chain(spec: AcrossYearsSpec, cur: ReportRecord, prev: ReportRecord, code: (part: string) => string, val: Val) {
  const now = val(cur, code(spec.current)), before = val(prev, code(spec.previous));
  const plus = (spec.plus ?? []).map((p) => val(cur, code(p))), minus = (spec.minus ?? []).map((m) => val(cur, code(m)));
  const adjusted = plus.length + minus.length > 0;
  const known = [now, before, ...plus, ...minus].every((v) => v !== null);
  const sum = (xs: (number | null)[]) => xs.reduce((s: number, v) => s + v!, 0);
  const right = known ? before! + sum(plus) - sum(minus) : adjusted ? null : before;
  return { outcome: !known ? 'skipped' as const : now === right ? 'pass' as const : 'fail' as const, left: known || !adjusted ? now : null, right };
}

/**
 * Identities between consecutive years of one body (the `acrossYears` of the table specs):
 * 上年结转[Y] = 结转下年度继续办理[Y−1] per applicant column, and, for the 2021 table 二, 现行有效件数[Y] ≈
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
      const val: Val = (r, code) => r.cells[code]?.value ?? null;
      for (const spec of T3.acrossYears) {
        for (const col of T3_COLUMNS) {
          out.push({ ...base, id: spec.id, scope: `table ${T3.numeral} column ${col.label}`, description: spec.description, ...chain(spec, cur, prev, (row) => `t3.${row}.${col.key}`, val) });
        }
      }
      for (const spec of T2.acrossYears) {
        for (const row of T2.rows.filter((r) => spec.rows?.includes(r.key))) {
          out.push({ ...base, id: spec.id, scope: `table ${T2.numeral} ${printedIn(row.label, '2021')}`, description: spec.description, ...chain(spec, cur, prev, (col) => `t2.${row.key}.${col}`, val) });
        }
      }
    }
  }
  return out;
}
