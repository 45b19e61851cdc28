import { execFile, execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Gray } from './raster';
import { encodePgm } from './raster';

/** One recognized word (tesseract TSV level 5) with its 0..1 confidence. */
export interface OcrWord {
  text: string;
  confidence: number;
  /** Tesseract's block/paragraph/line numbers joined: words of one text line share it. */
  line: string;
  left: number; top: number; width: number; height: number;
}

export interface OcrRequest {
  lang: string;
  psm: number;
  /** Characters tesseract may output (tessedit_char_whitelist), e.g. digits for value cells. */
  whitelist?: string;
  /** Seconds before the tesseract process is killed. */
  timeoutSeconds: number;
}

export class OcrTimeout extends Error {}

let available: { ok: boolean; langs: string[]; reason?: string } | undefined;

/** Is the system tesseract there, with the languages we need? Probed once per process. */
export function tesseractStatus(): { ok: boolean; langs: string[]; reason?: string } {
  if (available) return available;
  try {
    const out = execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20000 });
    const langs = out.split('\n').slice(1).map((s) => s.trim()).filter(Boolean);
    const missing = ['chi_sim', 'eng'].filter((l) => !langs.includes(l));
    available = missing.length ? { ok: false, langs, reason: `tesseract lacks language data: ${missing.join(', ')} (Debian: tesseract-ocr-chi-sim)` } : { ok: true, langs };
  } catch (e) {
    available = { ok: false, langs: [], reason: `tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim): ${(e as Error).message.split('\n')[0]}` };
  }
  return available;
}

/**
 * Recognize a batch of images in ONE tesseract process (a list file makes them pages of one run,
 * so the model loads once). Returns the words of each image, in input order. Single-threaded
 * (OMP_THREAD_LIMIT=1): several documents may be OCR'd in parallel on a shared machine.
 */
export async function recognizeBatch(images: Gray[], req: OcrRequest): Promise<OcrWord[][]> {
  const result: OcrWord[][] = images.map(() => []);
  if (!images.length) return result;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xxgk-ocr-'));
  try {
    const files: string[] = [];
    for (let i = 0; i < images.length; i++) {
      const f = path.join(dir, `${String(i).padStart(5, '0')}.pgm`);
      await fs.writeFile(f, encodePgm(images[i]));
      files.push(f);
    }
    const list = path.join(dir, 'list.txt');
    await fs.writeFile(list, files.join('\n') + '\n');
    const args = [list, 'stdout', '-l', req.lang, '--psm', String(req.psm)];
    // Tables print digits far more often than words; keep tesseract from inventing spaces.
    args.push('-c', 'preserve_interword_spaces=1');
    if (req.whitelist) args.push('-c', `tessedit_char_whitelist=${req.whitelist}`);
    args.push('tsv');
    const tsv = await run('tesseract', args, req.timeoutSeconds);
    for (const line of tsv.split('\n')) {
      const f = line.split('\t');
      if (f.length < 12 || f[0] !== '5') continue;
      const page = Number(f[1]) - 1;
      const text = f.slice(11).join('\t').trim();
      if (!text || !(page >= 0 && page < images.length)) continue;
      result[page].push({
        text, confidence: Math.max(0, Math.min(1, Number(f[10]) / 100)), line: `${f[2]}.${f[3]}.${f[4]}`,
        left: Number(f[6]), top: Number(f[7]), width: Number(f[8]), height: Number(f[9]),
      });
    }
    return result;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], timeoutSeconds: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, {
      encoding: 'utf8', maxBuffer: 64 << 20, timeout: Math.ceil(timeoutSeconds * 1000), killSignal: 'SIGKILL',
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    }, (err, stdout, stderr) => {
      if (err) {
        if ((err as NodeJS.ErrnoException & { killed?: boolean }).killed) reject(new OcrTimeout(`tesseract timed out after ${timeoutSeconds}s`));
        else reject(new Error(`tesseract failed: ${String(stderr || err.message).split('\n').filter(Boolean).slice(-2).join(' ')}`));
        return;
      }
      resolve(stdout);
    });
  });
}
