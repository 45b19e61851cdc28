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

/** At least this many vertical lines ending at one height close a row there (a frame, not a tick). */
const MIN_ENDING_TOGETHER = 3;
/** Line ends this close (points) are at one height. */
const END_TOLERANCE = 1.5;

/**
 * Rulings a table implies but does not draw: where several verticals end at one height and no
 * horizontal runs there, that is the edge of a row whose border the producer left out (cells that
 * draw only their top and left border, at a page break; a table without its bottom frame). A
 * horizontal from the first to the last of them is added, so the row is not lost.
 */
export function closeOpenEdges(hs: Segment[], vs: Segment[]): Segment[] {
  const added: Segment[] = [];
  for (const end of ['y0', 'y1'] as const) {
    const sorted = [...vs].sort((a, b) => a[end] - b[end]);
    for (let i = 0; i < sorted.length;) {
      let j = i + 1;
      while (j < sorted.length && sorted[j][end] - sorted[i][end] <= END_TOLERANCE) j++;
      const group = sorted.slice(i, j).sort((a, b) => a.x0 - b.x0);
      i = j;
      if (group.length < MIN_ENDING_TOGETHER) continue;
      const y = group.reduce((s, v) => s + v[end], 0) / group.length;
      const x0 = group[0].x0, x1 = group[group.length - 1].x0;
      // Already ruled: a horizontal at that height covering most of the span.
      const covered = [...hs, ...added].some((h) => Math.abs(h.y0 - y) <= END_TOLERANCE && Math.min(h.x1, x1) - Math.max(h.x0, x0) >= 0.8 * (x1 - x0));
      if (!covered) added.push({ x0, x1, y0: y, y1: y });
    }
  }
  return added.length ? [...hs, ...added] : hs;
}
