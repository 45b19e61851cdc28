/**
 * Many machines on one PostgreSQL, end to end through the CLI: enqueue, two workers, one killed
 * with SIGKILL mid-run, a third finishing the queue, export; the outputs match a single-machine
 * `xxgk extract` of the same inputs, every content exactly once. Needs a PostgreSQL server
 * (tests/helpers/postgres.ts starts one; skipped with one line where none can start).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { withPostgres } from '../helpers/postgres';
import { buildReport } from '../helpers/report-builder';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'xxgk.js');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
// The crash fault file makes its extraction process die: the pool's limits must turn it into a failed record, as in extract.
const ENV = { ...process.env, XXGK_FAULT_INJECTION: '1' };

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'xxgk-shared-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

function xxgk(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: ENV, timeout: 170_000 });
}

/** ≥ 60 inputs: generated text and HTML reports, Word and PDF fixtures, copies under other names, a file that crashes its worker. */
function buildInputs(dir: string): { files: number; contents: number } {
  let files = 0;
  const put = (rel: string, data: string | Buffer) => { const p = path.join(dir, rel); mkdirSync(path.dirname(p), { recursive: true }); writeFileSync(p, data); files++; };
  for (let n = 0; n < 56; n++) {
    const r = buildReport(n % 3 === 0 ? '2019' : n % 3 === 1 ? '2021' : 'hybrid', {
      agency: `某某市第${n % 7}测试局`, year: 2019 + (n % 5), t4: Array.from({ length: 15 }, (_, i) => (n * 7 + i) % 4), variant: { seed: n, blanks: n % 4 },
    });
    if (n % 2) put(`html/${n % 5}/report-${n}.html`, r.html); else put(`text/report-${n}.txt`, r.text);
  }
  let contents = 56;
  for (const f of ['report-2019.docx', 'report-hybrid.docx', 'report-blanks.docx']) { copyFileSync(path.join(FIXTURES, 'word', f), path.join(dir, f)); files++; contents++; }
  for (const f of ['unruled.libreoffice.pdf', 'landscape.chromium.pdf']) { copyFileSync(path.join(FIXTURES, 'pdf', f), path.join(dir, f)); files++; contents++; }
  // Copies: no new content, one more name each.
  for (let i = 0; i < 4; i++) put(`mirror/copy-${i}.txt`, readFileSync(path.join(dir, 'text', `report-${i * 2}.txt`)));
  put('mirror/report-2019-again.docx', readFileSync(path.join(FIXTURES, 'word', 'report-2019.docx')));
  put('bad/crash.txt', 'XXGK-FAULT:crash');
  contents++;
  return { files, contents };
}

const csv = (dir: string, name: string) => readFileSync(path.join(dir, name), 'utf8');

/** Lines of a worker's stderr as they come, so the test can act mid-run. */
function startWorker(url: string, extra: string[] = []): { child: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, 'worker', '--store', url, '-j', '2', '--check-leases', '1', ...extra], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buf = '';
  child.stderr!.on('data', (d: Buffer) => { buf += d.toString('utf8'); const parts = buf.split('\n'); buf = parts.pop()!; lines.push(...parts); });
  child.stdout!.on('data', (d: Buffer) => { lines.push(...d.toString('utf8').split('\n').filter(Boolean)); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

const until = async (ok: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!ok()) { if (Date.now() > end) throw new Error('timed out waiting'); await new Promise((r) => setTimeout(r, 50)); }
};

withPostgres('many machines on one PostgreSQL', (server) => {
  test('two workers, one SIGKILLed mid-run, a third finishes: the export equals a single-machine extract, every content once', async () => {
    const { url, password } = server();
    const inputs = path.join(tmp, 'in');
    const { files, contents } = buildInputs(inputs);
    expect(files).toBeGreaterThanOrEqual(60);
    const printed: string[] = [];
    const run = (args: string[]) => { const r = xxgk(args); printed.push(r.stdout, r.stderr); return r; };

    // A short lease: the killed worker's jobs come back within seconds.
    const enq = run(['enqueue', inputs, '--store', url, '--lease', '8', '--quiet']);
    expect(enq.status).toBe(0);
    expect(enq.stdout).toContain(`${files} files, ${contents} distinct contents (${contents} new in the store): ${contents} queued`);

    const a = startWorker(url);
    const b = startWorker(url, ['--until-empty']);
    // Kill A once it has finished a few files: it holds more (two per extraction process), now orphaned.
    await until(() => a.lines.filter((l) => /^(ok|partial|failed|unsupported) /.test(l)).length >= 3, 90_000);
    a.child.kill('SIGKILL');
    expect(await a.exited).toBeNull();
    const c = startWorker(url, ['--until-empty']);
    expect(await c.exited).toBe(0);
    expect(await b.exited).toBe(0);
    printed.push(...a.lines, ...b.lines, ...c.lines);

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      // The kill mattered: some job was taken by A and finished by another worker after its lease expired.
      const retried = await db.query(`SELECT count(*)::int AS n FROM (SELECT retry_count FROM pgboss.job WHERE name = 'xxgk-extract'
        UNION ALL SELECT retry_count FROM pgboss.archive WHERE name = 'xxgk-extract') j WHERE retry_count > 0`);
      expect(retried.rows[0].n).toBeGreaterThan(0);
      const counts = await db.query('SELECT (SELECT count(*)::int FROM records) AS records, (SELECT count(*)::int FROM contents) AS contents, (SELECT count(*)::int FROM content_names) AS names');
      expect(counts.rows[0]).toEqual({ records: contents, contents, names: files });
    } finally { await db.end(); }

    const status = run(['status', '--store', url, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ queued: 0, running: 0, done: contents - 1, failed: 1 });

    const shared = path.join(tmp, 'shared');
    expect(run(['export', '--store', url, '--out', shared]).status).toBe(0);
    const single = path.join(tmp, 'single');
    expect(xxgk(['extract', inputs, '--out', single, '--workers', '2', '--quiet']).status).toBe(0);
    for (const f of ['cells.csv', 'reports.csv', 'checks.csv', 'failures.csv', 'checks-across-years.csv']) expect(csv(shared, f)).toBe(csv(single, f));
    // Every content once: one row each in reports.csv, one record file each.
    const rows = csv(shared, 'reports.csv').trim().split('\n').slice(1);
    expect(rows).toHaveLength(contents);
    expect(readdirSync(path.join(shared, 'records'))).toHaveLength(contents);
    expect(readdirSync(path.join(shared, 'parquet')).sort()).toEqual(['cells.parquet', 'reports.parquet']);
    expect(csv(shared, 'failures.csv')).toMatch(/bad\/crash\.txt.*worker process crashed/);

    // Enqueued again: nothing left to do for this version.
    const again = run(['enqueue', inputs, '--store', url, '--quiet']);
    expect(again.stdout).toContain(`0 queued, ${contents} already done by this version`);
    // One machine alone: `extract --store` queues, works and writes DIR from a fresh database.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('CREATE DATABASE alone');
    await admin.end();
    const alone = path.join(tmp, 'alone');
    const one = run(['extract', inputs, '--store', url.replace(/\/postgres$/, '/alone'), '--out', alone, '--workers', '2']);
    expect(one.status).toBe(0);
    expect(one.stdout).toContain(`${contents} queued`);
    expect(csv(alone, 'cells.csv')).toBe(csv(single, 'cells.csv'));
    // The password is never printed, whatever a command says.
    expect(printed.join('\n')).not.toContain(password);
    const wrong = xxgk(['status', '--store', url.replace(password, 'not-the-password-42')]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/cannot open the store postgres:\/\/xxgk:\*\*\*@127\.0\.0\.1:\d+\/postgres: .*password authentication failed/);
    expect(wrong.stderr).not.toContain('not-the-password-42');
    expect(status.stdout).toContain('xxgk:***@127.0.0.1');
  }, 180_000);
});
