import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ReportRecord } from '../model';
import type { OutputItemState, RecordStore, StoredThumbnail, YearSlice } from '../store/api';
import { acrossYearsCsv, cellsCsv, checksCsv, codebookCsv, failuresCsv, reportsCsv } from './csv';
import { OutputFiles, removeTemps, writeAtomic } from './files';
import { REVIEW_DIR, ReviewChunks, removeStaleChunks, reviewTitle } from './review';
import { IMAGE_DIR } from './review/thumbs';

export { writeAtomic } from './files';

const CSVS = {
  'reports.csv': (r: ReportRecord) => reportsCsv([r]),
  'cells.csv': (r: ReportRecord) => cellsCsv([r]),
  'checks.csv': (r: ReportRecord) => checksCsv([r]),
  // The same content under several names counts for each name in failures.csv.
  'failures.csv': (r: ReportRecord) => failuresCsv([r, ...(r.source.aliases ?? []).map((a) => ({ ...r, source: { ...r.source, file: a } }))]),
};
const HEADERS: Record<keyof typeof CSVS, () => Promise<string>> = {
  'reports.csv': () => reportsCsv([]), 'cells.csv': () => cellsCsv([]), 'checks.csv': () => checksCsv([]), 'failures.csv': () => failuresCsv([]),
};

/** File name for a record's JSON: the input's base name, made unique among the outputs. */
export function recordFileName(record: ReportRecord, taken: Set<string>): string {
  const base = path.basename(record.source.file).replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'input';
  let name = `${base}.json`;
  for (let i = 2; taken.has(name); i++) name = `${base}~${i}.json`;
  taken.add(name);
  return name;
}

/** A record shown under these names: the first is `source.file`, the others `source.aliases`. */
function named(r: ReportRecord, names: string[]): ReportRecord {
  const { aliases: _old, ...source } = r.source;
  return { ...r, source: { ...source, file: names[0] ?? r.source.file, ...(names.length > 1 ? { aliases: names.slice(1) } : {}) } };
}

const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;

/** The codes the across-years identities read (t3 carry chain, t2 in-force chain). */
const YEAR_CODE = /^t3\.carried_(over|forward)\.|^t2\.(regulations|normative_docs)\.(issued|repealed|in_force)$/;

/** Fault injection for the kill -9 test only (never active unless both variables are set): the
 * process kills itself in the middle of the outputs, after the n-th record's reports.csv rows. */
function killForTest(n: number): void {
  if (process.env.XXGK_FAULT_INJECTION === '1' && process.env.XXGK_KILL_IN_OUTPUTS === String(n)) process.kill(process.pid, 'SIGKILL');
}

/** One write of the outputs: each record into records/, the CSVs and the review chunks. */
class OutputWriter {
  readonly files: OutputFiles;
  readonly review: ReviewChunks;
  constructor(readonly outDir: string, committed?: Map<string, number>, extraCodes?: string[]) {
    this.files = new OutputFiles(outDir, committed);
    this.review = new ReviewChunks(outDir, this.files, extraCodes);
  }

  private added = 0;
  reviewSeconds = 0;

  async add(r: ReportRecord, seq: number, jsonName: string, thumbnails?: StoredThumbnail[]): Promise<void> {
    await writeAtomic(path.join(this.outDir, 'records', jsonName), JSON.stringify(r, null, 1) + '\n');
    for (const [name, rows] of Object.entries(CSVS)) {
      const chunk = await rows(r);
      // Each file starts with the BOM and header; later records add "\n" + their rows (fast-csv ends without a newline).
      if (this.files.size(name) === 0) await this.files.add(name, chunk);
      else { const nl = chunk.indexOf('\n'); if (nl >= 0) await this.files.add(name, '\n' + chunk.slice(nl + 1)); }
      killForTest(this.added);
    }
    this.added++;
    const t = process.hrtime.bigint();
    await this.review.add(r, seq, thumbnails);
    this.reviewSeconds += since(t);
  }

  /** Close the appended files; write the small files that depend on every record. */
  async finish(n: number, yearly: ReportRecord[]): Promise<Map<string, number>> {
    for (const [name, header] of Object.entries(HEADERS)) if (this.files.size(name) === 0) await this.files.add(name, await header());
    const lengths = await this.files.finish();
    await writeAtomic(path.join(this.outDir, 'codebook.csv'), await codebookCsv());
    await writeAtomic(path.join(this.outDir, 'checks-across-years.csv'), await acrossYearsCsv(yearly));
    const t = process.hrtime.bigint();
    await writeAtomic(path.join(this.outDir, 'review.html'), this.review.html(n, reviewTitle(this.outDir)));
    this.reviewSeconds += since(t);
    return lengths;
  }
}

const tempDirs = (outDir: string) => [outDir, path.join(outDir, 'records'), path.join(outDir, REVIEW_DIR), path.join(outDir, IMAGE_DIR)];

async function removeStaleRecords(outDir: string, taken: Set<string>): Promise<void> {
  const dir = path.join(outDir, 'records');
  for (const f of await fs.readdir(dir).catch(() => [] as string[])) if (f.endsWith('.json') && !taken.has(f)) await fs.rm(path.join(dir, f), { force: true });
}

/**
 * records/<input>.json for each report, the CSV tables and the review page, written whole into
 * `outDir` from these records (the library's entry; no store). Records are consumed one at a time;
 * every file appears complete or not at all (temp file + rename); record files not among these are removed.
 */
export async function writeOutputs(outDir: string, records: Iterable<ReportRecord> | AsyncIterable<ReportRecord>): Promise<void> {
  await fs.mkdir(path.join(outDir, 'records'), { recursive: true });
  await removeTemps(tempDirs(outDir));
  const w = new OutputWriter(outDir);
  const taken = new Set<string>();
  const slices: OutputItemState[] = [];
  let n = 0;
  for await (const r of records) {
    slices.push({ item: r.source.sha256, seq: n, recordSeq: 0, names: [r.source.file], jsonName: '', year: yearSliceOf(r) });
    await w.add(r, n++, recordFileName(r, taken));
  }
  await w.finish(n, yearRecords(slices));
  await w.files.publish();
  await removeStaleChunks(outDir, n);
  await removeStaleRecords(outDir, taken);
}

/** One item of a run for the outputs: a content in the store, or an input that never reached a reader. */
export interface OutputEntry {
  /** The content's sha256, or `input:<path>` for an input that failed before extraction. */
  item: string;
  /** The names this run found it under, in input order. */
  names: string[];
  /** The record of an input that failed before extraction (it is not in the store). */
  inline?: ReportRecord;
  /** The stored record's seq when the caller has it at hand (saves a lookup per item). */
  recordSeq?: number;
}

export interface OutputUpdate {
  appended: number; rewritten: boolean; items: number;
  /** Wall seconds of the whole write, and of its review-page part (chunks, images, page). */
  seconds: number; reviewSeconds: number;
}

/**
 * Bring the outputs in `outDir` up to date with the store: they describe every item ever written
 * there, in the order first written (run by run, each run's new items in input order). Items
 * new since the last write are appended to every file; only when an item already written has
 * changed (re-extracted, or found under a new name), or an output file is shorter than the
 * ledger says (damaged), or `rewrite` is set, is everything rewritten (temp files + rename).
 * The ledger in the store is updated after every file is on disk, in one transaction: a write
 * killed at any moment is redone by the next one, which first cuts the files back to the ledger.
 */
export async function updateOutputs(outDir: string, store: RecordStore, entries: OutputEntry[], options: { rewrite?: boolean } = {}): Promise<OutputUpdate> {
  const started = process.hrtime.bigint();
  await fs.mkdir(path.join(outDir, 'records'), { recursive: true });
  await removeTemps(tempDirs(outDir));
  const state = await store.outputState();
  const written = [...state.items.values()];
  const byItem = new Map(written.map((s) => [s.item, { ...s }]));
  const pending: OutputItemState[] = [];
  let changed = !!options.rewrite;
  const seen = new Set<string>();
  const recordSeq = async (e: OutputEntry) => (e.inline ? 0 : e.recordSeq ?? (await store.summary(e.item))?.seq ?? 0);
  for (const e of entries) {
    if (seen.has(e.item)) continue;
    seen.add(e.item);
    const s = byItem.get(e.item);
    if (!s) { pending.push({ item: e.item, seq: -1, recordSeq: await recordSeq(e), names: e.names, jsonName: '', inline: e.inline }); continue; }
    // A name is new when no known name is the same file (`in/a.pdf` and `/home/x/in/a.pdf` are one).
    const known = new Set(s.names.map((n) => path.resolve(n)));
    const names = [...s.names, ...e.names.filter((n) => !known.has(path.resolve(n)))];
    const seqNow = await recordSeq(e);
    const inlineChanged = e.inline && (e.inline.statusReason !== s.inline?.statusReason || e.inline.status !== s.inline?.status);
    if (names.length !== s.names.length || seqNow !== s.recordSeq || inlineChanged) {
      changed = true;
      Object.assign(s, { names, recordSeq: seqNow, ...(e.inline ? { inline: e.inline } : {}) });
    }
  }
  // Contents stored by a run that was killed before it wrote the outputs, and not among this run's inputs.
  for (const sha of await store.unwritten()) {
    if (seen.has(sha)) continue;
    const r = (await store.get(sha))!;
    pending.push({ item: sha, seq: -1, recordSeq: (await store.summary(sha))!.seq, names: [r.source.file, ...(r.source.aliases ?? [])], jsonName: '' });
  }
  for (const [name, bytes] of state.files) {
    const st = await fs.stat(path.join(outDir, name)).catch(() => undefined);
    if (!st || st.size < bytes) changed = true; // removed or cut short by someone: rewrite from the store
  }
  const full = changed || !written.length;
  if (!full && !pending.length) return { appended: 0, rewritten: false, items: written.length, seconds: since(started), reviewSeconds: 0 };

  const items = full ? [...written.map((s) => byItem.get(s.item)!), ...pending] : pending;
  const first = full ? 0 : written.length;
  const taken = new Set(full ? [] : written.map((s) => s.jsonName));
  const extra = full ? [] : JSON.parse(state.meta.get('review.codes') ?? '[]') as string[];
  const w = new OutputWriter(outDir, full ? undefined : state.files, extra);
  for (const [k, s] of items.entries()) {
    const r = named(s.inline ?? (await store.get(s.item))!, s.names);
    s.seq = first + k;
    s.jsonName = recordFileName(r, taken);
    s.year = yearSliceOf(r);
    await w.add(r, s.seq, s.jsonName, s.inline ? [] : await store.thumbnails(s.item));
  }
  const all = full ? items : [...written, ...items];
  const lengths = await w.finish(all.length, yearRecords(all));
  if (full) {
    await w.files.publish();
    await removeStaleChunks(outDir, all.length);
    await removeStaleRecords(outDir, taken);
  }
  await store.commitOutputs({ items, files: lengths, meta: new Map([['review.codes', JSON.stringify(w.review.builder.extra)]]), reset: full });
  return { appended: pending.length, rewritten: full, items: all.length, seconds: since(started), reviewSeconds: w.reviewSeconds };
}

/** What the across-years identities read of a record: body, year and the chain cells. */
function yearSliceOf(r: ReportRecord): YearSlice | undefined {
  if (!r.report.agency || r.report.year === null) return undefined;
  const cells = Object.fromEntries(Object.entries(r.cells).filter(([c]) => YEAR_CODE.test(c)).map(([c, v]) => [c, v.value]));
  return Object.keys(cells).length ? { agency: r.report.agency, year: r.report.year, cells } : undefined;
}

/** The items' slices as the records crossYearChecks reads (in output order: the first of a body-year counts). */
function yearRecords(items: OutputItemState[]): ReportRecord[] {
  return items.filter((s) => s.year).map((s) => ({
    source: { file: s.names[0], sha256: s.item, bytes: 0, format: '' }, status: 'ok',
    report: { title: null, agency: s.year!.agency, year: s.year!.year, formatVersion: 'unknown' },
    tables: [], checks: [], warnings: [], extractor: { name: '', version: '' },
    cells: Object.fromEntries(Object.entries(s.year!.cells).map(([c, value]) => [c, { value, raw: '', rowLabel: '', columnLabel: '' }])),
  }));
}
