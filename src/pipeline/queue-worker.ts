/**
 * `xxgk worker`: takes jobs from the PostgreSQL queue, extracts each content in the same pool of
 * worker processes as `xxgk extract` (same per-file time and memory limits: a hang, crash or
 * memory blow-up becomes a failed record), stores the record and completes the job. The bytes
 * come from the database and go to a private temp file for the extraction: machines share no
 * filesystem. A worker killed at any moment loses nothing: its jobs come back when their lease
 * expires.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type PgBoss from 'pg-boss';
import type { ReportRecord } from '../model';
import type { PgStore } from '../store/pg/store';
import { EXTRACTOR } from '../version';
import { DEFAULT_FILE_TIMEOUT_SECONDS, DEFAULT_FILES_PER_WORKER, DEFAULT_MAX_HEAP_MB } from './batch';
import type { ExtractOptions } from './extract';
import { DEAD, QUEUE, queueCounts, type JobData } from './queue';
import type { ThumbnailPolicy } from './thumbnails';
import { workerFailure, SNIFF_BYTES } from './failure';
import { WorkerPool, type WorkerStat } from './worker-pool';

export interface QueueWorkerOptions extends ExtractOptions {
  /** Extraction processes (default: number of cores). */
  workers?: number;
  fileTimeoutSeconds?: number;
  maxHeapMb?: number;
  maxRssMb?: number;
  thumbnails?: ThumbnailPolicy;
  /** Stop when no job is waiting or running anywhere (else wait for new jobs until stopped). */
  untilEmpty?: boolean;
  /** Seconds between looks at an empty queue. */
  pollSeconds?: number;
  workerEnv?: NodeJS.ProcessEnv;
  onRecord?: (r: ReportRecord, sha256: string) => void;
  /** Resolves when the worker should stop taking jobs (a signal): the jobs it holds are finished first. */
  stop?: Promise<void>;
}

export interface QueueWorkerResult { run: number; extracted: number; alreadyDone: number; statuses: Record<string, number>; seconds: number; workers: WorkerStat[] }

/** Jobs held per extraction process: the next file is there when one finishes (as in the pool). */
const JOBS_PER_PROCESS = 2;

const named = (r: ReportRecord, names: string[]): ReportRecord => {
  const { aliases: _old, ...source } = r.source;
  return { ...r, source: { ...source, file: names[0] ?? source.file, ...(names.length > 1 ? { aliases: names.slice(1) } : {}) } };
};

export async function runQueueWorker(store: PgStore, boss: PgBoss, o: QueueWorkerOptions = {}): Promise<QueueWorkerResult> {
  const started = Date.now();
  const size = Math.max(1, o.workers ?? os.availableParallelism());
  const maxHeapMb = o.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
  const pool = new WorkerPool({
    size, fileTimeoutMs: (o.fileTimeoutSeconds ?? DEFAULT_FILE_TIMEOUT_SECONDS) * 1000, maxHeapMb, maxRssMb: o.maxRssMb ?? maxHeapMb + 1024,
    filesPerWorker: DEFAULT_FILES_PER_WORKER, env: o.workerEnv,
  });
  const extractOptions: ExtractOptions = { maxBytes: o.maxBytes, timeoutSeconds: o.timeoutSeconds, ocrPageSeconds: o.ocrPageSeconds, noLibreOffice: o.noLibreOffice, noOcr: o.noOcr, policy: o.policy };
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'xxgk-worker-'));
  const run = await store.startRun(EXTRACTOR.version, { worker: true, host: os.hostname(), pid: process.pid });
  const statuses: Record<string, number> = {};
  let extracted = 0;
  let alreadyDone = 0;
  let held = 0;
  let stopping = false;
  let wake: (() => void) | undefined;
  const nudge = () => { const w = wake; wake = undefined; w?.(); };
  void o.stop?.then(() => { stopping = true; nudge(); });
  const capacity = size * JOBS_PER_PROCESS;

  const finish = async (queue: string, job: PgBoss.Job<JobData>, record: ReportRecord, thumbnails: Parameters<PgStore['put']>[3]) => {
    if (await store.put(job.data.sha256, record, run, thumbnails, !!job.data.replaceFailed)) {
      extracted++;
      statuses[record.status] = (statuses[record.status] ?? 0) + 1;
      o.onRecord?.(record, job.data.sha256);
    } else alreadyDone++;
    await boss.complete(queue, job.id);
  };

  const extractJob = async (job: PgBoss.Job<JobData>) => {
    const { sha256, replaceFailed } = job.data;
    const done = await store.doneBy([sha256], EXTRACTOR.version);
    if (done.has(sha256) && !(replaceFailed && done.get(sha256) === 'failed')) { alreadyDone++; await boss.complete(QUEUE, job.id); return; }
    const content = await store.content(sha256);
    if (!content) throw new Error(`content ${sha256} is not in the store`);
    const names = content.names.length ? content.names : [sha256];
    // The original extension: a few readers look at it when the bytes alone do not decide.
    const file = path.join(tmp, `${sha256}${path.extname(names[0]).slice(0, 16)}`);
    await fs.writeFile(file, content.data);
    try {
      const res = await pool.run(file, names[0], extractOptions, o.thumbnails ?? 'review');
      const record = res.record ?? workerFailure(names[0], content.data.subarray(0, SNIFF_BYTES), content.bytes, sha256, res.failure ?? 'worker failed', res.seconds);
      await finish(QUEUE, job, named({ ...record, source: { ...record.source, sha256 } }, names), res.thumbnails ?? []);
    } finally { await fs.rm(file, { force: true }); }
  };

  // A job whose retries are used up: every worker that took it was lost before finishing it.
  const deadJob = async (job: PgBoss.Job<JobData>) => {
    const { sha256 } = job.data;
    if (await store.has(sha256, EXTRACTOR.version)) { alreadyDone++; await boss.complete(DEAD, job.id); return; }
    const content = await store.content(sha256);
    const names = content?.names.length ? content.names : [sha256];
    const reason = 'the worker extracting it was lost (killed, or its machine stopped) on every attempt; its lease expired each time';
    await finish(DEAD, job, named(workerFailure(names[0], content?.data.subarray(0, SNIFF_BYTES), content?.bytes ?? 0, sha256, reason, 0), names), []);
  };

  const take = (queue: string, job: PgBoss.Job<JobData>, fn: (j: PgBoss.Job<JobData>) => Promise<void>) => {
    held++;
    void fn(job)
      // The store or the queue failed (not the file): the job goes back to be retried.
      .catch((e: Error) => boss.fail(queue, job.id, { message: e.message }).catch(() => undefined))
      .finally(() => { held--; nudge(); });
  };

  const idle = (ms: number) => new Promise<void>((resolve) => { const t = setTimeout(resolve, ms); wake = () => { clearTimeout(t); resolve(); }; });
  try {
    while (!stopping) {
      if (held >= capacity) { await idle(60_000); continue; }
      const jobs = await boss.fetch<JobData>(QUEUE, { batchSize: capacity - held });
      for (const j of jobs) take(QUEUE, j, extractJob);
      if (jobs.length) continue;
      const dead = await boss.fetch<JobData>(DEAD, { batchSize: 1 });
      for (const j of dead) take(DEAD, j, deadJob);
      if (dead.length) continue;
      if (o.untilEmpty && !held) {
        const c = await queueCounts(boss);
        if (!c.queued && !c.running) break;
      }
      // Nothing to take now: another machine holds the rest, or expired leases are not returned yet.
      await idle((o.pollSeconds ?? 1) * 1000);
    }
    while (held) await idle(60_000);
  } finally {
    await pool.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
  const seconds = (Date.now() - started) / 1000;
  await store.endRun(run, { extracted, alreadyDone, statuses, seconds });
  return { run, extracted, alreadyDone, statuses, seconds, workers: pool.stats };
}
