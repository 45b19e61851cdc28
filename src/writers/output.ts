import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ReportRecord } from '../model';
import { acrossYearsCsv, cellsCsv, checksCsv, codebookCsv, failuresCsv, reportsCsv } from './csv';
import { writeReview } from './review';

/** Write a file atomically: a reader never sees half a file, a crash never leaves one. */
export async function writeAtomic(file: string, data: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

/** File name for a record's JSON: the input's base name, made unique within the run. */
export function recordFileName(record: ReportRecord, taken: Set<string>): string {
  const base = path.basename(record.source.file).replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'input';
  let name = `${base}.json`;
  for (let i = 2; taken.has(name); i++) name = `${base}~${i}.json`;
  taken.add(name);
  return name;
}

/** records/<input>.json for each report, plus the CSV tables, into `outDir`. */
export async function writeOutputs(outDir: string, records: ReportRecord[]): Promise<void> {
  const taken = new Set<string>();
  for (const r of records) {
    await writeAtomic(path.join(outDir, 'records', recordFileName(r, taken)), JSON.stringify(r, null, 1) + '\n');
  }
  await writeAtomic(path.join(outDir, 'reports.csv'), await reportsCsv(records));
  await writeAtomic(path.join(outDir, 'cells.csv'), await cellsCsv(records));
  await writeAtomic(path.join(outDir, 'checks.csv'), await checksCsv(records));
  await writeAtomic(path.join(outDir, 'checks-across-years.csv'), await acrossYearsCsv(records));
  await writeAtomic(path.join(outDir, 'codebook.csv'), await codebookCsv());
  await writeAtomic(path.join(outDir, 'failures.csv'), await failuresCsv(records));
  // review.html (issue 7): the human check of the run; kept a single call, the page is its own module.
  await writeReview(outDir, records);
}
