import { queueCounts } from '../pipeline/queue';
import { redactMessage } from '../store/pg/connect';
import { EXTRACTOR } from '../version';
import { closeShared, openShared, storeUrl } from './pg-store';

/** Window over which the rate is measured. */
const RATE_SECONDS = 300;

/** `xxgk status`: the shared queue and store across every machine. Exit 0, 2 no store. */
export async function statusCommand(a: { store?: string; json: boolean }): Promise<number> {
  const url = storeUrl('status', a.store);
  if (!url) return 2;
  const shared = await openShared('status', url, { supervise: false });
  if (typeof shared === 'number') return shared;
  try {
    const q = await queueCounts(shared.boss!);
    const p = await shared.store.progress(EXTRACTOR.version, RATE_SECONDS);
    const failed = p.statuses.failed ?? 0;
    const done = Object.values(p.statuses).reduce((a, b) => a + b, 0) - failed;
    const rate = (p.recent / RATE_SECONDS) * 60;
    const s = { store: shared.store.file, extractorVersion: EXTRACTOR.version, queued: q.queued, running: q.running, done, failed, statuses: p.statuses, contents: p.contents, perMinute: Math.round(rate * 10) / 10 };
    process.stdout.write(a.json ? JSON.stringify(s) + '\n' : `${s.store} (xxgk ${s.extractorVersion})\n` +
      `queued ${s.queued}, running ${s.running}, done ${s.done}${Object.keys(p.statuses).length ? ` (${Object.entries(p.statuses).filter(([k]) => k !== 'failed').map(([k, v]) => `${v} ${k}`).join(', ')})` : ''}, failed ${s.failed}; ` +
      `${s.contents} contents stored; ${s.perMinute} records/min over the last ${RATE_SECONDS / 60} min\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`xxgk status: ${redactMessage((e as Error).message, url)}\n`);
    return 1;
  } finally { await closeShared(shared); }
}
