import sharp from 'sharp';
import type { Gray } from '../raster';
import { crop, paperLevel } from '../raster';
import { loadEngine } from './models';

export interface TextBox { x0: number; y0: number; x1: number; y1: number; score: number }

/** DB post-processing (PaddleOCR defaults): pixel threshold, box score threshold, unclip ratio. */
const DB_THRESH = 0.3;
const DB_BOX_THRESH = 0.6;
const UNCLIP_RATIO = 1.5;
/** Text is detected at about this many pixels per inch: body text stays ~15 px tall, which the
 * detector sees well, and a page costs well under a second. */
const DET_DPI = 100;
const MAX_DET_SIDE = 2048;
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/**
 * Text lines of an (upright) image by the PP-OCRv4 detector and DB post-processing: the
 * probability map thresholded, connected regions scored and grown back by the unclip distance.
 * Boxes are axis-aligned, in the image's pixels; the page is deskewed before this.
 */
export async function detectText(page: Gray, dpi: number): Promise<TextBox[]> {
  // Only the inked part of the page is looked at: the tables are whited out before text
  // detection, and blank paper costs the network as much as text does.
  const box = inkBox(page, Math.round(INK_MARGIN_IN * dpi));
  if (!box) return [];
  const img = box.x0 || box.y0 || box.x1 < page.width || box.y1 < page.height ? crop(page, box.x0, box.y0, box.x1, box.y1) : page;
  return (await detectWhole(img, dpi)).map((b) => ({ ...b, x0: b.x0 + box.x0, y0: b.y0 + box.y0, x1: b.x1 + box.x0, y1: b.y1 + box.y0 }));
}

/** White kept around the ink when cropping for detection (inches): the detector sees edges badly. */
const INK_MARGIN_IN = 0.15;

/** The box of clearly dark pixels (well below the paper, above scanner noise), with a margin. */
function inkBox(img: Gray, margin: number): { x0: number; y0: number; x1: number; y1: number } | null {
  const t = paperLevel(img) - 80;
  let x0 = img.width, y0 = img.height, x1 = -1, y1 = -1;
  for (let y = 0; y < img.height; y++) {
    const row = y * img.width;
    for (let x = 0; x < img.width; x++) {
      if (img.data[row + x] >= t) continue;
      if (x < x0) x0 = x; if (x > x1) x1 = x;
      if (y < y0) y0 = y; y1 = y;
    }
  }
  if (x1 < 0) return null;
  return { x0: Math.max(0, x0 - margin), y0: Math.max(0, y0 - margin), x1: Math.min(img.width, x1 + 1 + margin), y1: Math.min(img.height, y1 + 1 + margin) };
}

async function detectWhole(img: Gray, dpi: number): Promise<TextBox[]> {
  const eng = await loadEngine();
  let f = Math.min(1, DET_DPI / dpi);
  f = Math.min(f, MAX_DET_SIDE / Math.max(img.width, img.height));
  const W = Math.max(32, Math.round((img.width * f) / 32) * 32), H = Math.max(32, Math.round((img.height * f) / 32) * 32);
  const small = await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), { raw: { width: img.width, height: img.height, channels: 1 } })
    .resize(W, H, { fit: 'fill', kernel: 'linear' }).extractChannel(0).raw().toBuffer();
  const plane = W * H;
  const x = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    const v = small[i] / 255;
    x[i] = (v - MEAN[0]) / STD[0]; x[i + plane] = (v - MEAN[1]) / STD[1]; x[i + 2 * plane] = (v - MEAN[2]) / STD[2];
  }
  const res = await eng.det.run({ [eng.det.inputNames[0]]: new eng.ort.Tensor('float32', x, [1, 3, H, W]) });
  const prob = res[eng.det.outputNames[0]].data as Float32Array;
  const sx = img.width / W, sy = img.height / H;
  return dbBoxes(prob, W, H).map((b) => ({
    x0: Math.max(0, Math.floor(b.x0 * sx)), y0: Math.max(0, Math.floor(b.y0 * sy)),
    x1: Math.min(img.width, Math.ceil(b.x1 * sx)), y1: Math.min(img.height, Math.ceil(b.y1 * sy)), score: b.score,
  }));
}

/** Connected regions of the thresholded map as scored, unclipped boxes (map pixels). */
export function dbBoxes(prob: Float32Array, W: number, H: number): TextBox[] {
  const seen = new Uint8Array(W * H);
  const stack: number[] = [];
  const boxes: TextBox[] = [];
  for (let start = 0; start < W * H; start++) {
    if (seen[start] || prob[start] <= DB_THRESH) continue;
    let x0 = W, y0 = H, x1 = -1, y1 = -1, sum = 0, n = 0;
    stack.push(start); seen[start] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % W, y = (i - x) / W;
      sum += prob[i]; n++;
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
      const nb = [x > 0 ? i - 1 : -1, x + 1 < W ? i + 1 : -1, y > 0 ? i - W : -1, y + 1 < H ? i + W : -1];
      for (const j of nb) if (j >= 0 && !seen[j] && prob[j] > DB_THRESH) { seen[j] = 1; stack.push(j); }
    }
    const w = x1 - x0 + 1, h = y1 - y0 + 1;
    if (Math.min(w, h) < 2) continue;
    const score = sum / n;
    if (score < DB_BOX_THRESH) continue;
    // The detector shrinks text regions; grow them back by area * ratio / perimeter.
    const d = (w * h * UNCLIP_RATIO) / (2 * (w + h));
    boxes.push({ x0: x0 - d, y0: y0 - d, x1: x1 + 1 + d, y1: y1 + 1 + d, score });
  }
  return boxes;
}
