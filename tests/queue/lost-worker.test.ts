/**
 * What the queue does when workers vanish, against a real PostgreSQL and pg-boss: a content whose
 * worker is lost on every attempt ends as a failed record with the reason; a record is written
 * once per content and version whoever finishes; passwords never reach a message.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type PgBoss from 'pg-boss';
import { enqueue } from '../../src/pipeline/enqueue';
import { DEAD, openQueue, queueCounts, QUEUE } from '../../src/pipeline/queue';
import { runQueueWorker } from '../../src/pipeline/queue-worker';
import { redactMessage, redactUrl } from '../../src/store/pg/connect';
import { PgStore } from '../../src/store/pg/store';
import { withPostgres } from '../helpers/postgres';
import { buildReport } from '../helpers/report-builder';

test('a store URL is shown without its password', () => {
  expect(redactUrl('postgres://u:s3cret@db.example:5432/x?sslmode=verify-full')).toBe('postgres://u:***@db.example:5432/x?sslmode=verify-full');
  expect(redactUrl('postgres://u@db/x?password=s3cret')).toBe('postgres://u@db/x?password=***');
  expect(redactMessage('auth failed for postgres://u:s3cret@h/x (s3cret)', 'postgres://u:s3cret@h/x')).toBe('auth failed for postgres://u:***@h/x (***)');
});

withPostgres('lost workers on the PostgreSQL queue', (server) => {
  let store: PgStore;
  let boss: PgBoss;
  let tmp: string;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'xxgk-lost-'));
    store = await PgStore.open(server().url);
    boss = await openQueue(server().url, { maintenanceSeconds: 1 });
  });
  afterAll(async () => {
    await boss.stop({ graceful: false, wait: true });
    await store.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('a content whose worker is lost on every attempt ends as a failed record saying so', async () => {
    const file = path.join(tmp, 'lost.txt');
    writeFileSync(file, buildReport('2021', { agency: '某某市迷失局', year: 2022 }).text);
    const res = await enqueue([file], store, boss, { leaseSeconds: 1, retryLimit: 0 });
    expect(res.queued).toBe(1);
    // A worker takes the job and is never heard of again.
    const [job] = await boss.fetch(QUEUE);
    expect(job).toBeDefined();
    const end = Date.now() + 30_000;
    while ((await boss.getQueueSize(DEAD)) === 0) {
      if (Date.now() > end) throw new Error('the expired job never reached the dead-letter queue');
      await new Promise((r) => setTimeout(r, 200));
    }
    const out = await runQueueWorker(store, boss, { workers: 1, untilEmpty: true });
    expect(out.statuses).toEqual({ failed: 1 });
    const sha = (job.data as { sha256: string }).sha256;
    const rec = await store.get(sha);
    expect(rec?.status).toBe('failed');
    expect(rec?.statusReason).toMatch(/worker extracting it was lost .* on every attempt/);
    expect(rec?.source.file).toBe(file);
    expect(rec?.source.format).toBe('text'); // sniffed from the stored bytes, as for a crashed worker in extract
    expect(await queueCounts(boss)).toEqual({ queued: 0, running: 0 });
  }, 60_000);

  test('a record is written once per content and extractor version: a second finisher changes nothing', async () => {
    const file = path.join(tmp, 'twice.txt');
    writeFileSync(file, buildReport('2019', { agency: '某某市重复局', year: 2021 }).text);
    await enqueue([file], store, boss, { leaseSeconds: 60 });
    const out = await runQueueWorker(store, boss, { workers: 1, untilEmpty: true });
    expect(out.extracted).toBe(1);
    const [{ sha256 }] = await store.query<{ sha256: string }>('SELECT sha256 FROM reports WHERE file = ?', file);
    const first = (await store.summary(sha256))!;
    const rec = (await store.get(sha256))!;
    // A worker whose lease had expired finishes the same content later.
    expect(await store.put(sha256, { ...rec, status: 'partial' }, 99)).toBe(false);
    expect(await store.summary(sha256)).toEqual(first);
    expect(await store.query('SELECT count(*)::int AS n FROM cells WHERE sha256 = ?', sha256)).toEqual([{ n: Object.keys(rec.cells).length }]);
  }, 60_000);
});
