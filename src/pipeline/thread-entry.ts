/**
 * Entry of the in-process runner's worker thread (pipeline/thread.ts): one job at a time, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExtractOptions } from './extract';
import { useModuleCache } from '../util/module-cache';
import { injectFault } from './faults';
import type { ThumbnailPolicy } from './thumbnails';

export interface ThreadJob { id: number; path: string; name: string; options: ExtractOptions; thumbnails: ThumbnailPolicy }

if (parentPort) {
  // The extraction modules load after the code cache is in place (see util/module-cache.ts).
  const cache = useModuleCache('thread');
  const { extractFile } = require('./run-file') as typeof import('./run-file');
  for (const m of (workerData?.modules ?? []) as string[]) require(m);
  // pdf.js loads now, not when the first PDF is opened: the batch is still being planned meanwhile.
  // A failure here is left to the reader, which meets it again and reports it for the file.
  const warm = (what: string[]) => { if (what.includes('pdf')) void (require('../readers/pdf/pdfjs') as typeof import('../readers/pdf/pdfjs')).loadPdfjs().catch(() => undefined); };
  warm(workerData?.warm ?? []);
  const port = parentPort;
  let chain = Promise.resolve();
  port.on('message', (job: ThreadJob | { warm: string[] }) => {
    if ('warm' in job) { warm(job.warm); return; } // a thread started before its files were known (startBareThread)
    chain = chain.then(async () => {
      if (injectFault(job.path) !== undefined) return; // never answers: the runner's limits end it
      const { record, thumbnails } = await extractFile(job.path, job.name, job.options, job.thumbnails);
      cache.save(); // once, after the first file: the cache then holds what extraction ran
      port.postMessage({ id: job.id, record, thumbnails });
    });
  });
}
