import { inflateSync } from 'node:zlib';
import type { Gray } from '../../ocr/raster';
import { toGray } from '../../ocr/raster';

/** Largest image we decode (pixels): a screenshot or scan, not a poster. */
export const MAX_IMAGE_PIXELS = 60e6;

export interface DecodedImage { raster: Gray; dpi?: number }

/**
 * Minimal PNG decoder (8-bit gray/RGB/RGBA/gray+alpha and palette, 16-bit reduced to 8, no
 * interlace): screenshots of tables are PNGs, and this keeps them free of system tools.
 * Throws with a clear message for what it does not handle.
 */
export function decodePng(buf: Buffer): DecodedImage {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8, width = 0, height = 0, depth = 0, colorType = 0, interlace = 0, dpi: number | undefined;
  let palette: Buffer | undefined, trns: Buffer | undefined;
  const idat: Buffer[] = [];
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); depth = data[8]; colorType = data[9]; interlace = data[12]; }
    else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'pHYs' && data[8] === 1) dpi = Math.round(data.readUInt32BE(0) * 0.0254);
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  if (!width || !height) throw new Error('PNG without a header');
  if (width * height > MAX_IMAGE_PIXELS) throw new Error(`PNG is ${width}×${height}, over the ${MAX_IMAGE_PIXELS / 1e6} MP limit`);
  if (interlace) throw new Error('interlaced PNG is not supported');
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
  if (!channels || ![1, 2, 4, 8, 16].includes(depth)) throw new Error(`unsupported PNG colour type ${colorType} / depth ${depth}`);
  const bpp = Math.max(1, (channels * depth) >> 3);
  const stride = Math.ceil((width * channels * depth) / 8);
  const raw = inflateSync(Buffer.concat(idat));
  const px = new Uint8Array(stride * height);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = px.subarray(y * stride, (y + 1) * stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? cur[x - bpp] : 0, b = prev[x], c = x >= bpp ? prev[x - bpp] : 0;
      let v = line[x];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      cur[x] = v;
    }
    prev = cur;
  }
  // To 8-bit samples, palette expanded to RGBA.
  const outCh = colorType === 3 ? 4 : channels;
  const samples = new Uint8Array(width * height * outCh);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let ch = 0; ch < channels; ch++) {
        const i = x * channels + ch;
        let v: number;
        if (depth === 8) v = px[y * stride + i];
        else if (depth === 16) v = px[y * stride + 2 * i];
        else { const bit = i * depth; v = (px[y * stride + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1); if (colorType !== 3) v = Math.round((v * 255) / ((1 << depth) - 1)); }
        if (colorType === 3) {
          const o = (y * width + x) * 4;
          samples[o] = palette?.[v * 3] ?? 0; samples[o + 1] = palette?.[v * 3 + 1] ?? 0; samples[o + 2] = palette?.[v * 3 + 2] ?? 0;
          samples[o + 3] = trns && v < trns.length ? trns[v] : 255;
        } else samples[(y * width + x) * channels + ch] = v;
      }
    }
  }
  if (colorType === 4) {
    // Gray + alpha: composite on white via the RGBA path.
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) { rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = samples[2 * i]; rgba[4 * i + 3] = samples[2 * i + 1]; }
    return { raster: toGray(width, height, rgba, 4), dpi };
  }
  return { raster: toGray(width, height, samples, outCh), dpi };
}
