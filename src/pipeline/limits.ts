/** Defaults of the batch's per-file limits and pool, shared by the pool, the in-process thread and the CLI. */
export const DEFAULT_FILE_TIMEOUT_SECONDS = 600;
export const DEFAULT_MAX_HEAP_MB = 2048;
/** Fresh worker after this many files: bounds slow leaks in readers; a start costs ~0.4 s CPU. */
export const DEFAULT_FILES_PER_WORKER = 500;
/** Up to this many files to extract run in a thread of this process, not in worker processes:
 * a worker process costs ~0.4 s to start, more than a small report takes. */
export const IN_PROCESS_MAX_FILES = 2;
