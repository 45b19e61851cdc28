import sharp from 'sharp';
import type { Gray } from '../raster';
import { loadEngine, type Engine } from './models';

/** The recognizer's input height (PP-OCRv4 rec). */
const REC_HEIGHT = 48;
/** Widest line image fed to the recognizer (px at REC_HEIGHT): longer lines are squeezed. */
const MAX_REC_WIDTH = 2400;
/** Images per inference call, and the most pixels one batch may hold (memory, padding waste). */
const BATCH = 24;
const BATCH_PIXELS = REC_HEIGHT * 8000;

/** One decoded character with its score and the model's second choice at that place. */
export interface RecChar { ch: string; p: number; alt?: string; altP?: number }

export interface RecReading {
  text: string;
  /** Weakest character's probability (1 for an empty reading the model is sure of). */
  confidence: number;
  chars: RecChar[];
}

/** Characters a value cell may hold: digits, signs, separators and the usual placeholders. */
export const VALUE_CHARS = '0123456789.,-+—/无';

export interface RecResult {
  general: RecReading;
  /** The same network output decoded over `VALUE_CHARS` only (when asked for). */
  value?: RecReading;
}

/**
 * Recognize text lines (one line per image, dark text on light paper) with the PP-OCRv4 Chinese
 * recognizer: images are brought to the model's height, batched by width, and CTC-decoded
 * greedily. Where `valueMask[i]` is set the output is also decoded over the value characters
 * alone, a constraint that costs no second inference.
 */
export async function recognizeLines(images: Gray[], valueMask: boolean[] = []): Promise<RecResult[]> {
  const eng = await loadEngine();
  const out: RecResult[] = new Array(images.length);
  const prepared = await Promise.all(images.map(toRecInput));
  const order = images.map((_, i) => i).sort((a, b) => prepared[a].width - prepared[b].width);
  const valueIdx = valueClasses(eng);
  for (let s = 0; s < order.length;) {
    let e = s + 1;
    while (e < order.length && e - s < BATCH && (e - s + 1) * prepared[order[e]].width * REC_HEIGHT <= BATCH_PIXELS) e++;
    const ids = order.slice(s, e);
    const W = Math.max(...ids.map((i) => prepared[i].width));
    const plane = REC_HEIGHT * W;
    // Padding is 0 after normalization, as PaddleOCR pads.
    const x = new Float32Array(ids.length * 3 * plane);
    ids.forEach((id, b) => {
      const p = prepared[id];
      for (let y = 0; y < REC_HEIGHT; y++) for (let xx = 0; xx < p.width; xx++) {
        const v = p.data[y * p.width + xx] / 127.5 - 1;
        const o = b * 3 * plane + y * W + xx;
        x[o] = v; x[o + plane] = v; x[o + 2 * plane] = v;
      }
    });
    const feeds = { [eng.rec.inputNames[0]]: new eng.ort.Tensor('float32', x, [ids.length, 3, REC_HEIGHT, W]) };
    const res = await eng.rec.run(feeds);
    const t = res[eng.rec.outputNames[0]];
    const [, T, C] = t.dims as number[];
    const probs = t.data as Float32Array;
    ids.forEach((id, b) => {
      // Frames past the image's own width saw only padding.
      const frames = Math.min(T, Math.ceil((prepared[id].width / W) * T) + 1);
      const base = b * T * C;
      const general = ctcDecode(probs, base, frames, C, eng.chars, null);
      out[id] = valueMask[id] ? { general, value: ctcDecode(probs, base, frames, C, eng.chars, valueIdx) } : { general };
    });
    s = e;
  }
  return out;
}

let valueIdxCache: number[] | undefined;
function valueClasses(eng: Engine): number[] {
  if (valueIdxCache) return valueIdxCache;
  const want = new Set([...VALUE_CHARS]);
  valueIdxCache = [0, ...eng.chars.map((c, i) => (i > 0 && want.has(c) ? i : -1)).filter((i) => i > 0)];
  return valueIdxCache;
}

/** Greedy CTC decoding over all classes, or over `allowed` (blank first) only. */
function ctcDecode(probs: Float32Array, base: number, frames: number, C: number, chars: string[], allowed: number[] | null): RecReading {
  const out: RecChar[] = [];
  let prev = 0;
  let blankFloor = 1;
  for (let f = 0; f < frames; f++) {
    const o = base + f * C;
    let best = 0, bp = -1, second = 0, sp = -1;
    if (allowed) {
      for (const k of allowed) { const p = probs[o + k]; if (p > bp) { second = best; sp = bp; best = k; bp = p; } else if (p > sp) { second = k; sp = p; } }
    } else {
      for (let k = 0; k < C; k++) { const p = probs[o + k]; if (p > bp) { second = best; sp = bp; best = k; bp = p; } else if (p > sp) { second = k; sp = p; } }
    }
    if (best === 0) { blankFloor = Math.min(blankFloor, bp); prev = 0; continue; }
    if (best === prev) {
      const last = out[out.length - 1];
      if (bp > last.p) { last.p = bp; if (second) { last.alt = chars[second]; last.altP = sp; } }
      continue;
    }
    out.push({ ch: chars[best], p: bp, ...(second ? { alt: chars[second], altP: sp } : {}) });
    prev = best;
  }
  const text = out.map((c) => c.ch).join('').trim();
  const confidence = out.length ? Math.min(...out.map((c) => c.p)) : blankFloor;
  return { text, confidence, chars: out };
}

/** A line image at the recognizer's height (sharp resize), width bounded. */
async function toRecInput(img: Gray): Promise<{ width: number; data: Uint8Array }> {
  const width = Math.max(8, Math.min(MAX_REC_WIDTH, Math.round((img.width * REC_HEIGHT) / Math.max(1, img.height))));
  const data = await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), { raw: { width: img.width, height: img.height, channels: 1 } })
    .resize(width, REC_HEIGHT, { fit: 'fill', kernel: 'linear' }).extractChannel(0).raw().toBuffer();
  return { width, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}
