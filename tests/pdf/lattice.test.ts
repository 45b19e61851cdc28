import type { Glyph, Segment } from '../../src/readers/pdf/content';
import { latticeTables } from '../../src/readers/pdf/lattice';
import { closeOpenEdges, mergeSegments } from '../../src/readers/pdf/rulings';

const h = (y: number, x0: number, x1: number): Segment => ({ x0, x1, y0: y, y1: y });
const v = (x: number, y0: number, y1: number): Segment => ({ x0: x, x1: x, y0, y1 });
const glyph = (ch: string, x: number, y: number): Glyph => ({ ch, x0: x, y0: y, x1: x + 8, y1: y + 8, size: 8, vertical: false, turn: 0 });

describe('rulings and lattice', () => {
  test('collinear pieces (borders drawn per cell) merge into one line; separate lines stay apart', () => {
    const merged = mergeSegments([h(10, 0, 50), h(10.4, 50.5, 100), h(10, 150, 200), h(40, 0, 100)], true);
    expect(merged.map((s) => [Math.round(s.y0), s.x0, s.x1])).toEqual([[10, 0, 100], [10, 150, 200], [40, 0, 100]]);
  });

  test('a missing inner line makes a merged cell', () => {
    // 3 x 3 grid; the line between (0,1) and (0,2) is missing, and between rows 1 and 2 in column 0.
    const hs = [h(0, 0, 90), h(10, 0, 90), h(20, 30, 90), h(30, 0, 90)];
    const vs = [v(0, 0, 30), v(30, 0, 30), v(60, 10, 30), v(90, 0, 30)];
    const glyphs = new Set([glyph('A', 5, 1), glyph('B', 40, 1), glyph('C', 5, 15), glyph('1', 35, 11), glyph('2', 65, 21)]);
    const [grid] = latticeTables(hs, vs, glyphs, 1);
    const t = grid.table;
    expect(t.rows.map((r) => r.map((c) => c?.text))).toEqual([['A', 'B', 'B'], ['C', '1', ''], ['C', '', '2']]);
    expect(t.rows[0][1]).toBe(t.rows[0][2]);
    expect(t.rows[0][1]).toMatchObject({ colSpan: 2, rowSpan: 1, col: 1 });
    expect(t.rows[1][0]).toMatchObject({ rowSpan: 2, colSpan: 1, bbox: { x0: 0, y0: 10, x1: 30, y1: 30 } });
    expect(glyphs.size).toBe(0); // every glyph went into a cell
  });

  test('verticals ending together where no line is drawn close the last row (cells drawing only their top and left border)', () => {
    // Two rows ruled at 0 and 10; the second row has no bottom line, its verticals all stop at 20.
    const vs = [v(0, 0, 20), v(30, 0, 20), v(60, 0, 20), v(90, 0, 20)];
    const hs = closeOpenEdges([h(0, 0, 90), h(10, 0, 90)], vs);
    expect(hs.map((s) => [s.y0, s.x0, s.x1])).toEqual([[0, 0, 90], [10, 0, 90], [20, 0, 90]]);
    const glyphs = new Set([glyph('A', 5, 1), glyph('B', 35, 1), glyph('C', 65, 1), glyph('D', 5, 11), glyph('1', 35, 11), glyph('2', 65, 11)]);
    const [grid] = latticeTables(hs, vs, glyphs, 1);
    expect(grid.table.rows.map((r) => r.map((c) => c?.text))).toEqual([['A', 'B', 'C'], ['D', '1', '2']]);
    // A drawn line there, or fewer than three verticals ending together, adds nothing.
    expect(closeOpenEdges([h(0, 0, 90), h(20, 0, 90)], vs)).toHaveLength(2);
    expect(closeOpenEdges([h(0, 0, 90)], [v(0, 0, 20), v(30, 0, 20)])).toHaveLength(1);
  });

  test('rulings running past the last crossing line close an undrawn outer border', () => {
    // No top line: the verticals start 12pt above the first horizontal (a continued table).
    const hs = [h(12, 0, 60), h(24, 0, 60)];
    const vs = [v(0, 0, 24), v(30, 0, 24), v(60, 0, 24)];
    const [grid] = latticeTables(hs, vs, new Set([glyph('x', 5, 2), glyph('y', 35, 14)]), 1);
    expect(grid.table.rows.map((r) => r.map((c) => c?.text))).toEqual([['x', ''], ['', 'y']]);
  });

  test('a lone box or underline is no table', () => {
    expect(latticeTables([h(0, 0, 100)], [], new Set(), 1)).toEqual([]);
    expect(latticeTables([h(0, 0, 100), h(20, 0, 100)], [v(0, 0, 20), v(100, 0, 20)], new Set(), 1)).toEqual([]);
  });
});
