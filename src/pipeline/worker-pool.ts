import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReportRecord } from '../model';
import type { StoredThumbnail } from '../store/store';
import type { ExtractOptions } from './extract';
import type { ThumbnailPolicy } from './thumbnails';
import type { DoneMessage, JobMessage } from './worker';

export interface PoolOptions {
  size: number;
  /** Per-file wall-clock limit. */
  fileTimeoutMs: number;
  /** V8 heap ceiling of each worker (--max-old-space-size). */
  maxHeapMb: number;
  /** Resident-memory ceiling of each worker (heap + buffers + native); over it the worker is killed. */
  maxRssMb: number;
  /** Replace a worker after this many files, so slow leaks in readers never accumulate. */
  filesPerWorker: number;
  env?: NodeJS.ProcessEnv;
  /** Modules each worker requires at start (custom readers registering themselves). */
  modules?: string[];
}

export interface JobResult {
  /** The record, or undefined when the worker died; then `failure` says why and `ended` how. */
  record?: ReportRecord;
  thumbnails?: StoredThumbnail[];
  failure?: string;
  ended?: WorkerEnd;
  seconds: number;
  worker: number;
  peakRssBytes: number;
}

/** How often a worker's resident memory is sampled (Linux /proc); a spike shorter than this can pass. */
const RSS_POLL_MS = 200;
/** Stderr kept per worker to explain a crash. */
const STDERR_TAIL = 4096;
const MAX_START_FAILURES = 3;
/** A worker allocates a few hundred MB a PDF (pdf.js's operator lists, our text runs), nearly all
 * short-lived: with V8's default young generation (1 MB semi-spaces at start, 16 MB at most) a
 * text-layer PDF costs ~11 scavenges and ~100 ms of GC; these sizes make it ~3 and save ~5% of a
 * worker's CPU (measured on the 72-PDF CLI run), for up to 96 MB more of young generation. */
const YOUNG_GENERATION = ['--max-semi-space-size=32', '--min-semi-space-size=16'];
const CLOCK_TICKS = 100;

/** Compiled worker script: beside this file when running from dist/, else dist/ of the package (tests run the TS sources). */
export function workerScript(name = 'worker.js'): string {
  const here = path.join(__dirname, name);
  if (existsSync(here)) return here;
  const built = path.resolve(__dirname, '..', '..', 'dist', 'pipeline', name);
  if (existsSync(built)) return built;
  throw new Error(`worker script not found (looked for ${here} and ${built}); build with \`npm run build\``);
}

interface InFlight { job: JobMessage; resolve: (r: JobResult) => void; started?: number; timer?: NodeJS.Timeout }

/** Jobs handed to a worker at once: the next file is already there when one finishes, so a busy
 * parent (or a loaded machine delaying it) never leaves a worker idle waiting for IPC. Only the
 * running one (the head) is timed and blamed for a crash; the others go back to the queue. */
const PIPELINE_DEPTH = 2;

interface Slot {
  id: number;
  child: ChildProcess;
  ready: boolean;
  /** Jobs sent to the worker, oldest first; the worker runs them in order, so the head is the one running. */
  inflight: InFlight[];
  /** Jobs ever sent (recycling counts these). */
  sent: number;
  files: number;
  stderr: string;
  peakRss: number;
  killedFor?: string;
  killedAs?: WorkerEnd;
  exited: boolean;
}

/**
 * If this process is killed (kill -9 leaves no chance to clean up), a worker stuck in a busy loop
 * never notices its IPC channel closing and would spin forever. A tiny detached shell per worker
 * polls both pids each second and kills the worker's process group once the batch is gone.
 */
function watchdog(workerPid: number): void {
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${workerPid} 2>/dev/null; do sleep 1; done; kill -9 -${workerPid} 2>/dev/null`;
  try { spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref(); } catch { /* no shell: IPC disconnect still ends an idle worker */ }
}

/** Why a worker process ended: decided where it happens, never read back from a message. */
export type WorkerEnd = 'timeout' | 'memory' | 'heap' | 'crash' | 'recycled' | 'closed' | 'exit';

/** Stats per worker process ever started, for the benchmark and the summary. */
export interface WorkerStat {
  id: number; pid: number; files: number; peakRssBytes: number;
  /** How it ended, and the sentence for people. */
  ended?: WorkerEnd; endedBy?: string;
  /** CPU seconds (user + system) used by the worker process, last sampled (Linux). */
  cpuSeconds?: number;
}

/**
 * A fixed-size pool of forked worker processes, one file at a time each. A worker that overruns the
 * time limit, exceeds the memory ceiling or dies is killed (with its whole process group, so
 * converters it started die too), its file gets a failure reason, and a fresh worker takes its place.
 */
export class WorkerPool {
  private slots: Slot[] = [];
  private queue: { job: JobMessage; resolve: (r: JobResult) => void }[] = [];
  private nextWorkerId = 1;
  private nextJobId = 1;
  private closed = false;
  /** Workers in a row that died before becoming ready: a broken install, not a bad file. */
  private startFailures = 0;
  private poll?: NodeJS.Timeout;
  readonly stats: WorkerStat[] = [];

  constructor(private opts: PoolOptions) {
    for (let i = 0; i < opts.size; i++) this.slots.push(this.spawn());
    if (process.platform === 'linux') {
      this.poll = setInterval(() => this.sampleMemory(), RSS_POLL_MS);
      this.poll.unref();
    }
  }

  run(file: string, name: string, options: ExtractOptions, thumbnails: ThumbnailPolicy = 'none'): Promise<JobResult> {
    if (this.closed) return Promise.reject(new Error('pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ job: { type: 'job', id: this.nextJobId++, path: file, name, options, thumbnails }, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.poll) clearInterval(this.poll);
    for (const s of this.slots) this.kill(s, 'closed', 'pool closed', 'SIGTERM');
    this.slots = [];
  }

  private spawn(): Slot {
    const child = fork(workerScript(), this.opts.modules ?? [], {
      execArgv: [`--max-old-space-size=${this.opts.maxHeapMb}`, ...YOUNG_GENERATION],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Own process group: killing the group also ends soffice (or pdftoppm) started for the file.
      detached: true,
      env: { OMP_THREAD_LIMIT: '1', ...process.env, ...this.opts.env },
      serialization: 'advanced',
    });
    if (child.pid && process.platform !== 'win32') watchdog(child.pid);
    const slot: Slot = { id: this.nextWorkerId++, child, files: 0, stderr: '', peakRss: 0, exited: false, ready: false, inflight: [], sent: 0 };
    this.stats.push({ id: slot.id, pid: child.pid ?? -1, files: 0, peakRssBytes: 0 });
    child.stderr?.on('data', (d: Buffer) => { slot.stderr = (slot.stderr + d.toString('utf8')).slice(-STDERR_TAIL); });
    child.on('message', (m: DoneMessage | { type: 'ready' }) => {
      if (m?.type === 'ready') { slot.ready = true; this.dispatch(); return; }
      if (m?.type !== 'done' || slot.inflight[0]?.job.id !== m.id) return;
      slot.peakRss = Math.max(slot.peakRss, m.rss);
      this.finish(slot, { record: m.record, thumbnails: m.thumbnails });
    });
    child.on('error', () => { /* reported through 'exit' */ });
    child.on('exit', (code, signal) => {
      slot.exited = true;
      const death = slot.inflight.length ? this.deathReason(slot, code, signal) : undefined;
      const st = this.stat(slot);
      st.ended ??= slot.killedAs ?? death?.ended ?? 'exit';
      st.endedBy ??= slot.killedFor ?? death?.reason ?? (signal ? `signal ${signal}` : `exit ${code}`);
      if (slot.inflight.length) {
        const waiting = slot.inflight.splice(1);
        this.queue.unshift(...waiting.map((w) => ({ job: w.job, resolve: w.resolve })));
        this.finish(slot, { failure: death?.reason, ended: death?.ended });
      }
      this.startFailures = slot.ready ? 0 : this.startFailures + 1;
      if (this.startFailures >= MAX_START_FAILURES) {
        this.closed = true;
        const why = `worker process could not start: ${slot.stderr.trim().split('\n').pop() ?? `exit ${code ?? signal}`}`;
        for (const q of this.queue.splice(0)) q.resolve({ failure: why, seconds: 0, worker: slot.id, peakRssBytes: 0 });
        return;
      }
      if (!this.closed) this.replace(slot);
    });
    return slot;
  }

  private stat(slot: Slot): WorkerStat { return this.stats.find((s) => s.id === slot.id)!; }

  private deathReason(slot: Slot, code: number | null, signal: NodeJS.Signals | null): { ended: WorkerEnd; reason: string } {
    if (slot.killedFor) return { ended: slot.killedAs ?? 'exit', reason: slot.killedFor };
    // V8's own fatal-error text is the only sign of heap exhaustion a dead process leaves.
    if (/heap out of memory|Reached heap limit|allocation failed/i.test(slot.stderr)) {
      return { ended: 'heap', reason: `ran out of memory (worker heap limit ${this.opts.maxHeapMb} MB)` };
    }
    const last = slot.stderr.trim().split('\n').filter(Boolean).pop();
    return { ended: 'crash', reason: `worker process crashed (${signal ? `signal ${signal}` : `exit code ${code}`})${last ? `: ${last.slice(0, 300)}` : ''}` };
  }

  private finish(slot: Slot, r: { record?: ReportRecord; thumbnails?: StoredThumbnail[]; failure?: string; ended?: WorkerEnd }): void {
    const busy = slot.inflight.shift()!;
    clearTimeout(busy.timer);
    if (slot.inflight.length && !slot.exited) this.arm(slot);
    slot.files++;
    const st = this.stat(slot);
    st.files = slot.files;
    st.peakRssBytes = Math.max(st.peakRssBytes, slot.peakRss);
    busy.resolve({ ...r, seconds: (Date.now() - (busy.started ?? Date.now())) / 1000, worker: slot.id, peakRssBytes: slot.peakRss });
    if (!slot.exited && !slot.inflight.length && slot.sent >= this.opts.filesPerWorker) this.kill(slot, 'recycled', 'recycled', 'SIGTERM');
    this.dispatch();
  }

  /** The head job is running from now on: its time limit starts. */
  private arm(slot: Slot): void {
    const head = slot.inflight[0];
    head.started = Date.now();
    head.timer = setTimeout(() => this.kill(slot, 'timeout', timeoutReason(this.opts.fileTimeoutMs)), this.opts.fileTimeoutMs);
  }

  private replace(dead: Slot): void {
    const i = this.slots.indexOf(dead);
    if (i < 0) return;
    this.slots[i] = this.spawn();
    this.dispatch();
  }

  private kill(slot: Slot, as: WorkerEnd, reason: string, signal: NodeJS.Signals = 'SIGKILL'): void {
    slot.killedAs ??= as;
    slot.killedFor ??= reason;
    try { if (slot.child.pid) process.kill(-slot.child.pid, signal); } catch { /* group already gone */ }
    try { slot.child.kill(signal); } catch { /* already gone */ }
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.queue.length) return;
      if (!slot.ready || slot.exited || slot.killedFor) continue;
      while (this.queue.length && slot.inflight.length < PIPELINE_DEPTH && slot.sent < this.opts.filesPerWorker) {
        const { job, resolve } = this.queue.shift()!;
        slot.inflight.push({ job, resolve });
        slot.sent++;
        slot.child.send(job);
        if (slot.inflight.length === 1) this.arm(slot);
      }
    }
  }

  /** Resident memory from /proc: the ceiling and the per-worker peak include buffers and native memory. */
  private sampleMemory(): void {
    for (const slot of this.slots) {
      if (slot.exited || !slot.child.pid) continue;
      let rss: number;
      try { rss = Number(readFileSync(`/proc/${slot.child.pid}/statm`, 'latin1').split(' ')[1]) * 4096; } catch { continue; }
      try {
        // Fields after the ")" of the command name: utime and stime are the 12th and 13th (clock ticks, 100/s on Linux).
        const f = readFileSync(`/proc/${slot.child.pid}/stat`, 'latin1').split(') ')[1].split(' ');
        this.stat(slot).cpuSeconds = (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
      } catch { /* gone */ }
      slot.peakRss = Math.max(slot.peakRss, rss);
      const st = this.stat(slot);
      st.peakRssBytes = Math.max(st.peakRssBytes, rss);
      if (slot.inflight.length && rss > this.opts.maxRssMb * 1024 * 1024) {
        this.kill(slot, 'memory', memoryReason(this.opts.maxRssMb));
      }
    }
  }
}

export const timeoutReason = (ms: number) => `timed out after ${ms / 1000} s (--file-timeout)`;
export const memoryReason = (mb: number) => `used more than ${mb} MB of memory (worker memory ceiling)`;
