import path from 'node:path';
import { updateOutputs } from '../writers/output';
import { storeOf } from './open-store';

/** `xxgk review <out-dir>`: every output of the folder rewritten whole from its store (the review
 * page included). Exit 0 written, 1 no store there, 2 the store is in use. */
export async function reviewCommand(dir: string, o: { quiet?: boolean }): Promise<number> {
  const store = storeOf(dir, 'review');
  if (typeof store === 'number') return store;
  try {
    const res = await updateOutputs(dir, store, [], { rewrite: true });
    if (!o.quiet) process.stdout.write(`${path.join(dir, 'review.html')}: ${res.items} reports; every output rewritten in ${res.seconds.toFixed(1)} s\n`);
  } finally { store.close(); }
  return 0;
}
