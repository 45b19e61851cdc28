/**
 * The official layout of tables 二/三/四 in each format, derived from the field list so the review
 * page draws exactly the cells the schema knows (src/schema/fields.ts), in the printed order.
 */
import { FIELDS, T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_COLUMNS, type Version } from '../../schema/fields';

/** Table 二: blocks of 第二十条第（x）项, each a small grid of rows x columns. */
export interface T2Layout {
  groups: { title: string; columns: string[]; rows: { label: string; codes: (string | null)[] }[] }[];
}
/** Tables 三/四: label paths (split on " / ") of rows and columns, and the code prefix. */
export interface GridLayout {
  rows: { key: string; path: string[] }[];
  columns: { key: string; path: string[] }[];
}
export interface Layouts {
  t2: Record<Version, T2Layout>;
  t3: Record<Version, GridLayout>;
  t4: GridLayout;
}

const split = (label: string) => label.split(' / ').map((s) => s.trim());

/** `本年处理决定数量 (2019: 处理决定数量)` names the column differently per format. */
function columnLabelFor(label: string, version: Version): string {
  const m = /^(.*?)\s*\((\d{4}): ([^)]*)\)$/.exec(label);
  if (!m) return label;
  return m[2] === version ? m[3] : m[1];
}

/** Printed column order of table 二 (the field list is ordered by format, not by print order). */
const T2_COLUMN_ORDER = ['issued', 'repealed', 'in_force', 'new_made', 'new_published', 'total_published', 'prev_items', 'change', 'decisions', 'items', 'amount'];
const ARTICLE_ITEM = '一二三四五六七八九十';
const itemNo = (group: string) => ARTICLE_ITEM.indexOf(/（(.)）项/.exec(group)?.[1] ?? '') + 1 || 99;
const colNo = (code: string) => { const i = T2_COLUMN_ORDER.indexOf(code.split('.')[2]); return i < 0 ? 99 : i; };

function t2Layout(version: Version): T2Layout {
  const groups: T2Layout['groups'] = [];
  const fields = FIELDS.filter((x) => x.table === 2 && x.versions.includes(version))
    .sort((a, b) => itemNo(a.group) - itemNo(b.group) || colNo(a.code) - colNo(b.code));
  for (const f of fields) {
    let g = groups.find((x) => x.title === f.group);
    if (!g) groups.push((g = { title: f.group, columns: [], rows: [] }));
    const col = columnLabelFor(f.columnLabel, version);
    let ci = g.columns.indexOf(col);
    if (ci < 0) { g.columns.push(col); ci = g.columns.length - 1; }
    let row = g.rows.find((r) => r.label === f.rowLabel);
    if (!row) g.rows.push((row = { label: f.rowLabel, codes: [] }));
    row.codes[ci] = f.code;
  }
  for (const g of groups) for (const r of g.rows) r.codes = g.columns.map((_, i) => r.codes[i] ?? null);
  return { groups };
}

function t3Layout(version: Version): GridLayout {
  return {
    rows: T3_ROWS.filter((r) => r.versions.includes(version)).map((r) => ({ key: `t3.${r.key}`, path: split(r.label) })),
    columns: T3_COLUMNS.map((c) => ({ key: c.key, path: split(c.label) })),
  };
}

function t4Layout(): GridLayout {
  // Table 四 prints the three blocks side by side as one row: each block is a column group.
  return {
    rows: [{ key: 't4', path: [] }],
    columns: T4_BLOCKS.flatMap((b) => T4_COLUMNS.map((c) => ({ key: `${b.key}.${c.key}`, path: [...split(b.label), c.label] }))),
  };
}

export function layouts(): Layouts {
  return {
    t2: { '2019': t2Layout('2019'), '2021': t2Layout('2021') },
    t3: { '2019': t3Layout('2019'), '2021': t3Layout('2021') },
    t4: t4Layout(),
  };
}

/** Codes printed only by one format, to tell a table's shape from the codes it yielded. */
const exclusive = new Map<string, Set<string>>();
export function exclusiveCodes(table: 2 | 3, version: Version): Set<string> {
  const key = `${table}:${version}`;
  const hit = exclusive.get(key);
  if (hit) return hit;
  const other: Version = version === '2019' ? '2021' : '2019';
  const set = new Set(FIELDS.filter((f) => f.table === table && f.versions.includes(version) && !f.versions.includes(other)).map((f) => f.code));
  exclusive.set(key, set);
  return set;
}
