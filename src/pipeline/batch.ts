import type { ReportRecord } from '../model';
import { extract, type ExtractOptions } from './extract';

export interface BatchProgress { done: number; total: number; file: string; record: ReportRecord }

/**
 * Extract many files; yields one record per file, in input order. Never aborts: a failure of one
 * file is that file's failed record.
 */
export async function* extractBatch(files: string[], options: ExtractOptions = {}): AsyncGenerator<ReportRecord> {
  for (const f of files) yield await extract(f, options);
}
