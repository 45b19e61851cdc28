import { readFileSync } from 'node:fs';

/** Fault injection for the batch tests only (never active unless the env variable is set): a
 * small file starting with `XXGK-FAULT:<kind>` makes the worker process or thread that reads it
 * hang, crash or run out of heap. */
export function injectFault(file: string): unknown {
  if (process.env.XXGK_FAULT_INJECTION !== '1') return;
  let head = '';
  try { head = readFileSync(file).subarray(0, 32).toString('latin1'); } catch { return; }
  const kind = /^XXGK-FAULT:(\w+)/.exec(head)?.[1];
  if (kind === 'hang') for (;;) { /* busy forever: only the pool's time limit ends this */ }
  if (kind === 'crash') process.kill(process.pid, 'SIGSEGV');
  if (kind === 'oom') { const hog: number[][] = []; for (;;) hog.push(new Array(1e6).fill(hog.length)); }
  if (kind === 'rss') { // memory outside the V8 heap (buffers, native code): only the resident-memory ceiling stops it
    const hog: Buffer[] = [];
    setInterval(() => hog.push(Buffer.alloc(32 << 20, 1)), 20);
    return 'pending';
  }
}
