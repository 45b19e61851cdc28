/**
 * The job queue on the PostgreSQL store: pg-boss (see the README for why), one job per content to
 * extract. pg-boss gives the leases (a job taken by a worker expires `leaseSeconds` after it
 * started and goes back to the queue), the retries, the cross-machine maintenance that returns
 * expired jobs, and a dead-letter queue: a job whose retries are used up (its worker died each
 * time) lands there, and a worker turns it into a failed record.
 */
import PgBoss from 'pg-boss';
import { redactMessage } from '../store/pg/connect';

export const QUEUE = 'xxgk-extract';
export const DEAD = 'xxgk-extract-dead';
/** Attempts after the first when a worker dies holding the job (a file's own crash is already a failed record). */
export const DEFAULT_RETRY_LIMIT = 2;

export interface JobData { sha256: string; replaceFailed?: boolean }

export interface QueueOptions {
  /** How often this process runs pg-boss maintenance (returns expired leases; one machine at a time does it). */
  maintenanceSeconds?: number;
  /** Only workers run the maintenance; enqueue and status just read and write jobs. */
  supervise?: boolean;
}

export async function openQueue(url: string, opts: QueueOptions = {}, onError: (message: string) => void = () => undefined): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url, max: 3, application_name: 'xxgk-queue',
    maintenanceIntervalSeconds: opts.maintenanceSeconds ?? 30, supervise: opts.supervise ?? true, schedule: false,
    // Jobs ended long ago are of no use to anyone: archived after a day, deleted after a week.
    archiveCompletedAfterSeconds: 24 * 3600, deleteAfterDays: 7,
  });
  boss.on('error', (e: Error) => onError(redactMessage(e.message, url)));
  try {
    await boss.start();
    // The dead-letter queue must exist before the queue naming it.
    await ensureQueue(boss, { name: DEAD, retryLimit: DEFAULT_RETRY_LIMIT });
    await ensureQueue(boss, { name: QUEUE, policy: 'short', retryLimit: DEFAULT_RETRY_LIMIT, deadLetter: DEAD });
  } catch (e) {
    await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
    throw new Error(redactMessage((e as Error).message, url));
  }
  return boss;
}

/** Create the queue unless it exists; machines starting together may race to create it, and the loser finds it there. */
async function ensureQueue(boss: PgBoss, q: PgBoss.Queue): Promise<void> {
  if (await boss.getQueue(q.name)) return;
  try { await boss.createQueue(q.name, q); } catch (e) { if (!(await boss.getQueue(q.name))) throw e; }
}

/** Jobs not finished on each queue: waiting (created or retry) and running (active). */
export async function queueCounts(boss: PgBoss): Promise<{ queued: number; running: number }> {
  let queued = 0;
  let running = 0;
  for (const q of [QUEUE, DEAD]) {
    const waiting = await boss.getQueueSize(q, { before: 'active' });
    queued += waiting;
    running += (await boss.getQueueSize(q, { before: 'completed' })) - waiting;
  }
  return { queued, running };
}
