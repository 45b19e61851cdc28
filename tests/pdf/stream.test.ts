import type { Glyph } from '../../src/readers/pdf/content';
import { toLines } from '../../src/readers/pdf/lines';
import { streamTables } from '../../src/readers/pdf/stream';

/** Glyphs of `text` from x at line top y (size 10: CJK 10 wide, digits 6). */
const word = (text: string, x: number, y: number): Glyph[] => {
  const out: Glyph[] = [];
  for (const ch of text) { const w = /[\u3400-\u9fff]/.test(ch) ? 10 : 6; out.push({ ch, x0: x, y0: y, x1: x + w, y1: y + 10, size: 10, vertical: false, turn: 0 }); x += w; }
  return out;
};
const texts = (glyphs: Glyph[]) => streamTables(toLines(glyphs), 1).tables.map((t) => t.table.rows.map((r) => r.map((c) => c?.text ?? '')));

describe('stream tables with narrow cells (no rulings)', () => {
  // Header words stacked a character per line (pitch 12); values centred in their rows, so a value
  // wrapped over two lines sits half a pitch above and below its row's line.
  const header = [...word('甲', 100, 0), ...word('丙', 130, 0), ...word('乙', 100, 12), ...word('丁', 130, 12)];

  it('a value wrapped in its cell is one value, its halves joined top to bottom', () => {
    const glyphs = [
      ...header,
      ...word('30', 100, 34), ...word('行一', 10, 40), ...word('+5', 130, 40), ...word('0', 103, 46),
      ...word('行二', 10, 70), ...word('7', 100, 70), ...word('12', 130, 64), ...word('00', 130, 76),
    ];
    expect(texts(glyphs)).toEqual([[['', '甲乙', '丙丁'], ['行一', '300', '+5'], ['行二', '7', '1200']]]);
  });

  it('a number alone on a line a row apart is not joined to the row above', () => {
    // Rows 30 apart, far more than the header's wrapped-line pitch.
    const glyphs = [...header, ...word('行一', 10, 40), ...word('3', 100, 40), ...word('5', 130, 40), ...word('行二', 10, 70), ...word('7', 100, 70), ...word('8', 130, 70), ...word('9', 100, 100)];
    const [t] = texts(glyphs);
    expect(t.find((r) => r[0] === '行二')).toEqual(['行二', '7', '8']);
    expect(t.some((r) => r.includes('79') || r.includes('7 9'))).toBe(false);
  });
});
