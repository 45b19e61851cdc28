import { DEFAULT_FILE_TIMEOUT_SECONDS } from '../pipeline/batch';
import { enqueue } from '../pipeline/enqueue';
import { runQueueWorker } from '../pipeline/queue-worker';
import { redactMessage } from '../store/pg/connect';
import { updateOutputs } from '../writers/output';
import type { Args } from './main';
import { closeShared, openShared } from './pg-store';

/**
 * `xxgk extract --store postgres://…`: this machine alone on the shared store: enqueue the inputs,
 * work the queue until it is empty (with any other machine's workers), then write DIR whole from
 * the store, like `xxgk export --store URL --out DIR`.
 */
export async function runExtractShared(args: Args, url: string): Promise<number> {
  if (args.force) { process.stderr.write('xxgk extract: --force is not available with a PostgreSQL store (use --retry-failed, or a new database)\n'); return 2; }
  const shared = await openShared('extract', url);
  if (typeof shared === 'number') return shared;
  try {
    const q = await enqueue(args.inputs, shared.store, shared.boss!, {
      leaseSeconds: 2 * (args.fileTimeout ?? DEFAULT_FILE_TIMEOUT_SECONDS) + 120, maxBytes: args.maxBytes, retryFailed: args.retryFailed, exclude: [args.out],
    });
    for (const s of q.refused) process.stderr.write(`not queued: ${s.path}: ${s.reason}\n`);
    const w = await runQueueWorker(shared.store, shared.boss!, {
      workers: args.workers || undefined, untilEmpty: true, fileTimeoutSeconds: args.fileTimeout, maxHeapMb: args.maxMemory, maxRssMb: args.maxRss,
      noOcr: args.noOcr, noLibreOffice: args.noLibreOffice, timeoutSeconds: args.timeout, ocrPageSeconds: args.ocrPageSeconds, thumbnails: args.thumbnails,
    });
    const out = await updateOutputs(args.out, shared.store, await shared.store.exportEntries(), { rewrite: true });
    const s = Object.entries(w.statuses).map(([k, v]) => `${v} ${k}`).join(', ');
    process.stdout.write(`${q.files} files, ${q.contents} distinct contents: ${q.queued} queued, ${q.alreadyDone} already done; ` +
      `${w.extracted} extracted here${s ? ` (${s})` : ''} in ${w.seconds.toFixed(1)} s; ${out.items} reports in ${args.out} (store ${shared.store.file})\n`);
    if (args.failOnError && (await shared.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM records WHERE status IN ('failed', 'unsupported')`))[0].n) return 1;
    return q.refused.length && args.failOnError ? 1 : 0;
  } catch (e) {
    process.stderr.write(`xxgk extract: ${redactMessage((e as Error).message, url)}\nEvery finished record is in the store; run the same command again to resume.\n`);
    return 1;
  } finally { await closeShared(shared); }
}
