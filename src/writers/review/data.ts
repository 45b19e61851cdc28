/**
 * The review page's data: every record reduced to what the page shows, in a compact shape so
 * 50,000 reports stay tens of megabytes and parse in a fraction of a second. Codes are
 * indexes into one shared list; values are arrays aligned with a run-length list of code indexes;
 * only cells that differ from the common case carry their printed text, labels or flags.
 */
import type { CellValue, ReportRecord, TableSummary } from '../../model';
import { FIELDS, type Version } from '../../schema/fields';
import { exclusiveCodes, layouts, type Layouts } from './layout';

/** More warnings than this per report are counted but not embedded (a broken file can emit thousands). */
const MAX_WARNINGS_EMBEDDED = 100;

/** A page image file (relative to review.html); `rg` the page region it shows [x0, y0, x1, y1]
 * in points, to mark cells on it. */
export interface ThumbRef { page: number; src: string; cropped: boolean; rg: [number, number, number, number]; w: number; h: number }
export interface ReportThumbs { thumbs: ThumbRef[]; note?: string }

/** Embedded in review.html: what every report's data refers to, and where the data is. */
export interface Payload {
  version: 2;
  extractor: string;
  codes: string[];
  labels: Record<number, [row: string, column: string, unit: string]>;
  layouts: Layouts;
  /** Reports in all list chunks. */
  n: number;
  /** Folder of the chunk files, relative to review.html. */
  dir: string;
  /** List chunk files in order; each calls `xxgk.l(summary)` once per report (~300 bytes each). */
  list: string[];
  /** Reports per detail chunk: report i is in detail-<floor(i / dc)>.js, which calls `xxgk.d(i, detail)`. */
  dc: number;
}

export interface ReportSummary {
  /** Stable index (position in the outputs); its detail is in detail chunk floor(i / dc). */
  i: number;
  f: string; st: string; fmt: string; rt?: string; y: number | null; a: string | null; ti: string | null; fv: string;
  why?: string; sha: string; pc?: number; sec?: number; aka?: string[];
  /** Counts: failed checks, warnings (not counting failed-check notes), low-confidence cells, cells, null cells. */
  nf: number; nw: number; nl: number; nc: number; nz: number;
}

/** Loaded only when the report is opened: its cells, checks and messages. */
export interface ReportDetail {
  tables: { t: number; fv: string; shape: Version; m: string[]; pg: number[]; e: number; n: number; z: number }[];
  /** Code indexes as ranges `a-b,c`, values aligned with them, pages run-length `[page, count][]`. */
  k: string; v: (number | null)[]; p: [number, number][];
  /** Per position in `v`: printed text when it is not just the value. */
  r: Record<number, string>;
  /**
   * Per position: [flags (1 low confidence, 2 assumed column), confidence | null, line | null,
   * printed row label, printed column label (both index `ls`), box on its page [x0, y0, x1, y1] | null].
   */
  x: Record<number, [number, number | null, number | null, number, number, [number, number, number, number] | null]>;
  /** The printed labels `x` refers to, each once (a row's label is shared by its 7 cells). */
  ls: string[];
  /** Failed checks: id, scope, description, left, right, involved code indexes. */
  cf: [string, string, string, number | null, number | null, number[]][];
  /** Skipped checks: id, scope, missing code indexes. */
  cs: [string, string, number[]][];
  np: number;
  /** Messages: severity, code, text, field code, where (`p.3` page or `l.99` line). */
  w: [string, string, string, string | null, string | null][];
  /** Count of every message by `severity code`, all of them (w is capped). */
  wc: Record<string, number>;
  wn: number;
  th?: ThumbRef[]; tn?: string;
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

function ranges(idx: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j] + 1) j++;
    out.push(j > i ? `${idx[i]}-${idx[j]}` : `${idx[i]}`);
    i = j + 1;
  }
  return out.join(',');
}

function runLength(xs: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const x of xs) {
    const last = out[out.length - 1];
    if (last && last[0] === x) last[1]++;
    else out.push([x, 1]);
  }
  return out;
}

/** The printed text says nothing more than the value. */
function plainRaw(c: CellValue): boolean {
  if (c.value === null) return false;
  return c.raw.trim() === String(c.value);
}

/** Which shape to draw a table in: from the codes it yielded, else what the record says. */
function shapeOf(table: 2 | 3, cells: Record<string, CellValue>, summary: TableSummary | undefined, reportFv: string): Version {
  const has = (v: Version) => [...exclusiveCodes(table, v)].filter((c) => c in cells).length;
  const a = has('2019'), b = has('2021');
  if (a !== b) return a > b ? '2019' : '2021';
  const fv = summary?.formatVersion ?? reportFv;
  return fv === '2019' ? '2019' : '2021';
}

/**
 * Summaries and details of records for the page. Code indexes are positions in `codes`: the
 * schema's field codes, then any other code in the order first met (`extra`, kept by the caller
 * across runs so chunks written earlier keep their meaning).
 */
export class PayloadBuilder {
  readonly codes: string[] = FIELDS.map((f) => f.code);
  private readonly index = new Map(this.codes.map((c, i) => [c, i]));
  private readonly labels: Payload['labels'] = {};

  constructor(extra: string[] = []) {
    FIELDS.forEach((f, i) => { this.labels[i] = [f.rowLabel, f.columnLabel, f.unit]; });
    for (const c of extra) this.code(c);
  }

  /** Codes beyond the schema's, in index order. */
  get extra(): string[] { return this.codes.slice(FIELDS.length); }

  private code(c: string): number {
    let i = this.index.get(c);
    if (i === undefined) { i = this.codes.length; this.codes.push(c); this.index.set(c, i); this.labels[i] = [c, '', '']; }
    return i;
  }

  summary(rec: ReportRecord, i: number): ReportSummary {
    const cells = rec.cells ?? {};
    const checks = rec.checks ?? [];
    const counted = (rec.warnings ?? []).filter((m) => m.code !== 'check-failed' && m.severity !== 'info');
    const values = Object.values(cells);
    return {
      i,
      f: rec.source.file, st: rec.status, fmt: rec.source.format, ...(rec.source.route ? { rt: rec.source.route } : {}),
      y: rec.report.year, a: rec.report.agency, ti: rec.report.title, fv: rec.report.formatVersion,
      ...(rec.statusReason ? { why: rec.statusReason } : {}), sha: rec.source.sha256,
      ...(rec.report.pageCount ? { pc: rec.report.pageCount } : {}),
      ...(rec.timing ? { sec: Math.round(rec.timing.seconds * 100) / 100 } : {}),
      ...(rec.source.aliases?.length ? { aka: rec.source.aliases } : {}),
      nf: checks.filter((c) => c.outcome === 'fail').length,
      nw: counted.length,
      nl: values.filter((c) => c.lowConfidence || c.assumedColumn).length,
      nc: values.length,
      nz: values.filter((c) => c.value === null).length,
    };
  }

  detail(rec: ReportRecord, thumbs?: ReportThumbs): ReportDetail {
    const cells = rec.cells ?? {};
    const checks = rec.checks ?? [];
    const failedCodes = new Set(checks.filter((c) => c.outcome === 'fail').flatMap((c) => Object.keys(c.values)));
    const entries = Object.entries(cells).map(([c, v]) => [this.code(c), c, v] as const).sort((a, b) => a[0] - b[0]);
    const r: ReportDetail['r'] = {}, x: ReportDetail['x'] = {};
    const ls: string[] = [], lsIndex = new Map<string, number>();
    const label = (t: string) => { let i = lsIndex.get(t); if (i === undefined) { i = ls.push(t) - 1; lsIndex.set(t, i); } return i; };
    entries.forEach(([, code, c], pos) => {
      if (!plainRaw(c)) r[pos] = c.raw ?? '';
      const flags = (c.lowConfidence ? 1 : 0) | (c.assumedColumn ? 2 : 0);
      if (flags || failedCodes.has(code) || c.value === null || c.confidence !== undefined) {
        x[pos] = [flags, c.confidence ?? null, c.line ?? null, label(c.rowLabel ?? ''), label(c.columnLabel ?? ''),
          c.bbox ? [c.bbox.x0, c.bbox.y0, c.bbox.x1, c.bbox.y1].map((n) => Math.round(n * 10) / 10) as [number, number, number, number] : null];
      }
    });
    const warnings = (rec.warnings ?? []).filter((m) => m.code !== 'check-failed');
    const sum = (t: 2 | 3 | 4) => rec.tables?.find((s) => s.table === t);
    return {
      tables: (rec.tables ?? []).map((t) => ({
        t: t.table, fv: t.formatVersion,
        shape: t.table === 4 ? '2021' : shapeOf(t.table, cells, sum(t.table), rec.report.formatVersion),
        m: t.methods, pg: t.pages, e: t.cellsExpected, n: t.cellsFound, z: t.cellsNull,
      })),
      k: ranges(entries.map((e) => e[0])),
      v: entries.map((e) => e[2].value),
      p: runLength(entries.map((e) => e[2].page ?? 0)),
      r, x, ls,
      cf: checks.filter((c) => c.outcome === 'fail').map((c) => [c.id, c.scope, c.description, c.left, c.right, Object.keys(c.values).map((k) => this.code(k))]),
      cs: checks.filter((c) => c.outcome === 'skipped').map((c) => [c.id, c.scope, (c.missing ?? []).map((k) => this.code(k))]),
      np: checks.filter((c) => c.outcome === 'pass').length,
      w: warnings.slice(0, MAX_WARNINGS_EMBEDDED).map((m) => [m.severity, m.code, m.message, m.field ?? null, m.where?.page ? `p.${m.where.page}` : m.where?.line ? `l.${m.where.line}` : null]),
      wc: countBy(warnings.map((m) => `${m.severity} ${m.code}`)),
      wn: warnings.length,
      ...(thumbs?.thumbs.length ? { th: thumbs.thumbs } : {}),
      ...(thumbs?.note ? { tn: thumbs.note } : {}),
    };
  }

  payload(extractor: string, n: number, dir: string, list: string[], dc: number): Payload {
    return { version: 2, extractor, codes: this.codes, labels: this.labels, layouts: layouts(), n, dir, list, dc };
  }
}
