import { spawn, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let cachedBinary: string | null | undefined;

/** The LibreOffice binary, or null when it is not installed (checked once per process). */
export function findSoffice(): string | null {
  if (cachedBinary !== undefined) return cachedBinary;
  const fromEnv = process.env.XXGK_SOFFICE;
  const candidates = fromEnv ? [fromEnv] : ['soffice', 'libreoffice'];
  cachedBinary = null;
  for (const c of candidates) {
    const r = spawnSync(c, ['--version'], { encoding: 'utf8', timeout: 30000 });
    if (r.status === 0 && /LibreOffice|OpenOffice/i.test(r.stdout ?? '')) { cachedBinary = c; break; }
  }
  return cachedBinary;
}

export class ConversionError extends Error {}

/**
 * Convert a legacy Word file to .docx with headless LibreOffice. Each call gets its own user
 * profile folder (a shared profile makes parallel soffice processes wait on each other's lock or
 * silently hand the job to an already running instance) and its own work folder, both removed
 * afterwards. On timeout the whole process group is killed.
 */
export async function convertToDocx(buffer: Buffer, ext: string, timeoutSeconds: number): Promise<Buffer> {
  const soffice = findSoffice();
  if (!soffice) throw new ConversionError('LibreOffice (soffice) is not installed');
  const work = await fs.mkdtemp(path.join(os.tmpdir(), `xxgk-lo-${process.pid}-`));
  try {
    const input = path.join(work, `input.${ext}`);
    const outDir = path.join(work, 'out');
    await fs.writeFile(input, buffer);
    const profile = `file://${path.join(work, 'profile')}`;
    const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--nodefault', '--nologo',
      '--convert-to', 'docx:MS Word 2007 XML', '--outdir', outDir, input];
    const { code, stderr, timedOut } = await run(soffice, args, timeoutSeconds * 1000);
    if (timedOut) throw new ConversionError(`LibreOffice did not finish within ${timeoutSeconds} s (killed)`);
    const out = path.join(outDir, 'input.docx');
    try {
      return await fs.readFile(out);
    } catch {
      throw new ConversionError(`LibreOffice produced no .docx (exit ${code}${stderr.trim() ? `: ${stderr.trim().slice(0, 300)}` : ''})`);
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    // detached: the child leads its own process group, so a timeout can kill soffice.bin too.
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let timedOut = false;
    child.stderr?.on('data', (d: Buffer) => { if (stderr.length < 4000) stderr += d.toString(); });
    const killGroup = (sig: NodeJS.Signals) => { try { if (child.pid) process.kill(-child.pid, sig); } catch { /* already gone */ } };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), 2000).unref();
    }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); resolve({ code: null, stderr: e.message, timedOut }); });
    child.on('close', (code) => { clearTimeout(timer); if (timedOut) killGroup('SIGKILL'); resolve({ code, stderr, timedOut }); });
  });
}
