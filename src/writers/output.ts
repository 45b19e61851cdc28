import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ReportRecord } from '../model';
import { acrossYearsCsv, cellsCsv, checksCsv, codebookCsv, failuresCsv, reportsCsv } from './csv';
import { readRecords, writeReview } from './review';

/** Our temp files: `<name>.<pid>.<ms>.tmp`; left behind only by a process killed mid-write. */
const TEMP = /\.\d+\.\d+\.tmp$/;
const tempName = (file: string) => `${file}.${process.pid}.${Date.now()}.tmp`;

/** Write a file atomically: a reader never sees half a file, a crash never leaves one. */
export async function writeAtomic(file: string, data: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = tempName(file);
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

/** A CSV written one record at a time into a temp file, renamed into place when complete.
 * Chunks are the writers' own output per record, joined exactly as one call over all records would be. */
class CsvFile {
  private tmp: string;
  private handle?: fs.FileHandle;
  private started = false;
  constructor(private file: string) { this.tmp = tempName(file); }
  async add(chunk: string): Promise<void> {
    if (!chunk) return;
    this.handle ??= await fs.open(this.tmp, 'w');
    if (!this.started) { await this.handle.write(chunk); this.started = true; return; }
    const nl = chunk.indexOf('\n');
    if (nl >= 0) await this.handle.write('\n' + chunk.slice(nl + 1)); // drop BOM + header line
  }
  async commit(): Promise<void> {
    this.handle ??= await fs.open(this.tmp, 'w');
    await this.handle.sync();
    await this.handle.close();
    await fs.rename(this.tmp, this.file);
  }
}

/** The same content under several names counts for each name in failures.csv. */
const perName = (r: ReportRecord): ReportRecord[] =>
  [r, ...(r.source.aliases ?? []).map((a) => ({ ...r, source: { ...r.source, file: a } }))];

/**
 * records/<input>.json for each report, plus the CSV tables, into `outDir`. Records are consumed
 * one at a time (pass a generator reading from the store to keep memory flat on large batches);
 * every file appears complete or not at all (temp file + rename). Record files from an earlier
 * run that are not part of this one are removed, so `records/` always matches the CSVs.
 */
export async function writeOutputs(outDir: string, records: Iterable<ReportRecord> | AsyncIterable<ReportRecord>): Promise<void> {
  const recordsDir = path.join(outDir, 'records');
  await fs.mkdir(recordsDir, { recursive: true });
  for (const dir of [outDir, recordsDir]) {
    for (const f of await fs.readdir(dir)) if (TEMP.test(f)) await fs.rm(path.join(dir, f), { force: true });
  }
  const csv = {
    reports: new CsvFile(path.join(outDir, 'reports.csv')),
    cells: new CsvFile(path.join(outDir, 'cells.csv')),
    checks: new CsvFile(path.join(outDir, 'checks.csv')),
    failures: new CsvFile(path.join(outDir, 'failures.csv')),
  };
  const taken = new Set<string>();
  // The across-years identities need only each report's identity and a few cells, kept small here.
  const yearly: ReportRecord[] = [];
  for await (const r of records) {
    yearly.push(yearSlice(r));
    await writeAtomic(path.join(recordsDir, recordFileName(r, taken)), JSON.stringify(r, null, 1) + '\n');
    await csv.reports.add(await reportsCsv([r]));
    await csv.cells.add(await cellsCsv([r]));
    await csv.checks.add(await checksCsv([r]));
    await csv.failures.add(await failuresCsv(perName(r)));
  }
  for (const c of Object.values(csv)) await c.commit();
  await writeAtomic(path.join(outDir, 'codebook.csv'), await codebookCsv());
  for (const f of await fs.readdir(recordsDir)) {
    if (f.endsWith('.json') && !taken.has(f)) await fs.rm(path.join(recordsDir, f), { force: true });
  }
  await writeAtomic(path.join(outDir, 'checks-across-years.csv'), await acrossYearsCsv(yearly));
  // review.html: the human check of the run, built from the records just written.
  const { records: all } = await readRecords(outDir);
  await writeReview(outDir, all);
}

/** The part of a record the across-years identities read (t2 in-force chain, t3 carry chain). */
function yearSlice(r: ReportRecord): ReportRecord {
  const cells = Object.fromEntries(Object.entries(r.cells).filter(([c]) => /^t3\.carried_(over|forward)\.|^t2\.(regulations|normative_docs)\.(issued|repealed|in_force)$/.test(c)));
  return { ...r, cells, checks: [], warnings: [], tables: [] };
}
