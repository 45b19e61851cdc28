import path from 'node:path';
import type { BatchOptions } from './batch';
import type { ExtractOptions } from './extract';
import { DEFAULT_FILE_TIMEOUT_SECONDS, DEFAULT_MAX_HEAP_MB } from './limits';
import type { ThreadLimits } from './thread';

/* What a batch hands each file's extraction, and the limits it runs under: one place, because the
 * command line starts the first jobs before the batch itself (pipeline/thread.ts, prestartThread),
 * and the batch takes them over only when it would have asked for exactly the same. */

/** The batch's own options: not passed on to a file's extraction. */
const BATCH_ONLY = ['workerModules', 'exclude', 'store', 'onEvent', 'workers', 'fileTimeoutSeconds', 'maxHeapMb', 'maxRssMb',
  'filesPerWorker', 'force', 'retryFailed', 'workerEnv', 'thumbnails', 'cachedRecords'] as const;

export function jobOptions(options: BatchOptions): ExtractOptions {
  const o: Record<string, unknown> = { ...options, name: undefined };
  for (const k of BATCH_ONLY) delete o[k];
  return o as ExtractOptions;
}

/** The per-file limits of a worker process or the in-process thread. */
export function jobLimits(options: BatchOptions): ThreadLimits {
  const maxHeapMb = options.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
  return {
    fileTimeoutMs: (options.fileTimeoutSeconds ?? DEFAULT_FILE_TIMEOUT_SECONDS) * 1000,
    maxHeapMb, maxRssMb: options.maxRssMb ?? maxHeapMb + 1024,
    modules: (options.workerModules ?? []).map((m) => (m.startsWith('.') ? path.resolve(m) : m)),
    ...(options.workerEnv ? { env: options.workerEnv } : {}),
  };
}
