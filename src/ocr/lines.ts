/**
 * Ruling detection in an ink mask: long thin runs of ink. Thresholds scale with the raster's
 * resolution so a 150-dpi scan and a 300-dpi render behave alike.
 */
export interface Segment {
  /** Position across the line (y for horizontal, x for vertical): centre of its thickness. */
  pos: number;
  /** Extent along the line. */
  from: number;
  to: number;
  thickness: number;
}

export interface RulingParams {
  /** Shortest run that may be a ruling (px): longer than any stroke of body text. */
  minLength: number;
  /** Gaps (px) bridged inside a run: noise and JPEG ringing break printed lines. */
  gap: number;
  /** Thicker than this is a filled area or bold text, not a ruling (px). */
  maxThickness: number;
}

/** Ruling parameters for a raster of `dpi`: a cell is at least ~0.17 in wide and tall in these
 * tables, while 10.5-pt body text strokes stay under ~0.15 in. */
export function rulingParams(dpi: number): RulingParams {
  return {
    minLength: Math.max(12, Math.round(0.17 * dpi)),
    gap: Math.max(2, Math.round(0.012 * dpi)),
    maxThickness: Math.max(4, Math.round(0.045 * dpi)),
  };
}

/** Horizontal rulings of the mask (1 = ink). */
export function horizontalRulings(mask: Uint8Array, width: number, height: number, p: RulingParams): Segment[] {
  const runs: { y: number; from: number; to: number }[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let start = -1, last = -1;
    for (let x = 0; x <= width; x++) {
      const ink = x < width && mask[row + x] === 1;
      if (ink) {
        if (start < 0) start = x;
        else if (x - last - 1 > p.gap) { if (last - start + 1 >= p.minLength) runs.push({ y, from: start, to: last }); start = x; }
        last = x;
      } else if (x === width && start >= 0) {
        if (last - start + 1 >= p.minLength) runs.push({ y, from: start, to: last });
        start = -1;
      }
    }
  }
  return mergeRuns(runs.map((r) => ({ pos: r.y, from: r.from, to: r.to })), p);
}

/** Vertical rulings: the same on the transposed mask. */
export function verticalRulings(mask: Uint8Array, width: number, height: number, p: RulingParams): Segment[] {
  const runs: { pos: number; from: number; to: number }[] = [];
  for (let x = 0; x < width; x++) {
    let start = -1, last = -1;
    for (let y = 0; y <= height; y++) {
      const ink = y < height && mask[y * width + x] === 1;
      if (ink) {
        if (start < 0) start = y;
        else if (y - last - 1 > p.gap) { if (last - start + 1 >= p.minLength) runs.push({ pos: x, from: start, to: last }); start = y; }
        last = y;
      } else if (y === height && start >= 0) {
        if (last - start + 1 >= p.minLength) runs.push({ pos: x, from: start, to: last });
        start = -1;
      }
    }
  }
  return mergeRuns(runs, p);
}

/** Stack runs on adjacent rows (columns) that overlap into one ruling with a thickness. */
function mergeRuns(runs: { pos: number; from: number; to: number }[], p: RulingParams): Segment[] {
  runs.sort((a, b) => a.pos - b.pos || a.from - b.from);
  const open: { first: number; last: number; from: number; to: number; n: number; sum: number }[] = [];
  const done: typeof open = [];
  for (const r of runs) {
    let hit: (typeof open)[number] | undefined;
    for (const o of open) {
      if (r.pos - o.last > 1) continue;
      const overlap = Math.min(o.to, r.to) - Math.max(o.from, r.from);
      if (overlap > 0.5 * Math.min(o.to - o.from, r.to - r.from)) { hit = o; break; }
    }
    if (hit) {
      hit.last = r.pos; hit.from = Math.min(hit.from, r.from); hit.to = Math.max(hit.to, r.to); hit.n++; hit.sum += r.pos;
    } else open.push({ first: r.pos, last: r.pos, from: r.from, to: r.to, n: 1, sum: r.pos });
    // Retire lines that can no longer grow.
    for (let i = open.length - 1; i >= 0; i--) if (r.pos - open[i].last > 1) done.push(...open.splice(i, 1));
  }
  done.push(...open);
  return done
    .filter((o) => o.last - o.first + 1 <= p.maxThickness)
    .map((o) => ({ pos: (o.first + o.last) / 2, from: o.from, to: o.to, thickness: o.last - o.first + 1 }))
    .sort((a, b) => a.pos - b.pos || a.from - b.from);
}
