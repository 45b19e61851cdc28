/**
 * What the output writers (CSVs, records, review page, Parquet) need of a store, so they read the
 * embedded SQLite store and a shared PostgreSQL store alike. SQLite answers synchronously, PostgreSQL
 * over the network: every method may return a promise and callers always await.
 */
import type { BBox, ReportRecord } from '../model';

export type Awaitable<T> = T | Promise<T>;

/** The embedded store's file in an output folder. */
export const STORE_FILE = 'xxgk.sqlite';

export interface StoredSummary { sha256: string; status: string; format: string; seconds: number | null; run: number; seq: number; statusReason: string | null }

/** A page image of a record's tables, drawn during extraction (JPEG or PNG bytes). */
export interface StoredThumbnail { page: number; region: BBox; cropped: boolean; width: number; height: number; mime: string; data: Buffer }

/** What the output files hold (see writers/output.ts). */
export interface OutputItemState {
  item: string; seq: number; recordSeq: number; names: string[]; jsonName: string; inline?: ReportRecord;
  /** What the across-years identities read of it (body, year, a few cells), kept so they need no query over every report. */
  year?: YearSlice;
}
export interface YearSlice { agency: string; year: number; cells: Record<string, number | null> }
export interface OutputState { items: Map<string, OutputItemState>; files: Map<string, number>; meta: Map<string, string> }
export interface OutputCommit { items: OutputItemState[]; files: Map<string, number>; meta: Map<string, string>; reset: boolean }

export interface RecordStore {
  /** Where the store is, for messages (a PostgreSQL URL never shows its password). */
  readonly file: string;
  get(sha256: string): Awaitable<ReportRecord | undefined>;
  summary(sha256: string): Awaitable<StoredSummary | undefined>;
  thumbnails(sha256: string): Awaitable<StoredThumbnail[]>;
  /** Read-only SQL over the relational tables (`?` placeholders on both). */
  query<T>(sql: string, ...params: unknown[]): Awaitable<T[]>;
  iterate<T>(sql: string, ...params: unknown[]): Iterable<T> | AsyncIterable<T>;
  /** Contents in the store that no output file holds yet, in the order they were stored. */
  unwritten(): Awaitable<string[]>;
  outputState(): Awaitable<OutputState>;
  /** Record what the output files now hold, in one transaction (after the files are on disk). */
  commitOutputs(next: OutputCommit): Awaitable<void>;
  close(): Awaitable<void>;
}
