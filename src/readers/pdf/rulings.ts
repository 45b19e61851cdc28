import type { Segment } from './content';

/** Pieces of one line lie within this distance (points) across their direction: a 0.75pt filled
 * rectangle's centre and a stroked hairline drawn for the same border differ by less. */
export const COLLINEAR = 1.5;
/** Collinear pieces separated by at most this gap (points) are one line (borders drawn per cell). */
const JOIN_GAP = 2;

/** Merge collinear, touching or overlapping pieces into whole lines. */
export function mergeSegments(segs: Segment[], horizontal: boolean): Segment[] {
  const pos = (s: Segment) => (horizontal ? s.y0 : s.x0);
  const lo = (s: Segment) => (horizontal ? s.x0 : s.y0);
  const hi = (s: Segment) => (horizontal ? s.x1 : s.y1);
  const sorted = [...segs].sort((a, b) => pos(a) - pos(b));
  // Bands of nearly equal position.
  const bands: Segment[][] = [];
  for (const s of sorted) {
    const band = bands[bands.length - 1];
    if (band && pos(s) - pos(band[band.length - 1]) <= COLLINEAR / 2 + 0.01 && pos(s) - pos(band[0]) <= COLLINEAR) band.push(s);
    else bands.push([s]);
  }
  const out: Segment[] = [];
  for (const band of bands) {
    const p = band.reduce((a, s) => a + pos(s), 0) / band.length;
    band.sort((a, b) => lo(a) - lo(b));
    let a = lo(band[0]), b = hi(band[0]);
    const push = () => out.push(horizontal ? { x0: a, x1: b, y0: p, y1: p } : { x0: p, x1: p, y0: a, y1: b });
    for (const s of band.slice(1)) {
      if (lo(s) <= b + JOIN_GAP) b = Math.max(b, hi(s));
      else { push(); a = lo(s); b = hi(s); }
    }
    push();
  }
  return out;
}
