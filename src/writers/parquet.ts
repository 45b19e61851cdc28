/**
 * `xxgk export`: the store's dataset as Parquet, for pandas, DuckDB, R arrow and Spark:
 * reports.parquet (one row per report, metadata plus one DOUBLE column per field code) and
 * cells.parquet (one row per report x cell, long form). Written with hyparquet-writer: pure
 * JavaScript (no native binary to install), maintained, streams row groups so the long table
 * never has to fit in memory at once, snappy-compressed like every Parquet writer's default.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FIELDS } from '../schema/fields';
import type { RecordStore } from '../store/api';
import { EXTRACTOR } from '../version';

/** Rows per row group: ~10 MB of cells, so readers can skip and parallelize. */
const ROWS_PER_GROUP = 100_000;

type Basic = 'STRING' | 'INT32' | 'DOUBLE' | 'BOOLEAN';
interface Column { name: string; type: Basic; data: unknown[] }
interface HyparquetWriter {
  ParquetWriter: new (o: { writer: unknown; schema: unknown[]; createdBy?: string }) => { write(o: { columnData: Column[]; rowGroupSize?: number }): void | Promise<void>; finish(): void };
  fileWriter(file: string): unknown;
  schemaFromColumnData(o: { columnData: Column[] }): unknown[];
}

// ESM-only package in a CommonJS build: a real import(), hidden from TypeScript's rewrite to require().
const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<unknown>;

/** Stream rows into one Parquet file (temp file, renamed when complete). */
async function writeParquet(file: string, columns: { name: string; type: Basic }[], rows: Iterable<unknown[]> | AsyncIterable<unknown[]>): Promise<number> {
  const hp = await importEsm('hyparquet-writer') as HyparquetWriter;
  const tmp = `${file}.${process.pid}.tmp`;
  const empty = () => columns.map((c) => ({ ...c, data: [] as unknown[] }));
  const writer = new hp.ParquetWriter({ writer: hp.fileWriter(tmp), schema: hp.schemaFromColumnData({ columnData: empty() }), createdBy: `${EXTRACTOR.name} ${EXTRACTOR.version}` });
  let batch = empty();
  let n = 0;
  const flush = async () => { if (batch[0].data.length) await writer.write({ columnData: batch, rowGroupSize: ROWS_PER_GROUP }); batch = empty(); };
  for await (const row of rows) {
    row.forEach((v, i) => batch[i].data.push(v));
    if (++n % ROWS_PER_GROUP === 0) await flush();
  }
  await flush();
  writer.finish();
  await fs.rename(tmp, file);
  return n;
}

const REPORT_COLUMNS: { name: string; type: Basic }[] = [
  ['file', 'STRING'], ['sha256', 'STRING'], ['input_format', 'STRING'], ['route', 'STRING'], ['status', 'STRING'], ['status_reason', 'STRING'],
  ['title', 'STRING'], ['agency', 'STRING'], ['year', 'INT32'], ['format_version', 'STRING'], ['page_count', 'INT32'],
  ['checks_pass', 'INT32'], ['checks_fail', 'INT32'], ['checks_skipped', 'INT32'], ['warnings', 'INT32'], ['seconds', 'DOUBLE'],
].map(([name, type]) => ({ name, type: type as Basic }));

const CELL_COLUMNS: { name: string; type: Basic }[] = [
  ['sha256', 'STRING'], ['file', 'STRING'], ['agency', 'STRING'], ['year', 'INT32'], ['code', 'STRING'], ['value', 'DOUBLE'], ['raw', 'STRING'],
  ['page', 'INT32'], ['line', 'INT32'], ['table_index', 'INT32'], ['confidence', 'DOUBLE'], ['low_confidence', 'BOOLEAN'], ['assumed_column', 'BOOLEAN'],
].map(([name, type]) => ({ name, type: type as Basic }));

export interface ExportResult { reports: number; cells: number; files: string[] }

/** Write `<dir>/reports.parquet` and `<dir>/cells.parquet` from every report in the store. */
export async function exportParquet(store: RecordStore, dir: string): Promise<ExportResult> {
  await fs.mkdir(dir, { recursive: true });
  const codes = FIELDS.map((f) => f.code);
  const at = new Map(codes.map((c, i) => [c, i]));
  // Reports wide: metadata, then each field's value, pivoted from cells in one ordered pass.
  const reports = await store.query<Record<string, unknown>>(`SELECT ${REPORT_COLUMNS.map((c) => c.name).join(', ')} FROM reports ORDER BY file, sha256`);
  const values = new Map<string, (number | null)[]>(reports.map((r) => [r.sha256 as string, new Array(codes.length).fill(null)]));
  for await (const c of store.iterate<{ sha256: string; code: string; value: number | null }>('SELECT sha256, code, value FROM cells')) {
    const i = at.get(c.code);
    if (i !== undefined) values.get(c.sha256)![i] = c.value;
  }
  const reportsFile = path.join(dir, 'reports.parquet');
  const n = await writeParquet(reportsFile, [...REPORT_COLUMNS, ...codes.map((name) => ({ name, type: 'DOUBLE' as Basic }))],
    (function* () { for (const r of reports) yield [...REPORT_COLUMNS.map((c) => r[c.name] ?? null), ...values.get(r.sha256 as string)!]; })());
  const cellsFile = path.join(dir, 'cells.parquet');
  const cells = await writeParquet(cellsFile, CELL_COLUMNS, (async function* () {
    for await (const c of store.iterate<Record<string, unknown>>(`SELECT c.sha256, r.file, r.agency, r.year, c.code, c.value, c.raw, c.page, c.line,
        c.table_index, c.confidence, c.low_confidence, c.assumed_column
        FROM cells c JOIN reports r ON r.sha256 = c.sha256 ORDER BY r.file, c.sha256, c.code`)) {
      yield CELL_COLUMNS.map((col) => (col.type === 'BOOLEAN' ? !!c[col.name] : c[col.name] ?? null));
    }
  })());
  return { reports: n, cells, files: [reportsFile, cellsFile] };
}
