/**
 * Child-process entry of the batch worker pool: receives one job at a time over IPC, extracts it,
 * sends the record back. Everything that can go wrong inside `extract` already becomes a failed
 * record; what cannot be caught here (a hang, a native crash, heap exhaustion) is handled by the
 * pool, which kills and replaces this process.
 */
import { readFileSync } from 'node:fs';
import type { ReportRecord } from '../model';
import type { StoredThumbnail } from '../store/store';
import type { ExtractOptions } from './extract';
import { extractFile } from './run-file';
import type { ThumbnailPolicy } from './thumbnails';

export interface JobMessage { type: 'job'; id: number; path: string; name: string; options: ExtractOptions; thumbnails: ThumbnailPolicy }
export interface DoneMessage { type: 'done'; id: number; record: ReportRecord; thumbnails: StoredThumbnail[]; rss: number }

/** Fault injection for the batch tests only (never active unless the env variable is set): a
 * small file starting with `XXGK-FAULT:<kind>` makes this worker hang, crash or run out of heap. */
function injectFault(file: string): unknown {
  if (process.env.XXGK_FAULT_INJECTION !== '1') return;
  let head = '';
  try { head = readFileSync(file).subarray(0, 32).toString('latin1'); } catch { return; }
  const kind = /^XXGK-FAULT:(\w+)/.exec(head)?.[1];
  if (kind === 'hang') for (;;) { /* busy forever: only the pool's time limit ends this */ }
  if (kind === 'crash') process.kill(process.pid, 'SIGSEGV');
  if (kind === 'oom') { const hog: number[][] = []; for (;;) hog.push(new Array(1e6).fill(hog.length)); }
  if (kind === 'rss') { // memory outside the V8 heap (buffers, native code): only the resident-memory ceiling stops it
    const hog: Buffer[] = [];
    setInterval(() => hog.push(Buffer.alloc(32 << 20, 1)), 20);
    return 'pending';
  }
}

if (process.send) {
  // Modules named by BatchOptions.workerModules (e.g. ones calling registerReader) load before any job.
  for (const m of process.argv.slice(2)) require(m);
  process.on('disconnect', () => process.exit(0)); // the batch is gone (ended or killed): stop too
  // The pool may send the next job before this one is done: run them strictly one after another,
  // in order, so the pool knows which file is running.
  const queue: JobMessage[] = [];
  let running = false;
  const next = async (): Promise<void> => {
    if (running) return;
    running = true;
    while (queue.length) {
      const m = queue.shift()!;
      if (injectFault(m.path) !== undefined) return; // stays "running" forever: the pool's limits end it
      const { record, thumbnails } = await extractFile(m.path, m.name, m.options, m.thumbnails);
      const reply: DoneMessage = { type: 'done', id: m.id, record, thumbnails, rss: process.memoryUsage().rss };
      process.send!(reply);
    }
    running = false;
  };
  process.on('message', (m: JobMessage) => {
    if (m?.type !== 'job') return;
    queue.push(m);
    void next();
  });
  process.send({ type: 'ready' });
}
