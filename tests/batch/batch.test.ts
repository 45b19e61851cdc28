/**
 * The batch over a real-looking download folder: ≥ 300 inputs (corpus reports under many names,
 * exact copies, and every kind of bad input), one CLI run accounts for every file; a run killed
 * with SIGKILL midway and resumed gives the same outputs, reprocessing only unfinished files.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ReportRecord } from '../../src/model';
import { buildFolder, CORPUS, ensureBuilt, MAX_BYTES, outputs, readRecords, ROOT, type Folder } from './folder';

const BIN = path.join(ROOT, 'bin', 'xxgk.js');
const haveCorpus = existsSync(path.join(CORPUS, 'seed'));
const maybe = haveCorpus ? describe : describe.skip;
const ENV = { ...process.env, XXGK_FAULT_INJECTION: '1' };
const ARGS = ['--workers', '2', '--max-bytes', String(MAX_BYTES), '--log', 'json'];

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: ENV, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const summaryOf = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!);

maybe('batch over a download folder', () => {
  let tmp: string;
  let folder: Folder;
  let out1: string;
  beforeAll(async () => {
    ensureBuilt();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'xxgk-batch-'));
    folder = await buildFolder(path.join(tmp, 'downloads'));
    out1 = path.join(tmp, 'out1');
  }, 120_000);
  afterAll(async () => { if (tmp) await fs.rm(tmp, { recursive: true, force: true }); });

  test('one run accounts for every file with the right status', async () => {
    expect(folder.expect.size).toBeGreaterThanOrEqual(300);
    const run = await cli(['extract', folder.dir, '--out', out1, ...ARGS]);
    expect(run.stderr).not.toMatch(/Unhandled|TypeError|ReferenceError|at .*\.js:\d+/);
    expect(run.code).toBe(0);
    const records = await readRecords(out1);
    const seen = new Map<string, ReportRecord>();
    for (const r of records) {
      for (const name of [r.source.file, ...(r.source.aliases ?? [])]) {
        expect(seen.has(name)).toBe(false); // no file in two records
        seen.set(name, r);
      }
    }
    const wrong: string[] = [];
    for (const [file, e] of folder.expect) {
      const r = seen.get(file);
      if (!r) wrong.push(`${file} (${e.why}): no record`);
      else if (!e.ok(r)) wrong.push(`${file} (${e.why}): ${r.status} ${r.statusReason ?? ''}`);
    }
    expect(wrong).toEqual([]);
    expect([...seen.keys()].filter((f) => !folder.expect.has(f))).toEqual([]); // nothing extra (ignored files stay out)
    // Identical files are extracted once and carry every name.
    const copies = records.filter((r) => (r.source.aliases?.length ?? 0) > 0);
    expect(copies.length).toBeGreaterThanOrEqual(4);
    // failures.csv: one row per file (aliases included) without a full record.
    const failures = (await fs.readFile(path.join(out1, 'failures.csv'), 'utf8')).split('\n').length - 1;
    const notOk = [...seen.values()].filter((r) => r.status !== 'ok').length;
    expect(failures).toBe(notOk);
    const summary = summaryOf(run.stdout);
    expect(summary.files).toBe(folder.expect.size);
    expect(summary.ignored).toBe(folder.ignored.length);
    expect(summary.workers.replaced.crash).toBeGreaterThanOrEqual(1);
    // A second run finds everything done and changes nothing.
    const before = await outputs(out1);
    const again = await cli(['extract', folder.dir, '--out', out1, ...ARGS]);
    expect(again.code).toBe(0);
    const s2 = summaryOf(again.stdout);
    const early = records.filter((r) => !r.source.sha256).length; // never reached a worker: re-checked each run
    expect(s2.extracted).toBe(early);
    expect(s2.alreadyDone).toBe(records.length - early);
    expect(await outputs(out1)).toEqual(before);
  }, 300_000);

  test('kill -9 midway, re-run: same outputs, only unfinished files reprocessed', async () => {
    const out2 = path.join(tmp, 'out2');
    const child = spawn(process.execPath, [BIN, 'extract', folder.dir, '--out', out2, ...ARGS], { env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
    let files = 0;
    let buf = '';
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        buf += d.toString();
        const lines = buf.split('\n'); buf = lines.pop()!;
        files += lines.filter((l) => l.includes('"event":"file"')).length;
        if (files >= 60 && !child.killed) { child.kill('SIGKILL'); }
      });
      child.on('exit', () => resolve());
    });
    expect(child.signalCode).toBe('SIGKILL');
    const db = new Database(path.join(out2, 'xxgk.sqlite'), { readonly: true });
    const finished = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    db.close();
    expect(finished).toBeGreaterThan(0);
    expect(existsSync(path.join(out2, 'reports.csv'))).toBe(false); // killed before any output was written

    const resumed = await cli(['extract', folder.dir, '--out', out2, ...ARGS]);
    expect(resumed.code).toBe(0);
    const s = summaryOf(resumed.stdout);
    expect(s.alreadyDone).toBe(finished); // everything finished before the kill is reused ...
    const db2 = new Database(path.join(out2, 'xxgk.sqlite'), { readonly: true });
    const byRun = db2.prepare('SELECT run, count(*) AS n FROM records GROUP BY run ORDER BY run').all() as { run: number; n: number }[];
    const total = (db2.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    db2.close();
    expect(byRun[0]).toEqual({ run: 1, n: finished }); // ... and not extracted again
    const db1 = new Database(path.join(out1, 'xxgk.sqlite'), { readonly: true });
    const uninterrupted = (db1.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    db1.close();
    const early = (await readRecords(out1)).filter((r) => !r.source.sha256).length;
    expect(total).toBe(uninterrupted); // nothing duplicated, nothing lost
    expect(s.extracted - early).toBe(total - finished); // only the unfinished ones were extracted
    expect(total - finished).toBeGreaterThan(0);
    // Same outputs as one uninterrupted run.
    const a = await outputs(out1);
    const b = await outputs(out2);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [k, v] of a) expect({ file: k, content: b.get(k) }).toEqual({ file: k, content: v });
  }, 300_000);
});
