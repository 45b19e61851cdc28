import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/* The private cache directory for compiled code (pdf.js's bundles, readers/pdf/script-cache.ts;
 * this package's modules, util/module-cache.ts) and the care its files need. */

/**
 * The private directory for code we run: 0700, ours, not a symlink (a cache planted by another
 * user would be run as our code). Shared with nothing else but our own processes.
 */
export function privateDir(): { dir: string } | { problem: string } {
  const dir = path.join(os.tmpdir(), `xxgk-pdfjs-${process.getuid?.() ?? 'user'}`);
  try {
    try { fs.mkdirSync(dir, { mode: 0o700 }); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; }
    const st = fs.lstatSync(dir);
    if (!st.isDirectory() || st.isSymbolicLink() || (process.getuid && st.uid !== process.getuid()) || (st.mode & 0o077) !== 0) {
      return { problem: `${dir} is not a private directory of this user: no code cache` };
    }
    return { dir };
  } catch (e) {
    return { problem: `no code cache directory (${(e as Error).message})` };
  }
}

/* Caches of other pdf.js versions, patch sets, Node builds or flags are left behind by upgrades:
 * one unused for a month goes when a new one is written. A used one is touched once a day. */
const STALE_MS = 30 * 86_400_000;
const TOUCH_MS = 86_400_000;

export function keepFresh(file: string): void {
  try {
    if (Date.now() - fs.statSync(file).mtimeMs > TOUCH_MS) fs.utimesSync(file, new Date(), new Date());
  } catch { /* an old date only makes it a candidate for removal */ }
}

export function removeStale(dir: string, name: string, keep: string): void {
  try {
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (p === keep || !f.startsWith(`${name}-`) || !f.endsWith('.v8cache')) continue;
      if (Date.now() - fs.statSync(p).mtimeMs > STALE_MS) fs.unlinkSync(p);
    }
  } catch { /* stale files only take space */ }
}

/** A cache file's bytes when it is a regular file of ours, else undefined. */
export function readOwnFile(file: string): Buffer | undefined {
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile() || (process.getuid && st.uid !== process.getuid())) return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}
