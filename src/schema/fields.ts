/**
 * Every statistical cell of the 2019 and 2021 formats, derived from the table specs
 * (src/schema/spec) and checked code for code against ../shared/spec/fields.csv by a test.
 * Codes are `t2.<row>.<column>`, `t3.<row>.<applicant column>`, `t4.<block>.<column>`.
 */
import { T2, T3, T4, VERSIONS, type Printed, type T3Row, type ValueType, type Version } from './spec';

export type { Version } from './spec';

export interface FieldDef {
  code: string;
  versions: Version[];
  table: 2 | 3 | 4;
  group: string;
  rowLabel: string;
  columnLabel: string;
  unit: string;
  type: ValueType;
}

/** A printed text in one format (undefined when that format does not print it). */
export const printedIn = (p: Printed, v: Version): string | undefined => (typeof p === 'string' ? p : p[v]);

/** Every wording of a printed text, newest format first. */
export const printings = (p: Printed): string[] => [...new Set(VERSIONS.map((v) => printedIn(p, v)).filter((s): s is string => !!s))];

/** One label for a cell several formats print: the newest wording, then any other as `(2019: …)`. */
function labelAcross(p: Printed, versions: Version[]): string {
  const [first, ...rest] = VERSIONS.filter((v) => versions.includes(v)).map((v) => [v, printedIn(p, v)!] as const);
  return [first[1], ...rest.filter(([, l]) => l !== first[1]).map(([v, l]) => `(${v}: ${l})`)].join(' ');
}

const ascending = (vs: Version[]) => [...vs].sort();
const BOTH: Version[] = ascending([...VERSIONS]);

// ---- table 二 --------------------------------------------------------------------------------
/** The formats that print cell (row, column) of table 二. */
export function t2Versions(row: string, column: string): Version[] {
  const r = T2.rows.find((x) => x.key === row);
  return r ? ascending(VERSIONS.filter((v) => r.columns[v]?.includes(column))) : [];
}

/** Table 二 in the order of fields.csv: the 2021 cells in print order, then those only 2019 prints. */
function t2Fields(): FieldDef[] {
  const out: FieldDef[] = [];
  for (const v of VERSIONS) {
    for (const row of T2.rows) {
      for (const col of T2.columns) {
        const code = `t2.${row.key}.${col.key}`;
        if (!row.columns[v]?.includes(col.key) || out.some((f) => f.code === code)) continue;
        const versions = t2Versions(row.key, col.key);
        out.push({ code, versions, table: 2, group: row.item, rowLabel: labelAcross(row.label, versions), columnLabel: labelAcross(col.label, versions),
          unit: printedIn(col.unit ?? '件', v)!, type: col.type ?? 'integer' });
      }
    }
  }
  return out;
}

// ---- table 三 --------------------------------------------------------------------------------
export interface T3RowDef {
  /** Row part of the field codes. */
  key: string;
  versions: Version[];
  /** Label path as printed, levels joined by " / ". */
  label: string;
  /** The same path as a list. */
  path: string[];
  /** Keys of the heading rows the row is printed inside, outermost first. */
  within: string[];
}

const t3Row = (key: string) => T3.rows.find((r) => r.key === key)!;
/** The heading rows above a row, outermost first. */
export function t3Ancestors(row: T3Row): T3Row[] {
  const out: T3Row[] = [];
  for (let r = row.under ? t3Row(row.under) : undefined; r; r = r.under ? t3Row(r.under) : undefined) out.unshift(r);
  return out;
}
/** Rows printed inside a row. */
export const t3Children = (key: string) => T3.rows.filter((r) => r.under === key);

/** The value rows of table 三 in print order (a heading row's own values where it has them). */
export const T3_ROWS: T3RowDef[] = T3.rows.flatMap((r): T3RowDef[] => {
  const above = t3Ancestors(r);
  const path = [...above.map((a) => a.label), r.label];
  const def = (key: string, versions: Version[]) => ({ key, versions: ascending(versions), label: path.join(' / '), path, within: above.map((a) => a.key) });
  if (r.ownValues) return [def(r.ownValues.code, r.ownValues.versions)];
  return t3Children(r.key).length ? [] : [def(r.key, r.versions ?? BOTH)];
});

/** Applicant columns that are fields, with their header path. */
export const T3_COLUMNS: { key: string; label: string; path: string[] }[] = T3.columns.filter((c) => !c.noField)
  .map((c) => { const path = c.group ? [c.group, c.label] : [c.label]; return { key: c.key, label: path.join(' / '), path }; });

// ---- table 四 --------------------------------------------------------------------------------
export const T4_BLOCKS: { key: string; label: string; path: string[] }[] = T4.blocks
  .map((b) => { const path = b.group ? [b.group, b.label] : [b.label]; return { key: b.key, label: path.join(' / '), path }; });
export const T4_COLUMNS: { key: string; label: string }[] = T4.columns.map((c) => ({ key: c.key, label: c.label }));

function build(): FieldDef[] {
  const out = t2Fields();
  for (const r of T3_ROWS) {
    for (const c of T3_COLUMNS) {
      out.push({ code: `t3.${r.key}.${c.key}`, versions: r.versions, table: 3, group: T3.title, rowLabel: r.label, columnLabel: c.label, unit: '件', type: 'integer' });
    }
  }
  for (const b of T4_BLOCKS) {
    for (const c of T4_COLUMNS) {
      out.push({ code: `t4.${b.key}.${c.key}`, versions: BOTH, table: 4, group: T4.title, rowLabel: b.label, columnLabel: c.label, unit: '件', type: 'integer' });
    }
  }
  return out;
}

export const FIELDS: FieldDef[] = build();
export const FIELD_BY_CODE: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((f) => [f.code, f]));

/** Codes a table of the given shape prints. */
export function codesFor(table: 2 | 3 | 4, version: Version): string[] {
  return FIELDS.filter((f) => f.table === table && f.versions.includes(version)).map((f) => f.code);
}
