import { promises as fs } from 'node:fs';
import path from 'node:path';

/** `unreadable`: an input that exists (or was named) but cannot be read; the batch gives it a
 * failed record. `ignored`: not an input (hidden, obviously not a report, a folder seen twice). */
export interface Skipped { path: string; reason: string; kind: 'unreadable' | 'ignored' }
export interface Inputs { files: string[]; skipped: Skipped[] }

/** Extensions that are never report inputs when met while walking a folder. Files named
 * explicitly on the command line are always tried (their bytes decide). */
const NOT_INPUT = /\.(json|jsonl|csv|tsv|js|mjs|cjs|ts|css|map|log|sqlite|sqlite-wal|sqlite-shm|sqlite-journal|db|db-journal|db-wal|md5|sha1|sha256|tmp|part|crdownload|lock|exe|dll|so|dmg|iso)$/i;

/** Expand files and folders (recursively, following no symlink loops) into input files. */
export async function collectInputs(args: string[], options: { exclude?: string[] } = {}): Promise<Inputs> {
  const files: string[] = [];
  const skipped: Skipped[] = [];
  const visited = new Set<string>();
  // Folders never walked (the output folder, when it sits inside an input folder).
  const excluded = new Set<string>();
  for (const x of options.exclude ?? []) { try { excluded.add(await fs.realpath(x)); } catch { excluded.add(path.resolve(x)); } }
  const walk = async (p: string, explicit: boolean): Promise<void> => {
    let st;
    try { st = await fs.stat(p); } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      skipped.push({ kind: 'unreadable', path: p, reason: code === 'ELOOP' ? 'symbolic link loop' : code === 'ENOENT' ? (explicit ? 'no such file or folder' : 'broken symbolic link') : `cannot stat: ${code ?? (e as Error).message}` });
      return;
    }
    if (st.isDirectory()) {
      let real: string;
      try { real = await fs.realpath(p); } catch { real = p; }
      if (excluded.has(real)) { skipped.push({ kind: 'ignored', path: p, reason: 'the output folder' }); return; }
      if (visited.has(real)) { skipped.push({ kind: 'ignored', path: p, reason: 'folder already visited (symbolic link loop or duplicate argument)' }); return; }
      visited.add(real);
      let names: string[];
      try { names = (await fs.readdir(p)).sort(); } catch (e) { skipped.push({ kind: 'unreadable', path: p, reason: `cannot list folder: ${(e as NodeJS.ErrnoException).code}` }); return; }
      for (const n of names) {
        if (n.startsWith('.')) { skipped.push({ kind: 'ignored', path: path.join(p, n), reason: 'hidden file' }); continue; }
        await walk(path.join(p, n), false);
      }
      return;
    }
    if (!st.isFile()) { skipped.push({ kind: 'unreadable', path: p, reason: 'not a regular file (device, socket or named pipe)' }); return; }
    if (!explicit && NOT_INPUT.test(p)) { skipped.push({ kind: 'ignored', path: p, reason: `not a report input (${path.extname(p)})` }); return; }
    files.push(p);
  };
  for (const a of args) await walk(a, true);
  return { files, skipped };
}
