/**
 * Worker pool faults: a file that hangs, crashes its worker, exhausts the V8 heap or grows resident
 * memory past the ceiling each becomes a failed record with the reason; the worker is replaced and
 * the other files are extracted. Also the library API: extractBatch with a store resumes.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReportRecord } from '../../src/model';
import { extractBatch, type BatchEvent } from '../../src/pipeline/batch';
import { buildReport } from '../helpers/report-builder';
import { ensureBuilt, readRecords, ROOT } from './folder';

const BIN = path.join(ROOT, 'bin', 'xxgk.js');
/** Any complete report does: one built with known values (extracts as ok). */
const goodHtml = Buffer.from(buildReport('2021').html);

describe('worker pool faults', () => {
  let tmp: string;
  let dir: string;
  beforeAll(async () => {
    ensureBuilt();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'xxgk-faults-'));
    dir = path.join(tmp, 'in');
    await fs.mkdir(dir);
    for (let i = 0; i < 3; i++) await fs.writeFile(path.join(dir, `good-${i}.html`), Buffer.concat([goodHtml, Buffer.from(`<!-- ${i} -->`)]));
    for (const k of ['hang', 'crash', 'oom', 'rss']) await fs.writeFile(path.join(dir, `${k}.txt`), `XXGK-FAULT:${k}`);
  });
  afterAll(async () => { if (tmp) await fs.rm(tmp, { recursive: true, force: true }); });

  // One worker: each fault has the next file already queued in that worker, which must be re-run, not blamed.
  test('hang, crash, heap exhaustion and memory growth become failed records; the batch goes on', async () => {
    const out = path.join(tmp, 'out');
    const res = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [BIN, 'extract', dir, '--out', out, '--workers', '1', '--file-timeout', '8', '--max-memory', '96', '--max-rss', '400', '--log', 'json'],
        { env: { ...process.env, XXGK_FAULT_INJECTION: '1' } }, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr }));
    });
    expect(res.code).toBe(0);
    const byName = new Map((await readRecords(out)).map((r) => [path.basename(r.source.file), r]));
    expect(byName.get('hang.txt')).toMatchObject({ status: 'failed', statusReason: 'timed out after 8 s (--file-timeout)' });
    expect(byName.get('crash.txt')?.statusReason).toMatch(/^worker process crashed \(signal SIGSEGV\)/);
    expect(byName.get('oom.txt')?.statusReason).toBe('ran out of memory (worker heap limit 96 MB)');
    expect(byName.get('rss.txt')?.statusReason).toBe('used more than 400 MB of memory (worker memory ceiling)');
    for (const k of ['hang', 'crash', 'oom', 'rss']) expect(byName.get(`${k}.txt`)?.source.format).toBe('text');
    for (let i = 0; i < 3; i++) expect(byName.get(`good-${i}.html`)?.status).toBe('ok');
    const summary = JSON.parse(res.stdout.trim().split('\n').pop()!);
    expect(summary.workers.replaced).toEqual({ timeout: 1, crash: 1, memory: 2 });
    expect(summary.slowest[0]).toMatchObject({ file: path.join(dir, 'hang.txt') });
  }, 120_000);

  // A run of one named file extracts in a thread of the CLI process, started before the store opens:
  // the same time limit and heap ceiling apply, and the hanging or exhausted thread is ended.
  test('one file in the in-process thread: a hang and heap exhaustion become failed records', async () => {
    const runOne = (file: string, out: string, ...opts: string[]) => new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [BIN, 'extract', path.join(dir, file), '--out', out, '--log', 'json', ...opts],
        { env: { ...process.env, XXGK_FAULT_INJECTION: '1' } }, (err, stdout) => resolve({ code: err ? 1 : 0, stdout }));
    });
    const hang = await runOne('hang.txt', path.join(tmp, 'one-hang'), '--file-timeout', '3');
    expect(hang.code).toBe(0);
    expect(JSON.parse(hang.stdout.trim().split('\n').pop()!).workers.started).toBe(0); // no worker process
    expect((await readRecords(path.join(tmp, 'one-hang')))[0]).toMatchObject({ status: 'failed', statusReason: 'timed out after 3 s (--file-timeout)' });
    const oom = await runOne('oom.txt', path.join(tmp, 'one-oom'), '--max-memory', '96');
    expect(oom.code).toBe(0);
    expect((await readRecords(path.join(tmp, 'one-oom')))[0].statusReason).toBe('ran out of memory (heap limit 96 MB)');
  }, 120_000);

  test('library: extractBatch yields every record, resumes from a store, --force re-extracts', async () => {
    const store = path.join(tmp, 'lib', 'xxgk.sqlite');
    const files = [path.join(dir, 'good-0.html'), path.join(dir, 'good-1.html')];
    await fs.copyFile(files[0], path.join(tmp, 'same-as-good-0.html'));
    const inputs = [...files, path.join(tmp, 'same-as-good-0.html')];
    const collect = async (opts: object) => {
      const events: BatchEvent[] = [];
      const records: ReportRecord[] = [];
      for await (const r of extractBatch(inputs, { workers: 1, store, onEvent: (e) => events.push(e), ...opts })) records.push(r);
      return { records, plan: events.find((e) => e.type === 'plan') as Extract<BatchEvent, { type: 'plan' }> };
    };
    const first = await collect({});
    expect(first.records).toHaveLength(2);
    expect(first.plan).toMatchObject({ total: 2, unique: 2, cached: 0, toExtract: 2 });
    expect(first.records.find((r) => r.source.file === files[0])?.source.aliases).toEqual([path.join(tmp, 'same-as-good-0.html')]);
    const second = await collect({});
    expect(second.plan).toMatchObject({ cached: 2, toExtract: 0 });
    expect(second.records.map((r) => ({ ...r, timing: undefined }))).toEqual(expect.arrayContaining(first.records.map((r) => ({ ...r, timing: undefined }))));
    const forced = await collect({ force: true });
    expect(forced.plan).toMatchObject({ cached: 0, toExtract: 2 });
  }, 120_000);
});

/** Root reads anything (CI runs as root): run the CLI as nobody to see real permission errors. */
function canDropPrivileges(): boolean {
  if (process.getuid?.() !== 0) return false;
  try { execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, '--version'], { stdio: 'ignore' }); return true; } catch { return false; }
}

(canDropPrivileges() ? test : test.skip)('unreadable file and folder (as an unprivileged user) become failed records', async () => {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'xxgk-perm-'));
  try {
    const dir = path.join(tmp, 'in');
    await fs.mkdir(path.join(dir, 'closed'), { recursive: true });
    await fs.writeFile(path.join(dir, 'open.html'), goodHtml);
    await fs.writeFile(path.join(dir, 'locked.html'), '<html><body>x</body></html>');
    await fs.writeFile(path.join(dir, 'closed', 'inside.html'), '<html><body>x</body></html>');
    execFileSync('chmod', ['-R', 'a+rwX', tmp]);
    await fs.chmod(path.join(dir, 'locked.html'), 0);
    await fs.chmod(path.join(dir, 'closed'), 0);
    const out = path.join(tmp, 'out');
    execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'extract', dir, '--out', out, '--workers', '1', '--log', 'quiet']);
    const byName = new Map((await readRecords(out)).map((r) => [path.basename(r.source.file), r]));
    expect(byName.get('locked.html')).toMatchObject({ status: 'failed', statusReason: expect.stringMatching(/^cannot read file: EACCES/) });
    expect(byName.get('closed')).toMatchObject({ status: 'failed', statusReason: 'cannot list folder: EACCES' });
    expect(byName.get('open.html')?.status).toBe('ok');
    const failures = await fs.readFile(path.join(out, 'failures.csv'), 'utf8');
    expect(failures).toContain('locked.html');
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}, 60_000);

