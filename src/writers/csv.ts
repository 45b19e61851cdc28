import { writeToString } from '@fast-csv/format';
import { FIELDS } from '../schema/fields';
import type { ReportRecord } from '../model';
import { crossYearChecks } from '../checks/across-years';

/** UTF-8 with BOM so Excel opens the Chinese text correctly. */
const CSV_OPTIONS = { writeBOM: true, headers: true, quoteColumns: false } as const;

/** Rows to CSV text; an empty table still gets its header line so consumers see the columns. */
async function toCsv(rows: Record<string, unknown>[], headers: string[]): Promise<string> {
  if (!rows.length) return `\uFEFF${headers.join(',')}`; // like fast-csv: no newline after the last line
  return writeToString(rows, { ...CSV_OPTIONS, headers });
}

const check = (r: ReportRecord, outcome: string) => r.checks.filter((c) => c.outcome === outcome).length;

/** One row per report: metadata, status, check summary, then one column per field code. */
export function reportsCsv(records: ReportRecord[]): Promise<string> {
  const rows = records.map((r) => {
    const row: Record<string, string | number | null> = {
      file: r.source.file, sha256: r.source.sha256, input_format: r.source.format, route: r.source.route ?? '',
      status: r.status, status_reason: r.statusReason ?? '', title: r.report.title ?? '', agency: r.report.agency ?? '',
      year: r.report.year, format_version: r.report.formatVersion,
      checks_pass: check(r, 'pass'), checks_fail: check(r, 'fail'), checks_skipped: check(r, 'skipped'),
      warnings: r.warnings.filter((w) => w.severity !== 'info').length,
    };
    for (const f of FIELDS) row[f.code] = r.cells[f.code]?.value ?? null;
    return row;
  });
  return toCsv(rows, rows.length ? Object.keys(rows[0]) : ['file', 'sha256', 'input_format', 'route', 'status', 'status_reason', 'title', 'agency',
    'year', 'format_version', 'checks_pass', 'checks_fail', 'checks_skipped', 'warnings', ...FIELDS.map((f) => f.code)]);
}

/** Long form: one row per report × cell, with labels, value, printed text and where it was found. */
export function cellsCsv(records: ReportRecord[]): Promise<string> {
  const rows = records.flatMap((r) => Object.entries(r.cells).map(([code, c]) => ({
    file: r.source.file, sha256: r.source.sha256, agency: r.report.agency ?? '', year: r.report.year, code,
    row_label: c.rowLabel, column_label: c.columnLabel, value: c.value, raw: c.raw,
    page: c.page ?? '', line: c.line ?? '', table: c.table ?? '', confidence: c.confidence ?? '',
    low_confidence: c.lowConfidence ? 1 : 0, assumed_column: c.assumedColumn ? 1 : 0,
  })));
  return toCsv(rows, ['file', 'sha256', 'agency', 'year', 'code', 'row_label', 'column_label', 'value', 'raw', 'page', 'line', 'table', 'confidence', 'low_confidence', 'assumed_column']);
}

export function checksCsv(records: ReportRecord[]): Promise<string> {
  const rows = records.flatMap((r) => r.checks.map((c) => ({
    file: r.source.file, sha256: r.source.sha256, check: c.id, scope: c.scope, description: c.description, outcome: c.outcome,
    left: c.left, right: c.right, missing: (c.missing ?? []).join(' '),
    values: Object.entries(c.values).map(([k, v]) => `${k}=${v ?? ''}`).join(' '),
  })));
  return toCsv(rows, ['file', 'sha256', 'check', 'scope', 'description', 'outcome', 'left', 'right', 'missing', 'values']);
}

/** Every field code with its Chinese labels, unit and the formats that print it. */
export function codebookCsv(): Promise<string> {
  return toCsv(FIELDS.map((f) => ({
    code: f.code, versions: f.versions.join(','), table: f.table, group: f.group, row_label: f.rowLabel,
    column_label: f.columnLabel, unit: f.unit, type: f.type,
  })), ['code', 'versions', 'table', 'group', 'row_label', 'column_label', 'unit', 'type']);
}

/** Files that did not give a full record, with the reason. */
export function failuresCsv(records: ReportRecord[]): Promise<string> {
  const rows = records.filter((r) => r.status !== 'ok').map((r) => ({
    file: r.source.file, status: r.status, reason: r.statusReason ?? '', input_format: r.source.format, sha256: r.source.sha256,
  }));
  return toCsv(rows, ['file', 'status', 'reason', 'input_format', 'sha256']);
}

/** Identities between consecutive years of one body (上年结转 chain, 现行有效件数 chain). */
export function acrossYearsCsv(records: ReportRecord[]): Promise<string> {
  return toCsv(crossYearChecks(records).map((c) => ({
    agency: c.agency, year: c.year, previous_year: c.previousYear, check: c.id, scope: c.scope, description: c.description,
    outcome: c.outcome, left: c.left, right: c.right, file: c.file, previous_file: c.previousFile,
  })), ['agency', 'year', 'previous_year', 'check', 'scope', 'description', 'outcome', 'left', 'right', 'file', 'previous_file']);
}
