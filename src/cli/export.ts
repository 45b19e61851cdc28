import path from 'node:path';
import { exportParquet } from '../writers/parquet';
import { storeOf } from './open-store';

/** `xxgk export <out-dir> [--to DIR]`: the store as Parquet. Exit 0 written, 1 no store, 2 store in use. */
export async function exportCommand(dir: string, o: { to?: string }): Promise<number> {
  const store = storeOf(dir, 'export');
  if (typeof store === 'number') return store;
  try {
    const res = await exportParquet(store, o.to ?? path.join(dir, 'parquet'));
    process.stdout.write(`${res.reports} reports, ${res.cells} cells → ${res.files.join(', ')}\n`);
  } finally { store.close(); }
  return 0;
}
