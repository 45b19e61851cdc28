import { existsSync } from 'node:fs';
import path from 'node:path';
import { openStore, STORE_FILE } from '../store/store';
import { updateOutputs } from '../writers/output';

/** `xxgk review <out-dir>`: every output of the folder rewritten whole from its store (the review
 * page included). Exit 0 written, 1 no store there, 2 the store is in use. */
export async function reviewCommand(dir: string, o: { quiet?: boolean }): Promise<number> {
  if (!existsSync(path.join(dir, STORE_FILE))) {
    process.stderr.write(`xxgk review: ${path.join(dir, STORE_FILE)} does not exist: is ${dir} the --out folder of xxgk extract?\n`);
    return 1;
  }
  let store;
  try { store = openStore(dir); } catch (e) {
    process.stderr.write(`xxgk review: cannot open the store in ${dir}: ${(e as Error).message}\n`);
    return 2;
  }
  const started = Date.now();
  try {
    const res = await updateOutputs(dir, store, [], { rewrite: true });
    process.stdout.write(`${path.join(dir, 'review.html')}: ${res.items} reports, outputs rewritten in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally { store.close(); }
  return 0;
}
