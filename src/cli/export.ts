import { existsSync } from 'node:fs';
import path from 'node:path';
import { openStore, STORE_FILE } from '../store/store';
import { exportParquet } from '../writers/parquet';

/** `xxgk export <out-dir> [--to DIR]`: the store as Parquet. Exit 0 written, 1 no store, 2 store in use. */
export async function exportCommand(dir: string, o: { to?: string }): Promise<number> {
  if (!existsSync(path.join(dir, STORE_FILE))) {
    process.stderr.write(`xxgk export: ${path.join(dir, STORE_FILE)} does not exist: is ${dir} the --out folder of xxgk extract?\n`);
    return 1;
  }
  let store;
  try { store = openStore(dir); } catch (e) {
    process.stderr.write(`xxgk export: cannot open the store in ${dir}: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    const res = await exportParquet(store, o.to ?? path.join(dir, 'parquet'));
    process.stdout.write(`${res.reports} reports, ${res.cells} cells → ${res.files.join(', ')}\n`);
  } finally { store.close(); }
  return 0;
}
