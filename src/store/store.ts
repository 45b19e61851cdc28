import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ReportRecord } from '../model';

/** Bump when the tables below change shape; an older store is migrated or refused. */
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL, finished TEXT, extractor_version TEXT NOT NULL,
  args TEXT, summary TEXT);
-- path -> content hash, so an unchanged file (same size and mtime) is not read again to be hashed.
CREATE TABLE IF NOT EXISTS files (
  path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ms REAL NOT NULL, sha256 TEXT NOT NULL, last_run INTEGER);
-- one row per distinct content: the finished record. Written in one transaction per file.
CREATE TABLE IF NOT EXISTS records (
  sha256 TEXT PRIMARY KEY, extractor_version TEXT NOT NULL, status TEXT NOT NULL, format TEXT NOT NULL,
  seconds REAL, run INTEGER NOT NULL, finished TEXT NOT NULL, record TEXT NOT NULL);
`;

export interface StoredSummary { sha256: string; status: string; format: string; seconds: number | null; run: number }

/**
 * The batch store `<out>/xxgk.sqlite`: finished records keyed by content sha256. WAL journal and one
 * transaction per finished file, so a process killed at any moment leaves every finished record
 * intact and no half-written one; synchronous=NORMAL is durable against process crashes (not
 * against power loss, where the last few records may be redone).
 */
export class Store {
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
    this.db.exec(SCHEMA);
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    this.stmts = {
      hash: this.db.prepare('SELECT sha256 FROM files WHERE path = ? AND size = ? AND mtime_ms = ?'),
      putHash: this.db.prepare('INSERT OR REPLACE INTO files (path, size, mtime_ms, sha256, last_run) VALUES (?, ?, ?, ?, ?)'),
      has: this.db.prepare('SELECT 1 FROM records WHERE sha256 = ? AND extractor_version = ?'),
      get: this.db.prepare('SELECT record FROM records WHERE sha256 = ?'),
      put: this.db.prepare('INSERT OR REPLACE INTO records (sha256, extractor_version, status, format, seconds, run, finished, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      summary: this.db.prepare('SELECT sha256, status, format, seconds, run FROM records WHERE sha256 = ?'),
      startRun: this.db.prepare('INSERT INTO runs (started, extractor_version, args) VALUES (?, ?, ?)'),
      endRun: this.db.prepare('UPDATE runs SET finished = ?, summary = ? WHERE id = ?'),
    };
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

  /** Store one finished record: its own transaction, so it is either fully there or not at all. */
  put(sha256: string, record: ReportRecord, run: number): void {
    this.stmts.put.run(sha256, record.extractor.version, record.status, record.source.format, record.timing?.seconds ?? null,
      run, new Date().toISOString(), JSON.stringify(record));
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

export const STORE_FILE = 'xxgk.sqlite';
export const openStore = (outDir: string) => new Store(path.join(outDir, STORE_FILE));
