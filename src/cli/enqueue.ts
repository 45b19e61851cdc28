import { enqueue } from '../pipeline/enqueue';
import { DEFAULT_FILE_TIMEOUT_SECONDS } from '../pipeline/batch';
import { redactMessage } from '../store/pg/connect';
import { closeShared, openShared, storeUrl } from './pg-store';

export interface EnqueueArgs { inputs: string[]; store?: string; lease?: number; fileTimeout?: number; maxBytes?: number; retryFailed: boolean; quiet: boolean }

/** `xxgk enqueue`: exit 0 queued, 2 no store or cannot reach it, 1 failed midway (what is stored stays; run it again). */
export async function enqueueCommand(a: EnqueueArgs): Promise<number> {
  const url = storeUrl('enqueue', a.store);
  if (!url) return 2;
  const shared = await openShared('enqueue', url, { supervise: false });
  if (typeof shared === 'number') return shared;
  // A worker holds up to two jobs per process: the lease covers both files' time limits.
  const lease = a.lease ?? 2 * (a.fileTimeout ?? DEFAULT_FILE_TIMEOUT_SECONDS) + 120;
  try {
    const r = await enqueue(a.inputs, shared.store, shared.boss!, {
      leaseSeconds: lease, maxBytes: a.maxBytes, retryFailed: a.retryFailed,
      onProgress: a.quiet ? undefined : (done, total) => process.stderr.write(`stored ${done}/${total} files\n`),
    });
    for (const s of r.refused) process.stderr.write(`not queued: ${s.path}: ${s.reason}\n`);
    process.stdout.write(`${r.files} files, ${r.contents} distinct contents (${r.newContents} new in the store): ${r.queued} queued, ${r.alreadyDone} already done by this version` +
      `${r.refused.length ? `, ${r.refused.length} not queued (unreadable or too big)` : ''}${r.ignored.length ? `, ${r.ignored.length} ignored` : ''}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`xxgk enqueue: ${redactMessage((e as Error).message, url)}\nWhat was stored stays; run the same command again to finish.\n`);
    return 1;
  } finally { await closeShared(shared); }
}
