/** Records for the review-page tests: hongze-2023 built from its truth file, and synthetic runs. */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { runChecks } from '../../src/checks/identities';
import type { CellValue, ReportRecord, TableSummary } from '../../src/model';
import { FIELD_BY_CODE, T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_COLUMNS, codesFor as allCodesFor, type Version } from '../../src/schema/fields';
import { EXTRACTOR } from '../../src/version';

import { REAL } from '../helpers/corpus';

export const HONGZE_PDF = `${REAL}/hongze-2023.pdf`;

/** Page of each hongze-2023 cell as the truth notes describe the layout. */
function hongzePage(code: string): number {
  if (code.startsWith('t2.')) return /^t2\.(penalty|coercion|fees)\./.test(code) ? 3 : 2;
  if (code.startsWith('t4.')) return 4;
  const row = code.split('.').slice(1, -1).join('.');
  const onPage3 = ['new_received', 'carried_over', 'granted', 'partially_granted', 'unavailable.not_held', 'unavailable.needs_creation'];
  return onPage3.includes(row) || row.startsWith('withheld.') ? 3 : 4;
}

/**
 * Boxes of table 四's 15 printed numbers on page 4 (poppler's word boxes, points, top-left origin):
 * the row of 15 numeric words at one height. Null when pdftotext is unavailable.
 */
function hongzeT4Boxes(): { x0: number; y0: number; x1: number; y1: number }[] | null {
  let xml: string;
  try { xml = execFileSync('pdftotext', ['-f', '4', '-l', '4', '-bbox', HONGZE_PDF, '-'], { encoding: 'utf8' }); } catch { return null; }
  const words = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(\d+)<\/word>/g)]
    .map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], text: m[5] }));
  const rows = new Map<number, typeof words>();
  for (const w of words) { const k = Math.round(w.y0); rows.set(k, [...(rows.get(k) ?? []), w]); }
  const row = [...rows.values()].find((r) => r.length === 15);
  return row ? row.sort((a, b) => a.x0 - b.x0).map(({ x0, y0, x1, y1 }) => ({ x0, y0, x1, y1 })) : null;
}

/**
 * The record the PDF reader should give for hongze-2023 (values from the hand-checked truth),
 * with the real identity checks: its table 四 prints 行政复议 10 1 0 0 with 总计 0.
 */
export function hongzeRecord(): ReportRecord {
  const truth = JSON.parse(readFileSync(`${HONGZE_PDF}.truth.json`, 'utf8')) as { cells: Record<string, number | null>; agency: string; year: number };
  const cells: Record<string, CellValue> = {};
  for (const [code, value] of Object.entries(truth.cells)) {
    const f = FIELD_BY_CODE.get(code)!;
    cells[code] = { value, raw: value === null ? '' : String(value), rowLabel: f.rowLabel, columnLabel: f.columnLabel, page: hongzePage(code), table: code.startsWith('t2.') ? 0 : code.startsWith('t3.') ? 1 : 2 };
  }
  const summary = (table: 2 | 3 | 4, shape: Version, fv: TableSummary['formatVersion']): TableSummary => {
    const codes = allCodesFor(table, shape);
    const found = codes.filter((c) => c in cells);
    const pages = [...new Set(found.map((c) => cells[c].page!))].sort();
    return { table, formatVersion: fv, methods: ['lattice'], pages, sources: [table - 2], cellsExpected: codes.length, cellsFound: found.length, cellsNull: found.filter((c) => cells[c].value === null).length };
  };
  const boxes = hongzeT4Boxes();
  if (boxes) T4_BLOCKS.flatMap((b) => T4_COLUMNS.map((c) => `t4.${b.key}.${c.key}`)).forEach((code, i) => { cells[code].bbox = boxes[i]; });
  const checks = runChecks(cells, '2019');
  const buf = readFileSync(HONGZE_PDF);
  return {
    source: { file: HONGZE_PDF, sha256: createHash('sha256').update(buf).digest('hex'), bytes: buf.length, format: 'pdf', route: 'text' },
    status: 'ok',
    report: { title: '洪泽区人民政府2023年政府信息公开工作年度报告', agency: truth.agency, year: truth.year, formatVersion: 'hybrid', pageCount: 5 },
    tables: [summary(2, '2021', '2021'), summary(3, '2019', '2019'), summary(4, '2021', '2021')],
    cells,
    checks,
    warnings: checks.filter((c) => c.outcome === 'fail').map((c) => ({ severity: 'warning' as const, code: 'check-failed', message: `${c.id} fails for ${c.scope}` })),
    extractor: EXTRACTOR,
  };
}

/** A deterministic pseudo-random generator (tests must not flake). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const AGENCIES = ['洪泽区人民政府', '平顶山市交通运输局', '沭阳县人民政府', '某市财政局', '某县自然资源局', '某区教育局', '某市生态环境局', '某省卫生健康委员会'];
const FORMATS = ['pdf', 'pdf', 'pdf', 'docx', 'html', 'html', 'txt', 'ole'];

/** `n` plausible records: full tables, some wrong totals, some OCR doubts, some failures. */
export function syntheticRecords(n: number, seed = 7): ReportRecord[] {
  const memo = new Map<string, string[]>();
  const codesFor = (t: 2 | 3 | 4, v: Version) => { const k = `${t}${v}`; if (!memo.has(k)) memo.set(k, allCodesFor(t, v)); return memo.get(k)!; };
  const rand = rng(seed);
  const out: ReportRecord[] = [];
  for (let i = 0; i < n; i++) {
    const fmt = FORMATS[Math.floor(rand() * FORMATS.length)];
    const year = 2019 + Math.floor(rand() * 7);
    const shape: Version = year < 2021 ? '2019' : '2021';
    const agency = AGENCIES[Math.floor(rand() * AGENCIES.length)] + (i % 97);
    const file = `reports/${year}/${agency}-${i}.${fmt === 'ole' ? 'doc' : fmt}`;
    const failed = rand() < 0.04;
    if (failed) {
      out.push({ source: { file, sha256: i.toString(16).padStart(64, '0'), bytes: 1000 + i, format: fmt }, status: 'failed', statusReason: 'a report, but none of the standard tables 二/三/四 was found',
        report: { title: null, agency: null, year: null, formatVersion: 'unknown' }, tables: [], cells: {}, checks: [], warnings: [{ severity: 'error', code: 'input-failed', message: 'no tables' }], extractor: EXTRACTOR });
      continue;
    }
    const cells: Record<string, CellValue> = {};
    const ocr = fmt === 'pdf' && rand() < 0.1;
    const small = () => (rand() < 0.7 ? 0 : Math.floor(rand() * 12));
    const values = new Map<string, number | null>();
    for (const code of codesFor(2, shape)) values.set(code, rand() < 0.03 ? null : Math.floor(rand() * 300));
    // Table 三 consistent column by column, then the 总计 column as the row sums.
    const t3Rows = T3_ROWS.filter((r) => r.versions.includes(shape)).map((r) => r.key);
    const results = t3Rows.filter((k) => !['new_received', 'carried_over', 'total_processed', 'carried_forward'].includes(k));
    for (const col of T3_COLUMNS.filter((c) => c.key !== 'total')) {
      let sum = 0;
      for (const k of results) { const v = col.key === 'natural_person' ? small() : rand() < 0.05 ? 1 : 0; values.set(`t3.${k}.${col.key}`, v); sum += v; }
      const fwd = small() > 8 ? 1 : 0;
      values.set(`t3.total_processed.${col.key}`, sum);
      values.set(`t3.carried_forward.${col.key}`, fwd);
      values.set(`t3.carried_over.${col.key}`, 0);
      values.set(`t3.new_received.${col.key}`, sum + fwd);
    }
    for (const k of t3Rows) values.set(`t3.${k}.total`, T3_COLUMNS.filter((c) => c.key !== 'total').reduce((a, c) => a + (values.get(`t3.${k}.${c.key}`) ?? 0), 0));
    if (rand() < 0.03) values.set('t3.total_processed.total', (values.get('t3.total_processed.total') ?? 0) + 2);
    for (const b of ['review', 'suit_direct', 'suit_after_review']) {
      let sum = 0;
      for (const c of ['upheld', 'corrected', 'other', 'pending']) { const v = rand() < 0.8 ? 0 : Math.floor(rand() * 5); values.set(`t4.${b}.${c}`, v); sum += v; }
      values.set(`t4.${b}.total`, sum);
    }
    // Some reports print a wrong total: stays as printed, shows up as a failed check.
    if (rand() < 0.06) values.set('t4.review.total', (values.get('t4.review.total') ?? 0) + 1);
    for (const [code, v] of values) {
      const f = FIELD_BY_CODE.get(code)!;
      const table = Number(code[1]);
      cells[code] = { value: v, raw: v === null ? '—' : String(v), rowLabel: f.rowLabel, columnLabel: f.columnLabel, page: fmt === 'pdf' ? table + 1 : undefined, line: fmt === 'txt' ? 40 + table * 30 : undefined,
        ...(ocr && rand() < 0.05 ? { lowConfidence: true, confidence: 0.55 } : {}) };
    }
    const checks = runChecks(cells, shape);
    const low = Object.values(cells).some((c) => c.lowConfidence);
    const tables: TableSummary[] = ([2, 3, 4] as const).map((t) => ({ table: t, formatVersion: shape, methods: [fmt === 'pdf' ? 'lattice' : fmt === 'txt' ? 'text-tabs' : 'html'], pages: fmt === 'pdf' ? [t + 1] : [],
      sources: [t - 2], cellsExpected: codesFor(t, shape).length, cellsFound: codesFor(t, shape).length, cellsNull: codesFor(t, shape).filter((c) => cells[c].value === null).length }));
    out.push({
      source: { file, sha256: i.toString(16).padStart(64, '0'), bytes: 100000 + i, format: fmt },
      status: low ? 'partial' : 'ok', ...(low ? { statusReason: 'cells need review (low confidence)' } : {}),
      report: { title: `${agency}${year}年政府信息公开工作年度报告`, agency, year, formatVersion: shape, pageCount: 6 },
      tables, cells, checks,
      warnings: checks.filter((c) => c.outcome === 'fail').map((c) => ({ severity: 'warning' as const, code: 'check-failed', message: `${c.id} fails` })),
      extractor: EXTRACTOR,
    });
  }
  return out;
}
