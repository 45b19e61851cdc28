/**
 * Child-process entry of the batch worker pool: receives one job at a time over IPC, extracts it,
 * sends the record back. Everything that can go wrong inside `extract` already becomes a failed
 * record; what cannot be caught here (a hang, a native crash, heap exhaustion) is handled by the
 * pool, which kills and replaces this process.
 */
import type { ReportRecord } from '../model';
import type { StoredThumbnail } from '../store/store';
import type { ExtractOptions } from './extract';
import { useModuleCache } from '../util/module-cache';
import { injectFault } from './faults';
import type { ThumbnailPolicy } from './thumbnails';

export interface JobMessage { type: 'job'; id: number; path: string; name: string; options: ExtractOptions; thumbnails: ThumbnailPolicy }
export interface DoneMessage { type: 'done'; id: number; record: ReportRecord; thumbnails: StoredThumbnail[]; rss: number }

if (process.send) {
  // The extraction modules load after the code cache is in place (see util/module-cache.ts).
  const cache = useModuleCache('worker');
  const { extractFile } = require('./run-file') as typeof import('./run-file');
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
      cache.save(); // once, after the first file: the cache then holds what extraction ran
      const reply: DoneMessage = { type: 'done', id: m.id, record, thumbnails, rss: process.memoryUsage.rss() };
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
