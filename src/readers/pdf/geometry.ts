/** 2-D affine matrices as pdf.js writes them: [a, b, c, d, e, f]. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 · m2: apply m2 first, then m1 (pdf.js `Util.transform`, i.e. `ctx.transform(m2)` on CTM m1). */
export function mul(m1: Matrix, m2: ArrayLike<number>): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export interface Box { x0: number; y0: number; x1: number; y1: number }

/** Axis-aligned box around a rectangle given in a local space. */
export function boxOf(m: Matrix, x0: number, y0: number, x1: number, y1: number): Box {
  // Called for every glyph: the four corners without temporary arrays.
  const ax = m[0] * x0 + m[2] * y0 + m[4], ay = m[1] * x0 + m[3] * y0 + m[5];
  const bx = m[0] * x1 + m[2] * y0 + m[4], by = m[1] * x1 + m[3] * y0 + m[5];
  const cx = m[0] * x1 + m[2] * y1 + m[4], cy = m[1] * x1 + m[3] * y1 + m[5];
  const dx = m[0] * x0 + m[2] * y1 + m[4], dy = m[1] * x0 + m[3] * y1 + m[5];
  return { x0: Math.min(ax, bx, cx, dx), y0: Math.min(ay, by, cy, dy), x1: Math.max(ax, bx, cx, dx), y1: Math.max(ay, by, cy, dy) };
}

export function union(a: Box, b: Box): Box {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

export const round2 = (b: Box): Box => ({ x0: r2(b.x0), y0: r2(b.y0), x1: r2(b.x1), y1: r2(b.y1) });
const r2 = (v: number) => Math.round(v * 100) / 100;
