/**
 * The official layout of tables 二/三/四 in each format, derived from the table specs
 * (src/schema/spec) so the review page draws exactly the cells the schema knows, in print order.
 */
import { FIELDS, printedIn, T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_COLUMNS, type Version } from '../../schema/fields';
import { T2, T3, TABLES } from '../../schema/spec';

/** Table 二: blocks of 第二十条第（x）项, each a small grid of rows x columns. */
export interface T2Layout {
  groups: { title: string; columns: string[]; rows: { label: string; codes: (string | null)[] }[] }[];
}
/** Tables 三/四: label paths of rows and columns, and the code prefix. */
export interface GridLayout {
  rows: { key: string; path: string[] }[];
  columns: { key: string; path: string[] }[];
}
export interface Layouts {
  t2: Record<Version, T2Layout>;
  t3: Record<Version, GridLayout>;
  t4: GridLayout;
  /** Section heading of each table ("三、收到和处理政府信息公开申请情况") and its numeral. */
  titles: Record<2 | 3 | 4, string>;
  numerals: Record<2 | 3 | 4, string>;
  /** Printed header words: table 二's first header cell, table 三's top-left note and the group over its applicant columns. */
  headers: { t2Corner: string; t3Note: string; t3Applicants: string };
}

function t2Layout(version: Version): T2Layout {
  const printed = T2.rows.filter((r) => r.columns[version]);
  const items = [...new Set(printed.map((r) => r.item))];
  return {
    groups: items.map((item) => {
      const rows = printed.filter((r) => r.item === item);
      // The item's columns: those any of its rows prints, in print order.
      const columns = T2.columns.filter((c) => rows.some((r) => r.columns[version]!.includes(c.key)));
      return {
        title: item,
        columns: columns.map((c) => printedIn(c.label, version)!),
        rows: rows.map((r) => ({ label: printedIn(r.label, version)!, codes: columns.map((c) => (r.columns[version]!.includes(c.key) ? `t2.${r.key}.${c.key}` : null)) })),
      };
    }),
  };
}

function t3Layout(version: Version): GridLayout {
  return {
    rows: T3_ROWS.filter((r) => r.versions.includes(version)).map((r) => ({ key: `t3.${r.key}`, path: r.path })),
    columns: T3_COLUMNS.map((c) => ({ key: c.key, path: c.path })),
  };
}

function t4Layout(): GridLayout {
  // Table 四 prints the three blocks side by side as one row: each block is a column group.
  return {
    rows: [{ key: 't4', path: [] }],
    columns: T4_BLOCKS.flatMap((b) => T4_COLUMNS.map((c) => ({ key: `${b.key}.${c.key}`, path: [...b.path, c.label] }))),
  };
}

const byTable = <T>(f: (t: (typeof TABLES)[2 | 3 | 4]) => T) => ({ 2: f(TABLES[2]), 3: f(TABLES[3]), 4: f(TABLES[4]) });

export function layouts(): Layouts {
  return {
    t2: { '2019': t2Layout('2019'), '2021': t2Layout('2021') },
    t3: { '2019': t3Layout('2019'), '2021': t3Layout('2021') },
    t4: t4Layout(),
    titles: byTable((t) => `${t.numeral}、${t.title}`),
    numerals: byTable((t) => t.numeral),
    headers: { t2Corner: T2.corner, t3Note: T3.header.note, t3Applicants: T3.header.applicants },
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
