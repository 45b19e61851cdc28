/**
 * Page images drawn by poppler's `pdftoppm` (poppler-utils), when it is installed: it draws a
 * text page of a CJK report in ~50 ms where pdf.js takes ~0.3 s (pdf.js parses and repairs the
 * embedded font programs and builds every glyph's outline in JavaScript first). The PDF goes in on
 * stdin and the JPEG comes out on stdout: no temporary files.
 */
import { spawn } from 'node:child_process';

/** One page, already placed: the dpi, and the pixel rectangle of the rendered page to keep. */
export interface PopplerPage { page: number; dpi: number; x: number; y: number; width: number; height: number; quality: number }

/** Why a page was not drawn; `missing`: there is no pdftoppm on this machine (do not try again). */
export type PopplerResult = { jpeg: Buffer } | { problem: string; missing?: boolean };

const TIMEOUT_MS = 30_000;
const MAX_OUTPUT = 64 << 20;

export function popplerJpeg(pdf: Uint8Array, p: PopplerPage): Promise<PopplerResult> {
  const args = ['-f', String(p.page), '-l', String(p.page), '-singlefile', '-cropbox', '-r', p.dpi.toFixed(3),
    '-x', String(p.x), '-y', String(p.y), '-W', String(p.width), '-H', String(p.height), '-jpeg', '-jpegopt', `quality=${p.quality}`, '-'];
  return new Promise((resolve) => {
    let child;
    try { child = spawn('pdftoppm', args, { stdio: ['pipe', 'pipe', 'pipe'] }); } catch (e) { resolve({ problem: (e as Error).message, missing: true }); return; }
    const out: Buffer[] = [];
    let size = 0;
    let err = '';
    let settled = false;
    const finish = (r: PopplerResult) => { if (!settled) { settled = true; clearTimeout(timer); resolve(r); } };
    const timer = setTimeout(() => { child.kill('SIGKILL'); finish({ problem: `pdftoppm took over ${TIMEOUT_MS / 1000} s` }); }, TIMEOUT_MS);
    child.on('error', (e: NodeJS.ErrnoException) => finish({ problem: `pdftoppm: ${e.message}`, missing: e.code === 'ENOENT' }));
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > MAX_OUTPUT) { child.kill('SIGKILL'); finish({ problem: 'pdftoppm wrote more than expected' }); } else out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => { err = (err + d.toString('utf8')).slice(-500); });
    child.stdin.on('error', () => undefined); // pdftoppm may stop reading early (a broken file): its exit status says so
    child.on('close', (code) => {
      const jpeg = Buffer.concat(out);
      const isJpeg = jpeg.length > 2 && jpeg[0] === 0xff && jpeg[1] === 0xd8;
      if (code !== 0 || !isJpeg) finish({ problem: `pdftoppm ${code !== 0 ? `exit ${code}` : 'gave no JPEG'}${err.trim() ? `: ${err.trim().split('\n').pop()}` : ''}` });
      else finish({ jpeg });
    });
    child.stdin.end(pdf);
  });
}
