/**
 * `xxgk enqueue`: every input's content into the PostgreSQL store (bytes once per sha256, every
 * name it was found under) and one job per content not yet done by this extractor version.
 */
import { promises as fs } from 'node:fs';
import type PgBoss from 'pg-boss';
import type { PgStore } from '../store/pg/store';
import { EXTRACTOR } from '../version';
import { cannotRead, DEFAULT_MAX_BYTES, overMaxBytes, sha256 } from './failure';
import { collectInputs, type Skipped } from './inputs';
import { DEFAULT_RETRY_LIMIT, QUEUE, type JobData } from './queue';

export interface EnqueueOptions {
  maxBytes?: number;
  /** Seconds a worker may hold a job before it goes back to the queue (must cover the files ahead of it in that worker and its own time limit). */
  leaseSeconds: number;
  retryLimit?: number;
  /** Queue contents whose record from this version is failed, to be extracted again. */
  retryFailed?: boolean;
  exclude?: string[];
  onProgress?: (done: number, total: number) => void;
}

export interface EnqueueResult {
  files: number; contents: number; newContents: number; queued: number; alreadyDone: number;
  /** Inputs not stored: unreadable, too big (they never reach a worker). */
  refused: Skipped[];
  ignored: Skipped[];
}

/** Jobs inserted per statement. */
const INSERT_CHUNK = 500;
const PROGRESS_EVERY = 200;

export async function enqueue(inputs: string[], store: PgStore, boss: PgBoss, o: EnqueueOptions): Promise<EnqueueResult> {
  const maxBytes = o.maxBytes ?? DEFAULT_MAX_BYTES;
  const { files, skipped } = await collectInputs(inputs, { exclude: o.exclude });
  const refused = skipped.filter((s) => s.kind === 'unreadable');
  const seen = new Set<string>();
  let newContents = 0;
  // One file at a time, in input order: contents get their seq (the output order) in that order,
  // and no more than one file's bytes are held at once.
  for (const [i, file] of files.entries()) {
    let data: Buffer;
    try {
      const st = await fs.stat(file);
      if (st.size > maxBytes) { refused.push({ path: file, kind: 'unreadable', reason: overMaxBytes(st.size, maxBytes) }); continue; }
      data = await fs.readFile(file);
    } catch (e) {
      refused.push({ path: file, kind: 'unreadable', reason: cannotRead(e) });
      continue;
    }
    const sha = sha256(data);
    const fresh = !seen.has(sha) && !(await store.knownContents([sha])).has(sha);
    if (fresh) newContents++;
    seen.add(sha);
    await store.addContent(sha, [file], fresh ? data : undefined);
    if ((i + 1) % PROGRESS_EVERY === 0) o.onProgress?.(i + 1, files.length);
  }
  const shas = [...seen];
  const done = await store.doneBy(shas, EXTRACTOR.version);
  const todo = shas.filter((s) => !done.has(s) || (o.retryFailed && done.get(s) === 'failed'));
  for (let i = 0; i < todo.length; i += INSERT_CHUNK) {
    // singletonKey with the queue's `short` policy: a content already waiting is not queued twice.
    await boss.insert(todo.slice(i, i + INSERT_CHUNK).map((sha) => ({
      name: QUEUE, data: { sha256: sha, ...(o.retryFailed ? { replaceFailed: true } : {}) } satisfies JobData,
      singletonKey: sha, expireInSeconds: Math.ceil(o.leaseSeconds), retryLimit: o.retryLimit ?? DEFAULT_RETRY_LIMIT,
    })));
  }
  return { files: files.length, contents: shas.length, newContents, queued: todo.length, alreadyDone: shas.length - todo.length, refused, ignored: skipped.filter((s) => s.kind === 'ignored') };
}
