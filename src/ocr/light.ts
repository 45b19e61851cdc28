import type { Gray } from './raster';
import { makeGray } from './raster';
import { blurGray, resizeGray } from './sharp-ops';

/** Background estimated on a grid this coarse (inches): larger than any character or ruling gap. */
const CELL_IN = 0.12;
/** Neighbourhood (grid cells) whose brightest value is the local paper. */
const REACH = 2;
/** Paper brightness varying less than this share across the page is even light. */
const EVEN_LIGHT = 0.08;

/**
 * Even out uneven light (a photo under a desk lamp, a scanner's shaded edge): estimate the paper's
 * brightness everywhere (brightest value in a neighbourhood wider than a character, smoothed) and
 * divide it out, so one threshold works across the page. Text and rulings keep their contrast
 * against their own local paper. On an evenly lit scan this is close to the identity.
 */
export async function flattenLight(img: Gray, dpi: number): Promise<Gray> {
  const k = Math.max(2, Math.round(CELL_IN * dpi));
  const sw = Math.max(1, Math.round(img.width / k)), sh = Math.max(1, Math.round(img.height / k));
  const small = await resizeGray(img, sw, sh);
  // Local maximum: the paper around a glyph, not the glyph.
  const mx = makeGray(sw, sh, 0);
  for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) {
    let m = 0;
    for (let dy = -REACH; dy <= REACH; dy++) {
      const yy = y + dy;
      if (yy < 0 || yy >= sh) continue;
      for (let dx = -REACH; dx <= REACH; dx++) { const xx = x + dx; if (xx >= 0 && xx < sw) { const v = small.data[yy * sw + xx]; if (v > m) m = v; } }
    }
    mx.data[y * sw + x] = m;
  }
  // Evenly lit paper (a flatbed scan): nothing to divide out.
  let lo = 255, hi = 0;
  for (const v of mx.data) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (hi - lo <= EVEN_LIGHT * hi) return img;
  const bg = await resizeGray(await blurGray(mx, REACH), img.width, img.height);
  const out = makeGray(img.width, img.height, 0);
  for (let i = 0; i < out.data.length; i++) {
    const b = Math.max(40, bg.data[i]);
    out.data[i] = Math.min(255, Math.round((img.data[i] * 255) / b));
  }
  return out;
}
