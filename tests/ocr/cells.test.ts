import { cellImage } from '../../src/ocr/cells';
import { binarize, makeGray, type Gray } from '../../src/ocr/raster';

const W = 400, H = 60;
const box = (g: Gray, x0: number, y0: number, x1: number, y1: number) => { for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) g.data[y * W + x] = 0; };
/** A "0" as a 12×18 px ring of 2 px strokes, its left edge at x; `gaps` cuts it into pieces. */
const zero = (g: Gray, x: number, y: number, gaps = false) => {
  box(g, x, y, x + 12, y + 2); box(g, x, y + 16, x + 12, y + 18); box(g, x, y, x + 2, y + 18); box(g, x + 10, y, x + 12, y + 18);
  if (gaps) for (const [gx, gy, gw, gh] of [[5, 0, 2, 2], [5, 16, 2, 2], [0, 8, 2, 2], [10, 8, 2, 2]]) for (let yy = 0; yy < gh; yy++) for (let xx = 0; xx < gw; xx++) g.data[(y + gy + yy) * W + x + gx + xx] = 255;
};
const specks = (g: Gray) => { for (const [x, y] of [[20, 8], [60, 45], [110, 12], [300, 50], [350, 6], [385, 40], [150, 48], [250, 10]]) box(g, x, y, x + 2, y + 2); };
const cell = { row: 0, col: 0, rowSpan: 1, colSpan: 1, x0: 0, y0: 0, x1: W, y1: H };
const read = (g: Gray) => cellImage(g, binarize(g, 128), cell, 1, 200);

describe('a cell cut out for the recognizer', () => {
  it('specks scattered over a wide cell do not widen the crop around its value', () => {
    const g = makeGray(W, H);
    zero(g, 194, 20);
    specks(g);
    const ci = read(g);
    expect(ci.ink).toEqual({ x0: 194, y0: 20, x1: 206, y1: 38 });
    expect(ci.lines).toHaveLength(1);
    expect(ci.lines[0].width).toBeLessThan(40);
  });

  it('a glyph broken into small pieces is kept whole', () => {
    const g = makeGray(W, H);
    zero(g, 194, 20, true);
    specks(g);
    expect(read(g).ink).toEqual({ x0: 194, y0: 20, x1: 206, y1: 38 });
  });

  it('a cell holding only specks is blank', () => {
    const g = makeGray(W, H);
    specks(g);
    specks(g);
    expect(read(g)).toMatchObject({ ink: null, lines: [] });
  });
});
