import { existsSync } from 'node:fs';
import path from 'node:path';
import { openStore, STORE_FILE, type Store } from '../store/store';

/** The store of an --out folder for `xxgk <cmd> <out-dir>`, or the exit code: 1 none there, 2 in use. */
export function storeOf(dir: string, cmd: string): Store | number {
  if (!existsSync(path.join(dir, STORE_FILE))) {
    process.stderr.write(`xxgk ${cmd}: ${path.join(dir, STORE_FILE)} does not exist: is ${dir} the --out folder of xxgk extract?\n`);
    return 1;
  }
  try { return openStore(dir); } catch (e) {
    process.stderr.write(`xxgk ${cmd}: cannot open the store in ${dir}: ${(e as Error).message}\n`);
    return 2;
  }
}
