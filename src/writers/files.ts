import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Our temp files: `<name>.<pid>.<ms>.tmp`; left behind only by a process killed mid-write. */
export const TEMP = /\.\d+\.\d+\.tmp$/;
const tempName = (file: string) => `${file}.${process.pid}.${Date.now()}.tmp`;

/** Write a file atomically: a reader never sees half a file, a crash never leaves one. */
export async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = tempName(file);
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

interface Open { handle: fs.FileHandle; bytes: number; tmp?: string; pending: string[]; pendingBytes: number; written: number }

/** Appends are gathered up to this many bytes per file before a write: one syscall, not one per record. */
const FLUSH_BYTES = 1 << 20;

/**
 * The append-only output files of one write (CSVs, review chunks), by name relative to the output
 * folder. `committed` holds each file's length as of the last completed write: the file is cut
 * back to it (a longer file is the tail of a write that was killed) and the new data appended,
 * so the cost is the size of what is new. Without `committed` every file is written whole into a
 * temp file and renamed over the old one by `publish`, so the previous file stays readable until then.
 */
export class OutputFiles {
  private open = new Map<string, Open>();
  constructor(private dir: string, private committed?: Map<string, number>) {}

  /** Bytes the file holds before this write (0 for a new or rewritten file). */
  base(name: string): number { return this.committed?.get(name) ?? 0; }

  /** Bytes written so far to `name`, old and new. */
  size(name: string): number { return this.open.get(name)?.bytes ?? this.base(name); }

  async add(name: string, data: string): Promise<void> {
    if (!data) return;
    const f = this.open.get(name) ?? await this.start(name);
    f.pending.push(data);
    const n = Buffer.byteLength(data);
    f.pendingBytes += n;
    f.bytes += n;
    if (f.pendingBytes >= FLUSH_BYTES) await this.flush(f);
  }

  private async flush(f: Open): Promise<void> {
    if (!f.pending.length) return;
    const buf = Buffer.from(f.pending.join(''));
    f.pending = [];
    f.pendingBytes = 0;
    await f.handle.write(buf, 0, buf.length, f.written);
    f.written += buf.length;
  }

  private async start(name: string): Promise<Open> {
    const file = path.join(this.dir, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    let f: Open;
    if (this.committed) {
      const bytes = this.base(name);
      const handle = await fs.open(file, bytes ? 'r+' : 'w');
      await handle.truncate(bytes);
      f = { handle, bytes, written: bytes, pending: [], pendingBytes: 0 };
    } else {
      const tmp = tempName(file);
      f = { handle: await fs.open(tmp, 'w'), bytes: 0, written: 0, tmp, pending: [], pendingBytes: 0 };
    }
    this.open.set(name, f);
    return f;
  }

  /** Close every file; the lengths every file now has (for the ledger). */
  async finish(): Promise<Map<string, number>> {
    const lengths = new Map(this.committed ?? []);
    // No fsync: the ledger guards against a killed process (the page cache survives it), like the
    // store's synchronous=NORMAL; after a power loss the next run finds a short file and rewrites.
    for (const [name, f] of this.open) {
      await this.flush(f);
      await f.handle.close();
      lengths.set(name, f.bytes);
    }
    return lengths;
  }

  /** Whole-file mode: put the new files in place (each rename is atomic). */
  async publish(): Promise<void> {
    for (const [name, f] of this.open) if (f.tmp) await fs.rename(f.tmp, path.join(this.dir, name));
  }
}

/** Temp files left by a killed write, in these folders. */
export async function removeTemps(dirs: string[]): Promise<void> {
  for (const dir of dirs) {
    let names: string[];
    try { names = await fs.readdir(dir); } catch { continue; }
    for (const f of names) if (TEMP.test(f)) await fs.rm(path.join(dir, f), { force: true });
  }
}
