import { estimateSkew } from '../../src/ocr/deskew';
import { buildTables } from '../../src/ocr/grid';
import { horizontalRulings, rulingParams, verticalRulings } from '../../src/ocr/lines';
import { binarize, inkThreshold, makeGray, rotate, rotateQuarter, type Gray } from '../../src/ocr/raster';

const DPI = 200;

/** A 3-row × 4-column ruled table; row 0's columns 1-3 are one merged cell (inner lines missing).
 * Cells hold short "strokes" like text, which must not count as rulings. */
function drawTable(): Gray {
  const img = makeGray(900, 500, 250);
  const xs = [100, 300, 450, 600, 800], ys = [100, 200, 300, 400];
  const ink = (x0: number, y0: number, x1: number, y1: number, v = 40) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img.data[y * img.width + x] = v;
  };
  for (const y of ys) ink(xs[0], y, xs[4] + 2, y + 2);
  for (let i = 0; i < xs.length; i++) {
    const inner = i >= 2 && i <= 3;
    ink(xs[i], inner ? ys[1] : ys[0], xs[i] + 2, ys[3] + 2);
  }
  // "Text": strokes shorter than a ruling, inside cells.
  ink(150, 140, 175, 143); ink(160, 130, 163, 160); ink(350, 240, 380, 243); ink(500, 330, 503, 356);
  return img;
}

describe('OCR geometry', () => {
  it('finds the skew of rotated rulings', () => {
    const img = rotate(drawTable(), 0.8);
    const skew = estimateSkew(img);
    expect(Math.abs(Math.abs(skew) - 0.8)).toBeLessThan(0.06);
    // Rotating by the estimate levels the page again.
    expect(Math.abs(estimateSkew(rotate(img, skew)))).toBeLessThan(0.06);
  });

  it('builds the grid with a merged cell where the inner lines are missing, ignoring text strokes', () => {
    const img = rotate(rotate(drawTable(), 0.8), estimateSkew(rotate(drawTable(), 0.8)));
    const mask = binarize(img, inkThreshold(img));
    const p = rulingParams(DPI);
    const tables = buildTables(horizontalRulings(mask, img.width, img.height, p), verticalRulings(mask, img.width, img.height, p), 6);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t.ys).toHaveLength(4);
    expect(t.xs).toHaveLength(5);
    const merged = t.cells.find((c) => c.row === 0 && c.col === 1)!;
    expect(merged).toMatchObject({ rowSpan: 1, colSpan: 3 });
    expect(t.cells).toHaveLength(2 + 2 * 4);
  });

  it('turns a page by quarter turns', () => {
    const img = makeGray(3, 2, 0);
    img.data.set([1, 2, 3, 4, 5, 6]);
    const cw = rotateQuarter(img, 90);
    expect([cw.width, cw.height]).toEqual([2, 3]);
    expect([...cw.data]).toEqual([4, 1, 5, 2, 6, 3]);
    expect([...rotateQuarter(img, 180).data]).toEqual([6, 5, 4, 3, 2, 1]);
    expect([...rotateQuarter(rotateQuarter(img, 90), 270).data]).toEqual([...img.data]);
  });

  it('does not make a table out of text alone', () => {
    const img = makeGray(600, 300, 250);
    for (let k = 0; k < 12; k++) for (let y = 100; y < 103; y++) for (let x = 40 + k * 40; x < 66 + k * 40; x++) img.data[y * img.width + x] = 30;
    const mask = binarize(img, inkThreshold(img));
    const p = rulingParams(DPI);
    expect(buildTables(horizontalRulings(mask, img.width, img.height, p), verticalRulings(mask, img.width, img.height, p), 6)).toEqual([]);
  });
});
