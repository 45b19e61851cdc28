import { runQueueWorker } from '../pipeline/queue-worker';
import type { ThumbnailPolicy } from '../pipeline/thumbnails';
import { redactMessage } from '../store/pg/connect';
import { closeShared, openShared, storeUrl } from './pg-store';

export interface WorkerArgs {
  store?: string; workers?: number; untilEmpty: boolean; fileTimeout?: number; maxMemory?: number; maxRss?: number; noOcr: boolean; noLibreOffice: boolean;
  timeout?: number; ocrPageSeconds?: number; maxBytes?: number; thumbnails: ThumbnailPolicy; log: 'text' | 'json' | 'quiet'; checkLeases?: number;
}

/** `xxgk worker`: exit 0 stopped (queue empty with --until-empty, or a signal), 2 no store, 1 the store or queue failed. */
export async function workerCommand(a: WorkerArgs): Promise<number> {
  const url = storeUrl('worker', a.store);
  if (!url) return 2;
  const shared = await openShared('worker', url, { maintenanceSeconds: a.checkLeases });
  if (typeof shared === 'number') return shared;
  // First Ctrl-C or SIGTERM: take no more jobs, finish those held. A second one: leave now (their leases bring them back).
  let signalled = 0;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => { stop = resolve; });
  const onSignal = () => {
    if (++signalled > 1) process.exit(130);
    process.stderr.write('xxgk worker: stopping after the jobs in hand (again to leave now)\n');
    stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const r = await runQueueWorker(shared.store, shared.boss!, {
      workers: a.workers, untilEmpty: a.untilEmpty, fileTimeoutSeconds: a.fileTimeout, maxHeapMb: a.maxMemory, maxRssMb: a.maxRss,
      noOcr: a.noOcr, noLibreOffice: a.noLibreOffice, timeoutSeconds: a.timeout, ocrPageSeconds: a.ocrPageSeconds, maxBytes: a.maxBytes,
      thumbnails: a.thumbnails, stop: stopped,
      onRecord: a.log === 'quiet' ? undefined : (rec, sha) => process.stderr.write(a.log === 'json'
        ? JSON.stringify({ event: 'record', sha256: sha, file: rec.source.file, status: rec.status, seconds: rec.timing?.seconds ?? null }) + '\n'
        : `${rec.status.padEnd(11)} ${rec.source.file}${rec.statusReason && rec.status !== 'ok' ? ` — ${rec.statusReason}` : ''}\n`),
    });
    const s = Object.entries(r.statuses).map(([k, v]) => `${v} ${k}`).join(', ');
    process.stdout.write(a.log === 'json' ? JSON.stringify({ event: 'summary', ...r, workers: r.workers.length }) + '\n'
      : `${r.extracted} extracted${s ? ` (${s})` : ''}, ${r.alreadyDone} already done, in ${r.seconds.toFixed(1)} s\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`xxgk worker: ${redactMessage((e as Error).message, url)}\nThe jobs it held go back to the queue when their lease expires.\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await closeShared(shared);
  }
}
