/**
 * 8-bit grayscale rasters (0 = black, 255 = white) and the few pixel operations OCR needs.
 * Kept dependency-free so every input route (PDF page images, PNG/JPEG/TIFF files) meets here.
 */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

export function makeGray(width: number, height: number, fill = 255): Gray {
  const data = new Uint8Array(width * height);
  if (fill) data.fill(fill);
  return { width, height, data };
}

/** Red exceeding green and blue by this much is seal or pen ink (faint pink edges of a seal too). */
const RED_DROPOUT = 20;

/** Interleaved 1/3/4-channel 8-bit pixels to gray (ITU-R BT.601 luma, red ink dropped out; alpha composited on white). */
export function toGray(width: number, height: number, pixels: Uint8Array | Uint8ClampedArray, channels: number): Gray {
  const out = makeGray(width, height, 0);
  const n = width * height;
  if (channels === 1) { out.data.set(pixels.subarray(0, n)); return out; }
  for (let i = 0, j = 0; i < n; i++, j += channels) {
    const r = pixels[j], g = pixels[j + 1], b = pixels[j + 2];
    // Red dropout: a red seal or red pen over the table is paper to the reader, as on scanners
    // with a red lamp; black text under the seal stays dark in the red channel.
    // Pure seal red lifts to paper; black text under it, not red, is untouched.
    const red = r - Math.max(g, b);
    let v = red > RED_DROPOUT ? Math.min(255, r + red) : (r * 299 + g * 587 + b * 114) / 1000;
    if (channels === 4) { const a = pixels[j + 3] / 255; v = v * a + 255 * (1 - a); }
    out.data[i] = v;
  }
  return out;
}

/** 1-bit-per-pixel rows (PDF ImageKind.GRAYSCALE_1BPP: 1 = white) to gray. */
export function fromBits(width: number, height: number, bits: Uint8Array): Gray {
  const out = makeGray(width, height, 0);
  const stride = (width + 7) >> 3;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out.data[y * width + x] = (bits[y * stride + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0;
  }
  return out;
}

export function crop(img: Gray, x0: number, y0: number, x1: number, y1: number): Gray {
  x0 = Math.max(0, Math.floor(x0)); y0 = Math.max(0, Math.floor(y0));
  x1 = Math.min(img.width, Math.ceil(x1)); y1 = Math.min(img.height, Math.ceil(y1));
  const w = Math.max(0, x1 - x0), h = Math.max(0, y1 - y0);
  const out = makeGray(w, h, 0);
  for (let y = 0; y < h; y++) out.data.set(img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x0 + w), y * w);
  return out;
}

/** Surround with a white margin: recognizers read text that touches the image edge badly. */
export function pad(img: Gray, margin: number): Gray {
  const out = makeGray(img.width + 2 * margin, img.height + 2 * margin);
  for (let y = 0; y < img.height; y++) out.data.set(img.data.subarray(y * img.width, (y + 1) * img.width), (y + margin) * out.width + margin);
  return out;
}

/** Bilinear resize by a factor (synchronous; whole-page work goes through sharp-ops). */
export function scale(img: Gray, f: number): Gray {
  const w = Math.max(1, Math.round(img.width * f)), h = Math.max(1, Math.round(img.height * f));
  const out = makeGray(w, h, 0);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(img.height - 1, Math.max(0, (y + 0.5) / f - 0.5));
    const y0 = Math.floor(sy), y1 = Math.min(img.height - 1, y0 + 1), fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(img.width - 1, Math.max(0, (x + 0.5) / f - 0.5));
      const x0 = Math.floor(sx), x1 = Math.min(img.width - 1, x0 + 1), fx = sx - x0;
      const a = img.data[y0 * img.width + x0], b = img.data[y0 * img.width + x1];
      const c = img.data[y1 * img.width + x0], d = img.data[y1 * img.width + x1];
      out.data[y * w + x] = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }
  }
  return out;
}

/** Box-filter downsampling by an integer factor (bounded resolution for huge scans). */
export function shrink(img: Gray, k: number): Gray {
  if (k <= 1) return img;
  const w = Math.floor(img.width / k), h = Math.floor(img.height / k);
  const out = makeGray(w, h, 0);
  const area = k * k;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let dy = 0; dy < k; dy++) { const row = (y * k + dy) * img.width + x * k; for (let dx = 0; dx < k; dx++) s += img.data[row + dx]; }
      out.data[y * w + x] = s / area;
    }
  }
  return out;
}

/** Rotate about the centre by `degrees` (counter-clockwise positive), bilinear, white outside. */
export function rotate(img: Gray, degrees: number): Gray {
  if (Math.abs(degrees) < 1e-3) return img;
  const { width: w, height: h } = img;
  const out = makeGray(w, h, 255);
  const a = (degrees * Math.PI) / 180, cos = Math.cos(a), sin = Math.sin(a);
  const cx = (w - 1) / 2, cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      // Inverse mapping: where does this output pixel come from?
      const sx = cos * dx - sin * dy + cx, sy = sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) continue;
      const fx = sx - x0, fy = sy - y0, i = y0 * w + x0;
      const d = img.data;
      out.data[y * w + x] = (d[i] * (1 - fx) + d[i + 1] * fx) * (1 - fy) + (d[i + w] * (1 - fx) + d[i + w + 1] * fx) * fy;
    }
  }
  return out;
}

/** Rotate clockwise by a multiple of 90° (a PDF page's /Rotate applied to its scan image). */
export function rotateQuarter(img: Gray, degrees: number): Gray {
  const q = (((Math.round(degrees / 90) % 4) + 4) % 4);
  if (!q) return img;
  const { width: w, height: h } = img;
  const out = makeGray(q === 2 ? w : h, q === 2 ? h : w, 0);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const v = img.data[y * w + x];
    if (q === 1) out.data[x * out.width + (h - 1 - y)] = v;
    else if (q === 2) out.data[(h - 1 - y) * w + (w - 1 - x)] = v;
    else out.data[(w - 1 - x) * out.width + y] = v;
  }
  return out;
}

/** Otsu's threshold: the gray level that best separates ink from paper. */
export function otsu(img: Gray): number {
  const counts = new Int32Array(256);
  const data = img.data, len = data.length;
  const step = len > 4e6 ? 4 : 1;
  let n = 0;
  for (let i = 0; i < len; i += step) { counts[data[i]]++; n++; }
  const hist = Float64Array.from(counts);
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i];
  let sumB = 0, wB = 0, best = 0, thr = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (!wB) continue;
    const wF = n - wB;
    if (!wF) break;
    sumB += t * hist[t];
    const mB = sumB / wB, mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) { best = between; thr = t; }
  }
  return thr;
}

/** Brightest frequent gray level: the paper. */
export function paperLevel(img: Gray): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < img.data.length; i += 7) hist[img.data[i]]++;
  let best = 255;
  for (let v = 255; v >= 0; v--) if (hist[v] > hist[best]) best = v;
  return best;
}

/** Scanned thin rulings are light gray (blur, JPEG, resampling), often lighter than Otsu's split
 * of text and paper; anything clearly darker than the paper counts as ink for line finding. */
const LINE_CONTRAST = 28;
export function inkThreshold(img: Gray): number {
  return Math.max(otsu(img), paperLevel(img) - LINE_CONTRAST);
}

/** The page's ink mask at inkThreshold: what corner finding, skew and rulings read. */
export const inkMask = (img: Gray): Uint8Array => binarize(img, inkThreshold(img));

/** Ink mask (1 = ink) at a threshold. */
export function binarize(img: Gray, threshold = otsu(img)): Uint8Array {
  const data = img.data, len = data.length;
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = data[i] <= threshold ? 1 : 0;
  return out;
}

/** Parse a binary PGM (P5, maxval 255): pdftoppm's output for rendered pages. */
export function decodePgm(buf: Buffer): Gray {
  let pos = 0;
  const tokens: string[] = [];
  while (tokens.length < 4) {
    while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]))) pos++;
    if (buf[pos] === 0x23) { while (pos < buf.length && buf[pos] !== 0x0a) pos++; continue; }
    let t = '';
    while (pos < buf.length && !/\s/.test(String.fromCharCode(buf[pos]))) t += String.fromCharCode(buf[pos++]);
    tokens.push(t);
  }
  pos++;
  const [magic, w, h, max] = tokens;
  if (magic !== 'P5' || Number(max) !== 255) throw new Error(`not an 8-bit binary PGM (${magic}, maxval ${max})`);
  const width = Number(w), height = Number(h);
  const data = new Uint8Array(buf.subarray(pos, pos + width * height));
  if (data.length < width * height) throw new Error('truncated PGM');
  return { width, height, data };
}
