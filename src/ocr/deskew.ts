import type { Gray } from './raster';
import { inkMask } from './raster';

/** Scans are rarely rotated by more than this; beyond it the page was turned, which OSD handles. */
const MAX_SKEW_DEGREES = 3;
const COARSE_STEP = 0.1;
const FINE_STEP = 0.01;
/** Below this a rotation is not worth the resampling blur. */
export const MIN_CORRECTED_SKEW = 0.05;

/**
 * Skew angle in degrees of the page's horizontal structure (table rulings, text baselines): the
 * angle whose projection of ink onto the vertical axis is sharpest. `rotate(img, angle)` levels it.
 */
export function estimateSkew(img: Gray, mask: Uint8Array = inkMask(img)): number {
  // Sample ink pixels; horizontal runs (rulings, baselines) dominate a sharp projection.
  // Subsample along x only: skipping rows would alias the projection (every kept row lands in
  // its own bin at angle 0, doubling that angle's score).
  const step = img.width * img.height > 3e6 ? 4 : img.width * img.height > 1e6 ? 2 : 1;
  let count = 0;
  for (let y = 0; y < img.height; y++) {
    const row = y * img.width;
    for (let x = 0; x < img.width; x += step) count += mask[row + x];
  }
  if (count < 100) return 0;
  // Typed arrays: the scoring below runs over every sample some 80 times.
  const xs = new Int32Array(count), ys = new Int32Array(count);
  for (let y = 0, k = 0; y < img.height; y++) {
    const row = y * img.width;
    for (let x = 0; x < img.width; x += step) if (mask[row + x]) { xs[k] = x; ys[k++] = y; }
  }
  const hist = new Float64Array(img.height + img.width);
  const offset = img.width;
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    hist.fill(0);
    for (let i = 0; i < count; i++) hist[Math.round(ys[i] - xs[i] * t) + offset]++;
    let s = 0;
    for (let i = 0; i < hist.length; i++) s += hist[i] * hist[i];
    return s;
  };
  let best = 0, bestScore = -1;
  for (let d = -MAX_SKEW_DEGREES; d <= MAX_SKEW_DEGREES + 1e-9; d += COARSE_STEP) {
    const s = score(d);
    if (s > bestScore) { bestScore = s; best = d; }
  }
  const coarse = best;
  for (let d = coarse - COARSE_STEP; d <= coarse + COARSE_STEP + 1e-9; d += FINE_STEP) {
    const s = score(d);
    if (s > bestScore) { bestScore = s; best = d; }
  }
  return Math.round(best * 100) / 100;
}
