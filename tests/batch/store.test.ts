/** The store's schema migration: a store written before the relational tables gets them, once. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { extract } from '../../src/pipeline/extract';
import { Store } from '../../src/store/store';

const V1 = `
CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL, finished TEXT, extractor_version TEXT NOT NULL, args TEXT, summary TEXT);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ms REAL NOT NULL, sha256 TEXT NOT NULL, last_run INTEGER);
CREATE TABLE records (sha256 TEXT PRIMARY KEY, extractor_version TEXT NOT NULL, status TEXT NOT NULL, format TEXT NOT NULL,
  seconds REAL, run INTEGER NOT NULL, finished TEXT NOT NULL, record TEXT NOT NULL);`;

test('a version-1 store is migrated: records kept, relational tables filled from them', async () => {
  const rec = await extract(path.join(__dirname, '..', '..', 'samples', 'pingdingshan-jiaoti-2023.txt'));
  expect(rec.status).toBe('ok');
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'xxgk-store-')), 'xxgk.sqlite');
  const old = new Database(file);
  old.exec(V1);
  old.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(rec.source.sha256, rec.extractor.version, rec.status, rec.source.format, 0.1, 1, 'then', JSON.stringify(rec));
  old.pragma('user_version = 1');
  old.close();
  const store = new Store(file);
  try {
    expect(store.get(rec.source.sha256)).toEqual(rec);
    expect(store.summary(rec.source.sha256)).toMatchObject({ status: 'ok', seq: 1 });
    expect(store.query<{ n: number }>('SELECT count(*) AS n FROM cells WHERE sha256 = ?', rec.source.sha256)[0].n).toBe(Object.keys(rec.cells).length);
    expect(store.query<{ agency: string }>('SELECT agency FROM reports')[0].agency).toBe(rec.report.agency);
    expect(store.query<{ name: string }>("SELECT name FROM sqlite_master WHERE name = 'records_v1'")).toEqual([]);
    // seq now sits before the JSON, so status and seq are read without the record's pages.
    expect(store.query<{ name: string }>('SELECT name FROM pragma_table_info(\'records\')').map((c) => c.name).slice(-2)).toEqual(['seq', 'record']);
  } finally { store.close(); }
  expect(new Database(file, { readonly: true }).pragma('user_version', { simple: true })).toBe(2);
});

test('records stored together are one transaction: all of them with their rows, or none when one cannot be stored', async () => {
  const rec = await extract(path.join(__dirname, '..', '..', 'samples', 'pingdingshan-jiaoti-2023.txt'));
  const store = new Store(path.join(mkdtempSync(path.join(os.tmpdir(), 'xxgk-store-')), 'xxgk.sqlite'));
  try {
    const run = store.startRun(rec.extractor.version, {});
    const copy = (sha256: string) => ({ sha256, record: { ...rec, source: { ...rec.source, sha256 } } });
    store.putMany([copy('a'.repeat(64)), copy('b'.repeat(64))], run);
    expect(store.query<{ n: number }>('SELECT count(*) AS n FROM records')[0].n).toBe(2);
    expect(store.query<{ n: number }>('SELECT count(*) AS n FROM cells')[0].n).toBe(2 * Object.keys(rec.cells).length);
    // A record JSON cannot hold (a BigInt) fails the whole group: the good one before it is not stored either.
    const bad = { ...copy('d'.repeat(64)), record: { ...rec, timing: { seconds: 10n } } as unknown as typeof rec };
    expect(() => store.putMany([copy('c'.repeat(64)), bad], run)).toThrow(/BigInt/);
    expect(store.has('c'.repeat(64), rec.extractor.version)).toBe(false);
    expect(store.query<{ n: number }>('SELECT count(*) AS n FROM cells')[0].n).toBe(2 * Object.keys(rec.cells).length);
  } finally { store.close(); }
});
