import { Worker } from 'node:worker_threads';
import type { ReportRecord } from '../model';
import type { StoredThumbnail } from '../store/store';
import type { ExtractOptions } from './extract';
import type { ThreadJob } from './thread-entry';
import type { ThumbnailPolicy } from './thumbnails';
import { memoryReason, timeoutReason, workerScript, type JobResult, type WorkerEnd } from './worker-pool';

export interface ThreadLimits {
  fileTimeoutMs: number; maxHeapMb: number; maxRssMb: number; modules?: string[];
  /** Extra environment (BatchOptions.workerEnv: tests inject faults through it). */
  env?: NodeJS.ProcessEnv;
}

/** One file for the thread: what ThreadRunner.run takes. */
export interface ThreadJobSpec { file: string; name: string; options: ExtractOptions; thumbnails: ThumbnailPolicy }

/** How often this process's resident memory is sampled against the ceiling. */
const RSS_POLL_MS = 200;

/* A runner started before the batch is planned (see prestartThread), waiting to be taken over. */
let early: ThreadRunner | undefined;
/* A thread started before the command line was even parsed (see startBareThread). */
let bare: { worker: Worker; maxHeapMb: number } | undefined;
let starts = 0;
/** Threads this process has started so far (for diagnostics and tests). */
export const threadsStarted = () => starts;

/**
 * Start a thread with this heap ceiling at once, before the options are known (bin/xxgk.js does,
 * for `xxgk extract` without options that change the thread): the first runner with the same
 * ceiling and no extra modules or environment takes it (and tells it what to load early);
 * otherwise dropBareThread ends it, or it ends with the process.
 */
export function startBareThread(maxHeapMb: number): void {
  if (bare || early) return;
  const worker = new Worker(workerScript('thread-entry.js'), { workerData: { modules: [], warm: [] }, resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
  starts++;
  worker.unref();
  worker.on('error', () => undefined); // a thread lost before it is taken is replaced then
  worker.once('exit', () => { if (bare?.worker === worker) bare = undefined; });
  bare = { worker, maxHeapMb };
}

/** The command will not run files in a thread: end the one startBareThread started. */
export function dropBareThread(): void {
  void bare?.worker.terminate();
  bare = undefined;
}
const keyOf = (l: ThreadLimits) => JSON.stringify([l.fileTimeoutMs, l.maxHeapMb, l.maxRssMb, l.modules ?? [], l.env ?? {}]);
const jobKey = (j: ThreadJobSpec) => JSON.stringify([j.file, j.name, j.options, j.thumbnails]);

/**
 * Start the extraction thread now, before the store is opened and the inputs are hashed, so its
 * start and module loading overlap with them: what the command line does when it is given a few
 * files. `warm: ['pdf']` when a PDF is among the files. `jobs`: files the batch is expected to
 * extract (the caller knows none of them is done yet, e.g. there is no store): they start at once,
 * under the limits, and the batch takes their results when it asks for the same job. The first
 * ThreadRunner.take with the same limits takes the runner over; unused, it does not keep the
 * process alive and ends with it.
 */
export function prestartThread(limits: ThreadLimits, warm: 'pdf'[] = [], jobs: ThreadJobSpec[] = []): void {
  if (early) return;
  const r = new ThreadRunner(limits, warm, false).start();
  for (const j of jobs) r.startEarly(j);
  early = r;
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
  /** Jobs started before anyone asked (prestartThread), by jobKey, until run() takes them. */
  private started = new Map<string, Promise<JobResult>>();
  /** Results someone waits for: close() lets them finish. */
  private wanted: Promise<unknown>[] = [];
  /** Timers of running jobs: unref'd while nobody has taken the runner over. */
  private timers = new Set<NodeJS.Timeout>();

  constructor(private limits: ThreadLimits, private warm: 'pdf'[] = [], private held = true) {}

  /** The runner prestartThread started with these limits (with its jobs), else a new one. */
  static take(limits: ThreadLimits): ThreadRunner {
    const r = early;
    if (!r || r.key !== keyOf(limits)) return new ThreadRunner(limits);
    early = undefined;
    r.held = true;
    r.worker?.ref();
    for (const t of r.timers) t.ref();
    return r;
  }

  private get key(): string { return keyOf(this.limits); }

  run(file: string, name: string, options: ExtractOptions, thumbnails: ThumbnailPolicy): Promise<JobResult> {
    const spec = { file, name, options, thumbnails };
    const k = jobKey(spec);
    const got = this.started.get(k);
    if (got) this.started.delete(k);
    const res = got ?? this.queue(spec);
    this.wanted.push(res);
    return res;
  }

  /** Start a job nobody asked for yet; run() with the same arguments takes its result. */
  startEarly(spec: ThreadJobSpec): void {
    const k = jobKey(spec);
    if (!this.started.has(k)) this.started.set(k, this.queue(spec));
  }

  private queue(spec: ThreadJobSpec): Promise<JobResult> {
    const next = this.chain.then(() => this.one({ id: this.nextId++, path: spec.file, name: spec.name, options: spec.options, thumbnails: spec.thumbnails }));
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
    if (bare && bare.maxHeapMb === this.limits.maxHeapMb && !this.limits.modules?.length && !this.limits.env) {
      w = bare.worker;
      bare = undefined;
      if (this.warm.length) w.postMessage({ warm: this.warm });
      if (this.held) w.ref();
    } else {
      w = new Worker(workerScript('thread-entry.js'), {
        workerData: { modules: this.limits.modules ?? [], warm: this.warm },
        resourceLimits: { maxOldGenerationSizeMb: this.limits.maxHeapMb },
        ...(this.limits.env ? { env: { ...process.env, ...this.limits.env } } : {}),
      });
      starts++;
      if (!this.held) w.unref();
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
        this.timers.delete(timer);
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
      if (!this.held) timer.unref();
      this.timers.add(timer);
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

  /** Let the jobs someone waits for finish, then end the thread. A job started early that nobody
   * took (its file was done already) is not waited for. The thread is not waited for either: it
   * holds nothing (records travel by message), and ending it takes a while after a PDF. */
  async close(): Promise<void> {
    this.started.clear();
    await Promise.all(this.wanted.map((p) => p.catch(() => undefined)));
    const w = this.worker;
    this.worker = undefined;
    if (w) { w.unref(); void w.terminate(); }
  }
}
