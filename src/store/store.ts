import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ReportRecord } from '../model';
import { STORE_FILE, type OutputCommit, type OutputItemState, type OutputState, type RecordStore, type StoredSummary, type StoredThumbnail } from './api';
import { CHILD_TABLES, INSERTS, relationalRows, tablesSql } from './tables';

/** Bump when the tables change shape; an older store is migrated, a newer one refused.
 * 1: records, runs, files. 2: + the relational tables, thumbnails, output ledger, records.seq. */
const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL, finished TEXT, extractor_version TEXT NOT NULL,
  args TEXT, summary TEXT);
-- path -> content hash, so an unchanged file (same size and mtime) is not read again to be hashed.
CREATE TABLE IF NOT EXISTS files (
  path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ms REAL NOT NULL, sha256 TEXT NOT NULL, last_run INTEGER);
`;

export { STORE_FILE } from './api';
export type { OutputCommit, OutputItemState, OutputState, StoredSummary, StoredThumbnail, YearSlice } from './api';
/**
 * The batch store `<out>/xxgk.sqlite`: finished records keyed by content sha256, and the same
 * records as relational tables (reports, cells, checks, warnings; see tables.ts) written in the
 * same transaction. WAL journal and one transaction per finished file, so a process killed at
 * any moment leaves every finished record intact and no half-written one; synchronous=NORMAL is
 * durable against process crashes (not against power loss, where the last few records may be redone).
 */
export class Store implements RecordStore {
  readonly file: string;
  private db: Database.Database;
  private stmts: Record<string, Database.Statement>;

  private lockFile?: string;

  constructor(file: string) {
    this.file = file;
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.lockFile = lock(`${file}.lock`);
    try { this.db = new Database(file); } catch (e) { this.unlock(); throw e; }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 10000');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`${file} was written by a newer xxgk (store schema ${version}); use a newer xxgk or another --out`);
    this.db.transaction(() => {
      // seq goes before the JSON (see tables.ts), so the table is copied once into the new shape.
      if (version === 1) this.db.exec('ALTER TABLE records RENAME TO records_v1;');
      this.db.exec(SCHEMA + tablesSql('sqlite'));
      if (version === 1) {
        this.db.exec(`INSERT INTO records (sha256, extractor_version, status, format, seconds, run, finished, seq, record)
          SELECT sha256, extractor_version, status, format, seconds, run, finished, rowid, record FROM records_v1; DROP TABLE records_v1;`);
      }
    })();
    this.stmts = {
      hash: this.db.prepare('SELECT sha256 FROM files WHERE path = ? AND size = ? AND mtime_ms = ?'),
      putHash: this.db.prepare('INSERT OR REPLACE INTO files (path, size, mtime_ms, sha256, last_run) VALUES (?, ?, ?, ?, ?)'),
      has: this.db.prepare('SELECT 1 FROM records WHERE sha256 = ? AND extractor_version = ?'),
      get: this.db.prepare('SELECT record FROM records WHERE sha256 = ?'),
      put: this.db.prepare(`INSERT OR REPLACE INTO records (sha256, extractor_version, status, format, seconds, run, finished, record, seq)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM records))`),
      summary: this.db.prepare(`SELECT r.sha256, r.status, r.format, r.seconds, r.run, r.seq, p.status_reason AS statusReason
        FROM records r LEFT JOIN reports p ON p.sha256 = r.sha256 WHERE r.sha256 = ?`),
      startRun: this.db.prepare('INSERT INTO runs (started, extractor_version, args) VALUES (?, ?, ?)'),
      endRun: this.db.prepare('UPDATE runs SET finished = ?, summary = ? WHERE id = ?'),
      thumbs: this.db.prepare('SELECT page, x0, y0, x1, y1, cropped, width, height, mime, data FROM thumbnails WHERE sha256 = ? ORDER BY page'),
      ...Object.fromEntries(Object.entries(INSERTS).map(([k, sql]) => [k, this.db.prepare(sql)])),
      ...Object.fromEntries(CHILD_TABLES.map((t) => [`del_${t}`, this.db.prepare(`DELETE FROM ${t} WHERE sha256 = ?`)])),
    };
    if (version === 1) this.backfill();
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }

  startRun(extractorVersion: string, args: unknown): number {
    return Number(this.stmts.startRun.run(new Date().toISOString(), extractorVersion, JSON.stringify(args)).lastInsertRowid);
  }

  endRun(run: number, summary: unknown): void {
    this.stmts.endRun.run(new Date().toISOString(), JSON.stringify(summary), run);
  }

  /** The remembered hash of a file whose size and modification time have not changed. */
  cachedHash(file: string, size: number, mtimeMs: number): string | undefined {
    return (this.stmts.hash.get(file, size, mtimeMs) as { sha256: string } | undefined)?.sha256;
  }

  rememberHashes(rows: { path: string; size: number; mtimeMs: number; sha256: string }[], run: number): void {
    this.db.transaction(() => { for (const r of rows) this.stmts.putHash.run(r.path, r.size, r.mtimeMs, r.sha256, run); })();
  }

  /** True when this content has a finished record from this extractor version. */
  has(sha256: string, extractorVersion: string): boolean {
    return this.stmts.has.get(sha256, extractorVersion) !== undefined;
  }

  get(sha256: string): ReportRecord | undefined {
    const row = this.stmts.get.get(sha256) as { record: string } | undefined;
    return row ? JSON.parse(row.record) as ReportRecord : undefined;
  }

  summary(sha256: string): StoredSummary | undefined {
    return this.stmts.summary.get(sha256) as StoredSummary | undefined;
  }

  /** Store one finished record with its relational rows and thumbnails: one transaction, so it
   * is either fully there or not at all. */
  put(sha256: string, record: ReportRecord, run: number, thumbnails: StoredThumbnail[] = []): void {
    this.putMany([{ sha256, record, thumbnails }], run);
  }

  /** Store several finished records in one transaction (all or none; each whole). Cheaper than one
   * transaction each: every record adds a row to each code's part of the cells index, so each
   * commit rewrites a few hundred index pages, however many records it holds. */
  putMany(items: { sha256: string; record: ReportRecord; thumbnails?: StoredThumbnail[] }[], run: number): void {
    this.db.transaction(() => { for (const it of items) this.putOne(it.sha256, it.record, run, it.thumbnails ?? []); })();
  }

  private putOne(sha256: string, record: ReportRecord, run: number, thumbnails: StoredThumbnail[]): void {
    this.stmts.put.run(sha256, record.extractor.version, record.status, record.source.format, record.timing?.seconds ?? null,
      run, new Date().toISOString(), JSON.stringify(record));
    this.putRows(sha256, record);
    for (const t of thumbnails) {
      this.stmts.thumbnail.run(sha256, t.page, t.region.x0, t.region.y0, t.region.x1, t.region.y1, t.cropped ? 1 : 0, t.width, t.height, t.mime, t.data);
    }
  }

  private putRows(sha256: string, record: ReportRecord): void {
    for (const t of CHILD_TABLES) this.stmts[`del_${t}`].run(sha256);
    const rows = relationalRows(sha256, record);
    this.stmts.report.run(rows.report);
    for (const c of rows.cells) this.stmts.cell.run(c);
    for (const c of rows.checks) this.stmts.check.run(c);
    for (const w of rows.warnings) this.stmts.warning.run(w);
  }

  /** A store from before the relational tables: fill them from the stored records, once. */
  private backfill(): void {
    // Not while iterating: better-sqlite3 allows no writes on a connection with an open cursor.
    const shas = (this.db.prepare('SELECT sha256 FROM records').all() as { sha256: string }[]).map((r) => r.sha256);
    this.db.transaction(() => { for (const sha of shas) this.putRows(sha, this.get(sha)!); })();
  }

  thumbnails(sha256: string): StoredThumbnail[] {
    return (this.stmts.thumbs.all(sha256) as { page: number; x0: number; y0: number; x1: number; y1: number; cropped: number; width: number; height: number; mime: string; data: Buffer }[])
      .map((t) => ({ page: t.page, region: { x0: t.x0, y0: t.y0, x1: t.x1, y1: t.y1 }, cropped: !!t.cropped, width: t.width, height: t.height, mime: t.mime, data: t.data }));
  }

  /** Read-only SQL over the store (export, across-years checks, tests). */
  query<T>(sql: string, ...params: unknown[]): T[] {
    return this.db.prepare(sql).all(...params) as T[];
  }

  iterate<T>(sql: string, ...params: unknown[]): IterableIterator<T> {
    return this.db.prepare(sql).iterate(...params) as IterableIterator<T>;
  }

  /** Contents in the store that no output file holds yet, in the order they were stored. */
  unwritten(): string[] {
    return (this.db.prepare('SELECT sha256 FROM records WHERE sha256 NOT IN (SELECT item FROM output_items) ORDER BY seq').all() as { sha256: string }[]).map((r) => r.sha256);
  }

  outputState(): OutputState {
    const items = new Map<string, OutputItemState>();
    for (const r of this.db.prepare('SELECT item, seq, record_seq, names, json_name, inline_record, year_slice FROM output_items ORDER BY seq').iterate() as Iterable<{ item: string; seq: number; record_seq: number; names: string; json_name: string; inline_record: string | null; year_slice: string | null }>) {
      items.set(r.item, { item: r.item, seq: r.seq, recordSeq: r.record_seq, names: JSON.parse(r.names), jsonName: r.json_name,
        ...(r.inline_record ? { inline: JSON.parse(r.inline_record) } : {}), ...(r.year_slice ? { year: JSON.parse(r.year_slice) } : {}) });
    }
    const files = new Map((this.db.prepare('SELECT name, bytes FROM output_files').all() as { name: string; bytes: number }[]).map((f) => [f.name, f.bytes]));
    const meta = new Map((this.db.prepare('SELECT name, value FROM output_meta').all() as { name: string; value: string }[]).map((m) => [m.name, m.value]));
    return { items, files, meta };
  }

  /** Record what the output files now hold, in one transaction (after the files are on disk).
   * `reset`: the files were rewritten whole, so the old ledger goes. */
  commitOutputs(next: OutputCommit): void {
    const item = this.db.prepare('INSERT OR REPLACE INTO output_items VALUES (?, ?, ?, ?, ?, ?, ?)');
    const file = this.db.prepare('INSERT OR REPLACE INTO output_files VALUES (?, ?)');
    const meta = this.db.prepare('INSERT OR REPLACE INTO output_meta VALUES (?, ?)');
    this.db.transaction(() => {
      if (next.reset) this.db.exec('DELETE FROM output_items; DELETE FROM output_files; DELETE FROM output_meta;');
      for (const i of next.items) item.run(i.item, i.seq, i.recordSeq, JSON.stringify(i.names), i.jsonName, i.inline ? JSON.stringify(i.inline) : null, i.year ? JSON.stringify(i.year) : null);
      for (const [n, b] of next.files) file.run(n, b);
      for (const [n, v] of next.meta) meta.run(n, v);
    })();
  }

  /** Number of finished records (all versions). */
  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  }

  close(): void {
    try { this.db.pragma('wal_checkpoint(TRUNCATE)'); } catch { /* another reader holds it: the WAL stays, still consistent */ }
    this.db.close();
    this.unlock();
  }

  private unlock(): void {
    if (this.lockFile) rmSync(this.lockFile, { force: true });
    this.lockFile = undefined;
  }
}

/**
 * One batch per store at a time: two overlapping nightly runs would extract the same files twice
 * and race on the outputs. The lock file holds the owner's pid; a lock left by a killed run (its
 * pid is gone) is taken over.
 */
function lock(file: string): string {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid && pid !== process.pid && alive(pid)) {
        throw new Error(`another xxgk (pid ${pid}) is using this store; if none is running, delete ${file}`);
      }
      rmSync(file, { force: true }); // stale: its owner was killed
    }
  }
  throw new Error(`cannot lock ${file}`);
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

export const openStore = (outDir: string) => new Store(path.join(outDir, STORE_FILE));
