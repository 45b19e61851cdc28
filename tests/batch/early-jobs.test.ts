/**
 * Jobs started before the batch (what `xxgk extract one.pdf` does while the store opens): the
 * batch takes over the result of exactly the job it would have started, under the same limits, and
 * neither waits for nor uses a job it does not need. The hanging fault file makes the difference
 * visible: its result is a time-out, so when it arrives says when its job started.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReportRecord } from '../../src/model';
import { extractBatch, type BatchOptions } from '../../src/pipeline/batch';
import { jobLimits, jobOptions } from '../../src/pipeline/job-options';
import { DEFAULT_MAX_HEAP_MB } from '../../src/pipeline/limits';
import { dropBareThread, prestartThread, startBareThread, threadsStarted, ThreadRunner } from '../../src/pipeline/thread';
import { ensureBuilt } from './folder';

/** The thread reads the fault file as a hang (pipeline/faults.ts). */
const FAULTS: BatchOptions = { workerEnv: { XXGK_FAULT_INJECTION: '1' } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('jobs started before the batch', () => {
  let tmp: string;
  let hang: string;
  beforeAll(async () => {
    ensureBuilt();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'xxgk-early-'));
    hang = path.join(tmp, 'hang.txt');
    await fs.writeFile(hang, 'XXGK-FAULT:hang');
  });
  afterAll(async () => {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  const run = async (options: BatchOptions) => {
    const t = Date.now();
    const records: ReportRecord[] = [];
    for await (const r of extractBatch([hang], options)) records.push(r);
    return { records, seconds: (Date.now() - t) / 1000 };
  };
  const early = (batch: BatchOptions, job: BatchOptions = batch) =>
    prestartThread(jobLimits(batch), [], [{ file: hang, name: hang, options: jobOptions(job), thumbnails: batch.thumbnails ?? 'none' }]);

  test('the batch takes the result of the same job, timed from when it started', async () => {
    const options: BatchOptions = { ...FAULTS, fileTimeoutSeconds: 3, store: path.join(tmp, 'same', 'xxgk.sqlite') };
    early(options);
    await sleep(2000);
    const { records, seconds } = await run(options);
    expect(records[0]).toMatchObject({ status: 'failed', statusReason: 'timed out after 3 s (--file-timeout)' });
    // A job started by the batch itself could not time out before 3 s had passed.
    expect(seconds).toBeLessThan(3);
  }, 30_000);

  test('a job with other options is not taken: the batch runs its own', async () => {
    const options: BatchOptions = { ...FAULTS, fileTimeoutSeconds: 3, store: path.join(tmp, 'other', 'xxgk.sqlite') };
    early(options, { ...options, noOcr: true });
    await sleep(2000);
    const { records, seconds } = await run(options);
    expect(records[0].statusReason).toBe('timed out after 3 s (--file-timeout)');
    expect(seconds).toBeGreaterThanOrEqual(3);
  }, 30_000);

  test('a job for a file the store has done already is neither used nor waited for', async () => {
    const store = path.join(tmp, 'done', 'xxgk.sqlite');
    const first = await run({ ...FAULTS, fileTimeoutSeconds: 1, store });
    expect(first.records[0].statusReason).toBe('timed out after 1 s (--file-timeout)');
    const options: BatchOptions = { ...FAULTS, fileTimeoutSeconds: 60, store };
    early(options);
    const again = await run(options);
    expect(again.records[0].statusReason).toBe('timed out after 1 s (--file-timeout)'); // the stored record
    expect(again.seconds).toBeLessThan(30);
  }, 60_000);

  test('a thread started before the options were known serves the runner with its heap ceiling, a PDF included', async () => {
    startBareThread(DEFAULT_MAX_HEAP_MB);
    const before = threadsStarted();
    const pdf = path.join(__dirname, '..', 'fixtures', 'pdf', 'landscape.chromium.pdf');
    const same = new ThreadRunner(jobLimits({}), ['pdf']);
    const res = await same.run(pdf, pdf, {}, 'none');
    await same.close();
    expect(res.record?.source.format).toBe('pdf');
    expect(res.failure).toBeUndefined();
    expect(res.record?.tables.length).toBeGreaterThan(0);
    expect(threadsStarted()).toBe(before); // the bare thread ran it
    startBareThread(DEFAULT_MAX_HEAP_MB);
    const other = new ThreadRunner(jobLimits({ maxHeapMb: 512 }));
    try {
      const r = await other.run(hang, hang, {}, 'none'); // no fault injection here: just a text that is no report
      expect(r.failure).toBeUndefined();
      expect(r.record?.source.file).toBe(hang);
      expect(threadsStarted()).toBe(before + 2); // another bare one, and the runner's own
    } finally {
      await other.close();
      dropBareThread();
    }
  }, 60_000);
});
