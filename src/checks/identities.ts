import type { CellValue, CheckResult } from '../model';
import { T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_COLUMNS, type Version } from '../schema/fields';
import { T3, T4, type IdentitySpec, type Side } from '../schema/spec';

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

/** A table as the identities see it: value rows (table 四's blocks) by columns, one code per slot. */
interface Grid {
  numeral: string;
  rows: { key: string; label: string; within: string[] }[];
  columns: { key: string; label: string }[];
  code: (row: string, column: string) => string;
  identities: IdentitySpec[];
}

const keys = (xs: { key: string }[]) => xs.map((x) => x.key);

/** The rows (per column) or columns (per row or block) a side of an identity names. */
function resolve(side: Side, other: Side, g: Grid, across: 'rows' | 'columns'): string[] {
  if (Array.isArray(side)) return side;
  if ('rowsUnder' in side) return g.rows.filter((r) => r.within.includes(side.rowsUnder) && !side.except.includes(r.key)).map((r) => r.key);
  const named = Array.isArray(other) ? other : [];
  return keys(g[across]).filter((k) => !named.includes(k));
}

/** Every identity of one table: per column first (each column's identities together), then per row or block. */
function gridChecks(g: Grid, cells: Record<string, CellValue>): CheckResult[] {
  const out: CheckResult[] = [];
  const push = (r: CheckResult | null) => { if (r) out.push(r); };
  const perColumn = g.identities.filter((i) => i.per === 'column');
  for (const col of g.columns) {
    for (const i of perColumn) {
      const codes = (s: Side, o: Side) => resolve(s, o, g, 'rows').map((row) => g.code(row, col.key));
      push(check(i.id, `table ${g.numeral} column ${col.label}`, i.description, codes(i.left, i.right), codes(i.right, i.left), cells));
    }
  }
  const perRow = g.identities.filter((i) => i.per !== 'column');
  for (const row of g.rows) {
    for (const i of perRow) {
      const codes = (s: Side, o: Side) => resolve(s, o, g, 'columns').map((col) => g.code(row.key, col));
      const scope = i.per === 'row' ? `table ${g.numeral} row ${row.label}` : `table ${g.numeral} ${row.label}`;
      push(check(i.id, scope, i.description, codes(i.left, i.right), codes(i.right, i.left), cells));
    }
  }
  return out;
}

/**
 * The format's accounting identities (src/schema/spec: `identities` of each table), each per
 * column, row or block. Diagnostics only: a failed identity is reported, the printed values stay
 * as printed.
 */
export function runChecks(cells: Record<string, CellValue>, t3Shape: Version = '2021'): CheckResult[] {
  const t3: Grid = {
    numeral: T3.numeral, rows: T3_ROWS.filter((r) => r.versions.includes(t3Shape)), columns: T3_COLUMNS,
    code: (row, col) => `t3.${row}.${col}`, identities: T3.identities,
  };
  const t4: Grid = {
    numeral: T4.numeral, rows: T4_BLOCKS.map((b) => ({ ...b, within: [] })), columns: T4_COLUMNS,
    code: (block, col) => `t4.${block}.${col}`, identities: T4.identities,
  };
  return [...gridChecks(t3, cells), ...gridChecks(t4, cells)];
}
