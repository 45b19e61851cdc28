import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import os from 'node:os';
import type { ReportRecord } from '../model';
import { Store, type StoredSummary, type StoredThumbnail } from '../store/store';
import { EXTRACTOR } from '../version';
import type { ExtractOptions } from './extract';
import { cannotRead, DEFAULT_MAX_BYTES, inputFailure, overMaxBytes, SNIFF_BYTES, workerFailure } from './failure';
import { collectInputs, type Skipped } from './inputs';
import { DEFAULT_FILE_TIMEOUT_SECONDS, DEFAULT_FILES_PER_WORKER, DEFAULT_MAX_HEAP_MB, IN_PROCESS_MAX_FILES } from './limits';
import { jobLimits, jobOptions } from './job-options';
import { ThreadRunner } from './thread';
import type { ThumbnailPolicy } from './thumbnails';
import { WorkerPool, type JobResult, type WorkerStat } from './worker-pool';

export interface BatchOptions extends ExtractOptions {
  /** Worker processes (default: number of cores, and none for a run with at most
   * IN_PROCESS_MAX_FILES files to extract: those run in a thread of this process under the same
   * time and memory limits). 0 extracts in this process itself: no limit can be enforced then. */
  workers?: number;
  /** Images of the table pages of PDFs, drawn right after each file is extracted and stored with
   * its record: `review` (reports that need a look), `all`, `none` (default). */
  thumbnails?: ThumbnailPolicy;
  /** `skip`: contents the store already has are not read back and yielded, only announced by a
   * `cached` event (what the CLI uses: a re-run over 10,000 done files must not parse them all). */
  cachedRecords?: 'yield' | 'skip';
  /** Wall-clock limit per file, seconds (default 600). */
  fileTimeoutSeconds?: number;
  /** V8 heap ceiling per worker, MB (default 2048). */
  maxHeapMb?: number;
  /** Resident-memory ceiling per worker, MB (default: heap ceiling + 1024). */
  maxRssMb?: number;
  /** Replace each worker after this many files (default 500). */
  filesPerWorker?: number;
  /** Resume store: a Store, or the path of its SQLite file. Without one, every file is extracted. */
  store?: Store | string;
  /** Re-extract files the store already has. */
  force?: boolean;
  /** Re-extract files whose stored record is `failed` (e.g. after a timeout on a busy night). */
  retryFailed?: boolean;
  /** Progress and planning events, in order. */
  onEvent?: (e: BatchEvent) => void;
  /** Modules every worker process requires before its first file: custom readers added with
   * `registerReader` in your own process are not seen by the workers unless their module is named here. */
  workerModules?: string[];
  /** Folders inside the inputs that are never walked (the output folder). */
  exclude?: string[];
  /** Extra environment for the workers (tests inject faults through it). */
  workerEnv?: NodeJS.ProcessEnv;
}

export type BatchEvent =
  | { type: 'hashing'; done: number; total: number }
  | { type: 'plan'; run: number; files: string[]; unreadable: Skipped[]; ignored: Skipped[]; total: number; unique: number; cached: number; toExtract: number }
  | { type: 'record'; record: ReportRecord; cached: boolean; done: number; total: number; extracted: number; toExtract: number; worker?: number }
  | { type: 'cached'; sha256: string; names: string[]; summary: StoredSummary; done: number; total: number }
  | { type: 'end'; run: number; workers: WorkerStat[]; seconds: number };

/** Files hashed at once: reading is I/O bound. */
const HASH_CONCURRENCY = 8;
/** A first run over a big folder reads every byte before extracting: say how far it got. */
const HASH_PROGRESS_EVERY = 500;
export { DEFAULT_FILE_TIMEOUT_SECONDS, DEFAULT_FILES_PER_WORKER, DEFAULT_MAX_HEAP_MB, IN_PROCESS_MAX_FILES };
/** Records finished within this many ms go into the store in one transaction, at most this many. */
const STORE_GROUP_MS = 250;
const STORE_GROUP_MAX = 64;

interface Content { sha256: string; bytes: number; paths: string[] }

/**
 * Extract every file under `inputs` (files and folders) in a pool of worker processes. Yields one
 * record per distinct content as it finishes (completion order): `source.file` is its first path in
 * input order and `source.aliases` its other paths. Never aborts because of a file: unreadable,
 * too big, hanging, crashing or memory-exhausting inputs each become a failed record with the
 * reason. With a store, finished records are saved one transaction each and a re-run yields them
 * from the store instead of extracting again.
 */
export async function* extractBatch(inputs: string[], options: BatchOptions = {}): AsyncGenerator<ReportRecord> {
  const started = Date.now();
  const store = typeof options.store === 'string' ? new Store(options.store) : options.store;
  const ownStore = typeof options.store === 'string';
  const emit = options.onEvent ?? (() => undefined);
  let pool: WorkerPool | undefined;
  let thread: ThreadRunner | undefined;
  let stopped = false; // the consumer stopped early: late results are dropped, not stored into a closed store
  let flushPending: (() => void) | undefined;
  const run = store ? store.startRun(EXTRACTOR.version, { inputs, force: !!options.force }) : 0;
  try {
    const { files, skipped } = await collectInputs(inputs, { exclude: options.exclude });
    const limits = jobLimits(options);
    // A run of a few files extracts in a thread: start it now, so its start and module loading
    // overlap with the hashing and store look-ups below (closed unused if every file is done).
    // The command line may have started it already, with the first jobs (see prestartThread).
    if (options.workers === undefined && files.length && files.length <= IN_PROCESS_MAX_FILES) thread = ThreadRunner.take(limits).start();
    const unreadable = skipped.filter((s) => s.kind === 'unreadable');
    const early: ReportRecord[] = unreadable.map((s) => inputFailure(s.path, 'failed', s.reason));
    const contents = new Map<string, Content>();
    const identified = await identify(files, options.maxBytes ?? DEFAULT_MAX_BYTES, store, run, (done) => emit({ type: 'hashing', done, total: files.length }));
    for (const [i, id] of identified.entries()) {
      if ('failure' in id) { early.push(id.failure); continue; }
      const c = contents.get(id.sha256);
      if (c) c.paths.push(files[i]); else contents.set(id.sha256, { sha256: id.sha256, bytes: id.bytes, paths: [files[i]] });
    }
    const cached: Content[] = [];
    const todo: Content[] = [];
    for (const c of contents.values()) {
      const done = store && !options.force && store.has(c.sha256, EXTRACTOR.version)
        && !(options.retryFailed && store.summary(c.sha256)?.status === 'failed');
      (done ? cached : todo).push(c);
    }
    const total = early.length + contents.size;
    emit({ type: 'plan', run, files, unreadable, ignored: skipped.filter((s) => s.kind === 'ignored'), total, unique: contents.size, cached: cached.length, toExtract: todo.length });

    let done = 0;
    let extracted = 0;
    const named = (r: ReportRecord, c?: Content): ReportRecord => {
      if (!c) return r;
      const { aliases: _old, ...source } = r.source;
      return { ...r, source: { ...source, file: c.paths[0], ...(c.paths.length > 1 ? { aliases: c.paths.slice(1) } : {}) } };
    };
    for (const r of early) { emit({ type: 'record', record: r, cached: false, done: ++done, total, extracted, toExtract: todo.length }); yield r; }
    for (const c of cached) {
      if (options.cachedRecords === 'skip') {
        emit({ type: 'cached', sha256: c.sha256, names: c.paths, summary: store!.summary(c.sha256)!, done: ++done, total });
        continue;
      }
      const r = named(store!.get(c.sha256)!, c);
      emit({ type: 'record', record: r, cached: true, done: ++done, total, extracted, toExtract: todo.length });
      yield r;
    }

    const extractOptions = jobOptions(options);
    const policy: ThumbnailPolicy = options.thumbnails ?? 'none';
    const finished: { record: ReportRecord; worker?: number }[] = [];
    let wake: (() => void) | undefined;
    let storeError: Error | undefined; // e.g. disk full: the batch stops; what is stored stays, the rest waits for a re-run
    // Finished records wait up to STORE_GROUP_MS to be stored together in one transaction (see
    // Store.putMany); the last one of the batch is stored at once. A record is yielded only once stored.
    let settled = 0;
    let pending: { sha256: string; record: ReportRecord; thumbnails: StoredThumbnail[]; worker?: number }[] = [];
    let groupTimer: NodeJS.Timeout | undefined;
    flushPending = () => {
      clearTimeout(groupTimer);
      groupTimer = undefined;
      if (!pending.length || stopped || storeError) return;
      const group = pending;
      pending = [];
      try { store?.putMany(group, run); } catch (e) { storeError = e as Error; wake?.(); return; }
      for (const g of group) finished.push({ record: g.record, worker: g.worker });
      wake?.();
    };
    const complete = (c: Content, record: ReportRecord, thumbnails: StoredThumbnail[] = [], worker?: number) => {
      settled++;
      if (stopped || storeError) return;
      pending.push({ sha256: c.sha256, record: named(record, c), thumbnails, worker });
      if (!store || settled === todo.length || pending.length >= STORE_GROUP_MAX) flushPending!();
      else groupTimer ??= setTimeout(flushPending!, STORE_GROUP_MS);
    };
    const settle = async (c: Content, res: JobResult) =>
      complete(c, res.record ?? await deadWorkerRecord(c, res.failure ?? 'worker failed', res.seconds), res.thumbnails, res.worker || undefined);
    const workers = options.workers ?? (todo.length <= IN_PROCESS_MAX_FILES ? -1 : os.availableParallelism());
    if (todo.length && workers > 0) {
      pool = new WorkerPool({ ...limits, size: Math.min(workers, todo.length), filesPerWorker: options.filesPerWorker ?? DEFAULT_FILES_PER_WORKER, env: options.workerEnv });
      for (const c of todo) void pool.run(c.paths[0], c.paths[0], extractOptions, policy).then((res) => settle(c, res));
    } else if (todo.length && workers < 0) {
      thread ??= ThreadRunner.take(limits);
      for (const c of todo) void thread.run(c.paths[0], c.paths[0], extractOptions, policy).then((res) => settle(c, res));
    } else if (todo.length) {
      // Loaded here: a run through workers never needs the readers in this process.
      const { extractFile } = require('./run-file') as typeof import('./run-file');
      void (async () => {
        for (const c of todo) {
          const { record, thumbnails } = await extractFile(c.paths[0], c.paths[0], extractOptions, policy);
          complete(c, record, thumbnails);
        }
      })();
    }
    while (extracted < todo.length) {
      if (!finished.length && !storeError) await new Promise<void>((resolve) => { wake = resolve; });
      wake = undefined;
      if (storeError) throw new Error(`cannot write to the store ${store?.file}: ${storeError.message}`);
      while (finished.length) {
        const f = finished.shift()!;
        extracted++;
        emit({ type: 'record', record: f.record, cached: false, done: ++done, total, extracted, toExtract: todo.length, worker: f.worker });
        yield f.record;
      }
    }
    emit({ type: 'end', run, workers: pool?.stats ?? [], seconds: (Date.now() - started) / 1000 });
  } finally {
    // The consumer stopped early: what finished is still stored (a re-run need not extract it again).
    flushPending?.();
    stopped = true;
    await pool?.close();
    await thread?.close();
    if (ownStore) store?.close();
  }
}

/** A record for a file whose worker hung, crashed or ran out of memory: what we know without it. */
async function deadWorkerRecord(c: Content, reason: string, seconds: number): Promise<ReportRecord> {
  let head: Buffer | undefined;
  try {
    const fh = await fs.open(c.paths[0], 'r');
    try {
      head = Buffer.alloc(Math.min(c.bytes, SNIFF_BYTES));
      await fh.read(head, 0, head.length, 0);
    } finally { await fh.close(); }
  } catch { head = undefined; /* keep unknown */ }
  return workerFailure(c.paths[0], head, c.bytes, c.sha256, reason, seconds);
}

type Identity = { sha256: string; bytes: number } | { failure: ReportRecord };

/** Size check and content hash of every file (hashes of unchanged files come from the store). */
async function identify(files: string[], maxBytes: number, store: Store | undefined, run: number, progress: (done: number) => void): Promise<Identity[]> {
  const out: Identity[] = new Array(files.length);
  const fresh: { path: string; size: number; mtimeMs: number; sha256: string }[] = [];
  let next = 0;
  let identified = 0;
  const one = async (file: string): Promise<Identity> => {
    let st;
    try { st = await fs.stat(file); } catch (e) { return { failure: inputFailure(file, 'failed', cannotRead(e)) }; }
    if (st.size > maxBytes) return { failure: inputFailure(file, 'failed', overMaxBytes(st.size, maxBytes), st.size) };
    const known = store?.cachedHash(file, st.size, st.mtimeMs);
    if (known) return { sha256: known, bytes: st.size };
    try {
      const sha256 = await hashFile(file);
      fresh.push({ path: file, size: st.size, mtimeMs: st.mtimeMs, sha256 });
      return { sha256, bytes: st.size };
    } catch (e) {
      return { failure: inputFailure(file, 'failed', cannotRead(e), st.size) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(HASH_CONCURRENCY, files.length) }, async () => {
    while (next < files.length) {
      const i = next++;
      out[i] = await one(files[i]);
      if (++identified % HASH_PROGRESS_EVERY === 0) progress(identified);
    }
  }));
  if (store && fresh.length) store.rememberHashes(fresh, run);
  return out;
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file).on('error', reject).on('data', (d) => h.update(d)).on('end', () => resolve(h.digest('hex')));
  });
}
