import type pg from 'pg';
import type { ReportRecord } from '../../model';
import type { OutputState, RecordStore, StoredSummary, StoredThumbnail } from '../api';
import { CHILD_TABLES, relationalRows } from '../tables';
import { pool, redactMessage, redactUrl } from './connect';
import { migrate } from './schema';

/** `?` placeholders (the SQLite spelling every caller uses) as PostgreSQL's `$n`. */
const numbered = (sql: string) => { let n = 0; return sql.replace(/\?/g, () => `$${++n}`); };

/** Rows fetched at a time by `iterate` (a server-side cursor: an export never holds every cell). */
const CURSOR_ROWS = 5000;
/** PostgreSQL takes at most 65535 parameters in one statement. */
const MAX_PARAMS = 60000;

async function insertRows(c: pg.PoolClient, table: string, rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const width = rows[0].length;
  const per = Math.floor(MAX_PARAMS / width);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const values = chunk.map((_, r) => `(${Array.from({ length: width }, (_, k) => `$${r * width + k + 1}`).join(', ')})`);
    await c.query(`INSERT INTO ${table} VALUES ${values.join(', ')}`, chunk.flat());
  }
}

export interface ContentRow { sha256: string; bytes: number; data: Buffer; names: string[] }

/**
 * The shared store on PostgreSQL: the same records and relational tables as the SQLite store,
 * the input contents with their names, and (through pg-boss, see pipeline/queue.ts) the job
 * queue. Every finished file is one transaction; a record is written once per content and
 * extractor version whoever finishes first (a job retried after a lease expired finds it done).
 * Output files are local to whoever exports: the ledger of what an --out folder holds is not
 * kept here, so an export always writes its folder whole.
 */
export class PgStore implements RecordStore {
  readonly file: string;
  private constructor(readonly url: string, private db: pg.Pool) { this.file = redactUrl(url); }

  static async open(url: string, opts: { connections?: number } = {}): Promise<PgStore> {
    const db = pool(url, { max: opts.connections ?? 4 });
    try {
      await migrate(db, redactUrl(url));
    } catch (e) {
      await db.end().catch(() => undefined);
      throw new Error(redactMessage((e as Error).message, url));
    }
    return new PgStore(url, db);
  }

  private async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query(numbered(sql), params)).rows as T[];
  }

  async startRun(extractorVersion: string, args: unknown): Promise<number> {
    return (await this.rows<{ id: number }>('INSERT INTO runs (started, extractor_version, args) VALUES (?, ?, ?) RETURNING id',
      [new Date().toISOString(), extractorVersion, JSON.stringify(args)]))[0].id;
  }

  async endRun(run: number, summary: unknown): Promise<void> {
    await this.rows('UPDATE runs SET finished = ?, summary = ? WHERE id = ?', [new Date().toISOString(), JSON.stringify(summary), run]);
  }

  /** Of these contents, the ones already stored (their bytes need not be sent again). */
  async knownContents(shas: string[]): Promise<Set<string>> {
    if (!shas.length) return new Set();
    return new Set((await this.rows<{ sha256: string }>('SELECT sha256 FROM contents WHERE sha256 = ANY(?)', [shas])).map((r) => r.sha256));
  }

  /** Store a content's bytes (once) and the names it was found under (each once). */
  async addContent(sha256: string, names: string[], data?: Buffer): Promise<void> {
    const c = await this.db.connect();
    try {
      await c.query('BEGIN');
      if (data) await c.query('INSERT INTO contents (sha256, bytes, added, data) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING', [sha256, data.length, new Date().toISOString(), data]);
      for (const n of names) await c.query('INSERT INTO content_names (sha256, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [sha256, n]);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally { c.release(); }
  }

  async content(sha256: string): Promise<ContentRow | undefined> {
    const row = (await this.rows<{ sha256: string; bytes: number; data: Buffer }>('SELECT sha256, bytes, data FROM contents WHERE sha256 = ?', [sha256]))[0];
    return row ? { ...row, names: await this.names(sha256) } : undefined;
  }

  async names(sha256: string): Promise<string[]> {
    return (await this.rows<{ name: string }>('SELECT name FROM content_names WHERE sha256 = ? ORDER BY seq', [sha256])).map((r) => r.name);
  }

  /** Which of these contents have a record from this extractor version, with its status. */
  async doneBy(shas: string[], extractorVersion: string): Promise<Map<string, string>> {
    if (!shas.length) return new Map();
    const rows = await this.rows<{ sha256: string; status: string }>('SELECT sha256, status FROM records WHERE sha256 = ANY(?) AND extractor_version = ?', [shas, extractorVersion]);
    return new Map(rows.map((r) => [r.sha256, r.status]));
  }

  async has(sha256: string, extractorVersion: string): Promise<boolean> {
    return (await this.doneBy([sha256], extractorVersion)).has(sha256);
  }

  async get(sha256: string): Promise<ReportRecord | undefined> {
    const row = (await this.rows<{ record: string }>('SELECT record FROM records WHERE sha256 = ?', [sha256]))[0];
    return row ? JSON.parse(row.record) as ReportRecord : undefined;
  }

  async summary(sha256: string): Promise<StoredSummary | undefined> {
    return (await this.rows<StoredSummary>(`SELECT r.sha256, r.status, r.format, r.seconds, r.run, r.seq, p.status_reason AS "statusReason"
      FROM records r LEFT JOIN reports p ON p.sha256 = r.sha256 WHERE r.sha256 = ?`, [sha256]))[0];
  }

  /**
   * Store one finished record with its relational rows and thumbnails in one transaction. Written
   * only when the content has no record of this extractor version yet (or, with `replaceFailed`,
   * a failed one): false when another worker got there first.
   */
  async put(sha256: string, record: ReportRecord, run: number, thumbnails: StoredThumbnail[] = [], replaceFailed = false): Promise<boolean> {
    const c = await this.db.connect();
    try {
      await c.query('BEGIN');
      const res = await c.query(`INSERT INTO records (sha256, extractor_version, status, format, seconds, run, finished, record, seq)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, nextval('records_seq_counter'))
        ON CONFLICT (sha256) DO UPDATE SET extractor_version = EXCLUDED.extractor_version, status = EXCLUDED.status, format = EXCLUDED.format,
          seconds = EXCLUDED.seconds, run = EXCLUDED.run, finished = EXCLUDED.finished, record = EXCLUDED.record, seq = EXCLUDED.seq
        WHERE records.extractor_version <> EXCLUDED.extractor_version OR ($9 AND records.status = 'failed')`,
      [sha256, record.extractor.version, record.status, record.source.format, record.timing?.seconds ?? null, run, new Date().toISOString(), JSON.stringify(record), replaceFailed]);
      if (res.rowCount !== 1) { await c.query('ROLLBACK'); return false; }
      for (const t of CHILD_TABLES) await c.query(`DELETE FROM ${t} WHERE sha256 = $1`, [sha256]);
      const rows = relationalRows(sha256, record);
      await insertRows(c, 'reports', [rows.report]);
      await insertRows(c, 'cells', rows.cells);
      await insertRows(c, 'checks', rows.checks);
      await insertRows(c, 'warnings', rows.warnings);
      await insertRows(c, 'thumbnails', thumbnails.map((t) => [sha256, t.page, t.region.x0, t.region.y0, t.region.x1, t.region.y1, t.cropped ? 1 : 0, t.width, t.height, t.mime, t.data]));
      await c.query('COMMIT');
      return true;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally { c.release(); }
  }

  async thumbnails(sha256: string): Promise<StoredThumbnail[]> {
    const rows = await this.rows<{ page: number; x0: number; y0: number; x1: number; y1: number; cropped: number; width: number; height: number; mime: string; data: Buffer }>(
      'SELECT page, x0, y0, x1, y1, cropped, width, height, mime, data FROM thumbnails WHERE sha256 = ? ORDER BY page', [sha256]);
    return rows.map((t) => ({ page: t.page, region: { x0: t.x0, y0: t.y0, x1: t.x1, y1: t.y1 }, cropped: !!t.cropped, width: t.width, height: t.height, mime: t.mime, data: t.data }));
  }

  query<T>(sql: string, ...params: unknown[]): Promise<T[]> { return this.rows<T>(sql, params); }

  async *iterate<T>(sql: string, ...params: unknown[]): AsyncGenerator<T> {
    const c = await this.db.connect();
    try {
      await c.query('BEGIN READ ONLY');
      await c.query(`DECLARE xxgk_cursor NO SCROLL CURSOR FOR ${numbered(sql)}`, params);
      for (;;) {
        const { rows } = await c.query(`FETCH ${CURSOR_ROWS} FROM xxgk_cursor`);
        for (const r of rows) yield r as T;
        if (rows.length < CURSOR_ROWS) break;
      }
      await c.query('COMMIT');
    } finally {
      await c.query('ROLLBACK').catch(() => undefined);
      c.release();
    }
  }

  /** Every stored record in the order its content was first enqueued, under its current names. */
  async exportEntries(): Promise<{ item: string; names: string[]; recordSeq: number }[]> {
    const rows = await this.rows<{ sha256: string; seq: number; names: string[] }>(`SELECT r.sha256, r.seq,
        (SELECT array_agg(n.name ORDER BY n.seq) FROM content_names n WHERE n.sha256 = r.sha256) AS names
      FROM records r LEFT JOIN contents c ON c.sha256 = r.sha256 ORDER BY c.seq, r.sha256`);
    return rows.map((r) => ({ item: r.sha256, names: r.names ?? [], recordSeq: r.seq }));
  }

  /** Export passes every record itself (exportEntries): nothing is left over. */
  unwritten(): string[] { return []; }
  outputState(): OutputState { return { items: new Map(), files: new Map(), meta: new Map() }; }
  commitOutputs(): void { /* no ledger: see the class comment */ }

  /** Records per status from this extractor version, contents stored, and records finished in the last `seconds`. */
  async progress(extractorVersion: string, seconds: number): Promise<{ statuses: Record<string, number>; contents: number; recent: number }> {
    const statuses = Object.fromEntries((await this.rows<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM records WHERE extractor_version = ? GROUP BY status', [extractorVersion])).map((r) => [r.status, r.n]));
    const contents = (await this.rows<{ n: number }>('SELECT count(*)::int AS n FROM contents'))[0].n;
    const recent = (await this.rows<{ n: number }>(`SELECT count(*)::int AS n FROM records WHERE extractor_version = ? AND finished::timestamptz > now() - make_interval(secs => ?)`,
      [extractorVersion, seconds]))[0].n;
    return { statuses, contents, recent };
  }

  async close(): Promise<void> { await this.db.end(); }
}
