/**
 * Incremental outputs through the CLI: a re-run appends what is new to every output; a kill -9 in
 * the middle of writing the outputs leaves readable outputs and the next run gives exactly what
 * an uninterrupted run gives; the store's relational tables and the Parquet export hold the data.
 * Inputs are generated text reports (tests/helpers/report-builder.ts): no corpus needed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildReport } from '../helpers/report-builder';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'xxgk.js');
const OUTPUTS = ['reports.csv', 'cells.csv', 'checks.csv', 'failures.csv', 'checks-across-years.csv', 'codebook.csv'];

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'xxgk-incr-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

/** Report n: its own agency and year (distinct content), as tab-separated text. */
function writeReport(dir: string, n: number): string {
  mkdirSync(dir, { recursive: true });
  const r = buildReport(n % 3 === 0 ? '2019' : '2021', { agency: `某某市第${n % 4}测试局`, year: 2020 + Math.floor(n / 4), t4: Array.from({ length: 15 }, (_, i) => (i % 5 === 4 ? 3 * ((n + i) % 3) : (n + i) % 3)) });
  const file = path.join(dir, `report-${String(n).padStart(3, '0')}.txt`);
  writeFileSync(file, r.text);
  return file;
}

function xxgk(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
}

/** Every output file (relative path -> bytes), the store excepted. */
function snapshot(out: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (!f.startsWith('xxgk.sqlite')) files.set(path.relative(out, p), readFileSync(p));
    }
  };
  walk(out);
  return files;
}

const csvRows = (out: string, name: string) => readFileSync(path.join(out, name), 'utf8').replace(/^\uFEFF/, '').split('\n');

test('a re-run appends the new report to every output; the result equals a single run over all inputs', () => {
  const inputs = path.join(tmp, 'a');
  for (let n = 0; n < 5; n++) writeReport(inputs, n);
  const out = path.join(tmp, 'out-a');
  expect(xxgk(['extract', inputs, '--out', out, '--quiet', '--workers', '1']).status).toBe(0);
  const before = snapshot(out);
  const cellsBefore = statSync(path.join(out, 'cells.csv'));
  writeReport(inputs, 5);
  const res = xxgk(['extract', inputs, '--out', out, '--log', 'json', '--workers', '1']);
  expect(res.status).toBe(0);
  const summary = JSON.parse(res.stdout.trim().split('\n').pop()!);
  expect([summary.extracted, summary.alreadyDone]).toEqual([1, 5]);
  // Appended, not rewritten: the old bytes are a prefix of the new file (same inode, longer).
  const cellsAfter = statSync(path.join(out, 'cells.csv'));
  expect(cellsAfter.ino).toBe(cellsBefore.ino);
  for (const f of ['reports.csv', 'cells.csv', 'checks.csv', 'review/list-0000.js', 'review/detail-0000.js']) {
    const now = readFileSync(path.join(out, f));
    expect(now.length).toBeGreaterThan(before.get(f)!.length);
    expect(now.subarray(0, before.get(f)!.length).equals(before.get(f)!)).toBe(true);
  }
  // The new report is in every output.
  expect(csvRows(out, 'reports.csv').filter((l) => l.includes('report-005.txt'))).toHaveLength(1);
  expect(csvRows(out, 'cells.csv').filter((l) => l.includes('report-005.txt')).length).toBeGreaterThan(100);
  expect(csvRows(out, 'checks.csv').some((l) => l.includes('report-005.txt'))).toBe(true);
  expect(existsSync(path.join(out, 'records', 'report-005.txt.json'))).toBe(true);
  expect(readFileSync(path.join(out, 'review', 'list-0000.js'), 'utf8')).toContain('report-005.txt');
  expect(readFileSync(path.join(out, 'review.html'), 'utf8')).toContain('6 reports');
  // Across years: report 5 (agency 1, 2021) follows report 1 (agency 1, 2020).
  expect(csvRows(out, 'checks-across-years.csv').some((l) => l.includes('report-005.txt') && l.includes('report-001.txt'))).toBe(true);
  // A single run over the same six inputs writes the same tables.
  const fresh = path.join(tmp, 'out-a-fresh');
  expect(xxgk(['extract', inputs, '--out', fresh, '--quiet', '--workers', '1']).status).toBe(0);
  for (const f of OUTPUTS) expect(readFileSync(path.join(out, f), 'utf8')).toBe(readFileSync(path.join(fresh, f), 'utf8'));
}, 180_000);

test('kill -9 while the outputs are written: they stay readable, and the re-run gives what an uninterrupted run gives', () => {
  const inputs = path.join(tmp, 'k');
  for (let n = 0; n < 4; n++) writeReport(inputs, n);
  const out = path.join(tmp, 'out-k');
  expect(xxgk(['extract', inputs, '--out', out, '--quiet', '--workers', '1']).status).toBe(0);
  for (let n = 4; n < 8; n++) writeReport(inputs, n);
  // Killed after the second new record's reports.csv rows: files now disagree with each other.
  const killed = xxgk(['extract', inputs, '--out', out, '--quiet', '--workers', '1'], { XXGK_FAULT_INJECTION: '1', XXGK_KILL_IN_OUTPUTS: '1' });
  expect(killed.signal).toBe('SIGKILL');
  // Still readable: whole lines, the old rows intact, the page's chunk files valid JavaScript.
  expect(csvRows(out, 'reports.csv').filter((l) => /report-00[0-3]\.txt/.test(l))).toHaveLength(4);
  for (const f of ['list-0000.js', 'detail-0000.js']) {
    for (const line of readFileSync(path.join(out, 'review', f), 'utf8').split('\n').filter(Boolean)) expect(() => new Function('xxgk', line)).not.toThrow();
  }
  // The store is complete: every record of the killed run is there.
  const db = new Database(path.join(out, 'xxgk.sqlite'), { readonly: true });
  expect((db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n).toBe(8);
  db.close();
  expect(xxgk(['extract', inputs, '--out', out, '--quiet', '--workers', '1']).status).toBe(0);
  const resumed = snapshot(out);
  // Uninterrupted: the same two runs without the kill, in another folder.
  const ref = path.join(tmp, 'out-k-ref');
  const first4 = path.join(tmp, 'k-ref');
  for (let n = 0; n < 4; n++) writeReport(first4, n);
  expect(xxgk(['extract', first4, '--out', ref, '--quiet', '--workers', '1']).status).toBe(0);
  for (let n = 4; n < 8; n++) writeReport(first4, n);
  expect(xxgk(['extract', first4, '--out', ref, '--quiet', '--workers', '1']).status).toBe(0);
  const reference = snapshot(ref);
  for (const f of OUTPUTS) expect(resumed.get(f)!.toString('utf8').replaceAll('/k/', '/k-ref/')).toBe(reference.get(f)!.toString('utf8'));
  expect([...resumed.keys()].sort()).toEqual([...reference.keys()].sort());
  // And byte for byte what a whole rewrite from the same store gives (xxgk review rewrites every output).
  expect(xxgk(['review', out]).status).toBe(0);
  const rewritten = snapshot(out);
  expect([...rewritten.keys()].sort()).toEqual([...resumed.keys()].sort());
  for (const [f, b] of resumed) expect([f, rewritten.get(f)!.equals(b)]).toEqual([f, true]);
}, 240_000);

test('the store is the dataset: relational tables match the records; the Parquet export reads back in DuckDB', async () => {
  const inputs = path.join(tmp, 's');
  for (let n = 0; n < 4; n++) writeReport(inputs, n);
  writeFileSync(path.join(inputs, 'not-a-report.txt'), '这是一份会议通知，没有任何表格。\n');
  const out = path.join(tmp, 'out-s');
  expect(xxgk(['extract', inputs, '--out', out, '--quiet', '--workers', '1']).status).toBe(0);
  const records = readdirSync(path.join(out, 'records')).map((f) => JSON.parse(readFileSync(path.join(out, 'records', f), 'utf8')));
  const printing = records.filter((r) => 't3.new_received.total' in r.cells).length;
  expect(printing).toBe(4);
  const db = new Database(path.join(out, 'xxgk.sqlite'), { readonly: true });
  const one = <T>(sql: string, ...p: unknown[]) => db.prepare(sql).get(...p) as T;
  expect(one<{ n: number }>("SELECT count(*) AS n FROM cells WHERE code = 't3.new_received.total'").n).toBe(printing);
  expect(one<{ n: number }>('SELECT count(*) AS n FROM reports').n).toBe(records.length);
  expect(one<{ n: number }>('SELECT count(*) AS n FROM cells').n).toBe(records.reduce((s, r) => s + Object.keys(r.cells).length, 0));
  expect(one<{ n: number }>('SELECT count(*) AS n FROM checks').n).toBe(records.reduce((s, r) => s + r.checks.length, 0));
  expect(one<{ n: number }>('SELECT count(*) AS n FROM warnings').n).toBe(records.reduce((s, r) => s + r.warnings.length, 0));
  const r0 = records.find((r) => r.source.file.endsWith('report-001.txt'))!;
  expect(one<{ value: number }>("SELECT c.value FROM cells c JOIN reports r USING (sha256) WHERE r.file LIKE '%report-001.txt' AND c.code = 't4.review.total'").value)
    .toBe(r0.cells['t4.review.total'].value);
  // The README's queries run as written.
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const queries = [...readme.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(queries.length).toBeGreaterThanOrEqual(3);
  for (const q of queries) expect(() => db.prepare(q).all()).not.toThrow();
  db.close();

  expect(xxgk(['export', out, '--to', path.join(out, 'pq')]).status).toBe(0);
  const duck = await DuckDBInstance.create(':memory:');
  const con = await duck.connect();
  const rows = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjects();
  const pq = (f: string) => `'${path.join(out, 'pq', f).replace(/'/g, "''")}'`;
  const reports = await rows(`SELECT file, status, year, "t3.new_received.total" AS nr FROM read_parquet(${pq('reports.parquet')}) ORDER BY file`);
  expect(reports.map((r) => path.basename(String(r.file)))).toEqual(records.map((r) => path.basename(r.source.file)).sort());
  const rec = (f: string) => records.find((r) => r.source.file.endsWith(f))!;
  for (const r of reports) {
    const src = rec(path.basename(String(r.file)));
    expect([r.status, r.year, r.nr]).toEqual([src.status, src.report.year, src.cells['t3.new_received.total']?.value ?? null]);
  }
  const cells = await rows(`SELECT count(*) AS n, count(DISTINCT sha256) AS k FROM read_parquet(${pq('cells.parquet')})`);
  expect(Number(cells[0].n)).toBe(records.reduce((s, r) => s + Object.keys(r.cells).length, 0));
  expect(Number(cells[0].k)).toBe(printing);
  const nr = await rows(`SELECT count(*) AS n FROM read_parquet(${pq('cells.parquet')}) WHERE code = 't3.new_received.total'`);
  expect(Number(nr[0].n)).toBe(printing);
  con.closeSync?.();
}, 180_000);
