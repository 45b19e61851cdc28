import type { BatchOptions } from '../pipeline/batch';
import type { Args } from './main';

/** The batch options of `xxgk extract` (the store and the progress handler aside): what the batch
 * runs with, and what the first jobs started before it (main.ts) must match. */
export function batchOptions(args: Args): BatchOptions {
  return {
    force: args.force, retryFailed: args.retryFailed, workers: args.workers, fileTimeoutSeconds: args.fileTimeout,
    maxHeapMb: args.maxMemory, maxRssMb: args.maxRss, exclude: [args.out], maxBytes: args.maxBytes, timeoutSeconds: args.timeout,
    ocrPageSeconds: args.ocrPageSeconds, noLibreOffice: args.noLibreOffice, noOcr: args.noOcr, thumbnails: args.thumbnails,
    cachedRecords: 'skip',
  };
}
