/**
 * The store's tables, in SQL that SQLite and PostgreSQL both accept (the only difference is the
 * binary type), so a PostgreSQL store can hold exactly the same tables and the same queries work
 * on both. Column names avoid SQL keywords (`table`, `left`, `right`, `values`).
 */
import type { ReportRecord } from '../model';

export type Dialect = 'sqlite' | 'postgres';

export function tablesSql(dialect: Dialect): string {
  const blob = dialect === 'postgres' ? 'BYTEA' : 'BLOB';
  return `
-- one row per distinct content: the finished record as JSON. seq grows with every write, so
-- a re-extracted record is told from the one the outputs were written from.
-- The JSON comes last: columns after a large value are read through its overflow pages.
CREATE TABLE IF NOT EXISTS records (
  sha256 TEXT PRIMARY KEY, extractor_version TEXT NOT NULL, status TEXT NOT NULL, format TEXT NOT NULL,
  seconds DOUBLE PRECISION, run INTEGER NOT NULL, finished TEXT NOT NULL, seq BIGINT, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS records_seq ON records (seq);
-- The dataset, written in the same transaction as the record it comes from.
CREATE TABLE IF NOT EXISTS reports (
  sha256 TEXT PRIMARY KEY, file TEXT NOT NULL, bytes BIGINT, input_format TEXT NOT NULL, route TEXT,
  status TEXT NOT NULL, status_reason TEXT, title TEXT, agency TEXT, year INTEGER, format_version TEXT NOT NULL,
  page_count INTEGER, checks_pass INTEGER NOT NULL, checks_fail INTEGER NOT NULL, checks_skipped INTEGER NOT NULL,
  warnings INTEGER NOT NULL, seconds DOUBLE PRECISION, ocr_seconds DOUBLE PRECISION, extractor_version TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS reports_agency_year ON reports (agency, year);
CREATE INDEX IF NOT EXISTS reports_year ON reports (year);
CREATE INDEX IF NOT EXISTS reports_status ON reports (status);
-- Clustered on (sha256, code): a report's cells sit together. The printed row and column labels
-- stay in the record (and cells.csv): repeated on millions of rows they would double the store.
CREATE TABLE IF NOT EXISTS cells (
  sha256 TEXT NOT NULL, code TEXT NOT NULL, value DOUBLE PRECISION, raw TEXT NOT NULL, page INTEGER, line INTEGER,
  table_index INTEGER, confidence DOUBLE PRECISION, low_confidence INTEGER NOT NULL, assumed_column INTEGER NOT NULL,
  PRIMARY KEY (sha256, code))${dialect === 'sqlite' ? ' WITHOUT ROWID' : ''};
CREATE INDEX IF NOT EXISTS cells_code ON cells (code);
CREATE TABLE IF NOT EXISTS checks (
  sha256 TEXT NOT NULL, n INTEGER NOT NULL, check_id TEXT NOT NULL, scope TEXT NOT NULL, description TEXT NOT NULL,
  outcome TEXT NOT NULL, left_value DOUBLE PRECISION, right_value DOUBLE PRECISION, missing TEXT, value_list TEXT NOT NULL,
  PRIMARY KEY (sha256, n));
CREATE INDEX IF NOT EXISTS checks_outcome ON checks (outcome, check_id);
CREATE TABLE IF NOT EXISTS warnings (
  sha256 TEXT NOT NULL, n INTEGER NOT NULL, severity TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
  field TEXT, page INTEGER, line INTEGER, PRIMARY KEY (sha256, n));
CREATE INDEX IF NOT EXISTS warnings_code ON warnings (code);
-- Page images of the tables for the review page, drawn where the PDF was read.
CREATE TABLE IF NOT EXISTS thumbnails (
  sha256 TEXT NOT NULL, page INTEGER NOT NULL, x0 DOUBLE PRECISION NOT NULL, y0 DOUBLE PRECISION NOT NULL,
  x1 DOUBLE PRECISION NOT NULL, y1 DOUBLE PRECISION NOT NULL, cropped INTEGER NOT NULL, width INTEGER NOT NULL,
  height INTEGER NOT NULL, mime TEXT NOT NULL, data ${blob} NOT NULL, PRIMARY KEY (sha256, page));
-- What the output files hold: each item (a content, or an input that never reached a reader) once,
-- in output order, with the names it is shown under and the record version written; and the
-- committed length of every append-only output file (a longer file was cut short by a kill).
CREATE TABLE IF NOT EXISTS output_items (
  item TEXT PRIMARY KEY, seq BIGINT NOT NULL, record_seq BIGINT NOT NULL, names TEXT NOT NULL, json_name TEXT NOT NULL, inline_record TEXT,
  year_slice TEXT);
CREATE TABLE IF NOT EXISTS output_files (name TEXT PRIMARY KEY, bytes BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS output_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`;
}

const count = (r: ReportRecord, outcome: string) => r.checks.filter((c) => c.outcome === outcome).length;
const bit = (b: boolean | undefined) => (b ? 1 : 0);

/** Row values for each relational table, in column order (the same for both dialects). */
export function relationalRows(sha: string, r: ReportRecord) {
  const report = [sha, r.source.file, r.source.bytes ?? null, r.source.format, r.source.route ?? null, r.status, r.statusReason ?? null,
    r.report.title, r.report.agency, r.report.year, r.report.formatVersion, r.report.pageCount ?? null,
    count(r, 'pass'), count(r, 'fail'), count(r, 'skipped'), r.warnings.filter((w) => w.severity !== 'info').length,
    r.timing?.seconds ?? null, r.timing?.ocrSeconds ?? null, r.extractor.version];
  const cells = Object.entries(r.cells).map(([code, c]) => [sha, code, c.value, c.raw ?? '', c.page ?? null, c.line ?? null, c.table ?? null,
    c.confidence ?? null, bit(c.lowConfidence), bit(c.assumedColumn)]);
  const checks = r.checks.map((c, n) => [sha, n, c.id, c.scope, c.description, c.outcome, c.left, c.right,
    c.missing?.length ? c.missing.join(' ') : null, JSON.stringify(c.values)]);
  const warnings = r.warnings.map((w, n) => [sha, n, w.severity, w.code, w.message, w.field ?? null, w.where?.page ?? null, w.where?.line ?? null]);
  return { report, cells, checks, warnings };
}

export const INSERTS = {
  report: 'INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  cell: 'INSERT INTO cells VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  check: 'INSERT INTO checks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  warning: 'INSERT INTO warnings VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  thumbnail: 'INSERT INTO thumbnails VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
};
export const CHILD_TABLES = ['reports', 'cells', 'checks', 'warnings', 'thumbnails'];
