import type { Gray } from './raster';
import { inkMask, makeGray } from './raster';

/** The largest ink component must span this share of the page width to be a table frame. */
const MIN_FRAME_SHARE = 0.3;
/** Opposite edges differing in length by more than this share, or out of parallel by more than
 * this many degrees, mean the page was photographed at an angle (a scan is only rotated). */
const LENGTH_DIFF = 0.006;
const PARALLEL_DEG = 0.25;

type Pt = [number, number];

/**
 * A photographed page: find the largest table's four outer corners (the extreme points of its
 * ruling network) and, when its frame is a trapezoid rather than a rotated rectangle, warp the
 * page so the frame becomes an upright rectangle in place. Returns null for a flat scan.
 */
export function rectifyTable(img: Gray, dpi: number, full: Uint8Array = inkMask(img)): { image: Gray; note: string } | null {
  // Corners are found on a half-resolution mask (any ink in 2×2): a quarter of the work, and
  // thin rulings stay connected. `full`: the page's ink mask at inkThreshold.
  const w = img.width >> 1, h = img.height >> 1;
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const i = 2 * y * img.width + 2 * x;
    mask[y * w + x] = full[i] | full[i + 1] | full[i + img.width] | full[i + img.width + 1];
  }
  const comp = largestComponent(mask, w, h);
  if (!comp || comp.x1 - comp.x0 < MIN_FRAME_SHARE * w) return null;
  const [tl, tr, br, bl] = comp.corners.map(([x, y]) => [2 * x + 0.5, 2 * y + 0.5] as Pt);
  const len = (a: Pt, b: Pt) => Math.hypot(b[0] - a[0], b[1] - a[1]);
  const ang = (a: Pt, b: Pt) => (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI;
  const top = len(tl, tr), bottom = len(bl, br), left = len(tl, bl), right = len(tr, br);
  const dTB = Math.abs(top - bottom) / Math.max(top, bottom), dLR = Math.abs(left - right) / Math.max(left, right);
  const pTB = Math.abs(ang(tl, tr) - ang(bl, br)), pLR = Math.abs(ang(tl, bl) - ang(tr, br));
  if (dTB < LENGTH_DIFF && dLR < LENGTH_DIFF && pTB < PARALLEL_DEG && pLR < PARALLEL_DEG) return null;
  // Too small a frame to judge (a line of a few px): leave it.
  if (Math.min(left, right) < 0.5 * dpi) return null;
  const W = (top + bottom) / 2, H = (left + right) / 2;
  const x0 = tl[0], y0 = tl[1];
  const dst: Pt[] = [[x0, y0], [x0 + W, y0], [x0 + W, y0 + H], [x0, y0 + H]];
  // Inverse map: output pixel → source pixel.
  const hm = homography(dst, [tl, tr, br, bl]);
  if (!hm) return null;
  return { image: warp(img, hm), note: `edges ${Math.round(top)}/${Math.round(bottom)} × ${Math.round(left)}/${Math.round(right)} px` };
}

/** The 8-connected ink component with the largest box, with its extreme corners. */
function largestComponent(mask: Uint8Array, w: number, h: number): { x0: number; x1: number; corners: Pt[] } | null {
  const label = new Int32Array(w * h);
  let best: { area: number; x0: number; x1: number; corners: Pt[] } | null = null;
  const stack = new Int32Array(w * h);
  let next = 0;
  for (let s = 0; s < w * h; s++) {
    if (!mask[s] || label[s]) continue;
    next++;
    let sp = 0, x0 = w, x1 = -1;
    // Extremes of x+y and x−y are the corners of a (slightly distorted) rectangle.
    let minS = Infinity, maxS = -Infinity, minD = Infinity, maxD = -Infinity;
    let cTL: Pt = [0, 0], cBR: Pt = [0, 0], cTR: Pt = [0, 0], cBL: Pt = [0, 0];
    stack[sp++] = s; label[s] = next;
    while (sp) {
      const i = stack[--sp];
      const x = i % w, y = (i - x) / w;
      if (x < x0) x0 = x; if (x > x1) x1 = x;
      const su = x + y, di = x - y;
      if (su < minS) { minS = su; cTL = [x, y]; } if (su > maxS) { maxS = su; cBR = [x, y]; }
      if (di > maxD) { maxD = di; cTR = [x, y]; } if (di < minD) { minD = di; cBL = [x, y]; }
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const j = yy * w + xx;
          if (mask[j] && !label[j]) { label[j] = next; stack[sp++] = j; }
        }
      }
    }
    // The biggest frame (by its box) fixes the page's homography most precisely.
    const area = (x1 - x0) * (Math.max(cBL[1], cBR[1]) - Math.min(cTL[1], cTR[1]));
    if (area > (best?.area ?? 0)) best = { area, x0, x1, corners: [cTL, cTR, cBR, cBL] };
  }
  return best;
}

/** The 3×3 homography (row-major, h33 = 1) taking `from[i]` to `to[i]`. */
export function homography(from: Pt[], to: Pt[]): number[] | null {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i], [u, v] = to[i];
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8×9 augmented matrix.
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    if (Math.abs(A[p][c]) < 1e-12) return null;
    [A[c], A[p]] = [A[p], A[c]];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k < 9; k++) A[r][k] -= f * A[c][k];
    }
  }
  return [...A.map((row, i) => row[8] / row[i]), 1];
}

/** Warp by the inverse homography `h` (output → source), bilinear, white outside. */
function warp(img: Gray, h: number[]): Gray {
  const { width: w, height: hh } = img;
  const out = makeGray(w, hh, 255);
  const d = img.data;
  for (let y = 0; y < hh; y++) for (let x = 0; x < w; x++) {
    const z = h[6] * x + h[7] * y + h[8];
    const sx = (h[0] * x + h[1] * y + h[2]) / z, sy = (h[3] * x + h[4] * y + h[5]) / z;
    const x0 = Math.floor(sx), y0 = Math.floor(sy);
    if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= hh) continue;
    const fx = sx - x0, fy = sy - y0, i = y0 * w + x0;
    out.data[y * w + x] = (d[i] * (1 - fx) + d[i + 1] * fx) * (1 - fy) + (d[i + w] * (1 - fx) + d[i + w + 1] * fx) * fy;
  }
  return out;
}
