/**
 * Entry of the in-process runner's worker thread (pipeline/thread.ts): one job at a time, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExtractOptions } from './extract';
import { injectFault } from './faults';
import { extractFile } from './run-file';
import type { ThumbnailPolicy } from './thumbnails';

export interface ThreadJob { id: number; path: string; name: string; options: ExtractOptions; thumbnails: ThumbnailPolicy }

if (parentPort) {
  for (const m of (workerData?.modules ?? []) as string[]) require(m);
  // pdf.js loads now, not when the first PDF is opened: the batch is still being planned meanwhile.
  // A failure here is left to the reader, which meets it again and reports it for the file.
  if ((workerData?.warm ?? []).includes('pdf')) void (require('../readers/pdf/pdfjs') as typeof import('../readers/pdf/pdfjs')).loadPdfjs().catch(() => undefined);
  const port = parentPort;
  let chain = Promise.resolve();
  port.on('message', (job: ThreadJob) => {
    chain = chain.then(async () => {
      if (injectFault(job.path) !== undefined) return; // never answers: the runner's limits end it
      const { record, thumbnails } = await extractFile(job.path, job.name, job.options, job.thumbnails);
      port.postMessage({ id: job.id, record, thumbnails });
    });
  });
}
