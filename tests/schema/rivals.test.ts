import type { Cell } from '../../src/model';
import { CellSink } from '../../src/schema/mapping';

const cell = (text: string, alternatives?: string[]): Cell => ({ id: 0, text, row: 0, col: 0, rowSpan: 1, colSpan: 1, page: 1, confidence: 0.5, ...(alternatives ? { alternatives } : {}) });
const put = (c: Cell) => { const sink = new CellSink(0); sink.put('t2.licensing.decisions', c, '行政许可', '本年处理决定数量'); return sink.cells['t2.licensing.decisions']; };

describe('OCR rival readings of a value cell', () => {
  it('a rival that is not a value (dust, a seal stroke read as a character) is no rival', () => {
    const v = put(cell('120', ['限120', '0,']));
    expect(v.value).toBe(120);
    expect(v.alternatives).toBeUndefined();
    expect(v.lowConfidence).toBe(true); // still unsure: confidence 0.5
  });

  it('a rival number or a printed blank stays a rival', () => {
    expect(put(cell('120', ['20', '—'])).alternatives).toEqual([20, null]);
  });
});
