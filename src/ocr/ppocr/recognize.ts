import sharp from 'sharp';
import type { Gray } from '../raster';
import { loadEngine, type Engine } from './models';

/** The recognizer's input height (PP-OCRv4 rec). */
const REC_HEIGHT = 48;
/** Widest line image fed to the recognizer (px at REC_HEIGHT): longer lines are squeezed. */
const MAX_REC_WIDTH = 2400;

/** One decoded character with its score and the model's second choice at that place. */
/** One decoded character; `alt` is the model's runner-up for it ('' when that is the blank: no character). */
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
 * recognizer: images are brought to the model's height, packed side by side into strips, and CTC-decoded
 * greedily. Where `valueMask[i]` is set the output is also decoded over the value characters
 * alone, a constraint that costs no second inference.
 */
export async function recognizeLines(images: Gray[], valueMask: boolean[] = []): Promise<RecResult[]> {
  const eng = await loadEngine();
  const out: RecResult[] = new Array(images.length);
  const prepared = await Promise.all(images.map(toRecInput));
  const valueIdx = valueClasses(eng);
  // One strip per inference call: on the CPU, batching strips costs more per column than running
  // them one by one (measured: about 1.7x the CPU time per column at 4 x 1280 px as at 1 x 1280 px).
  // Every strip is asked for at once: the engine runs them in turn (in its worker thread), and
  // each is decoded here as it comes back while the next one runs.
  await Promise.all(packStrips(prepared.map((p) => p.width)).map(async (strip) => {
    const W = strip.width;
    const plane = REC_HEIGHT * W;
    // Strip gaps are white paper, as PaddleOCR pads.
    const x = new Float32Array(3 * plane);
    for (let y = 0; y < REC_HEIGHT; y++) x.fill(1, y * W, y * W + strip.width);
    for (const seg of strip.segs) {
      const p = prepared[seg.id];
      for (let y = 0; y < REC_HEIGHT; y++) for (let xx = 0; xx < p.width; xx++) x[y * W + seg.x + xx] = p.data[y * p.width + xx] / 127.5 - 1;
    }
    for (let c = 1; c < 3; c++) x.copyWithin(c * plane, 0, plane);
    const res = await eng.rec.run({ [eng.rec.inputNames[0]]: new eng.ort.Tensor('float32', x, [1, 3, REC_HEIGHT, W]) });
    const t = res[eng.rec.outputNames[0]];
    const [, T, C] = t.dims as number[];
    const probs = t.data as Float32Array;
    const colsPerFrame = W / T;
    for (const seg of strip.segs) {
      // The frames that saw this line (the gaps around it read as blanks).
      const f0 = Math.max(0, Math.floor(seg.x / colsPerFrame)), f1 = Math.min(T, Math.ceil((seg.x + prepared[seg.id].width) / colsPerFrame));
      const base = f0 * C;
      const general = ctcDecode(probs, base, f1 - f0, C, eng.chars, null);
      out[seg.id] = valueMask[seg.id] ? { general, value: ctcDecode(probs, base, f1 - f0, C, eng.chars, valueIdx) } : { general };
    }
  }));
  return out;
}

/** White space between lines packed into one strip (px at REC_HEIGHT): wider than a character
 * gap, so the recognizer sees separate words and the decoder separate frame ranges. */
const STRIP_GAP = 16;
/** Strip width: short lines (cells with one number) packed side by side, one image per strip,
 * cost a fraction of recognizing each alone. */
const STRIP_WIDTH = 1280;

interface Strip { width: number; segs: { id: number; x: number }[] }

/** Pack line widths into strips, widest first; a line wider than a strip is a strip alone. */
function packStrips(widths: number[]): Strip[] {
  const order = widths.map((_, i) => i).sort((a, b) => widths[b] - widths[a]);
  const strips: Strip[] = [];
  for (const id of order) {
    const w = widths[id];
    const fit = strips.find((s) => s.width + STRIP_GAP + w <= STRIP_WIDTH);
    if (fit) { fit.segs.push({ id, x: fit.width + STRIP_GAP }); fit.width += STRIP_GAP + w; }
    else strips.push({ width: STRIP_GAP / 2 + w, segs: [{ id, x: STRIP_GAP / 2 }] });
  }
  for (const s of strips) s.width += STRIP_GAP / 2;
  return strips;
}

/** Glyphs a value cell's digits are drawn like: under the value constraint they are that digit. */
const LOOKALIKES: Record<string, string> = { O: '0', o: '0', '〇': '0', '○': '0', D: '0', Q: '0', l: '1', I: '1', '|': '1', '丨': '1', i: '1', Z: '2', z: '2', S: '5', s: '5', B: '8', g: '9', q: '9', '一': '—', '－': '-', '，': ',', '．': '.' };

/** Classes of the value decoding: blank first, then each value character with the classes whose
 * probability counts for it (itself, its full-width form, its look-alikes). */
export interface ValueClasses { ids: number[]; members: number[][] }

let valueCache: ValueClasses | undefined;
function valueClasses(eng: Engine): ValueClasses {
  if (valueCache) return valueCache;
  const index = new Map<string, number>();
  eng.chars.forEach((c, i) => { if (i > 0 && !index.has(c)) index.set(c, i); });
  const ids = [0], members: number[][] = [[0]];
  for (const ch of new Set([...VALUE_CHARS])) {
    const id = index.get(ch);
    if (id === undefined) continue;
    const m = [id];
    eng.chars.forEach((c, i) => {
      if (i === 0 || i === id) return;
      const half = c.replace(/[\uFF01-\uFF5E]/g, (x) => String.fromCharCode(x.charCodeAt(0) - 0xfee0));
      if ((half === ch && c !== ch) || LOOKALIKES[c] === ch) m.push(i);
    });
    ids.push(id); members.push(m);
  }
  valueCache = { ids, members };
  return valueCache;
}

/** Greedy CTC decoding over all classes, or over the value classes only (each scored with the
 * probability of its look-alikes: a "0" the model half calls "O" is, as a number, a sure 0). */
function ctcDecode(probs: Float32Array, base: number, frames: number, C: number, chars: string[], allowed: ValueClasses | null): RecReading {
  const out: RecChar[] = [];
  let prev = 0;
  let blankFloor = 1;
  for (let f = 0; f < frames; f++) {
    const o = base + f * C;
    let best = 0, bp = -1, second = 0, sp = -1;
    if (allowed) {
      for (let j = 0; j < allowed.ids.length; j++) {
        let p = 0;
        for (const k of allowed.members[j]) p += probs[o + k];
        const k = allowed.ids[j];
        if (p > bp) { second = best; sp = bp; best = k; bp = p; } else if (p > sp) { second = k; sp = p; }
      }
    } else {
      for (let k = 0; k < C; k++) { const p = probs[o + k]; if (p > bp) { second = best; sp = bp; best = k; bp = p; } else if (p > sp) { second = k; sp = p; } }
    }
    if (best === 0) { blankFloor = Math.min(blankFloor, bp); prev = 0; continue; }
    if (best === prev) {
      const last = out[out.length - 1];
      if (bp > last.p) { last.p = bp; if (sp > 0) { last.alt = second ? chars[second] : ''; last.altP = sp; } }
      continue;
    }
    // The runner-up may be the blank: "nothing here" (alt ''), a rival as real as another character.
    out.push({ ch: chars[best], p: Math.min(1, bp), ...(sp > 0 ? { alt: second ? chars[second] : '', altP: sp } : {}) });
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
