import type { BBox, Message } from './messages';

export type Status = 'ok' | 'partial' | 'failed' | 'unsupported';
export type FormatVersion = '2021' | '2019' | 'hybrid' | 'unknown';

/** One extracted statistical cell, keyed by its field code in `ReportRecord.cells`. */
export interface CellValue {
  /** The number as printed (normalized to the field's unit); null for blank/placeholder/unreadable. */
  value: number | null;
  /** The cell's own text as printed. */
  raw: string;
  /** Row label path and column header path the code was mapped from, as printed. */
  rowLabel: string;
  columnLabel: string;
  page?: number;
  line?: number;
  bbox?: BBox;
  /** Index of the source table in the document model. */
  table?: number;
  /** OCR confidence 0..1. */
  confidence?: number;
  /** Other values OCR read for this cell (null = a blank/placeholder reading), when it was unsure. */
  alternatives?: (number | null)[];
  /** True when the value needs a human look (OCR uncertainty, assumed column order, prose). */
  lowConfidence?: boolean;
  /** Set when the column was assumed from the standard order because the header was unreadable. */
  assumedColumn?: boolean;
}

export interface CheckResult {
  /** Identity id, e.g. `t3.balance`, `t3.results_sum`, `t3.row_sum`, `t4.block_sum`. */
  id: string;
  /** What is checked, e.g. the column or row. */
  scope: string;
  description: string;
  outcome: 'pass' | 'fail' | 'skipped';
  /** Left and right side of the identity (null when skipped). */
  left: number | null;
  right: number | null;
  /** Every field involved with its value. */
  values: Record<string, number | null>;
  /** For `skipped`: which cells were null or missing. */
  missing?: string[];
}

export interface TableSummary {
  /** Which standard table: 2, 3 or 4. */
  table: 2 | 3 | 4;
  formatVersion: FormatVersion;
  /** Grid-building method(s) of the source table(s): html, text-tabs, lattice, stream, ocr ... */
  methods: string[];
  pages: number[];
  /** Source table indexes in the document model. */
  sources: number[];
  cellsExpected: number;
  cellsFound: number;
  cellsNull: number;
}

export interface ReportRecord {
  source: {
    file: string;
    sha256: string;
    bytes: number;
    /** Detected type from the bytes (not the extension). */
    format: string;
    route?: string;
    /** Other names of the same content in a batch. */
    aliases?: string[];
  };
  status: Status;
  /** Why the status is not `ok`. */
  statusReason?: string;
  report: {
    title: string | null;
    agency: string | null;
    year: number | null;
    formatVersion: FormatVersion;
    pageCount?: number;
  };
  tables: TableSummary[];
  cells: Record<string, CellValue>;
  checks: CheckResult[];
  warnings: Message[];
  extractor: { name: string; version: string };
  timing?: { seconds: number; ocrSeconds?: number };
}
