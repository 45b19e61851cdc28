import path from 'node:path';
import { redactMessage } from '../store/pg/connect';
import { updateOutputs } from '../writers/output';
import { exportParquet } from '../writers/parquet';
import { storeOf } from './open-store';
import { closeShared, openShared, storeUrl } from './pg-store';

/** `xxgk export <out-dir> [--to DIR]`: the store as Parquet. Exit 0 written, 1 no store, 2 store in use.
 * `xxgk export --store URL --out DIR`: every output of `xxgk extract` (CSVs, records, review page,
 * Parquet in DIR/parquet) written whole from the shared store. */
export async function exportCommand(dir: string | undefined, o: { to?: string; store?: string; out?: string }): Promise<number> {
  if (o.store || (!dir && process.env.XXGK_STORE)) return exportShared(o);
  if (!dir) { process.stderr.write('xxgk export: name the --out folder of xxgk extract, or --store URL --out DIR\n'); return 2; }
  const store = storeOf(dir, 'export');
  if (typeof store === 'number') return store;
  try {
    const res = await exportParquet(store, o.to ?? path.join(dir, 'parquet'));
    process.stdout.write(`${res.reports} reports, ${res.cells} cells → ${res.files.join(', ')}\n`);
  } finally { store.close(); }
  return 0;
}

async function exportShared(o: { to?: string; store?: string; out?: string }): Promise<number> {
  const url = storeUrl('export', o.store);
  if (!url) return 2;
  if (!o.out) { process.stderr.write('xxgk export: --store needs --out DIR (the folder to write)\n'); return 2; }
  const shared = await openShared('export', url, { queue: false });
  if (typeof shared === 'number') return shared;
  try {
    const entries = await shared.store.exportEntries();
    const res = await updateOutputs(o.out, shared.store, entries, { rewrite: true });
    const pq = await exportParquet(shared.store, o.to ?? path.join(o.out, 'parquet'));
    process.stdout.write(`${res.items} reports → ${o.out} (CSVs, records, review page), ${pq.cells} cells → ${pq.files.join(', ')}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`xxgk export: ${redactMessage((e as Error).message, url)}\n`);
    return 1;
  } finally { await closeShared(shared); }
}
