import { Worker } from 'node:worker_threads';
import type { ReportRecord } from '../model';
import type { StoredThumbnail } from '../store/store';
import type { ExtractOptions } from './extract';
import type { ThreadJob } from './thread-entry';
import type { ThumbnailPolicy } from './thumbnails';
import { memoryReason, timeoutReason, workerScript, type JobResult, type WorkerEnd } from './worker-pool';

export interface ThreadLimits { fileTimeoutMs: number; maxHeapMb: number; maxRssMb: number; modules?: string[] }

/** How often this process's resident memory is sampled against the ceiling. */
const RSS_POLL_MS = 200;

/* A thread started before the batch is planned (see prestartThread), waiting to be adopted. */
let early: { key: string; worker: Worker } | undefined;
const keyOf = (l: Pick<ThreadLimits, 'maxHeapMb' | 'modules'>) => `${l.maxHeapMb}\0${(l.modules ?? []).join('\0')}`;

/** `warm`: readers to load before the first job (`pdf`: pdf.js), while the batch is still planned. */
function newThread(l: Pick<ThreadLimits, 'maxHeapMb' | 'modules'>, warm: 'pdf'[] = []): Worker {
  return new Worker(workerScript('thread-entry.js'), {
    workerData: { modules: l.modules ?? [], warm },
    resourceLimits: { maxOldGenerationSizeMb: l.maxHeapMb },
  });
}

/**
 * Start the extraction thread now, before the store is opened and the inputs are hashed, so its
 * start and module loading overlap with them: what the command line does when it is given a few
 * files. The first ThreadRunner with the same heap ceiling and modules takes it over; unused, it
 * does not keep the process alive and ends with it. `warm: ['pdf']` when a PDF is among the files.
 */
export function prestartThread(limits: Pick<ThreadLimits, 'maxHeapMb' | 'modules'>, warm: 'pdf'[] = []): void {
  if (early) return;
  const worker = newThread(limits, warm);
  worker.unref();
  worker.on('error', () => undefined); // a thread lost before it is adopted is replaced then
  worker.once('exit', () => { if (early?.worker === worker) early = undefined; });
  early = { key: keyOf(limits), worker };
}

/**
 * A run with only a few files to extract does not pay for worker processes (a process start and
 * loading every module again cost more than a small file's extraction): files run one at a time
 * in a worker thread of this process, under the same limits as the pool's workers. Over the time
 * limit or the resident-memory ceiling the thread is terminated (a busy loop included); its V8
 * heap has the pool's ceiling. What a thread cannot contain is a native crash, which ends the
 * whole run: that is the pool's job, used from a few files up.
 */
export class ThreadRunner {
  private worker?: Worker;
  private nextId = 1;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private limits: ThreadLimits) {}

  run(file: string, name: string, options: ExtractOptions, thumbnails: ThumbnailPolicy): Promise<JobResult> {
    const next = this.chain.then(() => this.one({ id: this.nextId++, path: file, name, options, thumbnails }));
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Start the thread now (it loads the extraction modules before any job arrives). */
  start(): this {
    this.thread();
    return this;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    let w: Worker;
    if (early && early.key === keyOf(this.limits)) {
      w = early.worker;
      early = undefined;
      w.ref();
    } else {
      w = newThread(this.limits);
    }
    this.worker = w;
    // A job's own listeners report what happens while it runs; a thread lost between jobs is
    // only forgotten, and the next job starts a fresh one.
    w.on('error', () => undefined);
    w.once('exit', () => { if (this.worker === w) this.worker = undefined; });
    return w;
  }

  private one(job: ThreadJob): Promise<JobResult> {
    const started = Date.now();
    const w = this.thread();
    return new Promise<JobResult>((resolve) => {
      let peak = 0;
      const done = (r: { record?: ReportRecord; thumbnails?: StoredThumbnail[]; failure?: string; ended?: WorkerEnd }) => {
        clearTimeout(timer);
        clearInterval(poll);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        resolve({ ...r, seconds: (Date.now() - started) / 1000, worker: 0, peakRssBytes: peak });
      };
      const stop = (ended: WorkerEnd, failure: string) => { this.worker = undefined; void w.terminate(); done({ failure, ended }); };
      const onMessage = (m: { id: number; record: ReportRecord; thumbnails: StoredThumbnail[] }) => { if (m.id === job.id) done({ record: m.record, thumbnails: m.thumbnails }); };
      // ERR_WORKER_OUT_OF_MEMORY is the thread's heap ceiling; anything else thrown out of the thread is a crash.
      const onError = (e: Error & { code?: string }) => {
        this.worker = undefined;
        done(e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { failure: `ran out of memory (heap limit ${this.limits.maxHeapMb} MB)`, ended: 'heap' }
          : { failure: `extraction thread failed: ${e.message}`, ended: 'crash' });
      };
      const onExit = (code: number) => { this.worker = undefined; done({ failure: `extraction thread exited (code ${code})`, ended: 'crash' }); };
      const timer = setTimeout(() => stop('timeout', timeoutReason(this.limits.fileTimeoutMs)), this.limits.fileTimeoutMs);
      const poll = setInterval(() => {
        const rss = process.memoryUsage.rss();
        peak = Math.max(peak, rss);
        if (rss > this.limits.maxRssMb * 1024 * 1024) stop('memory', memoryReason(this.limits.maxRssMb));
      }, RSS_POLL_MS);
      poll.unref();
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.chain;
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
