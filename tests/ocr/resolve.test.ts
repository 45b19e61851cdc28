import { resolveOcrAlternatives } from '../../src/checks/resolve';
import type { CellValue } from '../../src/model';
import { T3_COLUMNS, T3_ROWS } from '../../src/schema/fields';

/** A full 2021 table 三 of zeros except the natural_person / total columns, all consistent. */
function table3(): Record<string, CellValue> {
  const cells: Record<string, CellValue> = {};
  for (const r of T3_ROWS.filter((x) => x.versions.includes('2021'))) {
    for (const c of T3_COLUMNS) cells[`t3.${r.key}.${c.key}`] = { value: 0, raw: '0', rowLabel: r.key, columnLabel: c.key };
  }
  const set = (row: string, v: number) => { for (const col of ['natural_person', 'total']) cells[`t3.${row}.${col}`] = { ...cells[`t3.${row}.${col}`], value: v, raw: String(v) }; };
  set('new_received', 14); set('granted', 7); set('partially_granted', 1); set('unavailable.not_held', 3); set('unavailable.needs_creation', 2); set('not_processed.petition_complaint', 1); set('total_processed', 14);
  return cells;
}

describe('identities choosing between OCR readings', () => {
  it('chooses the only reading that satisfies the identities, with a warning naming the rivals', () => {
    const cells = table3();
    cells['t3.granted.natural_person'] = { ...cells['t3.granted.natural_person'], value: 1, raw: '1', alternatives: [7], lowConfidence: true };
    const msgs = resolveOcrAlternatives(cells);
    expect(cells['t3.granted.natural_person'].value).toBe(7);
    expect(cells['t3.granted.natural_person'].lowConfidence).toBe(true);
    expect(msgs).toHaveLength(1);
    expect(msgs[0].code).toBe('ocr-choice');
    expect(msgs[0].message).toMatch(/1 \/ 7/);
  });

  it('leaves a cell null with a warning when no identity settles it', () => {
    const cells = table3();
    // Two uncertain cells in the same identities: neither can be settled alone.
    cells['t3.granted.natural_person'] = { ...cells['t3.granted.natural_person'], value: 1, alternatives: [7] };
    cells['t3.granted.total'] = { ...cells['t3.granted.total'], value: 1, alternatives: [7] };
    const msgs = resolveOcrAlternatives(cells);
    expect(msgs.some((m) => m.code === 'ocr-unsettled' && m.field === 't3.granted.natural_person')).toBe(true);
    expect(cells['t3.granted.natural_person'].value).toBeNull();
  });

  it('leaves cells without alternatives alone', () => {
    const cells = table3();
    expect(resolveOcrAlternatives(cells)).toEqual([]);
    expect(cells['t3.granted.natural_person'].value).toBe(7);
  });
});
